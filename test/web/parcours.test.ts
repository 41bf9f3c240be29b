/**
 * One story per kind of member, on a FRESH service (issue 15's evidence in one run): a real
 * `convflux serve` on an EMPTY SQLite folder and Debian's Chromium, everything done through the
 * pages. The admin signs in with the one-time password printed at start, creates the bailleur,
 * the réservataires and the members, and files the bundled conventions (the editor's page);
 * the bailleur's member imports the parc and the year (progress bar) and every figure of its
 * dashboard equals `convflux evaluate --json` (a child process) on the same files at the
 * dashboard's date; it orients the oldest freed flat from the first suggestion with the keyboard
 * only, records the cycle up to the lease, and the figures move as `evaluate` says once those
 * events are appended to the files; a réservataire sees only its own figures; a negotiator sees
 * its error underlined at its line; a signer downloads the PDF to sign (read back with pdf.js);
 * a member the admin creates sees only its organisation. Zero axe violations on each new page.
 */
import { spawn } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pdfPageTexts } from '../pdf-text.js';
import type { Serveur } from '../server/harness.js';
import {
  cliquerEtAttendre,
  contexteWeb,
  ligneSoulignee,
  premiereConnexion,
  remplacerDansEditeur,
  remplir,
  sansViolationAxe,
  seConnecter,
  texteContenu,
  type ContexteWeb,
} from './navigateur.js';

const RACINE = join(import.meta.dirname, '..', '..');
const BIN = join(RACINE, 'bin', 'convflux.js');
const SIREN = '552046484';
const REGLES = join(RACINE, 'rules', 'conventions', '93');
const EXEMPLE = join(RACINE, 'test', 'fixtures', 'exemple-93');
/** The files the bailleur uploads, copied: the journey's events are appended to them. */
const DOSSIER = mkdtempSync(join(tmpdir(), 'convflux-parcours-'));
const PARC = join(DOSSIER, 'logements.csv');
const EVENEMENTS = join(DOSSIER, 'evenements.csv');
/**
 * Two flats of the example's parc with no event: the bailleur frees them (saisie) after the
 * example's last day (its year ends with no flat to orient), the first one first.
 */
const LIBRES = [
  { logement: `93-${SIREN}-00001`, date: '2026-01-05' },
  { logement: `93-${SIREN}-00002`, date: '2026-01-12' },
] as const;
const PERMISSIONS = ['lire', 'saisir', 'rediger', 'signer', 'administrer'] as const;
type Permission = (typeof PERMISSIONS)[number];

interface Membre {
  email: string;
  nom: string;
  organisation: string;
  permissions: Permission[];
  provisoire?: string;
}
const BAILLEUR: Membre = {
  email: 'gestion@exemple-habitat.fr',
  nom: 'Gestion locative',
  organisation: `bailleur:${SIREN}`,
  permissions: ['lire', 'saisir'],
};
const NEGOCIATEUR: Membre = {
  email: 'juridique@exemple-habitat.fr',
  nom: 'Service juridique',
  organisation: `bailleur:${SIREN}`,
  permissions: ['lire', 'rediger'],
};
const ETAT: Membre = {
  email: 'contingent@etat-93.fr',
  nom: 'Contingent préfectoral',
  organisation: 'reservataire:etat-93',
  permissions: ['lire'],
};
const SIGNATAIRE: Membre = {
  email: 'maire@saint-denis.fr',
  nom: 'Signataire de Saint-Denis',
  organisation: 'reservataire:saint-denis',
  permissions: ['lire', 'signer'],
};
const MONTREUIL: Membre = {
  email: 'logement@montreuil.fr',
  nom: 'Service logement de Montreuil',
  organisation: 'reservataire:montreuil',
  permissions: ['lire'],
};

