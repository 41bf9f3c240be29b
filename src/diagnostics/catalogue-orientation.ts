import type { CatalogueEntry } from './catalogue.js';

/** Messages of `convflux orient` (src/orientation/): the flat asked for, the date. */
export const catalogueOrientation: Record<string, CatalogueEntry> = {
  ORIENT_LOGEMENT_INCONNU: {
    severity: 'error',
    fr: '{option} {logement} : ce logement n’est pas dans le parc ; vérifiez son identifiant (colonne logement).',
    en: '{option} {logement}: this flat is not in the parc; check its id (logement column).',
    service: {
      fr: 'Logement {logement} : ce logement n’est pas dans le parc du bailleur ; vérifiez son identifiant.',
      en: 'Flat {logement}: this flat is not in the bailleur’s parc; check its id.',
    },
  },
  ORIENT_LOGEMENT_REJETE: {
    severity: 'error',
    fr: '{option} {logement} : la ligne {ligne} du parc qui décrit ce logement est rejetée ; corrigez-la (convflux evaluate dit pourquoi).',
    en: '{option} {logement}: row {ligne} of the parc, which describes this flat, is rejected; fix it (convflux evaluate says why).',
    service: {
      fr: 'Logement {logement} : la ligne {ligne} du parc importé qui décrit ce logement est rejetée ; corrigez-la et importez le parc à nouveau (le rapport de l’import dit pourquoi).',
      en: 'Flat {logement}: row {ligne} of the imported parc, which describes this flat, is rejected; fix it and import the parc again (the import’s report says why).',
    },
  },
  ORIENT_LOGEMENT_NON_LIBERE: {
    severity: 'error',
    fr: '{option} {logement} : ce logement n’est pas libéré au {date} (aucune libération ni mise en service dans les événements jusqu’à cette date).',
    en: '{option} {logement}: this flat is not freed on {date} (no liberation nor first letting in the events up to that date).',
    service: {
      fr: 'Logement {logement} : ce logement n’est pas libéré au {date} (aucune libération ni mise en service dans les événements enregistrés jusqu’à cette date).',
      en: 'Flat {logement}: this flat is not freed on {date} (no liberation nor first letting in the recorded events up to that date).',
    },
  },
  ORIENT_LOGEMENT_RELOUE: {
    severity: 'error',
    fr: '{option} {logement} : libéré le {liberation}, ce logement est de nouveau attribué ou loué le {depuis} ; il n’est plus à orienter au {date}.',
    en: '{option} {logement}: freed on {liberation}, this flat was attributed or let again on {depuis}; it is no longer to be oriented on {date}.',
    service: {
      fr: 'Logement {logement} : libéré le {liberation}, ce logement est de nouveau attribué ou loué le {depuis} ; il n’est plus à orienter au {date}.',
      en: 'Flat {logement}: freed on {liberation}, this flat was attributed or let again on {depuis}; it is no longer to be oriented on {date}.',
    },
  },
  ORIENT_SANS_CONVENTION: {
    severity: 'error',
    fr: '{option} {logement} : aucune convention de réservation en flux du bailleur {bailleur} ne couvre ce logement (département {departement}) ; il n’y a rien à suggérer.',
    en: '{option} {logement}: no flux reservation convention of bailleur {bailleur} covers this flat (département {departement}); there is nothing to suggest.',
    service: {
      fr: 'Logement {logement} : aucune convention de réservation en flux du bailleur {bailleur} ne couvre ce logement (département {departement}) ; il n’y a rien à suggérer.',
      en: 'Flat {logement}: no flux reservation convention of bailleur {bailleur} covers this flat (département {departement}); there is nothing to suggest.',
    },
  },
  ORIENT_DATE_HORS_CONVENTIONS: {
    severity: 'error',
    fr: '{option} {date} : aucune des conventions qui couvrent le logement {logement} n’est en vigueur à cette date ({conventions}).',
    en: '{option} {date}: none of the conventions covering flat {logement} is in force on that date ({conventions}).',
    service: {
      fr: 'Date {date} : aucune des conventions qui couvrent le logement {logement} n’est en vigueur à cette date ({conventions}).',
      en: 'Date {date}: none of the conventions covering flat {logement} is in force on that date ({conventions}).',
    },
  },
};
