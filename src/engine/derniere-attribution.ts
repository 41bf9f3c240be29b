/**
 * Which party a flat attributed in the period counts for in « logements attribués » (I14:
 * flats, not decisions). Lecture retenue par convflux (README « What is counted »): a flat
 * counts once in the year, for the party of its **last** attribution in the period, the one that
 * stands: a réservataire's cycle (the convention of that cycle), or the bailleur outside any
 * cycle. An earlier attribution of the year (refused by the household, then attributed again in
 * another cycle or by the bailleur) keeps its CALEOL decision in its party's « décisions », not
 * the flat. `evaluate` (`logements_attribues`, the shares by public) and `bilan` (« attribués »)
 * both read it here, so that the bilan's rows add up to the flats attributed.
 */
import type { FlatResult, Mode } from './cycle.js';
import type { PublicAttribution } from './evaluation.js';

export type DerniereAttribution =
  /** In a réservataire's cycle: the convention's index entry, the public flags it carries. */
  | { cycle: true; entry: number; publics: readonly PublicAttribution[] | undefined }
  /** Outside any cycle: the mode the flat was in (libre, reprise, reservataire: the bailleur's). */
  | { cycle: false; mode: Mode };

/**
 * The flat's last CALEOL attribution dated in the period, or undefined when none is. An
 * attribution outside any cycle dated the same day as one in a cycle is taken as the later one
 * (the bailleur attributes only once the cycle has ended).
 */
export function derniereAttribution(
  r: FlatResult,
  dans: (date: string) => boolean,
): DerniereAttribution | undefined {
  let entry: number | undefined;
  let publics: readonly PublicAttribution[] | undefined;
  let dateCycle = '';
  for (const c of r.comptages)
    if (c.compteur === 'attributions' && c.date >= dateCycle && dans(c.date)) {
      entry = c.entry;
      publics = c.publics;
      dateCycle = c.date;
    }
  let mode: Mode | undefined;
  let dateHors = '';
  for (const h of r.horsCycle)
    if (h.type === 'attribution' && h.date >= dateHors && dans(h.date)) {
      mode = h.mode;
      dateHors = h.date;
    }
  if (mode !== undefined && (entry === undefined || dateHors >= dateCycle))
    return { cycle: false, mode };
  return entry === undefined ? undefined : { cycle: true, entry, publics };
}

/** Outside any cycle and in the flux: the bailleur's own attribution (its row of the bilan). */
export const modePropre = (mode: Mode): boolean =>
  mode === 'libre' || mode === 'reprise' || mode === 'reservataire';