/** The bundled conventions of the bailleur, in filing order (v1 before v2). */
function fichiersConventions(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
const CONVENTIONS = fichiersConventions(join(REGLES, SIREN));

interface Partie {
  type: 'bailleur' | 'reservataire';
  identifiant: string;
  nom: string;
}
interface TexteConvention {
  id: string;
  bailleur: { siren: string; nom: string };
  reservataire: { id: string; nom: string };
}
const lireConvention = (f: string) => parse(readFileSync(f, 'utf8')) as TexteConvention;

/** The organisations the conventions name, as the admin creates them. */
function parties(): Partie[] {
  const parId = new Map<string, Partie>();
  for (const f of CONVENTIONS) {
    const c = lireConvention(f);
    parId.set(`bailleur:${c.bailleur.siren}`, {
      type: 'bailleur',
      identifiant: c.bailleur.siren,
      nom: c.bailleur.nom,
    });
    parId.set(`reservataire:${c.reservataire.id}`, {
      type: 'reservataire',
      identifiant: c.reservataire.id,
      nom: c.reservataire.nom,
    });
  }
  return [...parId.values()];
}

/** The name an organisation was created with in step 1 (its convention's party). */
function nomPartie(type: Partie['type'], identifiant: string): string {
  const p = parties().find((o) => o.type === type && o.identifiant === identifiant);
  if (!p) throw new Error(`pas de partie ${type}:${identifiant}`);
  return p.nom;
}

/** `convflux <args> --json` as a child process (exit 1 is a finding, not a failure). */
function cli<T>(args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args, '--json'], { cwd: RACINE });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('close', (code) => {
      if (code === 0 || code === 1) resolve(JSON.parse(out) as T);
      else reject(new Error(`convflux ${args.join(' ')} : ${err}`));
    });
  });
}

interface ConventionCli {
  id: string;
  departement: string;
  bailleur: { siren: string };
  reservataire: { id: string };
  part: number;
  flux_annuel: number;
  du: number;
  realise: number;
  taux: number | null;
}
interface EvaluationCli {
  annee: number;
  date: string;
  conventions: ConventionCli[];
}
const ENTREES = ['--rules', relative(RACINE, REGLES), '--parc', PARC, '--events', EVENEMENTS];
const evaluer = (annee: string, date: string) =>
  cli<EvaluationCli>(['evaluate', ...ENTREES, '--annee', annee, '--date', date]);

const fr = (n: number, decimales = 2) =>
  new Intl.NumberFormat('fr-FR', { maximumFractionDigits: decimales }).format(n);
const pct = (x: number | null) => (x === null ? '—' : `${fr(x * 100, 1)}\u202f%`);
const arrondi = (x: number) => Math.round(x * 1e6) / 1e6;

/** Every figure of the dashboard's table as `evaluate` gives it: the rows, then the totals. */
function tableauAttendu(cs: ConventionCli[]): string[][] {
  const lignes = cs.map((c) => [
    c.id,
    pct(c.part),
    fr(c.flux_annuel),
    fr(c.du),
    fr(c.realise),
    pct(c.taux),
    fr(arrondi(c.realise - c.du)),
    fr(Math.max(0, Math.ceil(arrondi(c.du - c.realise))), 0),
  ]);
  const du = arrondi(cs.reduce((s, c) => s + c.du, 0));
  const realise = arrondi(cs.reduce((s, c) => s + c.realise, 0));
  return [...lignes, ['total', fr(du), fr(realise), pct(du > 0 ? arrondi(realise / du) : null)]];
}

/** Every figure of the dashboard's table as shown: the rows, then the totals. */
function tableauAffiche(p: Page): Promise<string[][]> {
  return p.$eval('#tableau-conventions', (t) => {
    const cellules = (tr: Element) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()).filter(Boolean);
    const lignes = [...t.querySelectorAll('tbody tr')].map((tr) => [
      tr.getAttribute('data-convention') ?? '',
      ...cellules(tr),
    ]);
    const pied = t.querySelector('tfoot tr');
    return [...lignes, ['total', ...(pied ? cellules(pied) : [])]];
  });
}

