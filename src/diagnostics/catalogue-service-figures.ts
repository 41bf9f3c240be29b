import type { CatalogueEntry } from './catalogue.js';

/** Messages of the service's figures, explanations, orientations and documents (issue 14). */
export const catalogueServiceFigures: Record<string, CatalogueEntry> = {
  SERVICE_DEMANDE_REFUSEE: {
    severity: 'error',
    fr: 'Demande refusée : {motif}',
    en: 'Request refused: {motif}',
  },
  SERVICE_AUCUN_BILAN: {
    severity: 'error',
    fr: 'Aucune convention en vigueur en {annee} pour le bailleur {bailleur} dans le département {departement} : pas de bilan.',
    en: 'No convention in force in {annee} for bailleur {bailleur} in département {departement}: no bilan.',
  },
  SERVICE_PREVISION_INVALIDE: {
    severity: 'error',
    fr: 'Le fichier de prévision n’a pas permis de calculer le prévisionnel (voir les diagnostics).',
    en: 'The forecast file did not allow the forecast to be computed (see the diagnostics).',
  },
};
