/**
 * The loan-guarantee paragraph of the article « Part du flux réservée » (review I9): the
 * guarantee-based share (`flux.part_garantie_emprunt`, else the whole part) and the cap quoted as
 * the only wording found (R.* 441-5 before décret n° 2020-145), with the base the parties retain
 * (parameter garantie_emprunt_assiette: convflux's reading, printed as the parties' choice).
 */
import { garantieEmprunt } from '../convention/clauses.js';
import type { Convention } from '../convention/convention.js';
import type { Parametres } from '../reglementation/parametres.js';
import { pourcent } from './typographie.js';

export interface GarantieView {
  presente: boolean;
  /** The cap, "20 %". */
  plafond: string;
  /** The parties measure the cap on the guarantee-based share of the flux (else per programme). */
  surLeFlux: boolean;
  /** The guarantee-based share, "20 %". */
  part: string;
  /** The guarantee-based share is smaller than the part: the rest rests on other contreparties. */
  partielle: boolean;
}

const V = 'valeur';
export const GARANTIE_SHAPE = {
  presente: V,
  plafond: V,
  surLeFlux: V,
  part: V,
  partielle: V,
} as const;

export function buildGarantieView(c: Convention, parametres: Parametres): GarantieView {
  const plafond = parametres.valueAt('garantie_emprunt_part_max', c.date_effet);
  const part = c.flux.part_garantie_emprunt ?? c.flux.part;
  return {
    presente: garantieEmprunt(c),
    plafond: typeof plafond === 'number' ? pourcent(plafond) : '',
    surLeFlux: parametres.valueAt('garantie_emprunt_assiette', c.date_effet) !== 'programme',
    part: pourcent(part),
    partielle: part < c.flux.part - 1e-9,
  };
}