const MOIS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** The dashboard's year (its selector) and date (« Chiffres au 31 décembre 2025 »). */
async function periodeAffichee(p: Page): Promise<{ annee: string; date: string }> {
  const annee = await p.$eval('#champ-annee', (s) => (s as HTMLSelectElement).value);
  const m = /Chiffres au (\d{1,2}) (\S+) (\d{4})/.exec(await texteContenu(p));
  const mois = MOIS.indexOf(m?.[2] ?? '') + 1;
  if (!m || mois === 0) throw new Error(`pas de date affichée sur ${p.url()}`);
  const deux = (n: number) => String(n).padStart(2, '0');
  return { annee, date: `${m[3] ?? ''}-${deux(mois)}-${deux(Number(m[1]))}` };
}

let ctx: ContexteWeb | undefined;
/** The bailleur's member's page. */
let bailleur: Page;
/** The bailleur's negotiator's page (permission `rediger`). */
let negociateur: Page;
/** The dashboard's year and date, and `evaluate`'s conventions of the bailleur there. */
let periode = { annee: '', date: '' };
let figures: ConventionCli[] = [];
let serveur: Serveur;
let navigateur: Browser;
let admin: Page;

beforeAll(async () => {
  copyFileSync(join(EXEMPLE, 'logements.csv'), PARC);
  copyFileSync(join(EXEMPLE, 'evenements.csv'), EVENEMENTS);
  const c = await contexteWeb({ exemple: false });
  ctx = c;
  ({ serveur, navigateur, page: admin } = c);
}, 120_000);

afterAll(async () => {
  await ctx?.fermer();
});

/** A page of its own (one person's cookies) signed in as a member the admin created. */
async function pageDe(m: Membre): Promise<Page> {
  const p = await (await navigateur.createBrowserContext()).newPage();
  await p.setViewport({ width: 1280, height: 900 });
  p.setDefaultTimeout(60_000);
  await premiereConnexion(p, serveur, m.email, m.provisoire ?? '');
  return p;
}

const chemin = (p: Page) => new URL(p.url()).pathname;
const statut = (p: Page) => p.$eval('[role=status]', (s) => s.textContent);

/** Presses Tab until the focused element matches (a keyboard user's journey). */
async function tabulerJusqua(p: Page, selecteur: string, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    await p.keyboard.press('Tab');
    if (await p.evaluate((s) => document.activeElement?.matches(s) ?? false, selecteur)) return;
  }
  throw new Error(`focus jamais sur ${selecteur} (${p.url()})`);
}

/** The admin's pages: the account (one-time password shown once), then the membership. */
async function creerMembre(m: Membre): Promise<void> {
  await admin.goto(`${serveur.url}/admin/comptes/nouveau`);
  await remplir(admin, 'email', m.email);
  await remplir(admin, 'nom', m.nom);
  await cliquerEtAttendre(admin, 'form.formulaire button[type=submit]');
  m.provisoire = await admin.$eval(
    '#mot-de-passe-provisoire',
    (i) => (i as HTMLInputElement).value,
  );
  await admin.goto(`${serveur.url}/admin/organisations/${encodeURIComponent(m.organisation)}`);
  await remplir(admin, 'email', m.email);
  for (const p of PERMISSIONS) {
    const coche = await admin.$eval(
      `#champ-permissions-${p}`,
      (i) => (i as HTMLInputElement).checked,
    );
    if (coche !== m.permissions.includes(p)) await admin.click(`#champ-permissions-${p}`);
  }
  await cliquerEtAttendre(admin, '#formulaire-membre button[type=submit]');
  expect(await statut(admin)).toContain('Le membre a été ajouté');
}

/**
 * Saves a convention's text through the editor's form as it works without JavaScript (a text
 * that long is not typed key by key): `/conventions/nouveau` files a new version, a draft's
 * page replaces the draft. Returns the address the page went on to.
 */
async function deposerParLEditeur(p: Page, adresse: string, yaml: string): Promise<string> {
  await p.setJavaScriptEnabled(false);
  try {
    await p.goto(`${serveur.url}${adresse}`);
    await p.$eval(
      'textarea#yaml',
      (z, v) => {
        z.value = v;
      },
      yaml,
    );
    await cliquerEtAttendre(p, 'form.formulaire-editeur button[type=submit]');
    return p.url();
  } finally {
    await p.setJavaScriptEnabled(true);
  }
}

