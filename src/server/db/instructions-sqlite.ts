/**
 * The embedded SQLite behind Kysely with its prepared statements kept: Kysely's driver prepares
 * every query again (parsing and planning the SQL each time), which on the service's hot paths
 * (an API request's principal, a live event's batch) cost as much as running them. A statement
 * is reused while the same SQL text comes back; one still being iterated (a streamed read) is not
 * shared: a fresh one is prepared for the other caller.
 */
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct SQL texts kept (IN lists of every length make many): the oldest is dropped. */
const TAILLE = 500;

export function avecInstructionsPreparees(db: SQLite.Database): SqliteDatabase {
  const gardees = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      gardees.clear();
      db.close();
    },
    prepare: (sql: string): SqliteStatement => {
      const vue = gardees.get(sql);
      if (vue && !vue.busy) return vue;
      const st = db.prepare(sql);
      if (vue) return st;
      gardees.set(sql, st);
      if (gardees.size > TAILLE) {
        const ancienne = gardees.keys().next().value;
        if (ancienne !== undefined) gardees.delete(ancienne);
      }
      return st;
    },
  };
}
