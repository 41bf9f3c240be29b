/**
 * The substitution clause (review B3): from a date (the date d'effet by default) the convention
 * replaces the reservation clauses of the listed stock conventions, whose droits de suite are
 * extinguished and replaced by the droits uniques of the conversion (or by the part of the
 * flux), with a transitional rule for the flats already oriented under them.
 */
import type { Convention } from '../convention/convention.js';
import { valeurEffective } from '../convention/defauts.js';
import { dateLongue } from './typographie.js';

export interface SubstitutionView {
  presente: boolean;
  /** "1er janvier 2024". */
  aCompterDu: string;
  conventions: string[];
  /** Flats oriented before the date stay under the old convention until attributed. */
  regisParAncienne: boolean;
}

const V = 'valeur';
export const SUBSTITUTION_SHAPE = {
  presente: V,
  aCompterDu: V,
  conventions: [V],
  regisParAncienne: V,
} as const;

export function buildSubstitutionView(c: Convention): SubstitutionView {
  const s = c.substitution;
  if (!s) return { presente: false, aCompterDu: '', conventions: [], regisParAncienne: false };
  const date = valeurEffective(c, '/substitution/a_compter_du');
  const regime = valeurEffective(c, '/substitution/logements_deja_orientes');
  return {
    presente: true,
    aCompterDu: dateLongue(typeof date === 'string' ? date : c.date_effet),
    conventions: s.conventions,
    regisParAncienne: regime !== 'regis_par_presente_convention',
  };
}
