/**
 * « Mon compte » and the administration pages, in Chromium against the real service: the admin
 * creates an organisation (a wrong SIREN refused beside the field) and an account, adds it as a
 * member with the keyboard only; the new member signs in with the one-time password shown, sees
 * only its organisation, is refused /admin, makes and revokes an API token; an organisation's
 * `administrer` member manages its members; permissions changed and a member removed.
 */
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comptes } from '../server/exemple-comptes.js';
import { MOT_DE_PASSE, type Serveur } from '../server/harness.js';
import {
  captures,
  cliquerEtAttendre,
  ETROIT,
  LARGE,
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
let admin: Page;
let prive: BrowserContext;
let membre: Page;

/** A SIREN absent from the example, with its right check digit. */
const SIREN = '130005481';
const ORGANISATION = `bailleur:${SIREN}`;
const PAGE_ORGANISATION = `/admin/organisations/${encodeURIComponent(ORGANISATION)}`;
const EMAIL = 'nouvelle.membre@exemple.fr';
let provisoire = '';

beforeAll(async () => {
  [serveur, navigateur] = await Promise.all([serveurWeb(), lancerNavigateur()]);
  admin = await nouvellePage(navigateur);
  prive = await navigateur.createBrowserContext();
  membre = await prive.newPage();
  membre.setDefaultTimeout(30_000);
  await seConnecter(admin, serveur, 'admin');
}, 120_000);

afterAll(async () => {
  await navigateur.close();
  await serveur.stop();
});

const chemin = (p: Page) => new URL(p.url()).pathname;
const titre = (p: Page) => p.$eval('h1', (h) => h.textContent.trim());
const valeur = (p: Page, sel: string) => p.$eval(sel, (i) => (i as HTMLInputElement).value);
const coches = (p: Page, sel: string) =>
  p.$$eval(sel, (is) => (is as HTMLInputElement[]).filter((i) => i.checked).map((i) => i.value));

/** What the API itself answers to this body, called from the page with its session. */
function reponseApi(p: Page, methode: string, url: string, corps: unknown) {
  return p.evaluate(
    async (m, u, c) => {
      const csrf = document.querySelector('meta[name=csrf-token]')?.getAttribute('content') ?? '';
      const r = await fetch(u, {
        method: m,
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': csrf,
          'accept-language': document.documentElement.lang,
        },
        body: JSON.stringify(c),
      });
      return {
        status: r.status,
        body: (await r.json()) as { diagnostics: { message: string; pointer: string }[] },
      };
    },
    methode,
    url,
    corps,
  );
}

/** At 375 px the page does not scroll sideways (wide tables scroll in their own frame). */
async function largeurEtroite(p: Page): Promise<number> {
  await p.setViewport(ETROIT);
  const l = await p.evaluate(() => document.documentElement.scrollWidth);
  await p.setViewport(LARGE);
  return l;
}

/** Presses Tab until the element matching `sel` has the focus (a keyboard user's way). */
async function tabulerJusqua(p: Page, sel: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await p.keyboard.press('Tab');
    if (await p.evaluate((s) => document.activeElement?.matches(s) ?? false, sel)) return;
  }
  throw new Error(`${sel} jamais atteint au clavier sur ${p.url()}`);
}

