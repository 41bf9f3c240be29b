/**
 * Imports left `en_cours` by a crash (kill -9, power cut): nothing of them was written (one
 * transaction), but their row still says `en_cours`. At start the service marks them
 * `interrompu`. On SQLite one process serves the file, so every `en_cours` import is an orphan.
 * On PostgreSQL other processes may be importing right now: each running import holds a session
 * advisory lock on its id (on one connection, for its whole run), which PostgreSQL releases when
 * the process dies; an `en_cours` import whose lock can be taken has no process left.
 */
import { sql } from 'kysely';
import type { Base } from '../db/open-database.js';

const cle = (id: string) => sql`hashtext('import'), hashtext(${id})`;

/** Runs the import (from the creation of its row to its end) holding its lock. */
export async function avecVerrouImport<T>(
  base: Base,
  id: string,
  fn: () => Promise<T>,
): Promise<T> {
  if (base.dialecte !== 'postgres') return fn();
  return base.db.connection().execute(async (c) => {
    await sql`select pg_advisory_lock(${cle(id)})`.execute(c);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(${cle(id)})`.execute(c);
    }
  });
}

/** Marks `interrompu` the `en_cours` imports that no process runs; returns how many. */
export async function marquerImportsInterrompus(base: Base): Promise<number> {
  const db = base.db;
  const enCours = await db
    .selectFrom('import')
    .select('id')
    .where('statut', '=', 'en_cours')
    .execute();
  let n = 0;
  for (const { id } of enCours) {
    const marque = () =>
      db
        .updateTable('import')
        .set({ statut: 'interrompu' })
        .where('id', '=', id)
        .where('statut', '=', 'en_cours')
        .executeTakeFirst();
    if (base.dialecte !== 'postgres') {
      n += Number((await marque()).numUpdatedRows) > 0 ? 1 : 0;
      continue;
    }
    await db.connection().execute(async (c) => {
      const r = await sql<{
        libre: boolean;
      }>`select pg_try_advisory_lock(${cle(id)}) as libre`.execute(c);
      if (!r.rows[0]?.libre) return;
      try {
        n += Number((await marque()).numUpdatedRows) > 0 ? 1 : 0;
      } finally {
        await sql`select pg_advisory_unlock(${cle(id)})`.execute(c);
      }
    });
  }
  return n;
}
