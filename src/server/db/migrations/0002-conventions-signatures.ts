import type { Kysely, Migration } from 'kysely';

/**
 * Conventions held by the service: one signature per party and version (two signers posting at
 * once cannot both record the bailleur's), and the versions of a bailleur × département found by
 * index (every check, render and import reads them as context).
 */
export function conventionsSignatures(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('signature_version_partie')
        .on('signature')
        .columns(['version_id', 'partie'])
        .unique()
        .execute();
      await db.schema
        .createIndex('convention_version_bailleur')
        .on('convention_version')
        .columns(['departement', 'bailleur'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('convention_version_bailleur').execute();
      await db.schema.dropIndex('signature_version_partie').execute();
    },
  };
}
