import type { Kysely, Migration } from 'kysely';

/**
 * Échéancier, webhooks and cotation: calendar tokens (read-only, for the iCalendar feed), the
 * webhook deliveries queue (retries with backoff, shared by every process), the deadlines
 * already announced to each organisation, and the EPCIs' cotation grids.
 */
export function echeancier(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      await s
        .createTable('jeton_calendrier')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('compte_id', 'text', (c) => c.notNull().references('compte.id'))
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .addColumn('cree_le', 'text', (c) => c.notNull())
        .addColumn('revoque_le', 'text')
        .execute();
      await s
        .createTable('webhook_livraison')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('webhook_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('corps', 'text', (c) => c.notNull())
        .addColumn('statut', 'text', (c) => c.notNull())
        .addColumn('tentatives', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('prochaine_le', 'text', (c) => c.notNull())
        .addColumn('derniere_reponse', 'text')
        .addColumn('cree_le', 'text', (c) => c.notNull())
        .execute();
      await s
        .createIndex('webhook_livraison_a_faire')
        .on('webhook_livraison')
        .columns(['statut', 'prochaine_le'])
        .execute();
      await s
        .createTable('echeance_annoncee')
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('echeance_id', 'text', (c) => c.notNull())
        .addColumn('annoncee_le', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('echeance_annoncee_pk', ['organisation_id', 'echeance_id'])
        .execute();
      await s
        .createTable('grille_cotation')
        .addColumn('epci', 'text', (c) => c.notNull())
        .addColumn('nom', 'text', (c) => c.notNull())
        .addColumn('yaml', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('cree_le', 'text', (c) => c.notNull())
        .addColumn('cree_par', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('grille_cotation_pk', ['epci', 'nom'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const t of [
        'grille_cotation',
        'echeance_annoncee',
        'webhook_livraison',
        'jeton_calendrier',
      ])
        await db.schema.dropTable(t).execute();
    },
  };
}
