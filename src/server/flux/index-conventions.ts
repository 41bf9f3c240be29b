/**
 * The conventions of one bailleur held in the database, as the engine's index: the same reading
 * as `--rules` (`loadConventionSources`), from the rows in memory, each named as its file in a
 * `rules/` tree would be (`conventions/<dép>/<SIREN>/<réservataire>/v<n>.yaml`) for diagnostics.
 * Kept per process and rebuilt when the bailleur's versions change (their count or last
 * modification), so that every server process classifies with what the database holds.
 */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { ConventionIndex } from '../../engine/convention-index.js';
import { loadConventionSources } from '../../engine/load-conventions.js';
import type { Database } from '../db/schema.js';

const cache = new Map<string, { cle: string; index: Promise<ConventionIndex> }>();

async function charger(db: Kysely<Database>, bailleur: string): Promise<ConventionIndex> {
  const rows = await db
    .selectFrom('convention_version')
    .select(['departement', 'reservataire', 'version', 'yaml'])
    .where('bailleur', '=', bailleur)
    .execute();
  const sources = rows.map((c) => ({
    file: `conventions/${c.departement}/${bailleur}/${c.reservataire}/v${String(c.version)}.yaml`,
    text: c.yaml,
  }));
  return (await loadConventionSources(sources, { lang: 'fr' })).index;
}

/** What tells that a bailleur's versions changed: their count, last modification and last id. */
export const signatureConventions = (eb: ExpressionBuilder<Database, 'convention_version'>) => [
  eb.fn.countAll().as('n'),
  sql<string | null>`max(modifie_le)`.as('m'),
  sql<string | null>`max(id)`.as('i'),
];

export interface Signature {
  n: number | string | bigint;
  m: string | null;
  i: string | null;
}

/**
 * The engine's index of the bailleur's conventions (every version, every département). `sig`:
 * the signature when the caller read it already (in a query of its own: one round trip less).
 */
export async function indexConventions(
  db: Kysely<Database>,
  bailleur: string,
  sig?: Signature,
): Promise<ConventionIndex> {
  const s =
    sig ??
    (await db
      .selectFrom('convention_version')
      .select(signatureConventions)
      .where('bailleur', '=', bailleur)
      .executeTakeFirst());
  const cle = `${String(s?.n ?? 0)}|${s?.m ?? ''}|${s?.i ?? ''}`;
  const vu = cache.get(bailleur);
  if (vu?.cle === cle) return vu.index;
  const index = charger(db, bailleur);
  cache.set(bailleur, { cle, index });
  index.catch(() => cache.delete(bailleur));
  return index;
}
