/**
 * The bailleur × département pairs where a réservataire is party to a convention (as stored at
 * `au`, when given): what its figures and its dashboard evaluate, one pair at a time.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export function pairesDuReservataire(
  db: Kysely<Database>,
  rid: string,
  au?: string,
): Promise<{ bailleur: string; departement: string }[]> {
  let q = db
    .selectFrom('convention_version')
    .select(['bailleur', 'departement'])
    .distinct()
    .where('reservataire', '=', rid)
    .orderBy('departement')
    .orderBy('bailleur');
  if (au) q = q.where('cree_le', '<=', au);
  return q.execute();
}
