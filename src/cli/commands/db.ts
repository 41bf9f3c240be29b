import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { dumper } from '../../server/db/dump.js';
import { DatabaseSetupError, openDatabase, type Base } from '../../server/db/open-database.js';
import { RestaurationRefusee, restaurer } from '../../server/db/restore.js';
import { UsageError, type CommandIo } from '../io.js';
import type { Flags } from '../main.js';

export interface DbFlags {
  data?: string;
  database?: string;
  out?: string;
}

async function ouvrir(f: DbFlags, io: CommandIo, sansMigrer: boolean): Promise<Base> {
  const database = f.database ?? process.env['DATABASE_URL'];
  try {
    return await openDatabase({
      data: resolve(io.cwd, f.data ?? 'convflux-data'),
      ...(database ? { database } : {}),
      sansMigrer,
    });
  } catch (e) {
    if (e instanceof DatabaseSetupError)
      throw new UsageError(
        `db : base inaccessible (${e.message})`,
        `db: cannot open the database (${e.en})`,
      );
    throw e;
  }
}

/** A dump of SQLite needs its file: opening a missing one would create an empty database. */
function exigerSqlite(f: DbFlags, io: CommandIo): void {
  if (f.database ?? process.env['DATABASE_URL']) return;
  const file = join(resolve(io.cwd, f.data ?? 'convflux-data'), 'convflux.sqlite');
  if (!existsSync(file))
    throw new UsageError(
      `db dump : aucune base ici (${file} n’existe pas) ; --data DOSSIER ou --database postgres://…`,
      `db dump: no database here (${file} does not exist); --data FOLDER or --database postgres://…`,
    );
}

/**
 * The dump to restore is a file, the folder of the one to write exists: checked before the database
 * is opened (a missing dump crashed the process on an unhandled stream error, after creating an
 * empty SQLite file; a missing folder printed Node's English ENOENT).
 */
function exigerFichier(chemin: string, action: 'dump' | 'restore'): void {
  const attendu = action === 'restore' ? chemin : dirname(chemin);
  const ok =
    action === 'restore'
      ? statSync(attendu, { throwIfNoEntry: false })?.isFile()
      : statSync(attendu, { throwIfNoEntry: false })?.isDirectory();
  if (ok === true) return;
  throw action === 'restore'
    ? new UsageError(
        `db restore : fichier introuvable (${chemin})`,
        `db restore: no such file (${chemin})`,
      )
    : new UsageError(
        `db dump : dossier introuvable (${attendu})`,
        `db dump: no such folder (${attendu})`,
      );
}

function resume(comptes: Record<string, number>, flags: Flags): string {
  const total = Object.values(comptes).reduce((a, b) => a + b, 0);
  const tables = Object.keys(comptes).length;
  return flags.lang === 'en'
    ? `${String(total)} rows in ${String(tables)} tables`
    : `${String(total)} lignes dans ${String(tables)} tables`;
}

async function avecBase<T>(base: Base, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof RestaurationRefusee) throw new UsageError(`db : ${e.fr}`, `db: ${e.en}`);
    if (e instanceof Error && 'code' in e)
      throw new UsageError(`db : ${e.message}`, `db: ${e.message}`);
    throw e;
  } finally {
    await base.close();
  }
}

/**
 * `convflux db dump --out FILE` / `convflux db restore FILE [--force]`: the service database
 * (SQLite in --data, or PostgreSQL with --database / DATABASE_URL) to and from a portable dump.
 */
export async function runDb(
  rest: string[],
  f: DbFlags,
  flags: Flags,
  io: CommandIo,
): Promise<number> {
  const [action, fichier, ...trop] = rest;
  if (action === 'dump' && fichier === undefined && f.out !== undefined) {
    const out = resolve(io.cwd, f.out);
    exigerFichier(out, 'dump');
    exigerSqlite(f, io);
    const base = await ouvrir(f, io, true);
    const fin = await avecBase(base, () => dumper(base, out));
    io.out(
      flags.json ? JSON.stringify(fin.lignes) : `dump : ${out} (${resume(fin.lignes, flags)})`,
    );
    return 0;
  }
  if (action === 'restore' && fichier !== undefined && !trop.length && f.out === undefined) {
    exigerFichier(resolve(io.cwd, fichier), 'restore');
    const base = await ouvrir(f, io, true);
    const comptes = await avecBase(base, () =>
      restaurer(base, resolve(io.cwd, fichier), { force: flags.force }),
    );
    io.out(
      flags.json
        ? JSON.stringify(comptes)
        : `${flags.lang === 'en' ? 'restored' : 'restauré'} : ${resume(comptes, flags)}`,
    );
    return 0;
  }
  throw new UsageError(
    'usage : convflux db dump --out FICHIER | convflux db restore FICHIER [--force] (avec --data DOSSIER ou --database postgres://…)',
    'usage: convflux db dump --out FILE | convflux db restore FILE [--force] (with --data FOLDER or --database postgres://…)',
  );
}
