import type { CatalogueEntry } from './catalogue.js';

/**
 * Messages of `convflux evaluate` on a flat's life before its cycle: first lettings kept out of
 * the flux, the tenant's notice (congé), the notification to the réservataire. Flat ids, dates
 * and codes only, never a household's data.
 */
export const catalogueVieLogement: Record<string, CatalogueEntry> = {
  ORIENTATION_PREMIERE_LOCATION_HORS_FLUX: {
    severity: 'warning',
    fr: 'Logement {logement} : orienté vers « {reservataire} » le {date} lors de sa première mise en location, que la convention {convention} laisse hors du flux (commission de coordination, /assiette/premiere_mise_en_location) : l’orientation n’ouvre aucun cycle et ne compte pour aucun réservataire.',
    en: 'Flat {logement}: oriented to "{reservataire}" on {date} at its first letting, which convention {convention} keeps outside the flux (commission de coordination, /assiette/premiere_mise_en_location): the orientation opens no cycle and counts for no réservataire.',
  },
  VACANCE_SANS_ORIENTATION_DEPUIS_CONGE: {
    severity: 'warning',
    fr: 'Logement {logement} libéré le {liberation} et toujours pas orienté le {date}, {jours} jours après le congé du locataire reçu le {conge}.',
    en: 'Flat {logement} freed on {liberation} and still not oriented on {date}, {jours} days after the tenant’s notice received on {conge}.',
    reference: { article: 'CCH art. R. 441-5 I' },
  },
  VACANCE_SANS_ORIENTATION_MISE_EN_SERVICE: {
    severity: 'warning',
    fr: 'Logement {logement} mis en service le {mise_en_service} (première mise en location, dans le flux) et toujours pas orienté le {date}.',
    en: 'Flat {logement} put into service on {mise_en_service} (first letting, in the flux) and still not oriented on {date}.',
    reference: { article: 'CCH art. R. 441-5 I' },
  },
  LIBERATION_NON_CONSTATEE: {
    severity: 'warning',
    fr: 'Logement {logement} : congé reçu le {conge} pour une libération prévue le {date_liberation_prevue}, ni libération ni retrait du congé enregistrés au {date} ({jours} jours après le congé).',
    en: 'Flat {logement}: notice received on {conge} for a liberation expected on {date_liberation_prevue}, neither a liberation nor a withdrawal recorded by {date} ({jours} days after the notice).',
  },
  CONGE_RETIRE: {
    severity: 'warning',
    fr: 'Logement {logement} : congé retiré le {date} ; le cycle ouvert dès le congé pour « {reservataire} » prend fin (points repris : {points} ; le logement n’est pas entré dans le flux).',
    en: 'Flat {logement}: notice withdrawn on {date}; the cycle opened for "{reservataire}" during the notice ends (points taken back: {points}; the flat did not enter the flux).',
  },
  // Rejected rows
  CONGE_DATE_IMPOSSIBLE: {
    severity: 'error',
    fr: 'Congé du {conge} : la date de libération prévue ({date_liberation_prevue}) précède le congé.',
    en: 'Notice of {conge}: the expected liberation ({date_liberation_prevue}) is before the notice.',
  },
  RETRAIT_CONGE_SANS_CONGE: {
    severity: 'error',
    fr: 'Logement {logement} : retrait de congé sans congé en cours (événement conge absent, ou logement déjà libéré).',
    en: 'Flat {logement}: notice withdrawn while no notice is being served (no conge event, or the flat was already freed).',
  },
  NOTIFICATION_HORS_CYCLE: {
    severity: 'error',
    fr: 'Logement {logement} : notification (réservataire {reservataire}) sans orientation en cours vers ce réservataire.',
    en: 'Flat {logement}: notification (réservataire {reservataire}) with no open orientation to that réservataire.',
  },
};
