/**
 * Every migration of the schema, in order (Kysely's migrator sorts them by name). One list for
 * both databases: a migration that needs a dialect-specific column type asks `typesColonnes`.
 * A new migration is a new file `migrations/NNNN-topic.ts` added here; applied ones never change.
 */
import type { Migration, MigrationProvider } from 'kysely';
import type { Dialecte } from './dialect.js';
import { initial } from './migrations/0001-initial.js';
import { conventionsSignatures } from './migrations/0002-conventions-signatures.js';
import { documentsFigures } from './migrations/0003-documents-figures.js';
import { echeancier } from './migrations/0004-echeancier.js';
import { indexFigures } from './migrations/0005-index-figures.js';
import { flash } from './migrations/0006-flash.js';
import { versionFlux } from './migrations/0007-version-flux.js';
import { remarquesImport } from './migrations/0008-remarques-import.js';

export function migrations(dialecte: Dialecte): Record<string, Migration> {
  return {
    '0001-initial': initial(dialecte),
    '0002-conventions-signatures': conventionsSignatures(),
    '0003-documents-figures': documentsFigures(),
    '0004-echeancier': echeancier(),
    '0005-index-figures': indexFigures,
    '0006-flash': flash,
    '0007-version-flux': versionFlux,
    '0008-remarques-import': remarquesImport,
  };
}

export function fournisseurMigrations(dialecte: Dialecte): MigrationProvider {
  return { getMigrations: () => Promise.resolve(migrations(dialecte)) };
}
