import type { Kysely, Migration } from 'kysely';

/**
 * The documents the figures routes send (bilans, prévisionnels): the bailleur × département they
 * are about and what was asked (year, date, moment of the log, addressee), so that the bailleur's
 * members and the addressee find them again (`GET /api/documents`); an index to read the log as
 * it was at a past moment (`au=`).
 */
export function documentsFigures(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('document').addColumn('bailleur', 'text').execute();
      await db.schema.alterTable('document').addColumn('departement', 'text').execute();
      await db.schema.alterTable('document').addColumn('parametres', 'text').execute();
      await db.schema
        .createIndex('document_bailleur')
        .on('document')
        .columns(['bailleur', 'departement'])
        .execute();
      // Figures « as of » a moment of the log read the last event recorded by then.
      await db.schema
        .createIndex('evenement_enregistre_le')
        .on('evenement')
        .columns(['enregistre_le', 'seq'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('evenement_enregistre_le').execute();
      await db.schema.dropIndex('document_bailleur').execute();
      for (const c of ['parametres', 'departement', 'bailleur'])
        await db.schema.alterTable('document').dropColumn(c).execute();
    },
  };
}
