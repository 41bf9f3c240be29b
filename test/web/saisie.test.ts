/**
 * Saisie and imports in Chromium against the real service on the example: the bailleur records
 * the cycle of a freed flat up to a CALEOL attribution and the figures move; a bad date is shown
 * beside its field with every value kept; an anomalous event is recorded only when confirmed; an
 * import with one bad row (form posted without JavaScript) lists the row and imports nothing; the
 * notes of a file's reading (the sheet of a workbook read) are shown with its import; a good import (with the progress bar) goes through.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Serveur } from '../server/harness.js';
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

const SIREN = '552046484';
/** A flat of the example whose last cycle ended with a lease (E00020, 2025-01-03). */
const LOGEMENT = '93-552046484-00586';
/** A flat let on 2025-12-07 (E00344): free for a new cycle afterwards. */
const AUTRE = '93-552046484-00220';
/** A flat let on 2025-12-12 (E00347). */
const ANOMAL = '93-552046484-00534';
const SOUMETTRE = 'form.formulaire button[type=submit]';
const RACINE = join(import.meta.dirname, '..', '..');
const BUNDLE = join(RACINE, 'dist', 'web', 'assets', 'js', 'import.js');

let serveur: Serveur;
let navigateur: Browser;
let page: Page;
const dossier = mkdtempSync(join(tmpdir(), 'convflux-saisie-'));

/** The browser script, bundled as `npm run build` does when this checkout has not yet. */
async function bundleImport(): Promise<void> {
  if (existsSync(BUNDLE)) return;
  await build({
    entryPoints: [join(RACINE, 'src', 'web', 'client', 'import.ts')],
    outfile: BUNDLE,
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    logLevel: 'warning',
  });
}

beforeAll(async () => {
  await bundleImport();
  [serveur, navigateur] = await Promise.all([serveurWeb(), lancerNavigateur()]);
  page = await nouvellePage(navigateur);
  await seConnecter(page, serveur, `bailleur:${SIREN}`);
}, 120_000);

afterAll(async () => {
  await navigateur.close();
  await serveur.stop();
});

/** A GET of the API with the page's own session. */
function apiGet<T>(chemin: string): Promise<T> {
  return page.evaluate(async (c) => {
    const r = await fetch(c);
    if (!r.ok) throw new Error(`${c} : ${String(r.status)}`);
    return (await r.json()) as unknown;
  }, chemin) as Promise<T>;
}

interface Evenement {
  id: string;
  type: string;
  date: string;
  decision?: string;
  classement: string;
}

const nombreEvenements = async () =>
  (await apiGet<{ evenements: unknown[] }>(`/api/bailleurs/${SIREN}/evenements`)).evenements.length;

interface Convention {
  reservataire: { id: string };
  attributions: number;
  decisions_caleol: { attribution: number };
}

async function chiffresEtat93(): Promise<Convention> {
  const f = await apiGet<{ conventions: Convention[] }>(
    `/api/bailleurs/${SIREN}/departements/93/figures?annee=2025`,
  );
  const c = f.conventions.find((x) => x.reservataire.id === 'etat-93');
  if (!c) throw new Error('pas de convention etat-93');
  return c;
}

const saisie = (type: string, logement: string) =>
  `${serveur.url}/bailleurs/${SIREN}/saisie?type=${type}&logement=${logement}`;

/** Fills and sends one saisie form; returns the success box's text. */
async function saisir(
  type: string,
  logement: string,
  date: string,
  choix: Record<string, string> = {},
  textes: Record<string, string> = {},
): Promise<string> {
  await page.goto(saisie(type, logement));
  await remplir(page, 'date', date);
  for (const [nom, v] of Object.entries(textes)) await remplir(page, nom, v);
  for (const [nom, v] of Object.entries(choix)) await page.select(`#champ-${nom}`, v);
  await cliquerEtAttendre(page, SOUMETTRE);
  const ok = await page.$('#enregistre');
  if (!ok) throw new Error(`${type} non enregistré : ${await texteContenu(page)}`);
  return ok.evaluate((e) => e.textContent);
}

