/**
 * `npm run bench:service`: the shared service (`convflux serve`) under load, loopback only, on
 * SQLite and on a private PostgreSQL (postgres-local.ts). Every figure is a ratio to a floor
 * measured in the same run on the same machine:
 *   figures    p99 of GET …/figures?annee= under N concurrent clients (autocannon) against a bare
 *              express route returning JSON of the same size — goal ≤ 3 ×;
 *   recording  rate of POST …/evenements against bare single-row INSERTs through the same driver —
 *              goal ≥ 0,5 ×, and the figures changed within 1 s of one more recorded event; with
 *              the bound of any HTTP route here: a bare express POST route doing the floor's INSERT
 *              per request (borne-saisie.ts), same clients, same floor;
 *   import     POST …/imports?nature=parc then nature=evenements of one bailleur's rows against a
 *              batched INSERT of the same rows in one transaction — goal ≤ 2 ×; and, in CPU, a lower
 *              bound (borne-import.ts: the floor plus JSON.parse and schema validation of each row)
 *              against the floor, and the route against that bound.
 * The region is generated (generate-flux.ts; Île-de-France ≈ 1,3 M flats at --echelle 1) and put
 * straight into the tables. A route that answers 404 is not merged yet: said, floors still measured.
 * The import is also measured in CPU time (user + system, /proc): the server process and the
 * database's (SQLite: in the server; PostgreSQL: its processes) against the bench's process and
 * the database's for the floor — steadier than elapsed time on a loaded machine.
 * Options: --echelle F (default 0.02), --seed N, --duree S (each load run, default 10),
 * --connexions N (default 200), --bases sqlite,postgres, --mesures figures,saisie,import (default
 * all three), --keep. Exit 0, 2 when it cannot measure.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { demarrerPostgresLocal, type PostgresLocal } from '../server/db/postgres-local.js';
import { openDatabase } from '../server/db/open-database.js';
import type { Database } from '../server/db/schema.js';
import { ecrireEntrees } from '../server/flux/entrees.js';
import { packagePath } from '../package-path.js';
import { generateFlux } from './generate-flux.js';
import { BenchError, fr, runBench } from './run-bench.js';
import { cpuMoi, cpuPostgres, cpuProcessus } from './cpu-processus.js';
import { borneImport, preparerBorne, type Corps } from './borne-import.js';
import { avecJeton, demarrerServe, jetonMembre, type ServeurBench } from './service-client.js';
import { insererParLots, lireRegion, type Region } from './service-load.js';
import {
  borneSaisie,
  charger,
  expressNu,
  fraicheur,
  insertionsUnitaires,
  retirerLignesPlancher,
  type ResultatCharge,
} from './service-measures.js';

const ANNEE = 2025;
/** Concurrent clients of the recording (route, bound and floor alike). */
const CLIENTS_SAISIE = 16;
type NomBase = 'sqlite' | 'postgres';
const MESURES = ['figures', 'saisie', 'import'] as const;
type NomMesure = (typeof MESURES)[number];

interface Options {
  echelle: number;
  seed: number;
  duree: number;
  connexions: number;
  bases: NomBase[];
  mesures: NomMesure[];
  keep: boolean;
}

/** What one database measured; undefined = the route is not merged (404). */
interface Mesures {
  base: NomBase;
  chargement: number;
  figures?: { plancher: ResultatCharge; route?: ResultatCharge; octets: number };
  saisie?: {
    plancher: { debit: number; cpuMs: number; cpuBaseMs: number };
    /** A bare express POST route doing the floor's INSERT per request (borne-saisie.ts). */
    borne: ResultatCharge;
    route?: ResultatCharge;
    fraicheur?: number | 'inchangée';
  };
  /**
   * Elapsed seconds, and CPU ms (process + database), of the floor, of the lower bound (the
   * floor plus parsing and validating each row: borne-import.ts) and of the route.
   */
  import: {
    plancher: number;
    borne: number;
    /** Whether the route was measured (`--mesures … import`). */
    demandee: boolean;
    route?: number;
    cpu: { plancher: number; borne: number; route?: number };
  };
}

