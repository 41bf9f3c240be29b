/**
 * A query on every request's path (the principal of an API token) built and compiled by Kysely
 * once per database, then run with its parameters: the builder and the compiler cost more than
 * the indexed lookup itself. The query is compiled with example values, all distinct: each
 * parameter of the compiled text must be one of them (a value may come back several times, in
 * any order — a subquery of the select list before the WHERE), else it is refused at its first use.
 * On PostgreSQL its text is a named statement (`preparer`): parsed and planned once per connection.
 */
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import { preparer } from '../db/instructions-postgres.js';

interface Compilee {
  sql: string;
  /** For each parameter of the text, the index of its value among the function's. */
  indices: number[];
}

function compiler(c: CompiledQuery, exemple: readonly unknown[]): Compilee {
  const indices = c.parameters.map((v) => exemple.indexOf(v));
  if (new Set(exemple).size !== exemple.length || indices.some((i) => i < 0))
    throw new Error(`requête compilée : paramètres ${JSON.stringify(c.parameters)}`);
  return { sql: c.sql, indices };
}

export function requeteCompilee<DB, P extends readonly unknown[], R>(
  construire: (db: Kysely<DB>, ...p: P) => Compilable<R>,
  exemple: P,
): (db: Kysely<DB>, ...p: P) => Promise<R[]> {
  const compilees = new WeakMap<Kysely<DB>, Compilee>();
  return async (db, ...p) => {
    let c = compilees.get(db);
    if (c === undefined) {
      c = compiler(construire(db, ...exemple).compile(), exemple);
      preparer(c.sql);
      compilees.set(db, c);
    }
    const valeurs = c.indices.map((i) => p[i]);
    return (await db.executeQuery<R>(CompiledQuery.raw(c.sql, valeurs))).rows;
  };
}
