/**
 * PostgreSQL behind Kysely with the hot paths' statements prepared once per connection: Kysely's
 * driver sends every query unnamed, which the server parses and plans again each time — on an
 * API request's principal and the figures' data version, more of its CPU than running them.
 * A text registered by `preparer` (a fixed, bounded set: the queries compiled once by
 * `requeteCompilee`) is sent as a named statement (`pg` parses it on a connection once, then
 * only binds and executes; the server keeps its plan); every other text goes as before.
 */
import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/** SQL text → statement name, the same in every process (a hash of the text). */
const nommees = new Map<string, string>();

/** Runs `sql` as a named prepared statement on PostgreSQL from now on. */
export function preparer(sql: string): void {
  if (!nommees.has(sql))
    nommees.set(sql, `convflux_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`);
}

function client(c: pg.PoolClient): PostgresPoolClient {
  function query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>>;
  function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  function query<R>(
    q: string | PostgresCursor<R>,
    parameters?: readonly unknown[],
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof q !== 'string')
      return c.query(q as unknown as pg.Submittable) as unknown as PostgresCursor<R>;
    const name = nommees.get(q);
    const values = [...(parameters ?? [])];
    return (name ? c.query({ name, text: q, values }) : c.query(q, values)) as unknown as Promise<
      PostgresQueryResult<R>
    >;
  }
  return {
    query,
    release: (destroy?: boolean) => {
      c.release(destroy);
    },
  };
}

/** The pool Kysely's PostgresDialect takes, over `pool`. */
export function avecInstructionsNommees(pool: pg.Pool): PostgresPool {
  return {
    connect: async () => client(await pool.connect()),
    end: () => pool.end(),
  };
}
