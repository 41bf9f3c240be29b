/**
 * The bundled example (rules/conventions/93/**, test/fixtures/exemple-93/) put in the service's
 * database directly through Kysely, in the storage formats of the contracts (one JSON object per
 * parc or event row, keys = the CSV header), while the server runs; and the same data exported
 * as files in the CLI's layout, to compare the service's answers with `convflux evaluate`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { openDatabase, type Base } from '../../src/server/db/open-database.js';
import type { Serveur } from './harness.js';

const RACINE = join(import.meta.dirname, '..', '..');
const RULES = join(RACINE, 'rules', 'conventions', '93');
const FIXTURE = join(RACINE, 'test', 'fixtures', 'exemple-93');

export type Ligne = Record<string, string>;

/** A CSV of the example (no quoted field) as objects; empty cells left out. */
export function lireCsv(file: string): Ligne[] {
  const [entete, ...lignes] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = (entete ?? '').split(',');
  return lignes.map((l) => {
    const v = l.split(',');
    const o: Ligne = {};
    cols.forEach((c, i) => {
      if (v[i]) o[c] = v[i];
    });
    return o;
  });
}

function fichiers(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? fichiers(join(dir, e.name)) : [join(dir, e.name)],
  );
}

export interface Exemple {
  conventions: { chemin: string; yaml: string }[];
  logements: Ligne[];
  evenements: Ligne[];
}

export function exemple(): Exemple {
  return {
    conventions: fichiers(RULES)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => ({ chemin: relative(RULES, f), yaml: readFileSync(f, 'utf8') })),
    logements: lireCsv(join(FIXTURE, 'logements.csv')),
    evenements: lireCsv(join(FIXTURE, 'evenements.csv')),
  };
}

/** The server's database, opened beside the running process (same file or same PostgreSQL). */
export function ouvrirBase(s: Serveur): Promise<Base> {
  const arg = (nom: string) => s.args[s.args.indexOf(nom) + 1];
  const database = s.args.includes('--database') ? arg('--database') : undefined;
  return openDatabase({ data: arg('--data') ?? '', ...(database ? { database } : {}) });
}

interface ConventionYaml {
  id: string;
  version: number;
  statut: string;
  departement: string | number;
  bailleur: { siren: string | number };
  reservataire: { id: string };
}

export async function inserer(
  base: Base,
  ex: Exemple,
  o: { creeLe: string; enregistreLe: string },
): Promise<void> {
  const db = base.db;
  for (const c of ex.conventions) {
    const y = parse(c.yaml) as ConventionYaml;
    await db
      .insertInto('convention_version')
      .values({
        id: `${y.id}/v${String(y.version)}`,
        convention_id: y.id,
        version: y.version,
        departement: String(y.departement),
        bailleur: String(y.bailleur.siren),
        reservataire: y.reservataire.id,
        statut: y.statut as 'projet' | 'signee',
        yaml: c.yaml,
        sha256: createHash('sha256').update(c.yaml).digest('hex'),
        cree_le: o.creeLe,
        cree_par: 'test',
        modifie_le: o.creeLe,
      })
      .execute();
  }
  for (let i = 0; i < ex.logements.length; i += 200)
    await db
      .insertInto('logement')
      .values(
        ex.logements.slice(i, i + 200).map((l) => ({
          bailleur: l['bailleur'] ?? '',
          id: l['logement'] ?? '',
          departement: l['departement'] ?? '',
          donnees: JSON.stringify(l),
          import_id: null,
        })),
      )
      .execute();
  await insererEvenements(base, ex.evenements, o.enregistreLe);
}

/**
 * A second bailleur in the same département: the example's parc, events and Saint-Denis
 * convention under another SIREN (every flat id and the convention's id follow).
 */
export function deuxiemeBailleur(ex: Exemple, siren: string): Exemple {
  const remplacer = (t: string) => t.replaceAll(SIREN_EXEMPLE, siren);
  const ligne = (l: Ligne): Ligne =>
    Object.fromEntries(Object.entries(l).map(([k, v]) => [k, remplacer(v)]));
  return {
    conventions: ex.conventions
      .filter((c) => c.chemin.includes('saint-denis'))
      .map((c) => ({ chemin: remplacer(c.chemin), yaml: remplacer(c.yaml) })),
    logements: ex.logements.map(ligne),
    evenements: ex.evenements.map(ligne),
  };
}

export const SIREN_EXEMPLE = '552046484';

/** Events of one flat's bailleur (the example's by default), recorded at `enregistreLe`. */
export async function insererEvenements(
  base: Base,
  evenements: Ligne[],
  enregistreLe: string,
): Promise<void> {
  for (let i = 0; i < evenements.length; i += 200)
    await base.db
      .insertInto('evenement')
      .values(
        evenements.slice(i, i + 200).map((e) => ({
          bailleur: (e['logement'] ?? '').split('-')[1] ?? '',
          id: e['id'] ?? '',
          date: e['date'] ?? '',
          type: e['type'] ?? '',
          logement: e['logement'] ?? '',
          donnees: JSON.stringify(e),
          classement: 'valide',
          enregistre_le: enregistreLe,
          enregistre_par: 'test',
          import_id: null,
        })),
      )
      .execute();
}

/** The same data as files in the CLI's layout (rules/, logements.ndjson, evenements.ndjson). */
export function exporter(ex: Exemple): string {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-export-'));
  for (const c of ex.conventions) {
    const file = join(dir, 'rules', 'conventions', '93', c.chemin);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, c.yaml);
  }
  const ndjson = (rows: Ligne[]) => rows.map((r) => JSON.stringify(r) + '\n').join('');
  writeFileSync(join(dir, 'logements.ndjson'), ndjson(ex.logements));
  writeFileSync(join(dir, 'evenements.ndjson'), ndjson(ex.evenements));
  return dir;
}