interface Cibles {
  /** The bailleur × département of the figures and of the recorded events. */
  bailleur: string;
  departement: string;
  /** Its flats: the recorded events go round them (one flat's history is not the worst case). */
  logements: string[];
  /** The bailleur imported through the route (left out of the initial load). */
  importe: string;
}

function choisir(region: Region): Cibles {
  const parPaire = new Map<string, number>();
  const parBailleur = new Map<string, number>();
  for (const l of region.logements) {
    const k = `${l.bailleur}|${l.departement}`;
    parPaire.set(k, (parPaire.get(k) ?? 0) + 1);
    parBailleur.set(l.bailleur, (parBailleur.get(l.bailleur) ?? 0) + 1);
  }
  const [paire = '|'] = [...parPaire].sort((a, b) => b[1] - a[1])[0] ?? [];
  const [bailleur = '', departement = ''] = paire.split('|');
  const autres = [...parBailleur].filter(([b]) => b !== bailleur).sort((a, b) => b[1] - a[1]);
  const importe = autres[0]?.[0];
  const logements = region.logements
    .filter((l) => l.bailleur === bailleur && l.departement === departement)
    .map((l) => l.id);
  if (!importe || !logements.length)
    throw new BenchError('région trop petite : augmentez --echelle');
  return { bailleur, departement, logements, importe };
}

function partager(region: Region, importe: string): { reste: Region; importees: Region } {
  const de = <T extends { bailleur: string }>(rows: T[], garder: boolean) =>
    rows.filter((r) => (r.bailleur === importe) !== garder);
  return {
    reste: {
      logements: de(region.logements, true),
      evenements: de(region.evenements, true),
      conventions: region.conventions,
    },
    importees: {
      logements: de(region.logements, false),
      evenements: de(region.evenements, false),
      conventions: [],
    },
  };
}

async function nouvelleBase(nom: NomBase, root: string, pgl?: PostgresLocal): Promise<string[]> {
  const data = join(root, `data-${nom}`);
  mkdirSync(data, { recursive: true });
  if (nom === 'sqlite' || !pgl) return ['--data', data];
  const c = new pg.Client(pgl.url);
  await c.connect();
  await c.query('CREATE DATABASE banc_service');
  await c.end();
  return ['--data', data, '--database', pgl.url.replace(/\/postgres$/, '/banc_service')];
}

const ouvrir = (args: string[]) =>
  openDatabase({ data: args[1] ?? '', ...(args[3] ? { database: args[3] } : {}) });

/** The evaluate --json of the bailleur × département, by the CLI: the floor's payload size. */
async function payloadEvaluate(args: string[], c: Cibles, fichier: string): Promise<void> {
  const base = await ouvrir(args);
  const e = await ecrireEntrees(base.db, { bailleur: c.bailleur, departement: c.departement });
  await base.close();
  const argv = [
    packagePath('bin', 'convflux.js'),
    'evaluate',
    '--rules',
    e.rules,
    '--parc',
    e.parc,
    '--events',
    e.evenements,
    '--annee',
    String(ANNEE),
    '--json',
    '--tolerant',
  ];
  const out = await new Promise<string>((resolve) => {
    execFile(process.execPath, argv, { maxBuffer: 1 << 28 }, (_e, stdout) => {
      resolve(stdout);
    });
  });
  e.close();
  if (!out.trim()) throw new BenchError('evaluate --json n’a rien écrit (taille des figures)');
  writeFileSync(fichier, out);
}

async function mesurerFigures(
  s: ServeurBench,
  jeton: string,
  c: Cibles,
  args: string[],
  o: Options,
  root: string,
  cpuDb: () => number,
): Promise<NonNullable<Mesures['figures']>> {
  const chemin = `/api/bailleurs/${c.bailleur}/departements/${c.departement}/figures?annee=${String(ANNEE)}`;
  const r = await avecJeton(s.url, jeton).requete('GET', chemin);
  const payload = join(root, 'figures.json');
  if (r.status === 200) writeFileSync(payload, r.texte);
  else if (r.status === 404) await payloadEvaluate(args, c, payload);
  else throw new BenchError(`GET figures : ${String(r.status)} ${r.texte.slice(0, 300)}`);
  const nu = await expressNu(payload);
  try {
    const plancher = await charger({
      url: nu.url,
      connexions: o.connexions,
      duree: o.duree,
      cpu: nu.cpu,
      cpuBase: cpuDb,
    });
    const octets = Buffer.byteLength(
      r.status === 200 ? r.texte : JSON.stringify(await (await fetch(nu.url)).json()),
    );
    if (r.status === 404) return { plancher, octets };
    const route = await charger({
      url: s.url + chemin,
      connexions: o.connexions,
      duree: o.duree,
      jeton,
      cpu: s.cpu,
      cpuBase: cpuDb,
    });
    return { plancher, route, octets };
  } finally {
    nu.stop();
  }
}

