/**
 * The database of a test server opened directly (the library's openDatabase), to put rows the
 * routes of this branch do not write yet and to read every table back; and the CLI run as a
 * process (`node bin/convflux.js …`), for `convflux db`.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Base } from '../../src/server/db/open-database.js';
import { tablesDecrites } from '../../src/server/db/tables.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'convflux.js');

/** Opens the database named by `nouvelleBase`'s arguments (`--data D [--database URL]`). */
export function ouvrirBase(args: string[], sansMigrer = false): Promise<Base> {
  const val = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const database = val('--database');
  return openDatabase({ data: val('--data') ?? '', ...(database ? { database } : {}), sansMigrer });
}

export interface Sortie {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node bin/convflux.js …args` (async: the worker keeps answering vitest meanwhile). */
export function cli(args: string[]): Promise<Sortie> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, DATABASE_URL: '' }, maxBuffer: 1 << 26 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 99) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function normaliser(v: unknown): unknown {
  if (v instanceof Uint8Array) return `octets:${Buffer.from(v).toString('base64')}`;
  return v;
}

/** Every table's rows (values normalised, rows sorted): what two databases must share. */
export async function contenu(base: Base): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of await tablesDecrites(base.db, base.dialecte)) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(t.nom)}`.execute(
      base.db,
    );
    out[t.nom] = rows
      .map((r) => JSON.stringify(t.colonnes.map((c) => [c.nom, normaliser(r[c.nom])])))
      .sort();
  }
  return out;
}
