/**
 * Defaults of two keys that decide when a flat's life in the flux starts: whether a first letting
 * (`mise_en_service`) is in the flux (`/assiette/premiere_mise_en_location`), and from which event
 * the designation delay runs (`/designation/a_compter_de`). Registered in DEFAUTS
 * (src/convention/defauts.ts); read by the engine (src/engine/premiere-location.ts, the rules of
 * src/engine/convention-rules.ts) and by the printed text, so that both follow the same key.
 */
import type { Convention } from './convention.js';
import type { Defaut } from './defauts.js';

export type PremiereMiseEnLocation = 'flux' | 'commission_coordination';
export type DepartDelaiDesignation = 'orientation' | 'notification';

/** CCH art. L. 441-1, as quoted by a secondary source (rules/reglementation/textes-trouves.md). */
export const L441_1_PREMIERE_LOCATION =
  'CCH art. L. 441-1 (« lors d’une mise en location initiale ou ultérieure » ; texte en vigueur non lu, citation indirecte)';

export const DEFAUTS_VIE_LOGEMENT: readonly Defaut[] = [
  {
    cle: '/assiette/premiere_mise_en_location',
    cas: [
      {
        defaut: { valeur: 'flux' },
        fondement: { nature: 'loi', article: L441_1_PREMIERE_LOCATION },
        explication: {
          fr: 'Les logements mis en location pour la première fois entrent dans le flux de l’année, comme les logements libérés (la réservation porte sur un flux de logements « lors d’une mise en location initiale ou ultérieure ») ; la pratique francilienne d’une commission de coordination pour les programmes neufs n’est qu’une stipulation possible.',
          en: 'Flats let for the first time enter the year’s flux like freed flats (reservations bear on a flux of flats « lors d’une mise en location initiale ou ultérieure »); the Île-de-France practice of a commission de coordination for new programmes is only a possible stipulation.',
        },
      },
    ],
  },
  {
    cle: '/designation/a_compter_de',
    cas: [
      {
        defaut: { valeur: 'orientation' },
        fondement: { nature: 'choix_convflux' },
        explication: {
          fr: 'Le délai de désignation court à compter de l’orientation du logement vers le réservataire.',
          en: 'The designation delay runs from the orientation of the flat to the réservataire.',
        },
      },
    ],
  },
];

/** Whether this version puts first lettings in the flux (the key, or its default). */
export function premiereLocationDansLeFlux(c: Convention): boolean {
  return (c.assiette?.premiere_mise_en_location ?? 'flux') === 'flux';
}

/** The event the designation delay runs from (the key, or its default). */
export function departDelaiDesignation(c: Convention): DepartDelaiDesignation {
  return c.designation.a_compter_de ?? 'orientation';
}