/** The bodies of the recorded events: a liberation each, going round the flats of `c`. */
function corpsSaisie(c: Cibles): () => string {
  let n = 0;
  return () =>
    JSON.stringify({
      id: `B${String(++n)}`,
      date: `${String(ANNEE)}-06-01`,
      type: 'liberation',
      logement: c.logements[n % c.logements.length],
    });
}

/** The bound: a bare express POST route doing the floor's INSERT, under the route's 16 clients. */
async function mesurerBorne(
  args: string[],
  c: Cibles,
  o: Options,
  cpuDb: () => number,
): Promise<ResultatCharge> {
  const b = await borneSaisie(args);
  try {
    return await charger({
      url: b.url,
      connexions: CLIENTS_SAISIE,
      duree: o.duree,
      corps: corpsSaisie(c),
      cpu: b.cpu,
      cpuBase: cpuDb,
    });
  } finally {
    b.stop();
  }
}

async function mesurerSaisie(
  s: ServeurBench,
  jeton: string,
  c: Cibles,
  figures: boolean,
  o: Options,
  cpuDb: () => number,
): Promise<Omit<NonNullable<Mesures['saisie']>, 'plancher' | 'borne'>> {
  const chemin = `/api/bailleurs/${c.bailleur}/evenements?confirmer=true`;
  const corps = corpsSaisie(c);
  const session = avecJeton(s.url, jeton);
  const essai = await session.requete('POST', chemin, JSON.parse(corps()));
  if (essai.status === 404) return {};
  if (essai.status !== 201)
    throw new BenchError(`POST evenements : ${String(essai.status)} ${essai.texte.slice(0, 300)}`);
  const route = await charger({
    url: s.url + chemin,
    connexions: CLIENTS_SAISIE,
    duree: o.duree,
    jeton,
    corps,
    cpu: s.cpu,
    cpuBase: cpuDb,
  });
  if (!figures) return { route };
  const chFig = `/api/bailleurs/${c.bailleur}/departements/${c.departement}/figures?annee=${String(ANNEE)}`;
  const f = await fraicheur(session, chFig, async () => {
    await session.requete('POST', chemin, JSON.parse(corps()));
  });
  return { route, fraicheur: f ?? 'inchangée' };
}

/** CPU ms of the database's own processes so far (PostgreSQL; SQLite runs in its client). */
const cpuBase = (pgl?: PostgresLocal) => (pgl ? cpuPostgres(pgl.port) : 0);

