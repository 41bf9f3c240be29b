import type { CatalogueEntry } from './catalogue.js';

/**
 * Mistakes in what was asked of the library (`EvaluateUsageError`: exit 2 in the CLI, 400 in the
 * service), said with the CLI's option by default and with the service's parameter or address in
 * `service`: the `motif` of the service's `SERVICE_DEMANDE_REFUSEE` (« Demande refusée : … »),
 * hence its lower-case start.
 */
export const catalogueUsage: Record<string, CatalogueEntry> = {
  USAGE_ANNEE_HORS_BORNES: {
    severity: 'error',
    fr: '--annee : une année de 2000 à 2100 est attendue (reçu {annee}).',
    en: '--annee: a year from 2000 to 2100 is expected (got {annee}).',
    service: {
      fr: 'l’année {annee} n’est pas de 2000 à 2100.',
      en: 'year {annee} is not from 2000 to 2100.',
    },
  },
  USAGE_DATE_INVALIDE: {
    severity: 'error',
    fr: '--date : une date AAAA-MM-JJ est attendue (reçu « {date} »).',
    en: '--date: a YYYY-MM-DD date is expected (got "{date}").',
    service: {
      fr: 'paramètre date : une date AAAA-MM-JJ est attendue (reçu « {date} »).',
      en: 'parameter date: a YYYY-MM-DD date is expected (got "{date}").',
    },
  },
  USAGE_DATE_HORS_ANNEE: {
    severity: 'error',
    fr: '--date {date} n’est pas dans l’année {annee}.',
    en: '--date {date} is not in the year {annee}.',
    service: {
      fr: 'la date {date} (paramètre date) n’est pas dans l’année {annee} évaluée.',
      en: 'the date {date} (parameter date) is not in the evaluated year {annee}.',
    },
  },
  ORIENT_DATE_REQUISE: {
    severity: 'error',
    fr: 'Aucun événement lu : donnez la date de la suggestion avec --date AAAA-MM-JJ.',
    en: 'No event read: give the date of the suggestion with --date YYYY-MM-DD.',
    service: {
      fr: 'aucun événement enregistré : donnez la date de la suggestion (paramètre date=AAAA-MM-JJ).',
      en: 'no event recorded: give the date of the suggestion (parameter date=YYYY-MM-DD).',
    },
  },
  BILAN_RESERVATAIRE_HORS_VIGUEUR: {
    severity: 'error',
    fr: '--reservataire {demandes} : aucune convention en vigueur en {annee} (réservataires des conventions en vigueur : {connus})',
    en: '--reservataire {demandes}: no convention in force in {annee} (réservataires of the conventions in force: {connus})',
    service: {
      fr: 'le destinataire {demandes} (paramètre destinataire) n’a aucune convention en vigueur en {annee} avec ce bailleur dans ce département : pas d’exemplaire du bilan pour lui.',
      en: 'the addressee {demandes} (parameter destinataire) has no convention in force in {annee} with this bailleur in this département: no copy of the bilan for it.',
    },
  },
  BILAN_CONVENTION_HORS_VIGUEUR: {
    severity: 'error',
    fr: '--convention {demandes} : aucune convention en vigueur en {annee} (conventions en vigueur : {connus})',
    en: '--convention {demandes}: no convention in force in {annee} (conventions in force: {connus})',
    service: {
      fr: 'la convention {demandes} n’est pas en vigueur en {annee} : pas de bilan pour elle.',
      en: 'convention {demandes} is not in force in {annee}: no bilan for it.',
    },
  },
};