/** The page's width at 375 px: no horizontal scrolling of the whole page. */
async function largeurEtroite(): Promise<number> {
  await page.setViewport(ETROIT);
  const l = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.setViewport(LARGE);
  return l;
}

const valeur = (sel: string) => page.$eval(sel, (e) => (e as HTMLInputElement).value);

describe('saisie', () => {
  it('enregistre une décision de la CALEOL ; elle est dans les événements du logement et les chiffres bougent', async () => {
    await saisir('liberation', LOGEMENT, '2025-12-01');
    await saisir('orientation', LOGEMENT, '2025-12-02', { reservataire: 'etat-93' });
    const designation = await saisir(
      'designation',
      LOGEMENT,
      '2025-12-03',
      { reservataire: 'etat-93' },
      { candidats: '3' },
    );
    expect(designation).toContain('valide');
    const avant = await chiffresEtat93();

    const texte = await saisir('caleol', LOGEMENT, '2025-12-05', { decision: 'attribution' });
    expect(texte).toContain('Décision de la CALEOL');
    expect(texte).toContain('valide');
    expect(await page.$eval('#enregistre a', (a) => a.getAttribute('href'))).toBe(
      `/bailleurs/${SIREN}/logements/${LOGEMENT}`,
    );

    const { evenements } = await apiGet<{ evenements: Evenement[] }>(
      `/api/bailleurs/${SIREN}/logements/${LOGEMENT}`,
    );
    const caleol = evenements.filter((e) => e.type === 'caleol' && e.date === '2025-12-05');
    expect(caleol).toHaveLength(1);
    expect(caleol[0]?.decision).toBe('attribution');
    expect(caleol[0]?.classement).toBe('valide');

    // One more CALEOL attribution for etat-93's convention, nothing else of its counts changed.
    const apres = await chiffresEtat93();
    expect(apres.decisions_caleol.attribution).toBe(avant.decisions_caleol.attribution + 1);
    expect(apres.attributions).toBe(avant.attributions + 1);

    expect(await sansViolationAxe(page)).toEqual([]);
    expect(await largeurEtroite()).toBeLessThanOrEqual(ETROIT.width);
    await captures(page, 'saisie');
  });

  it('montre une date erronée à côté de son champ et garde les autres valeurs', async () => {
    const n = await nombreEvenements();
    await page.goto(saisie('refus', LOGEMENT));
    await remplir(page, 'date', '2025-02-30');
    await page.select('#champ-par', 'candidat');
    await page.select('#champ-reservataire', 'etat-93');
    await cliquerEtAttendre(page, SOUMETTRE);

    const champ = await page.$eval('#champ-date', (i) => ({
      invalide: i.getAttribute('aria-invalid'),
      decrit: (i.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean),
    }));
    expect(champ.invalide).toBe('true');
    const id = champ.decrit.find((x) => x.startsWith('erreur-date'));
    expect(id).toBeDefined();
    const message = await page.$eval(`#${id ?? ''}`, (p) => p.textContent);
    expect(message).toContain('2025-02-30');
    // The error sits in the date field's block, and no other field is marked.
    expect(
      await page.$eval(`#${id ?? ''}`, (p) => p.closest('.champ')?.querySelector('input')?.id),
    ).toBe('champ-date');
    expect(await page.$$eval('[aria-invalid=true]', (es) => es.map((e) => e.id))).toEqual([
      'champ-date',
    ]);
    expect(await valeur('#champ-date')).toBe('2025-02-30');
    expect(await valeur('#champ-logement')).toBe(LOGEMENT);
    expect(await valeur('#champ-par')).toBe('candidat');
    expect(await valeur('#champ-reservataire')).toBe('etat-93');
    expect(await page.$eval('#erreurs a', (a) => a.getAttribute('href'))).toBe('#champ-date');
    expect(await nombreEvenements()).toBe(n);
    expect(await sansViolationAxe(page)).toEqual([]);
    expect(await largeurEtroite()).toBeLessThanOrEqual(ETROIT.width);
    await captures(page, 'saisie-erreur');
  });

  it('signale un événement anomal et ne l’enregistre qu’une fois confirmé', async () => {
    const n = await nombreEvenements();
    // A let flat: a designation without an orientation in course.
    await page.goto(saisie('designation', ANOMAL));
    await remplir(page, 'date', '2025-12-20');
    await page.select('#champ-reservataire', 'etat-93');
    await cliquerEtAttendre(page, SOUMETTRE);
    expect(await page.$eval('#anomalie', (a) => a.textContent)).toContain(
      'sans orientation en cours',
    );
    expect(await nombreEvenements()).toBe(n);
    expect(await valeur('#champ-date')).toBe('2025-12-20');
    expect(await sansViolationAxe(page)).toEqual([]);
    expect(await largeurEtroite()).toBeLessThanOrEqual(ETROIT.width);
    await captures(page, 'saisie-anomalie');
    await cliquerEtAttendre(page, 'button[name=confirmer]');
    expect(await page.$eval('#enregistre', (e) => e.textContent)).toContain('anomalie');
    expect(await nombreEvenements()).toBe(n + 1);
  });

  it('se lit en anglais', async () => {
    await page.goto(`${saisie('caleol', LOGEMENT)}&lang=en`);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Record an event');
    expect(await page.$eval('label[for=champ-decision]', (l) => l.textContent)).toContain(
      'Committee decision',
    );
    await page.goto(`${saisie('caleol', LOGEMENT)}&lang=fr`);
  });
});

