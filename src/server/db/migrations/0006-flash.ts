import type { Kysely, Migration } from 'kysely';

/**
 * The one-time values a form leaves for the page it redirects to (Post/Redirect/Get: an API
 * token made, an account's one-time password, a calendar link): in the database, so that the
 * page may be served by another server process behind the load balancer, or after a restart.
 * A row belongs to a session (`session_id`, the SHA-256 of its cookie), is read once (deleted as
 * it is read) and expires; its value is encrypted with a key derived from the session's cookie,
 * which the database never holds.
 */
export const flash: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('flash')
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('nom', 'text', (c) => c.notNull())
      .addColumn('valeur', 'text', (c) => c.notNull())
      .addColumn('expire_le', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('flash_pk', ['session_id', 'nom'])
      .execute();
    await db.schema.createIndex('flash_expire').on('flash').column('expire_le').execute();
  },
};
