import type { Kysely, Migration } from 'kysely';

/**
 * An import's `remarques`: what the reading of its file noted without refusing it (the sheet of
 * a workbook read, a column ignored, the encoding, the JJ/MM/AAAA dates read day first), a JSON
 * array of Diagnostics (codes, counts, line numbers; no personal data), as `rejets` is. The
 * imports made before it have none recorded: `[]`.
 */
export const remarquesImport: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('import')
      .addColumn('remarques', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
  },
};
