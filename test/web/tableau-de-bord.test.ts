/**
 * The bailleur's dashboard and the réservataire's view in Chromium against `convflux serve
 * --exemple`: the numbers shown are `convflux evaluate --json` on the example files (the CLI run
 * as a process), the year defaults to the example's, charts carry their text alternative and
 * table, zero axe violations at both widths; a réservataire sees its own figures only and gets
 * the 404 page on another's address.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Serveur } from '../server/harness.js';
import {
  captures,
  lancerNavigateur,
  nouvellePage,
  sansViolationAxe,
  seConnecter,
  serveurWeb,
} from './navigateur.js';

const RACINE = join(import.meta.dirname, '..', '..');
const EXEMPLE = join(RACINE, 'test', 'fixtures', 'exemple-93');

interface ConventionCli {
  id: string;
  departement: string;
  bailleur: { siren: string };
  reservataire: { id: string };
  du: number;
  realise: number;
  taux: number | null;
  objectifs: { nature: string; cible: number; realise: number }[];
}

/** The year of the example's last event (the dashboard's default year). */
const ANNEE = readFileSync(join(EXEMPLE, 'evenements.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(',')[1] ?? '')
  .sort()
  .at(-1)
  ?.slice(0, 4);

/** `convflux evaluate --json` on the example files, as a process. */
function evaluer(): ConventionCli[] {
  const r = spawnSync(
    process.execPath,
    [
      join(RACINE, 'bin', 'convflux.js'),
      'evaluate',
      '--rules',
      'rules',
      '--parc',
      join(EXEMPLE, 'logements.csv'),
      '--events',
      join(EXEMPLE, 'evenements.csv'),
      '--annee',
      ANNEE ?? '',
      '--json',
    ],
    { cwd: RACINE, encoding: 'utf8' },
  );
  if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
  return (JSON.parse(r.stdout) as { conventions: ConventionCli[] }).conventions;
}

const fr = (n: number, decimales: number) =>
  new Intl.NumberFormat('fr-FR', { maximumFractionDigits: decimales }).format(n);
const pct = (x: number | null) => (x === null ? '—' : `${fr(x * 100, 1)}\u202f%`);

/** The figures row by row of the main table, as shown. */
function lignesAffichees(page: Page) {
  return page.$$eval('#tableau-conventions tbody tr', (trs) =>
    trs.map((tr) => ({
      convention: tr.getAttribute('data-convention') ?? '',
      du: tr.querySelector('[data-champ=du]')?.textContent ?? '',
      realise: tr.querySelector('[data-champ=realise]')?.textContent ?? '',
      taux: tr.querySelector('[data-champ=taux]')?.textContent ?? '',
    })),
  );
}
const attendues = (cs: ConventionCli[]) =>
  cs.map((c) => ({
    convention: c.id,
    du: fr(c.du, 2),
    realise: fr(c.realise, 2),
    taux: pct(c.taux),
  }));

let serveur: Serveur;
let navigateur: Browser;
let cli: ConventionCli[];

beforeAll(async () => {
  [serveur, navigateur] = await Promise.all([serveurWeb(), lancerNavigateur()]);
  cli = evaluer();
}, 120_000);

afterAll(async () => {
  await navigateur.close();
  await serveur.stop();
});

describe('tableau de bord et vue réservataire', () => {
  it('montre au bailleur les chiffres de convflux evaluate, l’année de l’exemple par défaut', async () => {
    const page = await nouvellePage(navigateur);
    await seConnecter(page, serveur, 'bailleur:552046484');
    const r = await page.goto(`${serveur.url}/bailleurs/552046484`);
    expect(r?.status()).toBe(200);
    expect(await page.$eval('#champ-annee', (s) => (s as HTMLSelectElement).value)).toBe(ANNEE);
    expect(await page.$eval('#champ-departement', (s) => (s as HTMLSelectElement).value)).toBe(
      '93',
    );
    const siennes = cli.filter((c) => c.bailleur.siren === '552046484' && c.departement === '93');
    expect(siennes.length).toBeGreaterThan(3);
    expect(await lignesAffichees(page)).toEqual(attendues(siennes));
    // Every chart: an image with its text alternative, and the table of its numbers.
    const graphiques = await page.$$eval('.bloc-graphique', (bs) =>
      bs.map((b) => ({
        alt: b.querySelector('svg[role=img]')?.getAttribute('aria-label') ?? '',
        lignes: b.querySelectorAll('details table tbody tr').length,
      })),
    );
    expect(graphiques.length).toBe(siennes.length + 3);
    for (const g of graphiques) {
      expect(g.alt.length).toBeGreaterThan(40);
      expect(g.lignes).toBeGreaterThan(0);
    }
    const plancher = siennes
      .flatMap((c) => c.objectifs)
      .find((o) => o.nature === 'plancher_hors_qpv');
    expect(
      await page.$$eval('#tableau-hors-qpv tbody td', (tds) =>
        tds.slice(0, 2).map((td) => td.textContent),
      ),
    ).toEqual([fr(plancher?.cible ?? NaN, 2), fr(plancher?.realise ?? NaN, 2)]);
    expect(await sansViolationAxe(page)).toEqual([]);
    await captures(page, 'tableau-de-bord');
    // Another year through the selector: the form's own address.
    await page.select('#champ-annee', String(Number(ANNEE) - 1));
    await Promise.all([page.waitForNavigation(), page.click('.filtres-tableau button')]);
    expect(new URL(page.url()).searchParams.get('annee')).toBe(String(Number(ANNEE) - 1));
    expect(await page.$eval('h1', (h) => h.textContent)).toContain('Tableau de bord');
    await page.close();
  });

  it('ne montre au réservataire que ses chiffres, et la page 404 ailleurs', async () => {
    const contexte = await navigateur.createBrowserContext();
    const page = await contexte.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await seConnecter(page, serveur, 'reservataire:etat-93');
    const r = await page.goto(`${serveur.url}/reservataires/etat-93`);
    expect(r?.status()).toBe(200);
    const siennes = cli.filter((c) => c.reservataire.id === 'etat-93');
    expect(await lignesAffichees(page)).toEqual(attendues(siennes));
    const html = await page.content();
    for (const autre of ['est-ensemble', 'action-logement', '-montreuil', '-saint-denis'])
      expect(html).not.toContain(autre);
    expect(await page.$$eval('a[href*="/bilan/"]', (as) => as.length)).toBeGreaterThan(0);
    expect(await sansViolationAxe(page)).toEqual([]);
    await captures(page, 'vue-reservataire');
    for (const chemin of ['/reservataires/saint-denis', '/bailleurs/552046484']) {
      const x = await page.goto(`${serveur.url}${chemin}`);
      expect(x?.status(), chemin).toBe(404);
      expect(await page.$eval('h1', (h) => h.textContent)).toBe('Page introuvable');
    }
    expect(await sansViolationAxe(page)).toEqual([]);
    await contexte.close();
  });
});
