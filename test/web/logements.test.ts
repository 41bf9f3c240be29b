/**
 * The flats' pages in Chromium against the real service: the suivi equals the CLI's
 * `orient --all-open` and `echeancier` on the example files, a flat's explained history equals
 * `evaluate --explain`, the bailleur orients a freed flat from the first suggestion (by mouse,
 * then by keyboard only) and the figures move; a réservataire gets the 404 page.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comptes } from '../server/exemple-comptes.js';
import { Client, expectStatus, MOT_DE_PASSE, type Serveur } from '../server/harness.js';
import {
  captures,
  cliquerEtAttendre,
  lancerNavigateur,
  nouvellePage,
  sansViolationAxe,
  seConnecter,
  serveurWeb,
  texteContenu,
} from './navigateur.js';

const RACINE = join(import.meta.dirname, '..', '..');
const SIREN = '552046484';
const EXEMPLE = [
  '--rules',
  'rules/conventions/93',
  '--parc',
  'test/fixtures/exemple-93/logements.csv',
  '--events',
  'test/fixtures/exemple-93/evenements.csv',
];
/** Two flats of the example's parc with no event: the test frees them after the log's last day. */
const LIBRES = ['93-552046484-00001', '93-552046484-00002'] as const;
const LIBERATION = '2026-01-05';

/** `convflux <args> --json` on the example files, as a process (exit 1 is a finding). */
function cli<T>(args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(RACINE, 'bin', 'convflux.js'), ...args, '--json'], {
      cwd: RACINE,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('close', (code) => {
      if (code === 0 || code === 1) resolve(JSON.parse(out) as T);
      else reject(new Error(err));
    });
  });
}

interface Etape {
  date: string;
  type: string;
  convention?: string;
  regles: { regle: string; points: number; clause: { cle: string; version: number } }[];
  alertes: string[];
  libelles_alertes: Record<string, string>;
}
interface Echeance {
  nature: string;
  bailleur: string;
  logement?: string;
  jours_ecoules?: number;
}
interface Suggestion {
  suggestion: string | null;
  candidats: { id: string; rang: number }[];
}
interface Figures {
  conventions: { id: string; reservataire: { id: string }; orientations: number }[];
}

let serveur: Serveur;
let navigateur: Browser;
let page: Page;
let bailleur: Client;

beforeAll(async () => {
  [serveur, navigateur] = await Promise.all([serveurWeb(), lancerNavigateur()]);
  page = await nouvellePage(navigateur);
  await seConnecter(page, serveur, 'bailleur:552046484');
  const [email] = comptes(serveur.sortie()).get('bailleur:552046484') ?? [''];
  bailleur = new Client(serveur.url);
  expectStatus(await bailleur.connecter(email, MOT_DE_PASSE), 201);
}, 180_000);

afterAll(async () => {
  await navigateur.close();
  await serveur.stop();
});

/** What the page shows of each explained step. */
function etapesAffichees(p: Page) {
  return p.$$eval('li.log-etape', (lis) =>
    lis.map((li) => ({
      date: li.querySelector('h3 time')?.getAttribute('datetime') ?? '',
      type: li.querySelector('code.log-type')?.textContent ?? '',
      regles: [...li.querySelectorAll('code.regle')].map((c) => c.textContent),
      cles: [...li.querySelectorAll('code.cle')].map((c) => c.textContent),
      liens: [...li.querySelectorAll('.log-regles a')].map((a) => a.getAttribute('href') ?? ''),
      alertes: [...li.querySelectorAll('.log-alerte')].map((p) => p.textContent),
    })),
  );
}

async function comparerExplication(logement: string, cliArgs: string[]): Promise<void> {
  const x = await cli<{ etapes: Etape[] }>([
    'evaluate',
    ...EXEMPLE,
    ...cliArgs,
    '--explain',
    logement,
  ]);
  const vus = await etapesAffichees(page);
  expect(x.etapes.length).toBeGreaterThan(0);
  expect(vus.map((e) => [e.date, e.type, e.regles, e.cles, e.alertes])).toEqual(
    x.etapes.map((e) => [
      e.date,
      e.type,
      e.regles.map((r) => r.regle),
      e.regles.map((r) => r.clause.cle),
      // An alert in words beside its code, as the CLI names it.
      e.alertes.map((a) => `Alerte : ${e.libelles_alertes[a] ?? ''} (${a})`),
    ]),
  );
  // Each clause links to its convention's version.
  vus.forEach((v, i) => {
    const e = x.etapes[i];
    for (const [j, lien] of v.liens.entries())
      expect(lien).toMatch(
        new RegExp(
          `^/conventions/${e?.convention ?? ''}/versions/${String(e?.regles[j]?.clause.version)}#article-\\d+$`,
        ),
      );
  });
}

