import type { CatalogueEntry } from './catalogue.js';

/** Messages of `convflux bilan --prevision`: the forecast of year N+1 printed in the bilan of N. */
export const catalogueBilanPrevision: Record<string, CatalogueEntry> = {
  BILAN_PREVISION_ANNEE: {
    severity: 'error',
    fr: 'Le fichier prévoit l’année {annee} ; le bilan {bilan} est accompagné du prévisionnel de {attendue}.',
    en: 'The file forecasts year {annee}; the bilan of {bilan} comes with the forecast of {attendue}.',
  },
  BILAN_PREVISION_SANS_BILAN: {
    severity: 'error',
    fr: 'Prévision du bailleur {bailleur} dans le département {departement} : aucun bilan {annee} de ce bailleur dans ce département n’est demandé.',
    en: 'Forecast of bailleur {bailleur} in département {departement}: no {annee} bilan of that bailleur in that département is asked for.',
  },
};
