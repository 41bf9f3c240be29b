/**
 * The single-row INSERT of the recording floor (one event row of the bench's own bailleur, through
 * Kysely over the service's driver): the floor runs it in a loop, the bound behind a bare express
 * route — the very same statement, so that their rates compare.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../server/db/schema.js';

/** The bailleur of the floor's and the bound's rows (removed after each measure). */
export const BAILLEUR_PLANCHER = 'banc-plancher';

export async function insererUneLigne(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .insertInto('evenement')
    .values({
      bailleur: BAILLEUR_PLANCHER,
      id,
      date: '2025-06-01',
      type: 'liberation',
      logement: 'banc',
      donnees: JSON.stringify({ id, type: 'liberation' }),
      classement: 'valide',
      enregistre_le: new Date().toISOString(),
      enregistre_par: 'banc',
      import_id: null,
    })
    .execute();
}
