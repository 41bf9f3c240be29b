import type { Kysely, Migration } from 'kysely';

/**
 * Indexes for the queries that read a bailleur × département (src/server/flux/entrees.ts, the
 * figures, échéancier and bilan routes) and the audit by date: without them each of these reads
 * scans the whole table, which on a region (≈ 1,3 M flats, their year of events) is the
 * difference between milliseconds and seconds.
 * - `logement(bailleur, departement)`: the parc of one bailleur × département, and the sub-query
 *   that keeps the events of its flats (the primary key (bailleur, id) only narrows to the bailleur);
 * - `evenement(bailleur, enregistre_le)`: one bailleur's events recorded up to a date (`au`);
 * - `convention_version(bailleur, departement)`: the conventions of one bailleur × département;
 * - `audit(quand)`: the audit log read by period.
 */
export const indexFigures: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const s = db.schema;
    await s
      .createIndex('logement_bailleur_departement')
      .on('logement')
      .columns(['bailleur', 'departement'])
      .execute();
    await s
      .createIndex('evenement_bailleur_enregistre')
      .on('evenement')
      .columns(['bailleur', 'enregistre_le'])
      .execute();
    await s
      .createIndex('convention_version_bailleur_departement')
      .on('convention_version')
      .columns(['bailleur', 'departement'])
      .execute();
    await s.createIndex('audit_quand').on('audit').column('quand').execute();
  },
};
