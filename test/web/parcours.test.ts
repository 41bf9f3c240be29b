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
  premiereConnexion,
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
/** Two flats of the example's parc with no event: the bailleur frees them (saisie). */
const LIBRES = [
  { logement: `93-${SIREN}-00001`, date: '2025-12-01' },
  { logement: `93-${SIREN}-00002`, date: '2025-12-10' },
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

let ctx: ContexteWeb;
let serveur: Serveur;
let navigateur: Browser;
let admin: Page;

beforeAll(async () => {
  copyFileSync(join(EXEMPLE, 'logements.csv'), PARC);
  copyFileSync(join(EXEMPLE, 'evenements.csv'), EVENEMENTS);
  ctx = await contexteWeb({ exemple: false });
  ({ serveur, navigateur, page: admin } = ctx);
}, 120_000);

afterAll(async () => {
  await ctx.fermer();
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
        (z as HTMLTextAreaElement).value = v;
      },
      yaml,
    );
    await cliquerEtAttendre(p, 'form.formulaire-editeur button[type=submit]');
    return p.url();
  } finally {
    await p.setJavaScriptEnabled(true);
  }
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

    // The conventions: the editor's page files each version (POST /api/conventions behind it).
    for (const f of CONVENTIONS) {
      const c = lireConvention(f);
      const suite = await deposerParLEditeur(
        admin,
        `/conventions/nouveau?departement=93&bailleur=${c.bailleur.siren}&reservataire=${c.reservataire.id}`,
        readFileSync(f, 'utf8'),
      );
      const version = /v(\d+)\.yaml$/.exec(f)?.[1] ?? '';
      expect(new URL(suite).pathname, await texteContenu(admin)).toBe(
        `/conventions/${c.id}/brouillon`,
      );
      expect(new URL(suite).searchParams.get('version')).toBe(version);
      expect(new URL(suite).searchParams.get('enregistre')).toBe('1');
    }
    expect(await sansViolationAxe(admin)).toEqual([]);
    await admin.goto(`${serveur.url}/conventions`);
    const ids = [...new Set(CONVENTIONS.map((f) => lireConvention(f).id))].sort();
    expect(
      await admin.$$eval('table tbody tr[data-convention]', (trs) =>
        trs.map((tr) => tr.getAttribute('data-convention')),
      ),
    ).toEqual(ids);
    expect(await sansViolationAxe(admin)).toEqual([]);
  }, 180_000);
});
