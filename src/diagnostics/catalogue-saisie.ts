import type { CatalogueEntry } from './catalogue.js';

/**
 * Corrections of the events log (`annulation` events) and the service's imports and live
 * recording (`convflux serve`, src/server/routes/flux-routes.ts).
 */
export const catalogueSaisie: Record<string, CatalogueEntry> = {
  ANNULATION_INCONNUE: {
    severity: 'error',
    fr: 'Annulation de l’événement « {annule} » : aucun événement de ce logement ne porte cet identifiant.',
    en: 'Cancellation of event "{annule}": no event of this flat has that id.',
  },
  ANNULATION_D_ANNULATION: {
    severity: 'error',
    fr: 'L’événement « {annule} » est lui-même une annulation : une annulation ne s’annule pas ; enregistrez à nouveau l’événement voulu sous un autre identifiant.',
    en: 'Event "{annule}" is itself a cancellation: a cancellation cannot be cancelled; record the intended event again under another id.',
  },
  ANNULATION_EN_DOUBLE: {
    severity: 'error',
    fr: 'L’événement « {annule} » est déjà annulé par « {annulee_par} » (ligne {premiere}).',
    en: 'Event "{annule}" is already cancelled by "{annulee_par}" (line {premiere}).',
    // The service's log has no lines: the first annulation is named by its id.
    service: {
      fr: 'L’événement « {annule} » est déjà annulé par l’événement « {annulee_par} ».',
      en: 'Event "{annule}" is already cancelled by event "{annulee_par}".',
    },
  },
  SAISIE_CONFIRMATION_REQUISE: {
    severity: 'error',
    fr: 'Événement anomal ({codes}) : renvoyez-le avec ?confirmer=true pour l’enregistrer avec son alerte.',
    en: 'Anomalous event ({codes}): send it again with ?confirmer=true to record it with its alert.',
  },
  SAISIE_ID_DEJA_PRIS: {
    severity: 'error',
    fr: 'L’identifiant d’événement « {id} » est déjà enregistré avec un autre contenu : un événement ne se modifie pas, corrigez-le par une annulation.',
    en: 'Event id "{id}" is already recorded with other content: an event is never edited, correct it with an annulation.',
  },
  SAISIE_LOGEMENT_AUTRE_BAILLEUR: {
    severity: 'error',
    fr: 'Le logement {logement} appartient au bailleur {autre}, pas à {bailleur}.',
    en: 'Flat {logement} belongs to bailleur {autre}, not to {bailleur}.',
  },
  SAISIE_IMPORT_REJETE: {
    severity: 'error',
    fr: 'Import refusé : {rejetees} ligne(s) rejetée(s) sur {lignes} ; rien n’a été enregistré (tolerant=true enregistre les lignes valides).',
    en: 'Import refused: {rejetees} rejected row(s) of {lignes}; nothing was written (tolerant=true writes the valid rows).',
  },
  SAISIE_IMPORT_ILLISIBLE: {
    severity: 'error',
    fr: 'Import refusé : le fichier n’a pas pu être lu, aucune ligne n’a été lue (le diagnostic suivant dit pourquoi) ; rien n’a été enregistré.',
    en: 'Import refused: the file could not be read, no row was read (the next diagnostic says why); nothing was written.',
  },
  SAISIE_PARAMETRE_INVALIDE: {
    severity: 'error',
    fr: 'Paramètre {parametre} invalide : {attendu} attendu.',
    en: 'Invalid {parametre} parameter: {attendu} expected.',
  },
  SAISIE_RPLS_COLONNE_MANQUANTE: {
    severity: 'error',
    fr: 'Fichier RPLS : colonne {colonne} absente de l’en-tête ({role}).',
    en: 'RPLS file: column {colonne} missing from the header ({role}).',
  },
};
