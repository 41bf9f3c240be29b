/**
 * A write that reads a flat's history then appends to it, safe under concurrent writers: one
 * transaction, and a lock taken first — on PostgreSQL a transaction-scoped advisory lock on the
 * flat (`pg_advisory_xact_lock`, released at commit or rollback); on SQLite `BEGIN IMMEDIATE`
 * (the database's one writer lock, taken before the history is read; a process has one
 * connection, which Kysely lends to one transaction at a time).
 */
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

export async function ecritureVerrouillee<T>(
  base: Base,
  verrous: readonly Verrou[],
  f: (tx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (base.dialecte === 'postgres')
    return base.db.transaction().execute(async (tx) => {
      // Every lock in one statement (one round trip), taken in the order given.
      if (verrous.length)
        await sql`select ${sql.join(
          verrous.map((v) =>
            v.partage
              ? sql`pg_advisory_xact_lock_shared(hashtext(${v.cle}))`
              : sql`pg_advisory_xact_lock(hashtext(${v.cle}))`,
          ),
        )}`.execute(tx);
      return f(tx);
    });
  return base.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const r = await f(conn);
      await sql`commit`.execute(conn);
      return r;
    } catch (e) {
      await sql`rollback`.execute(conn);
      throw e;
    }
  });
}
