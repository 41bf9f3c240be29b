import type { CatalogueEntry } from './catalogue.js';

/** Messages of the service's échéancier, calendar feed, webhooks and EPCI cotation routes. */
export const catalogueServiceEcheancier: Record<string, CatalogueEntry> = {
  SERVICE_DATE_INVALIDE: {
    severity: 'error',
    fr: 'Paramètre {parametre} : une date AAAA-MM-JJ est attendue (reçu « {valeur} »).',
    en: 'Parameter {parametre}: a YYYY-MM-DD date is expected (got “{valeur}”).',
  },
  SERVICE_PARAMETRE_INVALIDE: {
    severity: 'error',
    fr: 'Paramètre {parametre} : {attendu} attendu.',
    en: 'Parameter {parametre}: {attendu} expected.',
  },
  SERVICE_JETON_CALENDRIER_INVALIDE: {
    severity: 'error',
    fr: 'Jeton de calendrier absent, inconnu ou révoqué : créez-en un avec POST /api/moi/calendrier.',
    en: 'Calendar token missing, unknown or revoked: create one with POST /api/moi/calendrier.',
  },
  SERVICE_CORPS_ATTENDU: {
    severity: 'error',
    fr: 'Corps de requête attendu : {attendu} (en-tête Content-Type: {type}).',
    en: 'Request body expected: {attendu} (Content-Type: {type} header).',
  },
};
