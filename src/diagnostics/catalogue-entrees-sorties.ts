import type { CatalogueEntry } from './catalogue.js';

/** Messages of the reading limits of convention sources (entrées-sorties). */
export const catalogueEntreesSorties: Record<string, CatalogueEntry> = {
  YAML_TROP_PROFOND: {
    severity: 'error',
    fr: 'Imbrication YAML trop profonde (plus de {limite} niveaux) : fichier refusé ; une convention en compte une dizaine.',
    en: 'YAML nested too deep (over {limite} levels): file rejected; a convention has about ten.',
  },
};