describe('administration', () => {
  it('montre les organisations et les comptes du service à l’administrateur', async () => {
    await admin.goto(`${serveur.url}/admin`);
    expect(await titre(admin)).toBe('Administration');
    const lignes = await admin.$$eval('table', (ts) =>
      ts.map((t) => ({
        legende: t.caption?.textContent ?? '',
        lignes: [...t.querySelectorAll('tbody tr > :first-child')].map((c) => c.textContent.trim()),
      })),
    );
    // Independently: what the API lists to the same administrator.
    const orgs = await admin.evaluate(async () => {
      const r = await fetch('/api/organisations');
      return ((await r.json()) as { organisations: { nom: string }[] }).organisations;
    });
    expect(lignes[0]?.lignes.sort()).toEqual(orgs.map((o) => o.nom).sort());
    expect(lignes[1]?.lignes).toContain('admin@convflux.local');
    expect(await admin.$$eval('th[scope]', (ths) => ths.length)).toBeGreaterThan(0);
    expect(await sansViolationAxe(admin)).toEqual([]);
    await captures(admin, 'admin');
  });

  it('refuse un SIREN faux : l’erreur de l’API à côté du champ, rien de ce qui a été tapé perdu', async () => {
    await admin.goto(`${serveur.url}/admin/organisations/nouvelle`);
    expect(await sansViolationAxe(admin)).toEqual([]);
    await captures(admin, 'admin-organisation-nouvelle');
    const faux = '552046485';
    await admin.select('#champ-type', 'bailleur');
    await remplir(admin, 'identifiant', faux);
    await remplir(admin, 'nom', 'Habitat Essai');
    await cliquerEtAttendre(admin, 'form.formulaire button[type=submit]');
    const api = await reponseApi(admin, 'POST', '/api/organisations', {
      type: 'bailleur',
      identifiant: faux,
      nom: 'Habitat Essai',
    });
    expect(api.status).toBe(400);
    const attendu = api.body.diagnostics.find((d) => d.pointer === '/identifiant')?.message;
    expect(attendu).toBeDefined();
    const champ = await admin.$eval('#champ-identifiant', (i) => ({
      invalide: i.getAttribute('aria-invalid'),
      decrit: (i.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean),
    }));
    expect(champ.invalide).toBe('true');
    const textes = await Promise.all(
      champ.decrit.map((id) => admin.$eval(`#${id}`, (e) => e.textContent)),
    );
    expect(textes).toContain(attendu);
    expect(await valeur(admin, '#champ-identifiant')).toBe(faux);
    expect(await valeur(admin, '#champ-nom')).toBe('Habitat Essai');
    expect(await valeur(admin, '#champ-type')).toBe('bailleur');
    expect(await sansViolationAxe(admin)).toEqual([]);
    await captures(admin, 'admin-organisation-erreur');

    await remplir(admin, 'identifiant', SIREN);
    await cliquerEtAttendre(admin, 'form.formulaire button[type=submit]');
    expect(chemin(admin)).toBe(PAGE_ORGANISATION);
    expect(await titre(admin)).toBe('Habitat Essai');
    expect(await admin.$eval('[role=status]', (s) => s.textContent)).toContain(
      'L’organisation a été créée',
    );
  });

  it('crée un compte et montre une fois son mot de passe à usage unique', async () => {
    await admin.goto(`${serveur.url}/admin/comptes/nouveau`);
    expect(await sansViolationAxe(admin)).toEqual([]);
    await captures(admin, 'admin-compte-nouveau');
    await remplir(admin, 'email', EMAIL);
    await remplir(admin, 'nom', 'Nouvelle Membre');
    await cliquerEtAttendre(admin, 'form.formulaire button[type=submit]');
    expect(await titre(admin)).toBe('Compte créé');
    provisoire = await valeur(admin, '#mot-de-passe-provisoire');
    expect(provisoire.length).toBeGreaterThanOrEqual(12);
    expect(await texteContenu(admin)).toContain(EMAIL);
    expect(await sansViolationAxe(admin)).toEqual([]);
    await captures(admin, 'admin-compte-cree');
    // Shown once: the account list says nothing of it.
    await admin.goto(`${serveur.url}/admin`);
    expect(await admin.content()).not.toContain(provisoire);
    expect(await texteContenu(admin)).toContain(EMAIL);
  });

  it('ajoute le membre au clavier seulement, avec ses permissions', async () => {
    await admin.goto(`${serveur.url}${PAGE_ORGANISATION}`);
    expect(await texteContenu(admin)).toContain('Cette organisation n’a aucun membre.');
    await tabulerJusqua(admin, '#champ-email');
    await admin.keyboard.type(EMAIL);
    await tabulerJusqua(admin, '#champ-permissions-saisir');
    await admin.keyboard.press('Space');
    await tabulerJusqua(admin, '#formulaire-membre button[type=submit]');
    await Promise.all([admin.waitForNavigation(), admin.keyboard.press('Enter')]);
    expect(await admin.$eval('[role=status]', (s) => s.textContent)).toContain(
      'Le membre a été ajouté',
    );
    const lignes = await admin.$$eval('table.membres tbody tr', (rs) =>
      rs.map((r) => r.querySelector('th')?.textContent ?? ''),
    );
    expect(lignes).toHaveLength(1);
    expect(lignes[0]).toContain(EMAIL);
    expect(await coches(admin, 'table.membres tbody input[type=checkbox]')).toEqual([
      'lire',
      'saisir',
    ]);
    expect(await sansViolationAxe(admin)).toEqual([]);
    expect(await largeurEtroite(admin)).toBeLessThanOrEqual(ETROIT.width);
    await captures(admin, 'admin-organisation');
  });

  it('un compte inconnu est signalé à côté de l’adresse, les cases restent cochées', async () => {
    await admin.goto(`${serveur.url}${PAGE_ORGANISATION}`);
    await remplir(admin, 'email', 'personne@exemple.fr');
    await admin.click('#champ-permissions-signer');
    await cliquerEtAttendre(admin, '#formulaire-membre button[type=submit]');
    expect(await admin.$eval('#champ-email', (i) => i.getAttribute('aria-invalid'))).toBe('true');
    expect(await valeur(admin, '#champ-email')).toBe('personne@exemple.fr');
    expect(await coches(admin, '#champ-permissions input')).toEqual(['lire', 'signer']);
    expect(await sansViolationAxe(admin)).toEqual([]);
  });
});

