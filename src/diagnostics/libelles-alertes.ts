/**
 * The words of each alert the engine can raise (its code's label, French and English): one
 * catalogue for the bilan's table of alerts (section 6: the bilan goes to the réservataires, never
 * a code), the steps of `evaluate --explain`, `simulate`'s alerts that appear or vanish and the
 * flat's page. Every alert code of the flux
 * catalogues has both labels (test/explain-alertes-libelles-cli.test.ts).
 */
import type { Lang } from './diagnostic.js';

export const LIBELLES_ALERTES: Readonly<Record<string, { fr: string; en: string }>> = {
  DESIGNATION_HORS_DELAI: {
    fr: 'Désignation non faite dans le délai',
    en: 'Designation not made within the delay',
  },
  VACANCE_SANS_ORIENTATION: {
    fr: 'Logement libéré non orienté dans le délai',
    en: 'Freed flat not oriented within the delay',
  },
  VACANCE_SANS_ORIENTATION_MISE_EN_SERVICE: {
    fr: 'Logement mis en service non orienté dans le délai',
    en: 'Newly let flat not oriented within the delay',
  },
  OBJECTIF_EN_RETARD: {
    fr: 'Objectif en retard d’au moins un logement',
    en: 'Objective behind by at least one flat',
  },
  OBJECTIF_NON_ATTEINT: {
    fr: 'Objectif non atteint sur l’année, d’au moins un logement',
    en: 'Objective missed over the year by at least one flat',
  },
  PUBLIC_PART_EN_RETARD: {
    fr: 'Part d’un public (L. 441-1) en retard d’au moins un logement',
    en: 'Share of a public (L. 441-1) behind by at least one flat',
  },
  PUBLIC_PART_NON_ATTEINTE: {
    fr: 'Part d’un public (L. 441-1) non atteinte, d’au moins un logement',
    en: 'Share of a public (L. 441-1) missed by at least one flat',
  },
  PUBLIC_HORS_ATTRIBUTION: {
    fr: 'Public indiqué hors d’une attribution de la CALEOL',
    en: 'Public given outside a CALEOL attribution',
  },
  PUBLIC_HORS_CONTINGENT: {
    fr: 'Public indiqué sur une attribution hors contingent',
    en: 'Public given on an attribution outside any contingent',
  },
  PUBLIC_QUARTILE_EN_QPV: {
    fr: 'Premier quartile hors QPV indiqué pour un logement en QPV',
    en: 'First quartile outside QPV given for a flat in a QPV',
  },
  EVENEMENT_DESORDONNE: {
    fr: 'Événements dans un ordre inattendu',
    en: 'Events in an unexpected order',
  },
  EVENEMENT_APRES_FIN: {
    fr: 'Événement après la fin de la convention',
    en: 'Event after the end of the convention',
  },
  CYCLE_OUVERT_APRES_FIN: {
    fr: 'Cycle encore ouvert après la fin de la convention',
    en: 'Cycle still open after the end of the convention',
  },
  EVENEMENT_AVANT_DEBUT: {
    fr: 'Événement avant le début de la convention',
    en: 'Event before the start of the convention',
  },
  EVENEMENT_HORS_CYCLE: {
    fr: 'Événement hors de tout cycle d’orientation',
    en: 'Event outside any orientation cycle',
  },
  DESIGNATION_HORS_CYCLE: {
    fr: 'Désignation hors de tout cycle d’orientation',
    en: 'Designation outside any orientation cycle',
  },
  ORIENTATION_EN_DOUBLE: { fr: 'Orientation en double', en: 'Duplicate orientation' },
  REORIENTATION_AVANT_EXPIRATION: {
    fr: 'Réorientation avant l’expiration du délai de désignation',
    en: 'Re-orientation before the designation delay lapsed',
  },
  REPRISE_AVANT_EXPIRATION: {
    fr: 'Reprise avant l’expiration du délai de désignation',
    en: 'Taken back before the designation delay lapsed',
  },
  ORIENTATION_LOGEMENT_STOCK: {
    fr: 'Orientation d’un logement géré en stock',
    en: 'Orientation of a flat managed in stock',
  },
  ORIENTATION_PREMIERE_LOCATION_HORS_FLUX: {
    fr: 'Orientation d’un logement mis en service que la convention laisse hors du flux',
    en: 'Orientation of a newly let flat the convention keeps outside the flux',
  },
  VACANCE_SANS_ORIENTATION_DEPUIS_CONGE: {
    fr: 'Logement libéré après un congé non orienté dans le délai',
    en: 'Flat freed after a notice not oriented within the delay',
  },
  LIBERATION_NON_CONSTATEE: {
    fr: 'Libération prévue par un congé non enregistrée',
    en: 'Liberation expected from a notice not recorded',
  },
  CONGE_RETIRE: {
    fr: 'Congé retiré après une orientation pendant le préavis',
    en: 'Notice withdrawn after an orientation during the notice period',
  },
  CONVERSION_CONSOMMATION_EN_RETARD: {
    fr: 'Consommation des droits uniques de la conversion en retard d’au moins un logement',
    en: 'Consumption of the conversion’s one-off rights behind by at least one flat',
  },
  CONVENTION_NON_SIGNEE: {
    fr: 'Convention non signée (projet) : résultats indicatifs',
    en: 'Convention not signed (draft): indicative results',
  },
};

/** The label of an alert code in `lang`; a code with no words is shown as it is. */
export const libelleAlerte = (code: string, lang: Lang): string =>
  LIBELLES_ALERTES[code]?.[lang] ?? code;