/** Presses Tab until the focused element matches (a keyboard user's journey). */
async function tabulerJusqua(p: Page, selecteur: string, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    await p.keyboard.press('Tab');
    if (await p.evaluate((s) => document.activeElement?.matches(s) ?? false, selecteur)) return;
  }
  throw new Error(`focus jamais sur ${selecteur}`);
}

async function orientationsDe(reservataire: string): Promise<number> {
  const f = await bailleur.get<Figures>(
    `/api/bailleurs/${SIREN}/departements/93/figures?annee=${LIBERATION.slice(0, 4)}`,
  );
  expectStatus(f, 200);
  const c = f.body.conventions.find((x) => x.reservataire.id === reservataire);
  if (!c) throw new Error(`pas de convention pour ${reservataire}`);
  return c.orientations;
}

describe('suivi des logements', () => {
  it('liste les logements à orienter et les cycles ouverts comme le CLI', async () => {
    const date = '2025-11-22';
    const [ouverts, ech] = await Promise.all([
      cli<{ logements: { logement: string }[] }>([
        'orient',
        ...EXEMPLE,
        '--all-open',
        '--date',
        date,
      ]),
      cli<{ echeances: Echeance[] }>(['echeancier', ...EXEMPLE, '--date', date]),
    ]);
    const r = await page.goto(`${serveur.url}/bailleurs/${SIREN}/logements?date=${date}`);
    expect(r?.status()).toBe(200);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Suivi des logements');
    const lignes = await page.$$eval('#a-orienter tbody tr', (trs) =>
      trs.map((tr) => ({
        logement: tr.getAttribute('data-logement') ?? '',
        delai: tr.querySelector('.log-delai')?.textContent ?? '',
      })),
    );
    expect(ouverts.logements.length).toBeGreaterThan(0);
    expect(lignes.length).toBe(ouverts.logements.length);
    expect(await page.$eval('.log-compte', (s) => s.textContent)).toBe(
      String(ouverts.logements.length),
    );
    expect(lignes.map((l) => l.logement).sort()).toEqual(
      ouverts.logements.map((l) => l.logement).sort(),
    );
    const premier = lignes[0];
    const attendu = ech.echeances.find(
      (e) => e.nature === 'orientation_logement' && e.logement === premier?.logement,
    );
    expect(attendu?.jours_ecoules).toBeDefined();
    expect(premier?.delai).toMatch(new RegExp(`^${String(attendu?.jours_ecoules)} jour`));
    const cycles = ech.echeances.filter(
      (e) => e.nature === 'delai_designation' && e.bailleur === SIREN,
    );
    expect(await page.$$eval('#cycles tbody tr', (trs) => trs.length)).toBe(cycles.length);
    expect(await sansViolationAxe(page)).toEqual([]);
    await captures(page, 'logements');
  });

  it('ouvre la page d’un logement : son historique expliqué égale evaluate --explain', async () => {
    const lien = await page.$eval('#cycles tbody tr th a', (a) => a.getAttribute('href') ?? '');
    const logement = decodeURIComponent(
      new URL(lien, serveur.url).pathname.split('/').at(-1) ?? '',
    );
    await cliquerEtAttendre(page, '#cycles tbody tr th a');
    expect(await page.$eval('h1', (h) => h.textContent)).toBe(`Logement ${logement}`);
    await comparerExplication(logement, ['--annee', '2025', '--date', '2025-11-22']);
    // The whole year: the lease signed, the point counted.
    await page.goto(`${serveur.url}/bailleurs/${SIREN}/logements/${logement}?annee=2025`);
    await comparerExplication(logement, ['--annee', '2025']);
    const x = await cli<{ points: Record<string, number> }>([
      'evaluate',
      ...EXEMPLE,
      '--annee',
      '2025',
      '--explain',
      logement,
    ]);
    const calcul = await page.$$eval('#calcul tbody tr', (trs) =>
      trs.map((tr) => [tr.querySelector('th')?.textContent, tr.querySelector('td')?.textContent]),
    );
    expect(calcul).toEqual(Object.entries(x.points).map(([c, p]) => [c, String(p)]));
    // A flat whose designation delay lapses: its alert in words (DESIGNATION_HORS_DELAI).
    await page.goto(`${serveur.url}/bailleurs/${SIREN}/logements/93-552046484-00212?annee=2025`);
    await comparerExplication('93-552046484-00212', ['--annee', '2025']);
    expect(await page.$$eval('.log-alerte', (ps) => ps.map((p) => p.textContent))).toEqual([
      'Alerte : Désignation non faite dans le délai (DESIGNATION_HORS_DELAI)',
    ]);
    await page.goto(`${serveur.url}/bailleurs/${SIREN}/logements/${logement}?annee=2025`);
    // The anchor of a clause exists in the convention's text.
    const ancre = await page.$eval('.log-regles a', (a) => a.getAttribute('href') ?? '');
    const [chemin, id] = ancre.split('#');
    const html = await bailleur.get<string>(`/api${chemin ?? ''}.html`);
    expectStatus(html, 200);
    expect(html.body).toContain(`id="${id ?? ''}"`);
    expect(await sansViolationAxe(page)).toEqual([]);
    await captures(page, 'logement');
  });

  it('oriente un logement libéré vers la première suggestion, et les chiffres bougent', async () => {
    for (const [i, logement] of LIBRES.entries())
      expectStatus(
        await bailleur.post(`/api/bailleurs/${SIREN}/evenements`, {
          id: `T-LIB-${String(i)}`,
          date: LIBERATION,
          type: 'liberation',
          logement,
        }),
        201,
      );
    const logement = LIBRES[0];
    const s = await bailleur.get<{ suggestion: Suggestion }>(
      `/api/bailleurs/${SIREN}/logements/${logement}/orientation`,
    );
    expectStatus(s, 200);
    const premier = s.body.suggestion.suggestion ?? '';
    expect(premier).not.toBe('bailleur');
    const avant = await orientationsDe(premier);

    await page.goto(`${serveur.url}/bailleurs/${SIREN}/logements`);
    await cliquerEtAttendre(page, `tr[data-logement="${logement}"] a.log-orienter`);
    expect(await page.$eval('#aide-decision', (p) => p.textContent)).toContain(
      'le choix du réservataire revient au bailleur',
    );
    const ordre = await page.$$eval('#classement tbody tr', (trs) =>
      trs.map((tr) => tr.getAttribute('data-candidat')),
    );
    const classes = s.body.suggestion.candidats.filter((c) => c.rang > 0);
    expect(ordre.slice(0, classes.length)).toEqual(
      [...classes].sort((a, b) => a.rang - b.rang).map((c) => c.id),
    );
    expect(await texteContenu(page)).toContain('Ne peut pas recevoir ce logement');
    expect(await page.$eval('input[name=reservataire]:checked', (i) => i.value)).toBe(premier);
    expect(await sansViolationAxe(page)).toEqual([]);
    await captures(page, 'logement-orientation');

    await cliquerEtAttendre(page, '#enregistrer');
    expect(new URL(page.url()).pathname).toBe(`/bailleurs/${SIREN}/logements/${logement}`);
    expect(await page.$eval('#enregistre', (p) => p.textContent)).toContain(
      'Orientation enregistrée',
    );
    const nouveau = await page.$eval('tr.log-nouveau', (tr) => tr.textContent ?? '');
    expect(nouveau).toContain('orientation');
    expect(nouveau).toContain(premier);
    expect((await etapesAffichees(page)).map((e) => [e.date, e.type])).toContainEqual([
      LIBERATION,
      'orientation',
    ]);
    expect(await orientationsDe(premier)).toBe(avant + 1);
    const ev = await bailleur.get<{ evenements: { type: string; reservataire?: string }[] }>(
      `/api/bailleurs/${SIREN}/evenements?logement=${logement}`,
    );
    expect(ev.body.evenements.filter((e) => e.type === 'orientation')).toEqual([
      expect.objectContaining({ reservataire: premier }),
    ]);
    expect(await sansViolationAxe(page)).toEqual([]);
  });

  it('montre l’erreur du service à côté du champ', async () => {
    await page.goto(`${serveur.url}/bailleurs/${SIREN}/logements/${LIBRES[1]}/orientation`);
    await page.$eval('#champ-date', (i) => {
      (i as HTMLInputElement).value = '';
    });
    await cliquerEtAttendre(page, '#enregistrer');
    const champ = await page.$eval('#champ-date', (i) => ({
      invalide: i.getAttribute('aria-invalid'),
      decrit: i.getAttribute('aria-describedby') ?? '',
    }));
    expect(champ.invalide).toBe('true');
    expect(champ.decrit).toContain('erreur-date-0');
    expect(await page.$eval('#erreur-date-0', (p) => p.textContent)).toMatch(/date/);
    expect(await sansViolationAxe(page)).toEqual([]);
  });

  it('oriente un logement au clavier seul (Tab, Entrée, Espace)', async () => {
    const logement = LIBRES[1];
    const s = await bailleur.get<{ suggestion: Suggestion }>(
      `/api/bailleurs/${SIREN}/logements/${logement}/orientation`,
    );
    const premier = s.body.suggestion.suggestion ?? '';
    await page.goto(`${serveur.url}/bailleurs/${SIREN}/logements`);
    await tabulerJusqua(page, `a.log-orienter[href*="${logement}/orientation"]`);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await tabulerJusqua(page, 'input[name=reservataire]');
    await page.keyboard.press('Space');
    expect(
      await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value),
    ).toBe(premier);
    await tabulerJusqua(page, '#enregistrer');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe(`/bailleurs/${SIREN}/logements/${logement}`);
    expect(await page.$eval('tr.log-nouveau', (tr) => tr.textContent ?? '')).toContain(premier);
  });

  it('parle anglais sur demande', async () => {
    await page.goto(`${serveur.url}/bailleurs/${SIREN}/logements?lang=en`);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Flats');
    // A flat's page in English: "Alert:", no French space before a colon or a semicolon.
    await page.goto(`${serveur.url}/bailleurs/${SIREN}/logements/93-552046484-00212?annee=2025`);
    expect(await page.$$eval('.log-alerte', (ps) => ps.map((p) => p.textContent))).toEqual([
      'Alert: Designation not made within the delay (DESIGNATION_HORS_DELAI)',
    ]);
    expect(await page.$eval('main', (m) => m.textContent ?? '')).not.toMatch(/\s[:;]/);
    await page.goto(`${serveur.url}/bailleurs/${SIREN}/logements?lang=fr`);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Suivi des logements');
  });

  it('dit une ligne rejetée en anglais sur la page d’un logement', async () => {
    // A notice served then withdrawn; a liberation entered afterwards, dated between them, ends the
    // notice: the withdrawal's row is then rejected by the engine, and the flat's step says why.
    const logement = '93-552046484-00003';
    const evenements = [
      {
        id: 'T-CONGE',
        date: '2025-03-03',
        type: 'conge',
        logement,
        date_liberation_prevue: '2025-06-03',
      },
      { id: 'T-RETRAIT', date: '2025-04-01', type: 'retrait_conge', logement },
      { id: 'T-LIBERE', date: '2025-03-15', type: 'liberation', logement },
    ];
    for (const e of evenements)
      expectStatus(
        await bailleur.post(`/api/bailleurs/${SIREN}/evenements?confirmer=true`, e),
        201,
      );
    await page.goto(`${serveur.url}/bailleurs/${SIREN}/logements/${logement}?annee=2025&lang=en`);
    expect(await page.$$eval('.log-rejet', (ps) => ps.map((p) => p.textContent))).toEqual([
      `Row rejected: RETRAIT_CONGE_SANS_CONGE — Flat ${logement}: notice withdrawn while no notice is being served (no conge event, or the flat was already freed).`,
    ]);
    const texte = await page.$eval('main', (m) => m.textContent ?? '');
    expect(texte).not.toMatch(/\s[:;]/);
    for (const mot of ['Ligne', 'rejetée', 'Logement ', 'congé', 'Étape', 'ligne '])
      expect(texte).not.toContain(mot);
    expect(await sansViolationAxe(page)).toEqual([]);
    await page.goto(`${serveur.url}/bailleurs/${SIREN}/logements/${logement}?annee=2025&lang=fr`);
    expect(await page.$$eval('.log-rejet', (ps) => ps.map((p) => p.textContent))).toEqual([
      `Ligne rejetée : RETRAIT_CONGE_SANS_CONGE — Logement ${logement} : retrait de congé sans congé en cours (événement conge absent, ou logement déjà libéré).`,
    ]);
  });

  it('répond 404 à un réservataire sur les pages des logements du bailleur', async () => {
    const contexte = await navigateur.createBrowserContext();
    try {
      const autre = await contexte.newPage();
      await seConnecter(autre, serveur, 'reservataire:etat-93');
      for (const chemin of [
        `/bailleurs/${SIREN}/logements/${LIBRES[0]}`,
        `/bailleurs/${SIREN}/logements/${LIBRES[1]}/orientation`,
        `/bailleurs/${SIREN}/logements`,
      ]) {
        const r = await autre.goto(`${serveur.url}${chemin}`);
        expect(r?.status()).toBe(404);
        expect(await autre.$eval('h1', (h) => h.textContent)).toBe('Page introuvable');
      }
      expect(await sansViolationAxe(autre)).toEqual([]);
    } finally {
      await contexte.close();
    }
  });
});
