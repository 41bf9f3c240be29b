import type { Kysely, Migration } from 'kysely';

/**
 * A counter per bailleur, raised in the transaction of every batch of live events: the version of
 * its flux that cached figures are compared with. The log's last `seq` alone is not enough on
 * PostgreSQL: a batch takes its `seq` when it inserts and may commit after a batch that took a
 * larger one, so figures computed between the two commits would keep a version that the earlier
 * batch's commit never moves. The counter's row lock orders its values as the commits are ordered.
 */
export const versionFlux: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('version_flux')
      .addColumn('bailleur', 'text', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
  },
};
