/**
 * A generated region (generate-flux.ts, NDJSON) put straight into the service's tables in the
 * storage format of the contracts (docs: `convention_version` one row per YAML version,
 * `logement.donnees` / `evenement.donnees` one JSON object per row as the CLI's NDJSON reader
 * takes it, `evenement.bailleur` the flat's bailleur) with batched INSERTs in one transaction:
 * the bench's starting state, and (for one bailleur) its « batched INSERT » floor.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { createInterface } from 'node:readline';
import type { Insertable, Kysely } from 'kysely';
import { parse } from 'yaml';
import type { Database, EvenementTable, LogementTable } from '../server/db/schema.js';

export type LigneLogement = Insertable<LogementTable>;
export type LigneEvenement = Insertable<EvenementTable>;

export interface Region {
  logements: LigneLogement[];
  evenements: LigneEvenement[];
  conventions: Insertable<Database['convention_version']>[];
}

/** When the bench's rows say they were recorded. */
export const QUAND = '2025-01-01T00:00:00.000Z';

async function lignes(path: string): Promise<string[]> {
  const out: string[] = [];
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of rl) if (line) out.push(line);
  return out;
}

function yamls(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function conventions(rules: string): Region['conventions'] {
  return yamls(join(rules, 'conventions')).map((file) => {
    const yaml = readFileSync(file, 'utf8');
    const doc = parse(yaml) as { id?: string; version?: number; statut?: string };
    const [departement = '', bailleur = '', reservataire = ''] = relative(
      join(rules, 'conventions'),
      file,
    ).split(sep);
    const id = doc.id ?? relative(rules, file);
    const version = doc.version ?? 1;
    return {
      id: `${id}/v${String(version)}`,
      convention_id: id,
      version,
      departement,
      bailleur,
      reservataire,
      statut: doc.statut === 'signee' ? 'signee' : 'projet',
      yaml,
      sha256: createHash('sha256').update(yaml).digest('hex'),
      cree_le: QUAND,
      cree_par: 'banc',
      modifie_le: QUAND,
    };
  });
}

/** The generated region's rows (dir: generate-flux's `out`, NDJSON format, one year). */
export async function lireRegion(dir: string): Promise<Region> {
  const bailleurDe = new Map<string, string>();
  const logements = (await lignes(join(dir, 'logements.ndjson'))).map((donnees) => {
    const r = JSON.parse(donnees) as { logement: string; bailleur: string; departement: string };
    bailleurDe.set(r.logement, r.bailleur);
    return {
      bailleur: r.bailleur,
      id: r.logement,
      departement: r.departement,
      donnees,
      import_id: null,
    };
  });
  const evenements = (await lignes(join(dir, 'evenements.ndjson'))).map((donnees) => {
    const r = JSON.parse(donnees) as { id: string; date: string; type: string; logement: string };
    return {
      bailleur: bailleurDe.get(r.logement) ?? '',
      id: r.id,
      date: r.date,
      type: r.type,
      logement: r.logement,
      donnees,
      classement: 'valide',
      enregistre_le: QUAND,
      enregistre_par: 'banc',
      import_id: null,
    };
  });
  return { logements, evenements, conventions: conventions(join(dir, 'rules')) };
}

async function parLots<T>(rows: T[], taille: number, inserer: (lot: T[]) => Promise<void>) {
  for (let i = 0; i < rows.length; i += taille) await inserer(rows.slice(i, i + taille));
}

/** Batched INSERTs (a few hundred rows a statement) of these rows, in ONE transaction. */
export async function insererParLots(db: Kysely<Database>, r: Partial<Region>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await parLots(r.conventions ?? [], 100, async (lot) => {
      await trx.insertInto('convention_version').values(lot).execute();
    });
    await parLots(r.logements ?? [], 1000, async (lot) => {
      await trx.insertInto('logement').values(lot).execute();
    });
    await parLots(r.evenements ?? [], 1000, async (lot) => {
      await trx.insertInto('evenement').values(lot).execute();
    });
  });
}
