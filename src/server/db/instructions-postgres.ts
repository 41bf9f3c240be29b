/**
 * PostgreSQL behind Kysely with the hot paths' statements prepared once per connection: Kysely's
 * driver sends every query unnamed, which the server parses and plans again each time — on an
 * API request's principal and the figures' data version, more of its CPU than running them.
 * A text registered by `preparer` (a fixed, bounded set: the queries compiled once by
 * `requeteCompilee`) is sent as a named statement (`pg` parses it on a connection once, then
 * only binds and executes; the server keeps its plan); every other text goes as before.
 * A text registered by `copier` is a `COPY … FROM STDIN`: its one parameter is the data (an
 * iterable of text chunks in COPY's text format), streamed to the server on the same connection
 * (`pg-copy-streams`), so inside the caller's transaction; it answers the rows copied.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** SQL text → statement name, the same in every process (a hash of the text). */
const nommees = new Map<string, string>();

/** Runs `sql` as a named prepared statement on PostgreSQL from now on. */
export function preparer(sql: string): void {
  if (!nommees.has(sql))
    nommees.set(sql, `convflux_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`);
}

/** The `COPY … FROM STDIN` texts (`copier`). */
const copies = new Set<string>();

/** Runs `sql`, a `COPY … FROM STDIN`, with the data given as its one parameter. */
export function copier(sql: string): void {
  copies.add(sql);
}

const estIterable = (v: unknown): v is Iterable<string> =>
  typeof v === 'object' && v !== null && Symbol.iterator in v;

async function copie<R>(
  c: pg.PoolClient,
  sql: string,
  donnees: unknown,
): Promise<PostgresQueryResult<R>> {
  if (!estIterable(donnees)) throw new TypeError(`COPY sans données : ${sql}`);
  const flux = c.query(copyFrom(sql));
  await pipeline(Readable.from(donnees, { objectMode: false }), flux);
  // Kysely knows no `COPY` command: as an INSERT, its row count is the rows written.
  return { command: 'INSERT', rowCount: flux.rowCount, rows: [] };
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
    if (copies.has(q)) return copie<R>(c, q, parameters?.[0]);
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
