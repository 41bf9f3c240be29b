/**
 * The conventions pages in Chromium against the real service: the list and its filters (the
 * API's counts), a convention's text (the PDF's, read back), its diff (the API's changes), the
 * avenant, the PDF a signer downloads, and a réservataire who sees only its own conventions.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers.js';
import { pdfPageTexts } from '../pdf-text.js';
import type { Serveur } from '../server/harness.js';
import {
  captures,
  cliquerEtAttendre,
  lancerNavigateur,
  nouvellePage,
  sansViolationAxe,
  seConnecter,
  serveurWeb,
} from './navigateur.js';

const ETAT = '93-552046484-etat-93';
const EXEMPLES = join(repoRoot, 'rules/conventions/93/552046484');

let serveur: Serveur;
let navigateur: Browser;
let page: Page;

beforeAll(async () => {
  [serveur, navigateur] = await Promise.all([serveurWeb(), lancerNavigateur()]);
  page = await nouvellePage(navigateur);
  await seConnecter(page, serveur, 'bailleur:552046484');
}, 120_000);

afterAll(async () => {
  await navigateur.close();
  await serveur.stop();
});

/** A request with the browser page's own session (cookie, and its CSRF token for writes). */
async function requete(p: Page, chemin: string, init: RequestInit = {}): Promise<Response> {
  const cookies = await p.browserContext().cookies();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = await p
    .$eval('meta[name=csrf-token]', (m) => m.getAttribute('content') ?? '')
    .catch(() => '');
  return fetch(new URL(chemin, serveur.url), {
    ...init,
    headers: { cookie, 'x-csrf-token': csrf, ...(init.headers as Record<string, string>) },
  });
}

async function json<T>(p: Page, chemin: string): Promise<T> {
  const r = await requete(p, chemin);
  expect(r.status, chemin).toBe(200);
  return (await r.json()) as T;
}

interface Liste {
  conventions: { id: string; reservataire: string }[];
}

const lignes = (p: Page) =>
  p.$$eval('table.cv-liste tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-convention')));

/** The file name of an attachment (Content-Disposition), else undefined. */
function piecejointe(r: Response): string | undefined {
  const m = /^attachment; filename="?([^";]+)"?$/.exec(r.headers.get('content-disposition') ?? '');
  return m?.[1];
}

/** Words only: the PDF and the HTML agree on the words, not on spaces and line breaks. */
const mots = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\u00ad]/g, '')
    .replace(/\s+/g, '');