describe('le nouveau membre', () => {
  it('se connecte avec le mot de passe à usage unique, le change, ne voit que son organisation', async () => {
    await membre.goto(`${serveur.url}/connexion`);
    await remplir(membre, 'email', EMAIL);
    await remplir(membre, 'mot_de_passe', provisoire);
    await cliquerEtAttendre(membre, 'form.formulaire button[type=submit]');
    expect(chemin(membre)).toBe('/mot-de-passe');
    await remplir(membre, 'actuel', provisoire);
    await remplir(membre, 'nouveau', MOT_DE_PASSE);
    await cliquerEtAttendre(membre, 'form.formulaire button[type=submit]');
    expect(chemin(membre)).toBe('/');
    const groupes = await membre.$$eval('nav .nav-groupe', (gs) => gs.map((g) => g.textContent));
    // Named as the organisation was created, its SIREN after the name.
    expect(groupes).toEqual([`Bailleur Habitat Essai ${SIREN}`, 'Général']);
    const liens = await membre.$$eval('nav a', (as) => as.map((a) => a.getAttribute('href')));
    expect(liens.filter((h) => h?.startsWith('/bailleurs/'))).toEqual(
      liens.filter((h) => h?.startsWith(`/bailleurs/${SIREN}`)),
    );
    expect(liens).not.toContain('/admin');
  });

  it('reçoit la page 403 de l’API sur /admin', async () => {
    const r = await membre.goto(`${serveur.url}/admin`);
    const api = await membre.evaluate(async () => (await fetch('/api/comptes')).status);
    expect(r?.status()).toBe(api);
    expect(api).toBe(403);
    expect(await titre(membre)).toBe('Action non autorisée');
    expect(await sansViolationAxe(membre)).toEqual([]);
    for (const f of ['/admin/organisations/nouvelle', '/admin/comptes/nouveau'])
      expect((await membre.goto(`${serveur.url}${f}`))?.status()).toBe(403);
    // Not an administrer of its organisation: the members page is refused too.
    const o = await membre.goto(`${serveur.url}${PAGE_ORGANISATION}`);
    expect(o?.status()).toBe(403);
  });

  it('crée un jeton d’API qui marche, puis le révoque et il ne marche plus', async () => {
    await membre.goto(`${serveur.url}/compte`);
    expect(await titre(membre)).toBe('Mon compte');
    const texte = await texteContenu(membre);
    expect(texte).toContain(EMAIL);
    expect(texte).toContain(SIREN);
    expect(texte).toContain('Aucun jeton d’API en vigueur.');
    expect(await sansViolationAxe(membre)).toEqual([]);
    await remplir(membre, 'nom', 'tableur du service');
    await cliquerEtAttendre(membre, '#formulaire-jeton button[type=submit]');
    const jeton = await valeur(membre, '#nouveau-jeton');
    expect(jeton).not.toBe('');
    expect(
      await membre.$$eval('table.jetons tbody th', (ths) => ths.map((t) => t.textContent)),
    ).toEqual(['tableur du service']);
    expect(await sansViolationAxe(membre)).toEqual([]);
    expect(await largeurEtroite(membre)).toBeLessThanOrEqual(ETROIT.width);
    await captures(membre, 'compte');

    const moi = () =>
      fetch(`${serveur.url}/api/moi`, { headers: { authorization: `Bearer ${jeton}` } });
    const avant = await moi();
    expect(avant.status).toBe(200);
    expect(((await avant.json()) as { email: string }).email).toBe(EMAIL);

    await membre.goto(`${serveur.url}/compte`);
    expect(await membre.content()).not.toContain(jeton);
    await cliquerEtAttendre(membre, 'table.jetons tbody button[type=submit]');
    expect(await membre.$eval('[role=status]', (s) => s.textContent)).toContain(
      'Le jeton a été révoqué',
    );
    expect(await texteContenu(membre)).toContain('Aucun jeton d’API en vigueur.');
    expect((await moi()).status).toBe(401);
  });

  it('un nom de jeton vide est refusé à côté du champ', async () => {
    await membre.goto(`${serveur.url}/compte`);
    await cliquerEtAttendre(membre, '#formulaire-jeton button[type=submit]');
    expect(await membre.$eval('#champ-nom', (i) => i.getAttribute('aria-invalid'))).toBe('true');
    expect(await sansViolationAxe(membre)).toEqual([]);
  });
});