/** The year of the example's last event. */
function derniereAnnee(): string {
  const dates = readFileSync(join(EXEMPLE, 'evenements.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',')[1] ?? '');
  return dates.sort().at(-1)?.slice(0, 4) ?? '';
}

/** `evaluate`'s conventions of the bailleur in 93 on the files as they are now. */
async function figuresAttendues(): Promise<ConventionCli[]> {
  const e = await evaluer(periode.annee, periode.date);
  expect(e.date).toBe(periode.date);
  return e.conventions.filter((c) => c.bailleur.siren === SIREN && c.departement === '93');
}

/** The imports page with JavaScript: the file goes to the API with a progress bar. */
async function importer(p: Page, nature: string, fichier: string): Promise<void> {
  await p.goto(`${serveur.url}/bailleurs/${SIREN}/imports`);
  // What the progress bar shows, noted while the page lives (it leaves once the API answers).
  await p.evaluate(() => {
    const barre = document.querySelector('progress');
    const suivi = document.getElementById('import-suivi');
    sessionStorage.removeItem('progression');
    if (!barre || !suivi) return;
    new MutationObserver(() => {
      if (!suivi.hidden && barre.max > 0)
        sessionStorage.setItem('progression', String(barre.value / barre.max));
    }).observe(suivi, {
      attributes: true,
      subtree: true,
      attributeFilter: ['hidden', 'value', 'max'],
    });
  });
  const envois: string[] = [];
  const noter = (r: { method(): string; url(): string }) => {
    if (r.method() === 'POST') envois.push(new URL(r.url()).pathname);
  };
  p.on('request', noter);
  await p.select('#champ-nature', nature);
  const champ = await p.$('input[type=file]');
  if (!champ) throw new Error('pas de champ fichier');
  await champ.uploadFile(fichier);
  await cliquerEtAttendre(p, 'form.formulaire button[type=submit]');
  p.off('request', noter);
  expect(envois).toEqual([`/api/bailleurs/${SIREN}/imports`]);
  expect(await p.evaluate(() => sessionStorage.getItem('progression'))).toBe('1');
  expect(await p.$eval('#resultat', (r) => r.textContent)).toContain('Import terminé');
  expect(await p.$('table.sai-rejets')).toBeNull();
}

interface Evenement {
  id: string;
  date: string;
  type: string;
  logement: string;
  [champ: string]: unknown;
}
const COLONNES = [
  'id',
  'date',
  'type',
  'logement',
  'reservataire',
  'motif',
  'decision',
  'par',
  'candidats',
];
const ajoutes = new Set<string>();

/**
 * Appends to the events file the flat's events recorded through the pages since last time (read
 * back from the API: the ids the pages gave them), as an `--events` row each; returns them.
 */
async function ajouterAuxFichiers(logement: string): Promise<Evenement[]> {
  const { evenements } = await bailleur.evaluate(
    async (c) => (await fetch(c)).json() as Promise<{ evenements: Evenement[] }>,
    `/api/bailleurs/${SIREN}/evenements?logement=${logement}`,
  );
  const nouveaux = evenements.filter((e) => !ajoutes.has(e.id));
  for (const e of nouveaux) {
    ajoutes.add(e.id);
    const v = (c: string) => {
      const x = e[c];
      return typeof x === 'string' || typeof x === 'number' ? String(x) : '';
    };
    appendFileSync(EVENEMENTS, `${COLONNES.map(v).join(',')}\n`);
  }
  return nouveaux;
}

/** Fills and sends one saisie form; the event recorded is appended to the files. */
async function saisir(
  type: string,
  logement: string,
  date: string,
  choix: Record<string, string> = {},
  textes: Record<string, string> = {},
): Promise<void> {
  await bailleur.goto(`${serveur.url}/bailleurs/${SIREN}/saisie?type=${type}&logement=${logement}`);
  await remplir(bailleur, 'date', date);
  for (const [nom, v] of Object.entries(textes)) await remplir(bailleur, nom, v);
  for (const [nom, v] of Object.entries(choix)) await bailleur.select(`#champ-${nom}`, v);
  await cliquerEtAttendre(bailleur, 'form.formulaire button[type=submit]');
  const ok = await bailleur.$('#enregistre');
  if (!ok) throw new Error(`${type} non enregistré : ${await texteContenu(bailleur)}`);
  expect(await ok.evaluate((e) => e.textContent)).toContain('valide');
  expect(await ajouterAuxFichiers(logement)).toEqual([
    expect.objectContaining({ type, date, logement }),
  ]);
}

/** A bundled version made `arretee` and sealed by `convflux seal`, in a tree of its own. */
async function arretee(fichier: string): Promise<string> {
  const copie = join(
    mkdtempSync(join(tmpdir(), 'convflux-parcours-regles-')),
    relative(join(RACINE, 'rules'), fichier),
  );
  mkdirSync(join(copie, '..'), { recursive: true });
  writeFileSync(
    copie,
    readFileSync(fichier, 'utf8').replace(/^statut: projet.*$/m, 'statut: arretee'),
  );
  const r = await cli<{ ok: boolean }>(['seal', copie]);
  expect(r.ok).toBe(true);
  return readFileSync(copie, 'utf8');
}

/** The bundled conventions filed by the editor's page (POST /api/conventions behind it). */
async function deposerConventions(p: Page): Promise<void> {
  for (const f of CONVENTIONS) {
    const c = lireConvention(f);
    const suite = await deposerParLEditeur(
      p,
      `/conventions/nouveau?departement=93&bailleur=${c.bailleur.siren}&reservataire=${c.reservataire.id}`,
      readFileSync(f, 'utf8'),
    );
    const version = /v(\d+)\.yaml$/.exec(f)?.[1] ?? '';
    expect(new URL(suite).pathname, await texteContenu(p)).toBe(`/conventions/${c.id}/brouillon`);
    expect(new URL(suite).searchParams.get('version')).toBe(version);
    expect(new URL(suite).searchParams.get('enregistre')).toBe('1');
  }
  expect(await sansViolationAxe(p)).toEqual([]);
}

describe('parcours sur un service neuf', () => {
  it('1. l’administrateur crée les organisations, les membres, et dépose les conventions', async () => {
    expect(serveur.motDePasseAdmin).toBeDefined();
    await seConnecter(admin, serveur, 'admin');
    expect(chemin(admin)).toBe('/');

    for (const [i, o] of parties().entries()) {
      await admin.goto(`${serveur.url}/admin/organisations/nouvelle`);
      if (i === 0) expect(await sansViolationAxe(admin)).toEqual([]);
      await admin.select('#champ-type', o.type);
      await remplir(admin, 'identifiant', o.identifiant);
      await remplir(admin, 'nom', o.nom);
      await cliquerEtAttendre(admin, 'form.formulaire button[type=submit]');
      expect(chemin(admin)).toBe(
        `/admin/organisations/${encodeURIComponent(`${o.type}:${o.identifiant}`)}`,
      );
      expect(await statut(admin)).toContain('L’organisation a été créée');
    }
    expect(await sansViolationAxe(admin)).toEqual([]);

    for (const m of [BAILLEUR, NEGOCIATEUR, ETAT, SIGNATAIRE]) await creerMembre(m);
    expect(await sansViolationAxe(admin)).toEqual([]);

    await deposerConventions(admin);
    await admin.goto(`${serveur.url}/conventions`);
    const ids = [...new Set(CONVENTIONS.map((f) => lireConvention(f).id))].sort();
    expect(
      await admin.$$eval('table tbody tr[data-convention]', (trs) =>
        trs.map((tr) => tr.getAttribute('data-convention')),
      ),
    ).toEqual(ids);
    expect(await sansViolationAxe(admin)).toEqual([]);
  }, 300_000);

  it('2. le bailleur importe le parc puis l’année (barre de progression) ; son tableau de bord est convflux evaluate', async () => {
    bailleur = await pageDe(BAILLEUR);
    expect(await bailleur.$$eval('nav .nav-groupe', (gs) => gs.map((g) => g.textContent))).toEqual([
      `Bailleur ${nomPartie('bailleur', SIREN)} ${SIREN}`,
      'Général',
    ]);
    await importer(bailleur, 'parc', PARC);
    expect(await sansViolationAxe(bailleur)).toEqual([]);
    await importer(bailleur, 'evenements', EVENEMENTS);

    await bailleur.goto(`${serveur.url}/bailleurs/${SIREN}`);
    const { annee, date } = await periodeAffichee(bailleur);
    // The year of the file's last event, as a person reading it would say.
    expect(annee).toBe(derniereAnnee());
    expect(await bailleur.$eval('#champ-departement', (s) => (s as HTMLSelectElement).value)).toBe(
      '93',
    );
    periode = { annee, date };
    // `evaluate` runs while axe looks at the page.
    const attendues = figuresAttendues();
    const affiche = await tableauAffiche(bailleur);
    expect(await sansViolationAxe(bailleur)).toEqual([]);
    figures = await attendues;
    expect(figures.length).toBeGreaterThan(3);
    expect(affiche).toEqual(tableauAttendu(figures));
  }, 300_000);

  it('3. oriente au clavier le plus ancien logement libéré, saisit CALEOL et bail : les chiffres bougent comme evaluate', async () => {
    // Two flats freed through the saisie form: the new year is the dashboard's by default.
    for (const l of LIBRES) await saisir('liberation', l.logement, l.date);
    const logement = LIBRES[0].logement;
    // The CLI on the files as they are now, while the pages are used.
    const enCours = Promise.all([
      cli<{ logements: { logement: string }[] }>(['orient', ...ENTREES, '--all-open']),
      cli<{ suggestion: { suggestion: string | null } }>([
        'orient',
        ...ENTREES,
        '--logement',
        logement,
      ]),
    ]);
    await bailleur.goto(`${serveur.url}/bailleurs/${SIREN}`);
    periode = await periodeAffichee(bailleur);
    expect(periode.annee).toBe(LIBRES[1].date.slice(0, 4));
    const avant = await tableauAffiche(bailleur);
    figures = await figuresAttendues();
    expect(avant).toEqual(tableauAttendu(figures));

    await bailleur.goto(`${serveur.url}/bailleurs/${SIREN}/logements`);
    const [ouverts, s] = await enCours;
    const lignes = await bailleur.$$eval('#a-orienter tbody tr', (trs) =>
      trs.map((tr) => tr.getAttribute('data-logement') ?? ''),
    );
    expect([...lignes].sort()).toEqual(ouverts.logements.map((l) => l.logement).sort());
    // Oldest first: the flat freed first.
    expect(lignes[0]).toBe(LIBRES[0].logement);
    expect(await sansViolationAxe(bailleur)).toEqual([]);

    const premier = s.suggestion.suggestion ?? '';
    expect(premier).not.toBe('');
    // Keyboard only: Tab to the flat's link, Enter; the first suggestion is chosen; Tab, Enter.
    await tabulerJusqua(bailleur, `tr[data-logement="${logement}"] a.log-orienter`);
    await Promise.all([bailleur.waitForNavigation(), bailleur.keyboard.press('Enter')]);
    expect(chemin(bailleur)).toBe(`/bailleurs/${SIREN}/logements/${logement}/orientation`);
    expect(await bailleur.$eval('#aide-decision', (p) => p.textContent)).toContain(
      'le choix du réservataire revient au bailleur',
    );
    expect(
      await bailleur.$eval('#classement tbody tr', (tr) => tr.getAttribute('data-candidat')),
    ).toBe(premier);
    expect(await bailleur.$eval('input[name=reservataire]:checked', (i) => i.value)).toBe(premier);
    expect(await sansViolationAxe(bailleur)).toEqual([]);
    await tabulerJusqua(bailleur, '#enregistrer');
    await Promise.all([bailleur.waitForNavigation(), bailleur.keyboard.press('Enter')]);
    expect(chemin(bailleur)).toBe(`/bailleurs/${SIREN}/logements/${logement}`);
    expect(await bailleur.$eval('#enregistre', (p) => p.textContent)).toContain(
      'Orientation enregistrée',
    );
    expect(await sansViolationAxe(bailleur)).toEqual([]);
    const orientation = await ajouterAuxFichiers(logement);
    expect(orientation).toEqual([
      expect.objectContaining({ type: 'orientation', reservataire: premier }),
    ]);
    const jour = orientation[0]?.date ?? '';

    // The cycle up to the lease through the saisie form: designation, CALEOL decision, bail.
    await saisir('designation', logement, jour, { reservataire: premier }, { candidats: '3' });
    expect(await sansViolationAxe(bailleur)).toEqual([]);
    await saisir('caleol', logement, jour, { decision: 'attribution', reservataire: premier });
    await saisir('bail_signe', logement, jour, { reservataire: premier });

    const attendues = figuresAttendues();
    await bailleur.goto(`${serveur.url}/bailleurs/${SIREN}`);
    expect(await periodeAffichee(bailleur)).toEqual(periode);
    const affiche = await tableauAffiche(bailleur);
    const apres = await attendues;
    expect(affiche).toEqual(tableauAttendu(apres));
    // The figures moved, on the chosen réservataire's row.
    expect(affiche).not.toEqual(avant);
    const ligne = (t: string[][]) => t.find((l) => l[0]?.endsWith(`-${premier}`));
    expect(ligne(affiche)).not.toEqual(ligne(avant));
    figures = apres;
  }, 300_000);

  it('4. un membre du réservataire ne voit que ses chiffres, et la page 404 ailleurs', async () => {
    const etat = await pageDe(ETAT);
    const r = await etat.goto(`${serveur.url}/reservataires/etat-93`);
    expect(r?.status()).toBe(200);
    expect(await periodeAffichee(etat)).toEqual(periode);
    const siennes = figures.filter((c) => c.reservataire.id === 'etat-93');
    expect(siennes.length).toBeGreaterThan(0);
    expect(await tableauAffiche(etat)).toEqual(tableauAttendu(siennes));
    const html = await etat.content();
    for (const autre of figures.filter((c) => c.reservataire.id !== 'etat-93'))
      expect(html).not.toContain(autre.id);
    expect(await sansViolationAxe(etat)).toEqual([]);
    for (const adresse of ['/reservataires/saint-denis', `/bailleurs/${SIREN}`]) {
      const x = await etat.goto(`${serveur.url}${adresse}`);
      expect(x?.status(), adresse).toBe(404);
      expect(await etat.$eval('h1', (h) => h.textContent)).toBe('Page introuvable');
    }
    expect(await sansViolationAxe(etat)).toEqual([]);
  }, 300_000);

  it('5. un négociateur tape une erreur dans le projet : soulignée à sa ligne, puis corrigée', async () => {
    negociateur = await pageDe(NEGOCIATEUR);
    const cid = `93-${SIREN}-montreuil`;
    const texte = readFileSync(join(REGLES, SIREN, 'montreuil', 'v1.yaml'), 'utf8');
    const ligne = texte.split('\n').findIndex((l) => l.trim() === 'part: 0.15') + 1;
    expect(ligne).toBeGreaterThan(1);
    await negociateur.goto(`${serveur.url}/conventions`);
    await cliquerEtAttendre(negociateur, `tr[data-convention="${cid}"] a`);
    expect(chemin(negociateur)).toBe(`/conventions/${cid}`);
    await cliquerEtAttendre(negociateur, '.cv-actions a[href$="/brouillon"]');
    expect(chemin(negociateur)).toBe(`/conventions/${cid}/brouillon`);
    await negociateur.waitForSelector('html[data-editeur=pret] .cm-content');
    await remplacerDansEditeur(negociateur, 'part: 0.15', 'part: 0,15');
    await negociateur.waitForSelector('.cm-lintRange-error');
    expect(await negociateur.$eval('.cm-lintRange-error', (e) => e.textContent)).toBe('0,15');
    expect(await ligneSoulignee(negociateur)).toBe(String(ligne));
    const listee = await negociateur.$eval('#diagnostics-liste li.diagnostic-error', (li) => ({
      ligne: (li as HTMLElement).dataset['ligne'],
      texte: li.textContent,
    }));
    expect(listee.ligne).toBe(String(ligne));
    expect(listee.texte).toMatch(/séparateur décimal est le point/);
    expect(await sansViolationAxe(negociateur)).toEqual([]);
    await remplacerDansEditeur(negociateur, 'part: 0,15', 'part: 0.15');
    // The check of the text as fixed: no underline, nothing listed about the decimal separator.
    await negociateur.waitForFunction(
      () =>
        !document.querySelector('.cm-lintRange-error') &&
        !/séparateur décimal/.test(document.querySelector('#diagnostics-liste')?.textContent ?? ''),
    );
    expect(await negociateur.$$('#diagnostics-liste li.diagnostic-error')).toEqual([]);
  }, 300_000);

  it('6. un signataire télécharge le PDF à signer : pdf.js y lit les parties', async () => {
    // The negotiator freezes Saint-Denis v1 (sealed by `convflux seal`, as a drafter does on
    // its machine) and saves it through the draft's page.
    const signataire = await pageDe(SIGNATAIRE);
    const cid = `93-${SIREN}-saint-denis`;
    const fichier = join(REGLES, SIREN, 'saint-denis', 'v1.yaml');
    const suite = await deposerParLEditeur(
      negociateur,
      `/conventions/${cid}/brouillon`,
      await arretee(fichier),
    );
    expect(new URL(suite).searchParams.get('enregistre')).toBe('1');

    await signataire.goto(`${serveur.url}/conventions/${cid}/versions/1`);
    const href = await signataire.$eval('#cv-pdf-a-signer', (a) => a.getAttribute('href') ?? '');
    expect(href).toBe(`/conventions/${cid}/versions/1/pdf`);
    expect(await sansViolationAxe(signataire)).toEqual([]);
    // The link's file, fetched by the page with the signer's session.
    const octets = await signataire.evaluate(async (h) => {
      const r = await fetch(h);
      const octets = new Uint8Array(await r.arrayBuffer());
      let binaire = '';
      for (let i = 0; i < octets.length; i += 0x8000)
        binaire += String.fromCharCode(...octets.subarray(i, i + 0x8000));
      return { type: r.headers.get('content-type'), base64: btoa(binaire) };
    }, href);
    expect(octets.type).toBe('application/pdf');
    const pdf = Buffer.from(octets.base64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const sansBlancs = (x: string) => x.replace(/\s+/g, '');
    const texte = sansBlancs((await pdfPageTexts(pdf, { joiner: '' })).join(''));
    const c = lireConvention(fichier);
    expect(texte).toContain(sansBlancs(c.bailleur.nom));
    expect(texte).toContain(sansBlancs(c.reservataire.nom));
  }, 300_000);

  it('7. l’administrateur crée un membre : il ne voit que son organisation', async () => {
    await creerMembre(MONTREUIL);
    const membre = await pageDe(MONTREUIL);
    expect(chemin(membre)).toBe('/');
    const groupes = await membre.$$eval('nav .nav-groupe', (gs) => gs.map((g) => g.textContent));
    expect(groupes).toEqual([
      `Réservataire ${nomPartie('reservataire', 'montreuil')} montreuil`,
      'Général',
    ]);
    const liens = await membre.$$eval('nav a', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    const organisations = liens.filter((h) => /^\/(bailleurs|reservataires|epci)\//.test(h));
    expect(organisations.length).toBeGreaterThan(0);
    for (const h of organisations) expect(h).toMatch(/^\/reservataires\/montreuil(\/|$)/);
    expect(liens).not.toContain('/admin');
    expect(await sansViolationAxe(membre)).toEqual([]);
    await membre.goto(`${serveur.url}/conventions`);
    expect(
      await membre.$$eval('table tbody tr[data-convention]', (trs) =>
        trs.map((tr) => tr.getAttribute('data-convention')),
      ),
    ).toEqual([`93-${SIREN}-montreuil`]);
    const x = await membre.goto(`${serveur.url}/reservataires/etat-93`);
    expect(x?.status()).toBe(404);
  }, 300_000);
});
