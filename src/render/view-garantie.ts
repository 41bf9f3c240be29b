/**
 * The loan-guarantee paragraph of the article « Part du flux réservée » (review I9): the
 * guarantee-based share (`flux.part_garantie_emprunt`, else the whole part) and the cap quoted as
 * the only wording found (R.* 441-5 before décret n° 2020-145), with the base the parties retain
 * (parameter garantie_emprunt_assiette: convflux's reading, printed as the parties' choice).
 */
import { garantieEmprunt } from '../convention/clauses.js';
import type { Convention } from '../convention/convention.js';
import type { Parametres } from '../reglementation/parametres.js';
import { dateLongue, listeEt, pourcent } from './typographie.js';

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
  /** Some guarantee runs beyond the term (`contreparties[].echeance` after `duree.fin`). */
  survie: boolean;
  /** Those échéances, « 31 décembre 2059 et 30 juin 2062 ». */
  echeancesAuDela: string;
  /** More than one such guarantee (plural agreement). */
  plusieursAuDela: boolean;
}

const V = 'valeur';
export const GARANTIE_SHAPE = {
  presente: V,
  plafond: V,
  surLeFlux: V,
  part: V,
  partielle: V,
  survie: V,
  echeancesAuDela: V,
  plusieursAuDela: V,
} as const;

/** The échéances of the loan guarantees that run beyond the convention's term, in order. */
function echeancesApresLeTerme(c: Convention): string[] {
  return (c.contreparties ?? [])
    .filter((k) => k.nature === 'garantie_emprunt' && k.echeance !== undefined)
    .map((k) => k.echeance ?? '')
    .filter((e) => e > c.duree.fin)
    .sort();
}

export function buildGarantieView(c: Convention, parametres: Parametres): GarantieView {
  const plafond = parametres.valueAt('garantie_emprunt_part_max', c.date_effet);
  const part = c.flux.part_garantie_emprunt ?? c.flux.part;
  const au = echeancesApresLeTerme(c);
  return {
    presente: garantieEmprunt(c),
    plafond: typeof plafond === 'number' ? pourcent(plafond) : '',
    surLeFlux: parametres.valueAt('garantie_emprunt_assiette', c.date_effet) !== 'programme',
    part: pourcent(part),
    partielle: part < c.flux.part - 1e-9,
    survie: au.length > 0,
    echeancesAuDela: listeEt(au.map(dateLongue)),
    plusieursAuDela: au.length > 1,
  };
}
