/**
 * A query on every request's path (the principal of an API token) built and compiled by Kysely
 * once per database, then run with its parameters: the builder and the compiler cost more than
 * the indexed lookup itself. The query is compiled with example values, which must come back as
 * its parameters in the order given (else it is refused at its first use).
 */
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';

export function requeteCompilee<DB, P extends readonly unknown[], R>(
  construire: (db: Kysely<DB>, ...p: P) => Compilable<R>,
  exemple: P,
): (db: Kysely<DB>, ...p: P) => Promise<R[]> {
  const textes = new WeakMap<Kysely<DB>, string>();
  return async (db, ...p) => {
    let sql = textes.get(db);
    if (sql === undefined) {
      const c = construire(db, ...exemple).compile();
      if (JSON.stringify(c.parameters) !== JSON.stringify(exemple))
        throw new Error(`requête compilée : paramètres ${JSON.stringify(c.parameters)}`);
      sql = c.sql;
      textes.set(db, sql);
    }
    return (await db.executeQuery<R>(CompiledQuery.raw(sql, [...p]))).rows;
  };
}
