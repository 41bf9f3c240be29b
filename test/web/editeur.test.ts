/**
 * The draft editor of conventions in Chromium against the real service: a negotiator of the
 * bailleur opens Montreuil's draft, types an error, sees it underlined at its line (the line
 * number beside the underline, the diagnostic listed at the same line), fixes it, sees the
 * diagnostic go and the preview change, saves the draft; the same form works without
 * JavaScript; another réservataire gets the 404 page. Zero axe violations throughout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';
import type { Serveur } from '../server/harness.js';
import {
  captures,
  cliquerEtAttendre,
  contexteWeb,
  type ContexteWeb,
  ligneSoulignee,
  remplacerDansEditeur,
  sansViolationAxe,
  seConnecter,
} from './navigateur.js';

const CID = '93-552046484-montreuil';
const BROUILLON = `/conventions/${CID}/brouillon`;
/** The example's Montreuil v1 (a draft, `statut: projet`), as `serve --exemple` loads it. */
const TEXTE = readFileSync(
  join(repoRoot, 'rules/conventions/93/552046484/montreuil/v1.yaml'),
  'utf8',
);
/** The first `part: 0.15` (the flux's part): its 1-based line. */
const LIGNE = TEXTE.split('\n').findIndex((l) => l.trim() === 'part: 0.15') + 1;

let ctx: ContexteWeb;
let serveur: Serveur;
let navigateur: Browser;
let page: Page;
/** The bailleur's password once its one-time password is changed. */
let motDePasse: string | undefined;

beforeAll(async () => {
  ctx = await contexteWeb();
  ({ serveur, navigateur, page } = ctx);
}, 120_000);

afterAll(() => ctx.fermer());

const etatApercu = (p: Page) => p.$eval('#apercu-etat', (e) => e.textContent);
/** The preview's text (its markup and styles left out). */
const apercu = (p: Page) =>
  p.$eval('#apercu-cadre', (e) =>
    (e as HTMLIFrameElement).srcdoc
      .replace(/<style[\s\S]*?<\/style>/g, '')
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' '),
  );