async function importer(
  s: ServeurBench,
  jeton: string,
  c: Cibles,
  imp: Region,
  pgl?: PostgresLocal,
): Promise<{ secondes: number; cpu: number } | undefined> {
  const cpu0 = cpuProcessus(s.pid) + cpuBase(pgl);
  const t0 = performance.now();
  const corps = corpsImport(imp);
  for (const [nature, rows] of [
    ['parc', corps.logements],
    ['evenements', corps.evenements],
  ] as const) {
    const res = await fetch(
      `${s.url}/api/bailleurs/${c.importe}/imports?nature=${nature}&format=ndjson`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${jeton}`, 'content-type': 'application/x-ndjson' },
        body: `${rows.join('\n')}\n`,
      },
    );
    const texte = await res.text();
    if (res.status === 404) return undefined;
    if (res.status !== 201)
      throw new BenchError(`import ${nature} : ${String(res.status)} ${texte.slice(0, 300)}`);
    let statut = JSON.parse(texte) as { id: string; statut: string };
    while (statut.statut === 'en_cours') {
      await new Promise((r) => setTimeout(r, 50));
      statut = (await avecJeton(s.url, jeton).requete('GET', `/api/imports/${statut.id}`))
        .body as typeof statut;
    }
  }
  const secondes = (performance.now() - t0) / 1000;
  return { secondes, cpu: cpuProcessus(s.pid) + cpuBase(pgl) - cpu0 };
}

/** The NDJSON bodies of the import: one text a row, as the route receives them. */
const corpsImport = (imp: Region): Corps => ({
  logements: imp.logements.map((l) => l.donnees),
  evenements: imp.evenements.map((e) => e.donnees),
});

async function effacer(db: Kysely<Database>, bailleur: string): Promise<void> {
  await db.deleteFrom('evenement').where('bailleur', '=', bailleur).execute();
  await db.deleteFrom('logement').where('bailleur', '=', bailleur).execute();
}

async function mesurerBase(
  nom: NomBase,
  root: string,
  region: Region,
  c: Cibles,
  o: Options,
  pgl?: PostgresLocal,
): Promise<Mesures> {
  const args = await nouvelleBase(nom, root, pgl);
  const { reste, importees } = partager(region, c.importe);
  const base = await ouvrir(args);
  let t = performance.now();
  await insererParLots(base.db, reste);
  const chargement = (performance.now() - t) / 1000;
  t = performance.now();
  const cpu0 = cpuMoi() + cpuBase(pgl);
  await insererParLots(base.db, importees);
  const cpuLots = cpuMoi() + cpuBase(pgl) - cpu0;
  const lots = (performance.now() - t) / 1000;
  await effacer(base.db, c.importe);
  preparerBorne();
  t = performance.now();
  const cpu1 = cpuMoi() + cpuBase(pgl);
  await borneImport(base.db, c.importe, corpsImport(importees));
  const cpuBorne = cpuMoi() + cpuBase(pgl) - cpu1;
  const borne = (performance.now() - t) / 1000;
  await effacer(base.db, c.importe);
  const veut = (m: NomMesure) => o.mesures.includes(m);
  const cpuDb = () => (pgl ? cpuBase(pgl) : Number.NaN);
  const unitaires = veut('saisie')
    ? {
        plancher: await insertionsUnitaires(base.db, o.duree, CLIENTS_SAISIE, cpuDb),
        borne: await mesurerBorne(args, c, o, cpuDb),
      }
    : undefined;
  await retirerLignesPlancher(base.db);
  await base.close();
  const s = await demarrerServe(args);
  try {
    const jeton = await jetonMembre(s, [c.bailleur, c.importe]);
    const figures = veut('figures')
      ? await mesurerFigures(s, jeton, c, args, o, root, cpuDb)
      : undefined;
    const saisie = unitaires
      ? { ...unitaires, ...(await mesurerSaisie(s, jeton, c, !!figures?.route, o, cpuDb)) }
      : undefined;
    const route = veut('import') ? await importer(s, jeton, c, importees, pgl) : undefined;
    return {
      base: nom,
      chargement,
      ...(figures ? { figures } : {}),
      ...(saisie ? { saisie } : {}),
      import: {
        plancher: lots,
        borne,
        demandee: veut('import'),
        cpu: { plancher: cpuLots, borne: cpuBorne, ...(route ? { route: route.cpu } : {}) },
        ...(route ? { route: route.secondes } : {}),
      },
    };
  } finally {
    await s.stop();
  }
}

const ABSENTE = 'route absente (404 : pas encore fusionnée)';
const NON_MESUREE = 'non mesurée (--mesures)';

const rapport = (route: number, plancher: number, d = 2) => `${fr(route / plancher, d)} ×`;

function ligneFigures(m: Mesures): string[] | undefined {
  const f = m.figures;
  if (!f) return undefined;
  return [
    m.base,
    'figures p99 (ms)',
    fr(f.plancher.p99),
    f.route ? fr(f.route.p99) : ABSENTE,
    f.route ? rapport(f.route.p99, Math.max(1, f.plancher.p99)) : '—',
    '≤ 3 ×',
  ];
}

/** The bound's rate against the floor: under 0,5 × no HTTP route can reach the goal here. */
function ligneBorne(m: Mesures): string[] | undefined {
  const sa = m.saisie;
  if (!sa) return undefined;
  return [
    m.base,
    'saisie, borne express + INSERT (évén./s)',
    fr(sa.plancher.debit),
    fr(sa.borne.debit),
    rapport(sa.borne.debit, sa.plancher.debit),
    'borne de l’objectif ≥ 0,5 ×',
  ];
}

function ligneSaisie(m: Mesures): string[] | undefined {
  const sa = m.saisie;
  if (!sa) return undefined;
  const fraiche =
    sa.fraicheur === undefined
      ? '—'
      : sa.fraicheur === 'inchangée'
        ? 'inchangées après 10 s'
        : `${fr(sa.fraicheur, 2)} s`;
  return [
    m.base,
    'saisie (évén./s)',
    fr(sa.plancher.debit),
    sa.route ? fr(sa.route.debit) : ABSENTE,
    sa.route ? `${rapport(sa.route.debit, sa.plancher.debit)} ; fraîcheur ${fraiche}` : '—',
    '≥ 0,5 × ; ≤ 1 s',
  ];
}

/** A row of CPU ms: `mesure` against `plancher` (undefined: `absente` says why). */
const ligneCpu = (
  base: NomBase,
  mesure: string,
  plancher: number,
  mesuree: number | undefined,
  objectif: string,
  absente = ABSENTE,
): string[] => [
  base,
  mesure,
  fr(plancher),
  mesuree === undefined ? absente : fr(mesuree),
  mesuree === undefined ? '—' : rapport(mesuree, Math.max(1, plancher)),
  objectif,
];

function lignesImport(m: Mesures): string[][] {
  const i = m.import;
  const absente = i.route === undefined;
  const pourquoi = i.demandee ? ABSENTE : NON_MESUREE;
  return [
    [
      m.base,
      'import (s)',
      fr(i.plancher, 2),
      absente ? pourquoi : fr(i.route ?? 0, 2),
      absente ? '—' : rapport(i.route ?? 0, i.plancher),
      '≤ 2 ×',
    ],
    ligneCpu(
      m.base,
      'import, CPU processus + base (ms)',
      i.cpu.plancher,
      i.cpu.route,
      '≤ 2 ×',
      pourquoi,
    ),
    ligneCpu(
      m.base,
      'import, borne (JSON.parse + schéma + INSERT), CPU (ms)',
      i.cpu.plancher,
      i.cpu.borne,
      '≤ 2 × ?',
    ),
    ligneCpu(m.base, 'import, route / borne, CPU (ms)', i.cpu.borne, i.cpu.route, '—', pourquoi),
  ];
}

function lignesTableau(m: Mesures): string[][] {
  const lignes = [ligneFigures(m), ligneSaisie(m), ligneBorne(m)].filter(
    (l): l is string[] => l !== undefined,
  );
  return [...lignes, ...lignesImport(m)];
}

const ms = (x: number) => (Number.isFinite(x) ? `${fr(x, 3)} ms` : '?');

/** A process's CPU per answer, and the database's (PostgreSQL) after a « + ». */
const cpuDe = (r: { cpuMs: number; cpuBaseMs: number }) =>
  ms(r.cpuMs) + (Number.isFinite(r.cpuBaseMs) ? ` + base ${ms(r.cpuBaseMs)}` : '');

/** The answering process's CPU per request: less distorted by a loaded machine than rates. */
function cpuParRequete(m: Mesures): string {
  const f = m.figures;
  const sa = m.saisie;
  const parties = [];
  if (f)
    parties.push(
      `CPU par requête des figures ${f.route ? cpuDe(f.route) : '—'} (plancher express ${cpuDe(f.plancher)})`,
    );
  if (sa)
    parties.push(
      `par événement enregistré ${sa.route ? cpuDe(sa.route) : '—'} (borne express + INSERT ${cpuDe(sa.borne)} ; plancher, côté pilote : ${cpuDe(sa.plancher)} par INSERT)`,
    );
  return parties.join(' ; ');
}

function imprimer(mesures: Mesures[]): void {
  const tete = ['base', 'mesure', 'plancher', 'route', 'rapport', 'objectif'];
  const rows = [tete, ...mesures.flatMap(lignesTableau)];
  const larg = tete.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  console.log('');
  for (const r of rows) console.log(r.map((v, i) => v.padEnd(larg[i] ?? 0)).join('  '));
  for (const m of mesures) {
    const f = m.figures;
    const erreurs = (r?: ResultatCharge) => String((r?.non2xx ?? 0) + (r?.erreurs ?? 0));
    console.log(
      (f || m.saisie ? `\n${m.base} : ${cpuParRequete(m)}` : '') +
        `\n${m.base} : chargement de la région ${fr(m.chargement, 1)} s ; borne d’import ${fr(m.import.borne, 2)} s` +
        (f
          ? ` ; réponse des figures ${fr(f.octets)} octets ; erreurs de charge : plancher ${erreurs(f.plancher)}, figures ${erreurs(f.route)}, saisie ${erreurs(m.saisie?.route)}, borne ${erreurs(m.saisie?.borne)}`
          : ''),
    );
  }
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      echelle: { type: 'string', default: '0.02' },
      seed: { type: 'string', default: '2020' },
      duree: { type: 'string', default: '10' },
      connexions: { type: 'string', default: '200' },
      bases: { type: 'string', default: 'sqlite,postgres' },
      mesures: { type: 'string', default: MESURES.join(',') },
      keep: { type: 'boolean', default: false },
    },
  });
  const echelle = Number(values.echelle);
  const bases = values.bases
    .split(',')
    .filter((b): b is NomBase => b === 'sqlite' || b === 'postgres');
  const mesures = MESURES.filter((m) => values.mesures.split(',').includes(m));
  if (!(echelle > 0 && echelle <= 1) || !bases.length || !mesures.length)
    throw new BenchError(
      '--echelle : ]0, 1] ; --bases : sqlite, postgres ou les deux ; --mesures : figures, saisie, import',
    );
  return {
    echelle,
    seed: Number(values.seed),
    duree: Math.max(1, Number(values.duree)),
    connexions: Math.max(1, Number(values.connexions)),
    bases,
    mesures,
    keep: values.keep,
  };
}

/** The private PostgreSQL, or a one-line failure saying to install it or to pass --bases sqlite. */
async function postgresLocal(): Promise<PostgresLocal> {
  try {
    return await demarrerPostgresLocal();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new BenchError(`${why} (ou --bases sqlite)`);
  }
}

let o: Options;
try {
  o = options(process.argv.slice(2));
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(2);
}
runBench('convflux-service-bench-', o.keep, async (root) => {
  const gen = join(root, 'gen');
  const g = generateFlux({
    region: 'idf',
    out: gen,
    seed: o.seed,
    annee: ANNEE,
    format: 'ndjson',
    echelle: o.echelle,
  });
  const region = await lireRegion(gen);
  const c = choisir(region);
  const imp = partager(region, c.importe).importees;
  console.log(
    `Région Île-de-France à l’échelle ${String(o.echelle)} : ${fr(g.logements)} logements, ${fr(g.evenements)} événements, ${fr(region.conventions.length)} conventions (échelle 1 ≈ 1,3 M logements).`,
  );
  console.log(
    `Figures et saisie : bailleur ${c.bailleur} × ${c.departement} ; import : bailleur ${c.importe} (${fr(imp.logements.length)} logements, ${fr(imp.evenements.length)} événements). ${String(o.connexions)} clients, ${String(o.duree)} s par charge ; machine : ${String(cpus().length)} cœurs, charge ${loadavg()
      .map((x) => fr(x, 2))
      .join(' ')}.`,
  );
  const pgl = o.bases.includes('postgres') ? await postgresLocal() : undefined;
  try {
    const mesures: Mesures[] = [];
    for (const b of o.bases) mesures.push(await mesurerBase(b, root, region, c, o, pgl));
    imprimer(mesures);
    console.log(
      `\ncharge de la machine à la fin : ${loadavg()
        .map((x) => fr(x, 2))
        .join(' ')}`,
    );
  } finally {
    pgl?.stop();
  }
  return 0;
});