/** Chooses the file of the import form. */
async function choisirFichier(chemin: string): Promise<void> {
  const input = await page.$('input[type=file]');
  if (!input) throw new Error('pas de champ fichier');
  await input.uploadFile(chemin);
}

const ENTETE = 'id,date,type,logement,reservataire,motif,decision,par,candidats';

describe('imports', () => {
  it('sans JavaScript : une ligne erronée est listée avec sa ligne et son motif, rien n’est importé', async () => {
    const fichier = join(dossier, 'evenements-faux.csv');
    writeFileSync(
      fichier,
      [
        ENTETE,
        `I1,2025-12-20,liberation,${AUTRE},,,,,`,
        `I2,2025-13-02,orientation,${AUTRE},etat-93,,,,`,
        '',
      ].join('\n'),
    );
    const n = await nombreEvenements();
    await page.setJavaScriptEnabled(false);
    try {
      await page.goto(`${serveur.url}/bailleurs/${SIREN}/imports`);
      await page.select('#champ-nature', 'evenements');
      await choisirFichier(fichier);
      await cliquerEtAttendre(page, SOUMETTRE);
    } finally {
      await page.setJavaScriptEnabled(true);
    }
    expect(new URL(page.url()).searchParams.get('import')).toBeTruthy();
    expect(await page.$eval('#resultat', (r) => r.textContent)).toContain('rien n’a été importé');
    const rejets = await page.$$eval('table.sai-rejets tbody tr', (trs) =>
      trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())),
    );
    expect(rejets).toHaveLength(1);
    expect(rejets[0]?.[0]).toBe('3');
    expect(rejets[0]?.[1]).toContain('2025-13-02');
    expect(await nombreEvenements()).toBe(n);
    // The past imports list it as refused.
    expect(
      await page.$eval('#caption-historique', (c) => c.closest('table')?.textContent),
    ).toContain('refusé');
    expect(await sansViolationAxe(page)).toEqual([]);
    expect(await largeurEtroite()).toBeLessThanOrEqual(ETROIT.width);
    await captures(page, 'imports-rejete');
  });

  it('montre les remarques de la lecture du fichier (la feuille lue d’un classeur), gardées avec l’import', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notice').addRow(['Mouvements du 1er trimestre']);
    const ws = wb.addWorksheet('Mouvements 2025');
    ws.addRow(ENTETE.split(','));
    ws.addRow(['K1', '2025-13-20', 'liberation', AUTRE]);
    const fichier = join(dossier, 'mouvements.xlsx');
    await wb.xlsx.writeFile(fichier);
    await page.goto(`${serveur.url}/bailleurs/${SIREN}/imports`);
    await page.select('#champ-nature', 'evenements');
    await choisirFichier(fichier);
    await cliquerEtAttendre(page, SOUMETTRE);
    expect(await page.$eval('#resultat', (r) => r.textContent)).toContain('rien n’a été importé');
    const remarques = async () =>
      page.$$eval('#resultat ul.sai-remarques li', (lis) =>
        lis.map((li) => (li.textContent ?? '').trim()),
      );
    const attendu = [
      'Classeur de 2 feuilles : seule la feuille « Mouvements 2025 » est lue. TABLE_XLSX_FEUILLE',
    ];
    expect(await remarques()).toEqual(attendu);
    expect(await page.$eval('#titre-remarques', (h) => h.textContent)).toBe(
      'Remarques sur la lecture du fichier',
    );
    // In the page's language (French), not the browser's (Chromium asks en-US): with JavaScript
    // the file goes straight to the API, which kept the notes in English.
    // Read again later from the service (the page of the import, not the upload's answer).
    await page.goto(page.url());
    expect(await remarques()).toEqual(attendu);
    expect(await sansViolationAxe(page)).toEqual([]);
    expect(await largeurEtroite()).toBeLessThanOrEqual(ETROIT.width);
  });

  it('refuse un envoi de fichier sans le jeton anti-CSRF de la session (ni dans l’adresse, ni en en-tête)', async () => {
    await page.goto(`${serveur.url}/bailleurs/${SIREN}/imports`);
    const statuts = await page.evaluate(async (siren) => {
      const envoyer = async (adresse: string) => {
        const corps = new FormData();
        corps.append('nature', 'evenements');
        corps.append('fichier', new Blob(['id,date,type,logement\n']), 'e.csv');
        return (await fetch(adresse, { method: 'POST', body: corps })).status;
      };
      return [
        await envoyer(`/bailleurs/${siren}/imports`),
        await envoyer(`/bailleurs/${siren}/imports?_csrf=pas-le-bon`),
        await envoyer(`/api/bailleurs/${siren}/imports?nature=evenements&format=csv&_csrf=x`),
      ];
    }, SIREN);
    expect(statuts).toEqual([403, 403, 403]);
  });

  it('avec JavaScript : le fichier part vers l’API avec une barre de progression, l’import réussit', async () => {
    const fichier = join(dossier, 'evenements.csv');
    writeFileSync(
      fichier,
      [
        ENTETE,
        `J1,2025-12-20,liberation,${AUTRE},,,,,`,
        `J2,2025-12-22,orientation,${AUTRE},etat-93,,,,`,
        '',
      ].join('\n'),
    );
    const n = await nombreEvenements();
    await page.goto(`${serveur.url}/bailleurs/${SIREN}/imports`);
    const envois: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') envois.push(new URL(r.url()).pathname);
    });
    // What the progress bar showed, noted while the page lives.
    await page.evaluate(() => {
      const barre = document.querySelector('progress');
      const suivi = document.getElementById('import-suivi');
      setInterval(() => {
        if (barre && suivi && !suivi.hidden && barre.max > 0)
          sessionStorage.setItem('progression', String(barre.value / barre.max));
      }, 1);
    });
    await page.select('#champ-nature', 'evenements');
    await choisirFichier(fichier);
    await cliquerEtAttendre(page, SOUMETTRE);
    expect(envois).toEqual([`/api/bailleurs/${SIREN}/imports`]);
    expect(await page.evaluate(() => sessionStorage.getItem('progression'))).toBe('1');
    expect(await page.$eval('#resultat', (r) => r.textContent)).toContain('Import terminé');
    expect(await page.$('table.sai-rejets')).toBeNull();
    expect(await nombreEvenements()).toBe(n + 2);
    expect(await sansViolationAxe(page)).toEqual([]);
    expect(await largeurEtroite()).toBeLessThanOrEqual(ETROIT.width);
    await captures(page, 'imports');
  });
});