describe('éditeur de projet de convention', () => {
  it('souligne l’erreur tapée à sa ligne, l’efface une fois corrigée, met l’aperçu à jour', async () => {
    expect(LIGNE).toBeGreaterThan(1);
    motDePasse = await seConnecter(page, serveur, 'bailleur:552046484');
    const r = await page.goto(`${serveur.url}${BROUILLON}`);
    expect(r?.status()).toBe(200);
    await page.waitForSelector('html[data-editeur=pret] .cm-content');
    expect(await page.$eval('textarea#yaml', (z) => getComputedStyle(z).display)).toBe('none');
    await page.waitForFunction(
      () => document.querySelector('#apercu-etat')?.textContent === 'Aperçu à jour.',
    );
    const avant = await apercu(page);
    expect(avant).toContain('15 % (quinze pour cent)');
    expect(await sansViolationAxe(page)).toEqual([]);
    await captures(page, 'editeur');

    await remplacerDansEditeur(page, 'part: 0.15', 'part: 0,15');
    await page.waitForSelector('.cm-lintRange-error');
    expect(await page.$eval('.cm-lintRange-error', (e) => e.textContent)).toBe('0,15');
    expect(await ligneSoulignee(page)).toBe(String(LIGNE));
    const listee = await page.$eval('#diagnostics-liste li.diagnostic-error', (li) => ({
      ligne: (li as HTMLElement).dataset['ligne'],
      texte: li.textContent,
    }));
    expect(listee.ligne).toBe(String(LIGNE));
    expect(listee.texte).toContain(`Ligne ${String(LIGNE)}, colonne`);
    expect(listee.texte).toMatch(/séparateur décimal est le point/);
    expect(await etatApercu(page)).toBe('Aperçu non mis à jour : le texte a des erreurs.');
    expect(await sansViolationAxe(page)).toEqual([]);
    await captures(page, 'editeur-erreur');

    await remplacerDansEditeur(page, 'part: 0,15', 'part: 0.2');
    await page.waitForFunction(() => !document.querySelector('.cm-lintRange-error'));
    await page.waitForFunction(
      () => document.querySelector('#apercu-etat')?.textContent === 'Aperçu à jour.',
    );
    expect(await page.$eval('#diagnostics-liste', (l) => l.textContent)).not.toMatch(
      /séparateur décimal/,
    );
    const apres = await apercu(page);
    expect(apres).not.toBe(avant);
    expect(apres).toContain('20 % (vingt pour cent)');

    // Saved as the draft through the API: the stored text is the one typed.
    await cliquerEtAttendre(page, 'form.formulaire-editeur button[type=submit]');
    expect(new URL(page.url()).searchParams.get('enregistre')).toBe('1');
    expect(await page.$eval('[role=status].alerte', (e) => e.textContent)).toBe(
      'Projet enregistré.',
    );
    const stocke = await page.evaluate(
      async (cid) => (await fetch(`/api/conventions/${cid}/versions/1.yaml`)).text(),
      CID,
    );
    expect(stocke).toBe(TEXTE.replace('part: 0.15', 'part: 0.2'));
  }, 120_000);

  it('enregistre et signale les erreurs sans JavaScript, avec le même contrôle', async () => {
    const sansJs = await (await navigateur.createBrowserContext()).newPage();
    motDePasse = await seConnecter(sansJs, serveur, 'bailleur:552046484', motDePasse);
    // The page without its script (as with JavaScript off, or the bundle not loaded).
    await sansJs.setRequestInterception(true);
    sansJs.on('request', (q) => {
      if (q.url().includes('/assets/js/')) void q.abort();
      else void q.continue();
    });
    await sansJs.goto(`${serveur.url}${BROUILLON}`);
    expect(await sansJs.$eval('textarea#yaml', (z) => getComputedStyle(z).display)).not.toBe(
      'none',
    );
    const texte = await sansJs.$eval('textarea#yaml', (z) => z.value);
    await sansJs.$eval(
      'textarea#yaml',
      (z, v) => {
        z.value = v;
      },
      texte.replace(/part: 0\.(\d+)/, 'part: 0,$1'),
    );
    const rep = await Promise.all([
      sansJs.waitForNavigation(),
      sansJs.click('form.formulaire-editeur button[type=submit]'),
    ]);
    expect(rep[0]?.status()).toBe(400);
    const li = await sansJs.$eval('#diagnostics-liste li.diagnostic-error', (e) => ({
      ligne: (e as HTMLElement).dataset['ligne'],
      texte: e.textContent,
    }));
    expect(li.ligne).toBe(String(LIGNE));
    expect(li.texte).toMatch(/séparateur décimal est le point/);
    // The text typed is kept in the form; nothing was stored.
    expect(await sansJs.$eval('textarea#yaml', (z) => z.value)).toMatch(/part: 0,\d+/);
    expect(await sansViolationAxe(sansJs)).toEqual([]);
    await sansJs.close();
  }, 60_000);

  it('ouvre un nouveau projet pour un bailleur × réservataire, vérifié dès l’ouverture', async () => {
    const nouveau = await (await navigateur.createBrowserContext()).newPage();
    motDePasse = await seConnecter(nouveau, serveur, 'bailleur:552046484', motDePasse);
    const r = await nouveau.goto(
      `${serveur.url}/conventions/nouveau?departement=93&bailleur=552046484&reservataire=bobigny`,
    );
    expect(r?.status()).toBe(200);
    await nouveau.waitForSelector('html[data-editeur=pret] .cm-content');
    expect(await nouveau.$eval('textarea#yaml', (z) => z.value)).toContain(
      'id: 93-552046484-bobigny',
    );
    // The outline is incomplete (names to fill in): the check says where, as for any draft.
    await nouveau.waitForSelector('#diagnostics-liste li.diagnostic-error');
    expect(await sansViolationAxe(nouveau)).toEqual([]);
    await nouveau.close();
  }, 60_000);

  it('ne montre rien du projet d’un autre réservataire (404)', async () => {
    const autre = await (await navigateur.createBrowserContext()).newPage();
    await seConnecter(autre, serveur, 'reservataire:etat-93');
    const r = await autre.goto(`${serveur.url}${BROUILLON}`);
    expect(r?.status()).toBe(404);
    expect(await autre.$eval('main', (m) => m.innerText)).not.toContain('part:');
    await autre.close();
  }, 60_000);
});