describe('pages des conventions', () => {
  it('liste les conventions que le compte voit, filtrées comme par l’API', async () => {
    await page.goto(`${serveur.url}/conventions`);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Conventions');
    const toutes = await json<Liste>(page, '/api/conventions');
    expect(toutes.conventions.length).toBeGreaterThan(1);
    expect(await lignes(page)).toEqual(toutes.conventions.map((c) => c.id));
    // The État 93 convention: its two versions, the one in force (v1, signed, in effect from
    // 1 January 2024) and the draft in preparation (v2).
    const etat = await page.$eval(`tr[data-convention="${ETAT}"]`, (tr) => tr.textContent ?? '');
    expect(etat).toMatch(/v1\s*\(Signée\)/);
    expect(etat).toMatch(/v2\s*\(Projet\)/);
    expect(etat).toMatch(/v1\s*v2 en préparation/);
    expect(etat).toContain('1 janvier 2024');
    expect(await sansViolationAxe(page)).toEqual([]);
    await captures(page, 'conventions-liste');

    // The GET form, without script: choose a réservataire, submit.
    await page.select('#filtre-reservataire', 'etat-93');
    await cliquerEtAttendre(page, 'form.cv-filtres button[type=submit]');
    expect(new URL(page.url()).searchParams.get('reservataire')).toBe('etat-93');
    const filtree = await json<Liste>(page, '/api/conventions?reservataire=etat-93');
    expect(filtree.conventions.length).toBe(1);
    expect(await lignes(page)).toEqual(filtree.conventions.map((c) => c.id));
    expect(await page.$eval('#cv-nombre', (p) => p.textContent)).toBe('1 convention');
    // A département: the count is the API's.
    await page.goto(`${serveur.url}/conventions?departement=93`);
    const dep = await json<Liste>(page, '/api/conventions?departement=93');
    expect(await lignes(page)).toEqual(dep.conventions.map((c) => c.id));
    await page.goto(`${serveur.url}/conventions?bailleur=999999999`);
    expect(await lignes(page)).toEqual([]);
    expect(await page.$eval('main', (m) => m.textContent)).toContain(
      'Aucune convention ne correspond',
    );
    expect(await sansViolationAxe(page)).toEqual([]);
  });

  it('montre le texte de la convention, le même que celui du PDF téléchargé', async () => {
    await page.goto(`${serveur.url}/conventions/${ETAT}/versions/1`);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe(`Convention ${ETAT}, version 1`);
    const cadre = page.frames().find((f) => f.url().endsWith(`/versions/1/texte`));
    if (!cadre) throw new Error('pas de cadre du texte');
    await cadre.waitForSelector('#article-6');
    const articles = await cadre.$$eval('section.article', (ss) =>
      ss.map((s) => ({ id: s.id, texte: s.innerText })),
    );
    expect(articles.length).toBeGreaterThan(5);
    // The PDF through the page's own link: an attachment named after the version.
    const href = await page.$eval('.cv-actions a[href$="/pdf"]', (a) => a.getAttribute('href'));
    expect(href).toBe(`/conventions/${ETAT}/versions/1/pdf`);
    const r = await requete(page, href ?? '');
    expect(r.status).toBe(200);
    expect(piecejointe(r)).toBe(`${ETAT}-v1.pdf`);
    const pdf = Buffer.from(await r.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const textePdf = mots((await pdfPageTexts(pdf, { joiner: '' })).join(''));
    for (const id of ['article-1', 'article-3', 'article-6', 'article-9']) {
      const a = articles.find((x) => x.id === id);
      if (!a) throw new Error(`pas de ${id}`);
      // The article's title and its first 200 characters of text, word for word.
      const debut = mots(a.texte).slice(0, 200);
      expect(debut.length).toBeGreaterThan(50);
      expect(textePdf, id).toContain(debut);
    }
    // The contents: each article's anchor, opening it in the text's frame.
    const lien = await page.$eval('li#article-6 a', (a) => ({
      href: a.getAttribute('href'),
      cible: a.getAttribute('target'),
    }));
    expect(lien).toEqual({
      href: `/conventions/${ETAT}/versions/1/texte#article-6`,
      cible: 'cv-texte-convention',
    });
    await page.click('li#article-6 a');
    await cadre.waitForFunction(() => location.hash === '#article-6');
    // Signatures: the two parties of the signed v1, with the entry into force.
    const signatures = await page.$$eval('table.cv-signatures tbody th', (ths) =>
      ths.map((th) => th.textContent),
    );
    expect(signatures).toEqual(['le bailleur', 'le réservataire']);
    expect(await page.$eval('#suivi-signatures + p', (p) => p.textContent)).toMatch(/En vigueur/);
    expect(await sansViolationAxe(page)).toEqual([]);
    await captures(page, 'conventions-version');
  }, 120_000);

  it('montre la différence sémantique v1 → v2 de l’État 93, changement par changement', async () => {
    // The convention's address opens the version in force; the draft has its own address.
    await page.goto(`${serveur.url}/conventions/${ETAT}`);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe(`Convention ${ETAT}, version 1`);
    await page.goto(`${serveur.url}/conventions/${ETAT}/versions/2`);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe(`Convention ${ETAT}, version 2`);
    // A draft the account may edit: the link to the editor.
    expect(
      await page.$eval('.cv-actions a[href$="/brouillon"]', (a) => a.textContent?.trim()),
    ).toBe('Modifier le brouillon');
    await cliquerEtAttendre(page, 'a[href$="diff?de=1&a=2"]');
    const api = await json<{
      comparaison: { changements: { pointeur: string; articles?: string[] }[] };
    }>(page, `/api/conventions/${ETAT}/diff?de=1&a=2`);
    const attendus = api.comparaison.changements.map((c) => c.pointeur);
    expect(attendus.length).toBeGreaterThan(0);
    const vus = await page.$$eval('table.cv-diff tbody tr', (trs) =>
      trs.map((tr) => tr.getAttribute('data-pointeur')),
    );
    expect(vus).toEqual(attendus);
    const ponderation = await page.$eval(
      'tr[data-pointeur="/decompte/ponderation/orientation"]',
      (tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()),
    );
    expect(ponderation).toEqual(['article 6', 'modifiée', '0,5', '0,25']);
    // The article links to its anchor in the new version's text.
    expect(
      await page.$eval('tr[data-pointeur="/decompte/ponderation/orientation"] td a', (a) =>
        a.getAttribute('href'),
      ),
    ).toBe(`/conventions/${ETAT}/versions/2#article-6`);
    expect(await sansViolationAxe(page)).toEqual([]);
    await captures(page, 'conventions-diff');
  }, 60_000);

  it('montre l’avenant et le donne en PDF', async () => {
    await page.goto(`${serveur.url}/conventions/${ETAT}/avenant?de=1&a=2`);
    const cadre = page.frames().find((f) => f.url().includes('/avenant/texte?de=1&a=2'));
    if (!cadre) throw new Error('pas de cadre de l’avenant');
    await cadre.waitForSelector('body');
    expect(await cadre.$eval('body', (b) => b.innerText)).toMatch(/[Aa]venant/);
    const href = await page.$eval('a[href*="/avenant/pdf"]', (a) => a.getAttribute('href'));
    const r = await requete(page, href ?? '');
    expect(r.status).toBe(200);
    expect(piecejointe(r)).toBe(`${ETAT}-avenant-v1-v2.pdf`);
    const pdf = Buffer.from(await r.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await pdfPageTexts(pdf, { joiner: ' ' })).join(' ')).toMatch(/[Aa]venant/);
    expect(await sansViolationAxe(page)).toEqual([]);
    await captures(page, 'conventions-avenant');
  }, 120_000);

  it('donne au signataire le PDF à signer d’une version arrêtée', async () => {
    // The bailleur freezes v2 (sealed by convflux seal) through the API, with its session.
    await page.goto(`${serveur.url}/conventions/${ETAT}/versions/2`);
    const put = await requete(page, `/api/conventions/${ETAT}/versions/2`, {
      method: 'PUT',
      body: scellerV2(),
      headers: { 'content-type': 'application/yaml' },
    });
    expect(put.status, await put.clone().text()).toBe(200);
    await page.goto(`${serveur.url}/conventions/${ETAT}/versions/2`);
    expect(await page.$('.cv-actions a[href$="/brouillon"]')).toBeNull();
    const lien = await page.$eval('#cv-pdf-a-signer', (a) => ({
      href: a.getAttribute('href'),
      texte: a.textContent?.trim(),
    }));
    // A version 2 prints as a consolidated text without signature fields: the avenant is signed.
    expect(lien).toEqual({
      href: `/conventions/${ETAT}/avenant/pdf?de=1&a=2`,
      texte: 'Télécharger l’avenant à signer (PDF)',
    });
    const r = await requete(page, lien.href ?? '');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(piecejointe(r)).toBe(`${ETAT}-avenant-v1-v2.pdf`);
    expect(
      Buffer.from(await r.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(await page.$eval('#suivi-signatures + p', (p) => p.textContent)).toContain(
      'Reste à signer : le bailleur, le réservataire',
    );
    expect(await sansViolationAxe(page)).toEqual([]);
  }, 120_000);

  describe('un réservataire', () => {
    let contexte: BrowserContext;
    let prefecture: Page;
    beforeAll(async () => {
      contexte = await navigateur.createBrowserContext();
      prefecture = await contexte.newPage();
      prefecture.setDefaultTimeout(30_000);
      await seConnecter(prefecture, serveur, 'reservataire:etat-93');
    }, 60_000);
    afterAll(async () => {
      await contexte.close();
    });

    it('ne voit que ses conventions et reçoit la page 404 sur celle d’un autre', async () => {
      await prefecture.goto(`${serveur.url}/conventions`);
      const api = await json<Liste>(prefecture, '/api/conventions');
      expect(api.conventions.map((c) => c.reservataire)).toEqual(['etat-93']);
      expect(await lignes(prefecture)).toEqual([ETAT]);
      // The filters offer nothing of others either.
      const options = await prefecture.$$eval('#filtre-reservataire option', (os) =>
        os.map((o) => o.getAttribute('value')),
      );
      expect(options).toEqual(['', 'etat-93']);
      for (const chemin of [
        '/conventions/93-552046484-montreuil',
        '/conventions/93-552046484-montreuil/versions/1',
        '/conventions/93-552046484-montreuil/versions/1/pdf',
        '/conventions/93-552046484-montreuil/diff?de=1&a=1',
        '/conventions/pas-une-convention',
      ]) {
        const r = await prefecture.goto(`${serveur.url}${chemin}`);
        expect(r?.status(), chemin).toBe(404);
        expect(await prefecture.$eval('h1', (h) => h.textContent)).toBe('Page introuvable');
      }
      expect(await sansViolationAxe(prefecture)).toEqual([]);
    }, 60_000);

    it('signataire de sa partie, télécharge l’avenant à signer ; la page se lit en anglais', async () => {
      await prefecture.goto(`${serveur.url}/conventions/${ETAT}/versions/2?lang=en`);
      expect(await prefecture.$eval('h1', (h) => h.textContent)).toBe(
        `Agreement ${ETAT}, version 2`,
      );
      const lien = await prefecture.$eval('#cv-pdf-a-signer', (a) => ({
        href: a.getAttribute('href'),
        texte: a.textContent?.trim(),
      }));
      expect(lien).toEqual({
        href: `/conventions/${ETAT}/avenant/pdf?de=1&a=2`,
        texte: 'Download the amendment to sign (PDF)',
      });
      expect(await prefecture.$eval('#suivi-signatures + p', (p) => p.textContent)).toContain(
        'Still to sign: the landlord, the reservation holder',
      );
      const r = await requete(prefecture, lien.href ?? '');
      expect(piecejointe(r)).toBe(`${ETAT}-avenant-v1-v2.pdf`);
      expect(
        Buffer.from(await r.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      expect(await sansViolationAxe(prefecture)).toEqual([]);
      await prefecture.goto(`${serveur.url}/conventions?lang=fr`);
    }, 120_000);
  });
});

/** The État 93 v2 frozen (`statut: arretee`) and sealed by `convflux seal`, v1 beside it. */
function scellerV2(): string {
  const dir = join(
    mkdtempSync(join(tmpdir(), 'convflux-web-')),
    'conventions/93/552046484/etat-93',
  );
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'v1.yaml'), readFileSync(join(EXEMPLES, 'etat-93/v1.yaml')));
  const v2 = readFileSync(join(EXEMPLES, 'etat-93/v2.yaml'), 'utf8');
  writeFileSync(join(dir, 'v2.yaml'), v2.replace(/^statut: projet.*$/m, 'statut: arretee'));
  const r = runCli(['seal', join(dir, 'v2.yaml')]);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  return readFileSync(join(dir, 'v2.yaml'), 'utf8');
}