describe('les permissions d’un membre', () => {
  it('se changent, sont refusées vides (erreur sur la ligne), et le membre se retire', async () => {
    await admin.goto(`${serveur.url}${PAGE_ORGANISATION}`);
    const cases = 'table.membres tbody tr:first-child input[type=checkbox]';
    for (const v of ['lire', 'saisir']) await admin.click(`${cases}[value=${v}]`);
    await cliquerEtAttendre(admin, 'table.membres tbody tr:first-child form:first-of-type button');
    expect(await admin.$eval(`${cases}[value=lire]`, (i) => i.getAttribute('aria-invalid'))).toBe(
      'true',
    );
    expect(await texteContenu(admin)).toMatch(/permissions/i);
    expect(await sansViolationAxe(admin)).toEqual([]);

    await admin.click(`${cases}[value=signer]`);
    await cliquerEtAttendre(admin, 'table.membres tbody tr:first-child form:first-of-type button');
    expect(await admin.$eval('[role=status]', (s) => s.textContent)).toContain(
      'Les permissions ont été enregistrées.',
    );
    expect(await coches(admin, cases)).toEqual(['signer']);
    // The member's own page says the same.
    await membre.goto(`${serveur.url}/compte`);
    expect(await texteContenu(membre)).toContain('Signer');

    await admin.goto(`${serveur.url}${PAGE_ORGANISATION}`);
    await cliquerEtAttendre(admin, 'table.membres tbody tr:first-child form:last-of-type button');
    expect(await admin.$eval('[role=status]', (s) => s.textContent)).toContain(
      'Le membre a été retiré',
    );
    expect(await texteContenu(admin)).toContain('Cette organisation n’a aucun membre.');
    await membre.goto(`${serveur.url}/`);
    expect(await membre.$$eval('nav .nav-groupe', (gs) => gs.map((g) => g.textContent))).toEqual([
      'Général',
    ]);
  });

  it('le membre « administrer » d’un bailleur gère ses membres, pas le reste', async () => {
    await prive.close();
    prive = await navigateur.createBrowserContext();
    membre = await prive.newPage();
    await seConnecter(membre, serveur, 'bailleur:552046484');
    await membre.goto(`${serveur.url}/compte`);
    await cliquerEtAttendre(membre, 'a[href="/admin/organisations/bailleur%3A552046484"]');
    expect(chemin(membre)).toBe('/admin/organisations/bailleur%3A552046484');
    const [email] = comptes(serveur.sortie()).get('bailleur:552046484') ?? [];
    expect(await texteContenu(membre)).toContain(email);
    expect(await sansViolationAxe(membre)).toEqual([]);
    expect((await membre.goto(`${serveur.url}/admin`))?.status()).toBe(403);
    expect((await membre.goto(`${serveur.url}${PAGE_ORGANISATION}`))?.status()).toBe(404);
  });

  it('parle anglais sur demande', async () => {
    await admin.goto(`${serveur.url}/admin?lang=en`);
    expect(await titre(admin)).toBe('Administration');
    expect(await admin.$eval('caption', (c) => c.textContent)).toBe('The service’s organisations');
    await admin.goto(`${serveur.url}/compte`);
    expect(await titre(admin)).toBe('My account');
    await admin.goto(`${serveur.url}/compte?lang=fr`);
    expect(await titre(admin)).toBe('Mon compte');
  });
});
