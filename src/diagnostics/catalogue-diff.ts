import type { CatalogueEntry } from './catalogue.js';

/** Diagnostics of `convflux diff`. */
export const catalogueDiff: Record<string, CatalogueEntry> = {
  DIFF_CONVENTIONS_DIFFERENTES: {
    severity: 'warning',
    fr: '« {id} » ({fichier}) n’est pas la convention « {autre} » ({autreFichier}) : la comparaison porte sur deux conventions différentes, pas sur deux versions d’une même convention.',
    en: '"{id}" ({fichier}) is not the convention "{autre}" ({autreFichier}): the comparison is between two different conventions, not two versions of one convention.',
  },
};
