import type { CatalogueEntry } from './catalogue.js';

/** Messages of the checks of `juridiction` (src/check/juridiction-checks.ts). */
export const catalogueJuridiction: Record<string, CatalogueEntry> = {
  TRIBUNAL_ADMINISTRATIF_INCONNU: {
    severity: 'error',
    fr: 'Le département {departement} n’a pas de tribunal administratif dans la table de convflux (code de justice administrative, art. R. 221-3) : la convention ne peut pas nommer la juridiction compétente. Nommez-la dans juridiction.tribunal.',
    en: 'Département {departement} has no tribunal administratif in convflux’s table (code de justice administrative art. R. 221-3): the convention cannot name the competent court. Name it in juridiction.tribunal.',
    reference: { article: 'CJA art. R. 221-3' },
  },
};
