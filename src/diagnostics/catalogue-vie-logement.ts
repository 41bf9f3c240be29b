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
};
