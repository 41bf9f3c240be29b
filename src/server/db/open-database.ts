/**
 * Opens the service's database: the embedded SQLite file `<data>/convflux.sqlite` by default, or
 * PostgreSQL when a `postgres://` URL is given; then brings the schema up to date with the one
 * migrator. Both dialects go through Kysely, so every query is written once.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Dialecte } from './dialect.js';
import { avecInstructionsNommees } from './instructions-postgres.js';
import { avecInstructionsPreparees } from './instructions-sqlite.js';
import { fournisseurMigrations } from './migrations.js';
import type { Database } from './schema.js';

export interface Base {
  db: Kysely<Database>;
  dialecte: Dialecte;
  /** Where the data lives, for the start-up message (the URL without its password). */
  description: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Folder of the SQLite file (created if missing). */
  data: string;
  /** `postgres://…`: PostgreSQL instead of SQLite. */
  database?: string;
  /** Leave the schema as it is (`convflux db restore` migrates to the dump's level itself). */
  sansMigrer?: boolean;
}

export class DatabaseSetupError extends Error {
  /** The same in English (the French `message` when not given). */
  readonly en: string;
  constructor(fr: string, en = fr) {
    super(fr);
    this.en = en;
  }
}

function codeSysteme(e: unknown): string {
  return e instanceof Error && 'code' in e ? String(e.code) : 'erreur inconnue';
}

/**
 * The folder of the SQLite file, made one level at a time: mkdirSync's recursive mode loops
 * without end on a path it cannot make under /proc (`--data /proc/nope` hung, no output), and its
 * errors are Node's English (ENOTDIR: not a directory, mkdir …).
 */
function creerDossier(data: string): void {
  const manquants: string[] = [];
  for (let d = data; ; d = dirname(d)) {
    try {
      if (statSync(d).isDirectory()) break;
      throw new DatabaseSetupError(
        `--data : « ${d} » n’est pas un dossier`,
        `--data: "${d}" is not a folder`,
      );
    } catch (e) {
      if (e instanceof DatabaseSetupError) throw e;
      if (!['ENOENT', 'ENOTDIR'].includes(codeSysteme(e)) || dirname(d) === d)
        throw new DatabaseSetupError(
          `--data : dossier « ${d} » inaccessible (${codeSysteme(e)})`,
          `--data: folder "${d}" cannot be read (${codeSysteme(e)})`,
        );
      manquants.unshift(d);
    }
  }
  for (const d of manquants)
    try {
      mkdirSync(d);
    } catch (e) {
      throw new DatabaseSetupError(
        `--data : impossible de créer le dossier « ${d} » (${codeSysteme(e)})`,
        `--data: cannot create the folder "${d}" (${codeSysteme(e)})`,
      );
    }
}

function ouvrirFichier(file: string): SQLite.Database {
  try {
    return new SQLite(file);
  } catch (e) {
    throw new DatabaseSetupError(
      `--data : impossible d’ouvrir « ${file} » (${codeSysteme(e)})`,
      `--data: cannot open "${file}" (${codeSysteme(e)})`,
    );
  }
}

function openSqlite(data: string): Base {
  creerDossier(data);
  const file = join(data, 'convflux.sqlite');
  const sqlite = ouvrirFichier(file);
  // WAL: readers never wait for the writer; synchronous=FULL: an acknowledged write survives kill -9.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: avecInstructionsPreparees(sqlite) }),
  });
  return { db, dialecte: 'sqlite', description: file, close: () => db.destroy() };
}

function hidePassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '****';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

function openPostgres(url: string): Base {
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: avecInstructionsNommees(pool) }),
  });
  return { db, dialecte: 'postgres', description: hidePassword(url), close: () => db.destroy() };
}

export async function migrer(base: Base): Promise<void> {
  const migrator = new Migrator({ db: base.db, provider: fournisseurMigrations(base.dialecte) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    const why = error instanceof Error ? error.message : JSON.stringify(error);
    throw new DatabaseSetupError(`migration ${failed}: ${why}`);
  }
}

export async function openDatabase(o: OpenOptions): Promise<Base> {
  const url = o.database;
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url))
    throw new DatabaseSetupError(
      `--database attend une adresse postgres://… (reçu : ${url})`,
      `--database expects a postgres://… address (got: ${url})`,
    );
  const base = url ? openPostgres(url) : openSqlite(o.data);
  if (o.sansMigrer === true) return base;
  try {
    await migrer(base);
  } catch (e) {
    await base.close();
    if (e instanceof DatabaseSetupError) throw e;
    throw new DatabaseSetupError(e instanceof Error ? e.message : String(e));
  }
  return base;
}
