/**
 * Sign in, the one-time password, the home page, the language switch, the 404 page and sign out,
 * in Chromium against the real service.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Serveur } from '../server/harness.js';
import {
  captures,
  cliquerEtAttendre,
  lancerNavigateur,
  nouvellePage,
  remplir,
  sansViolationAxe,
  seConnecter,
  serveurWeb,
  texteContenu,
} from './navigateur.js';

let serveur: Serveur;
let navigateur: Browser;
let page: Page;

beforeAll(async () => {
  [serveur, navigateur] = await Promise.all([serveurWeb(), lancerNavigateur()]);
  page = await nouvellePage(navigateur);
}, 120_000);

afterAll(async () => {
  await navigateur.close();
  await serveur.stop();
});

describe('pages de session', () => {
  it('renvoie vers la connexion, signale une erreur d’identifiants à côté du formulaire', async () => {
    const r = await page.goto(`${serveur.url}/bailleurs/552046484`);
    expect(new URL(page.url()).pathname).toBe('/connexion');
    expect(r?.status()).toBe(200);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Connexion');
    expect(await sansViolationAxe(page)).toEqual([]);
    await captures(page, 'connexion');
    await remplir(page, 'email', 'personne@exemple.fr');
    await remplir(page, 'mot_de_passe', 'pas le bon mot de passe');
    await cliquerEtAttendre(page, 'form.formulaire button[type=submit]');
    expect(await page.$eval('[role=alert]', (a) => a.textContent)).toContain(
      'Adresse ou mot de passe incorrect.',
    );
    // The address typed is kept, the password is not.
    expect(await page.$eval('#champ-email', (i) => (i as HTMLInputElement).value)).toBe(
      'personne@exemple.fr',
    );
    expect(await page.$eval('#champ-mot_de_passe', (i) => (i as HTMLInputElement).value)).toBe('');
    expect(await sansViolationAxe(page)).toEqual([]);
  });

  it('impose le changement du mot de passe à usage unique, puis ramène à la page demandée', async () => {
    await seConnecter(page, serveur, 'bailleur:552046484');
    // `suite` survived both forms: the page first asked for.
    expect(new URL(page.url()).pathname).toBe('/');
    const texte = await texteContenu(page);
    expect(texte).toContain('Vos organisations');
    expect(texte).toContain('552046484');
    const liens = await page.$$eval('nav a', (as) => as.map((a) => a.getAttribute('href')));
    expect(liens).toContain('/bailleurs/552046484');
    expect(liens).toContain('/conventions');
    expect(await sansViolationAxe(page)).toEqual([]);
    await captures(page, 'accueil');
  });

  it('refuse un nouveau mot de passe trop court, l’erreur à côté du champ', async () => {
    await page.goto(`${serveur.url}/mot-de-passe`);
    await remplir(page, 'actuel', 'un mot de passe assez long');
    await remplir(page, 'nouveau', 'court');
    await cliquerEtAttendre(page, 'form.formulaire button[type=submit]');
    const erreur = await page.$eval('#champ-nouveau', (i) => ({
      invalide: i.getAttribute('aria-invalid'),
      decrit: i.getAttribute('aria-describedby') ?? '',
    }));
    expect(erreur.invalide).toBe('true');
    const id = erreur.decrit.split(' ').find((x) => x.startsWith('erreur-nouveau'));
    expect(id).toBeDefined();
    expect(await page.$eval(`#${id ?? ''}`, (p) => p.textContent)).toMatch(/12/);
    expect(await sansViolationAxe(page)).toEqual([]);
  });

  it('passe en anglais et s’en souvient', async () => {
    await page.goto(`${serveur.url}/?lang=en`);
    expect(await page.$eval('html', (h) => h.lang)).toBe('en');
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Home');
    await page.goto(`${serveur.url}/`);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Home');
    await page.goto(`${serveur.url}/?lang=fr`);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Accueil');
  });

  it('répond une page 404 qui ne dit rien de plus', async () => {
    const r = await page.goto(`${serveur.url}/pas/une/page`);
    expect(r?.status()).toBe(404);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Page introuvable');
    expect(await sansViolationAxe(page)).toEqual([]);
  });

  it('refuse un formulaire sans le jeton anti-CSRF de la session par une page, pas du JSON', async () => {
    await page.goto(`${serveur.url}/`);
    const r = await page.evaluate(async () => {
      const rep = await fetch('/mot-de-passe', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'actuel=x&nouveau=y',
      });
      return { status: rep.status, type: rep.headers.get('content-type'), html: await rep.text() };
    });
    expect(r.status).toBe(403);
    expect(r.type).toMatch(/^text\/html/);
    expect(r.html).toContain('Ce formulaire n’est plus valable');
  });

  it('refuse une connexion postée depuis un autre site (login CSRF), pas celle du site même', async () => {
    const corps = new URLSearchParams({
      email: 'admin@convflux.local',
      mot_de_passe: serveur.motDePasseAdmin ?? '',
    }).toString();
    const poster = (entetes: Record<string, string>) =>
      fetch(`${serveur.url}/connexion`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...entetes },
        body: corps,
      });
    // What a browser says of a form posted by a page of another site (Sec-Fetch-Site), or, a
    // browser that does not send it, the other site's Origin.
    for (const entetes of <Record<string, string>[]>[
      { 'sec-fetch-site': 'cross-site', origin: 'http://autre-site.example' },
      { 'sec-fetch-site': 'same-site', origin: 'null' },
      { origin: 'http://autre-site.example' },
    ]) {
      const r = await poster(entetes);
      expect(r.status).toBe(403);
      expect(r.headers.getSetCookie()).toEqual([]);
      expect(await r.text()).toContain('Ce formulaire n’est plus valable');
    }
    // The same credentials from the site itself, or from a client that sends neither: signed in.
    for (const entetes of <Record<string, string>[]>[
      { 'sec-fetch-site': 'same-origin', origin: 'null' },
      { origin: serveur.url },
      {},
    ]) {
      const r = await poster(entetes);
      expect(r.status).toBe(303);
      expect(r.headers.getSetCookie().join(' ')).toMatch(/convflux/i);
    }
  });

  it('se parcourt au clavier : le lien d’évitement mène au contenu', async () => {
    await page.goto(`${serveur.url}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contenu');
  });

  it('déconnecte et n’ouvre plus rien ensuite', async () => {
    await page.goto(`${serveur.url}/`);
    await cliquerEtAttendre(page, 'header form button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/connexion');
    await page.goto(`${serveur.url}/`);
    expect(new URL(page.url()).pathname).toBe('/connexion');
  });
});
