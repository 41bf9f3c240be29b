import type { CatalogueEntry } from './catalogue.js';

/** Messages of the consumption of the droits uniques of `conversion_stock` (src/engine/conversion-consommee.ts). */
export const catalogueConversionConsommee: Record<string, CatalogueEntry> = {
  CONVERSION_CONSOMMATION_EN_RETARD: {
    severity: 'warning',
    fr: 'Droits uniques de la conversion du stock : au {date}, il en reste {restant} alors que l’échéancier de la convention n’en laisse que {attendu} ; la consommation est en retard d’au moins un logement ({retard}).',
    en: 'Droits uniques of the stock conversion: on {date}, {restant} remain where the convention’s schedule leaves only {attendu}; consumption is behind by at least one flat ({retard}).',
  },
};
