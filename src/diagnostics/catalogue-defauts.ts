import type { CatalogueEntry } from './catalogue.js';

/** Messages of `convflux init` (the skeleton of a convention). */
export const catalogueDefauts: Record<string, CatalogueEntry> = {
  INIT_FICHIER_EXISTANT: {
    severity: 'error',
    fr: '{chemin} existe déjà : convflux init n’écrase jamais un fichier (choisissez un autre nom).',
    en: '{chemin} already exists: convflux init never overwrites a file (choose another name).',
  },
};
