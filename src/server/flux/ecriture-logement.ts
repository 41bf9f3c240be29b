/**
 * A write that reads a flat's history then appends to it, safe under concurrent writers: one
 * transaction, and a lock taken first — on PostgreSQL a transaction-scoped advisory lock on the
 * flat (`pg_advisory_xact_lock`, released at commit or rollback; taken by the statement that
 * begins the transaction); on SQLite `BEGIN IMMEDIATE`
 * (the database's one writer lock, taken before the history is read; a process has one
 * connection, which Kysely lends to one transaction at a time).
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Base } from '../db/open-database.js';
import type { Database } from '../db/schema.js';

export interface Verrou {
  cle: string;
  /** Shared (many holders) rather than exclusive; PostgreSQL only. */
  partage?: boolean;
}

/** The lock of a bailleur's events: shared by live writes, exclusive for an import. */
export const verrouBailleur = (bailleur: string, partage: boolean): Verrou => ({
  cle: `evenements:${bailleur}`,
  partage,
});

/** The lock of one flat's history. */
export const verrouLogement = (bailleur: string, logement: string): Verrou => ({
  cle: `logement:${bailleur}:${logement}`,
});

/**
 * A lock's 64-bit key: the first 8 bytes of the SHA-256 of its name, as a signed integer (every
 * process computes the same). Numbers only, so that the locks go with `begin` in one statement
 * of the simple protocol (no bound parameter): one round trip for both.
 */
export function cleVerrou(cle: string): string {
  return createHash('sha256').update(cle).digest().readBigInt64BE(0).toString();
}

/** PostgreSQL: `begin` and every lock (in the order given) in one round trip. */
const debutPostgres = (verrous: readonly Verrou[]): string =>
  verrous.length
    ? `begin; select ${verrous
        .map(
          (v) =>
            `${v.partage ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(${cleVerrou(v.cle)})`,
        )
        .join(', ')}`
    : 'begin';

export async function ecritureVerrouillee<T>(
  base: Base,
  verrous: readonly Verrou[],
  f: (tx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const debut = base.dialecte === 'postgres' ? debutPostgres(verrous) : 'begin immediate';
  return base.db.connection().execute(async (conn) => {
    // On SQLite a refused `begin` opened nothing; on PostgreSQL a refused lock leaves the
    // transaction begun by the same statement, which the rollback ends.
    if (base.dialecte === 'sqlite') await sql.raw(debut).execute(conn);
    try {
      if (base.dialecte === 'postgres') await sql.raw(debut).execute(conn);
      const r = await f(conn);
      await sql`commit`.execute(conn);
      return r;
    } catch (e) {
      await sql`rollback`.execute(conn);
      throw e;
    }
  });
}
