/**
 * `convflux db dump`: the whole service database as one portable file, the same whichever
 * dialect wrote it — gzip NDJSON: a header line (format, the schema's migrations), then for each
 * table a line naming its columns followed by one JSON array per row, then an end line with the
 * row counts (a truncated file is refused on restore). Bytes are base64; everything else is
 * already text or integers (schema.ts). Read in one snapshot: a repeatable-read, read-only
 * transaction on PostgreSQL (rows fetched through a cursor), one read transaction on SQLite.
 */
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip, type Gzip } from 'node:zlib';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Base } from './open-database.js';
import type { Database } from './schema.js';
import { migrationsAppliquees, tablesDecrites, type TableDecrite } from './tables.js';

export const FORMAT_DUMP = 'convflux-dump';
export const VERSION_DUMP = 1;

export interface EnteteDump {
  format: typeof FORMAT_DUMP;
  version: number;
  /** The migrations applied to the dumped database, in order. */
  migrations: string[];
  /** The dialect it came from (information only: a dump restores into either). */
  dialecte: string;
}

export interface EnteteTable {
  table: string;
  colonnes: TableDecrite['colonnes'];
}

export interface FinDump {
  fin: true;
  lignes: Record<string, number>;
}

type Ligne = Record<string, unknown>;
type Dynamique = Kysely<Record<string, Ligne>>;

async function ecrire(gz: Gzip, value: unknown): Promise<void> {
  if (!gz.write(`${JSON.stringify(value)}\n`)) await once(gz, 'drain');
}

function encoder(t: TableDecrite, row: Ligne): unknown[] {
  return t.colonnes.map((c) => {
    const v = row[c.nom];
    if (c.type === 'octets' && v instanceof Uint8Array) return Buffer.from(v).toString('base64');
    return v ?? null;
  });
}

/** The rows of one table, a batch at a time (a cursor on PostgreSQL, an iterator on SQLite). */
async function* lignesDe(
  trx: Transaction<Database>,
  base: Base,
  table: string,
): AsyncGenerator<Ligne[]> {
  if (base.dialecte === 'sqlite') {
    let lot: Ligne[] = [];
    for await (const row of (trx as unknown as Dynamique).selectFrom(table).selectAll().stream()) {
      lot.push(row);
      if (lot.length === 1000) {
        yield lot;
        lot = [];
      }
    }
    if (lot.length) yield lot;
    return;
  }
  await sql`declare dump_curseur no scroll cursor for select * from ${sql.table(table)}`.execute(
    trx,
  );
  for (;;) {
    const { rows } = await sql<Ligne>`fetch 2000 from dump_curseur`.execute(trx);
    if (!rows.length) break;
    yield rows;
  }
  await sql`close dump_curseur`.execute(trx);
}

async function ecrireTables(trx: Transaction<Database>, base: Base, gz: Gzip): Promise<FinDump> {
  const fin: FinDump = { fin: true, lignes: {} };
  const entete: EnteteDump = {
    format: FORMAT_DUMP,
    version: VERSION_DUMP,
    migrations: await migrationsAppliquees(trx),
    dialecte: base.dialecte,
  };
  await ecrire(gz, entete);
  for (const t of await tablesDecrites(trx, base.dialecte)) {
    const et: EnteteTable = { table: t.nom, colonnes: t.colonnes };
    await ecrire(gz, et);
    let n = 0;
    for await (const lot of lignesDe(trx, base, t.nom)) {
      for (const row of lot) await ecrire(gz, encoder(t, row));
      n += lot.length;
    }
    fin.lignes[t.nom] = n;
  }
  await ecrire(gz, fin);
  return fin;
}

/**
 * Writes the dump to `fichier` (through `fichier.partiel`, renamed at the end: a failed dump
 * leaves no file that looks complete). Returns the row count of each table.
 */
export async function dumper(base: Base, fichier: string): Promise<FinDump> {
  const partiel = `${fichier}.partiel`;
  const gz = createGzip();
  const ecrit = pipeline(gz, createWriteStream(partiel));
  try {
    const trx = base.db.transaction();
    const fin = await (
      base.dialecte === 'postgres'
        ? trx.setIsolationLevel('repeatable read').setAccessMode('read only')
        : trx
    ).execute((t) => ecrireTables(t, base, gz));
    gz.end();
    await ecrit;
    renameSync(partiel, fichier);
    return fin;
  } catch (e) {
    gz.destroy();
    await ecrit.catch(() => undefined);
    rmSync(partiel, { force: true });
    throw e;
  }
}
