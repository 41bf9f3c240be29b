/**
 * The tenant's notice (`conge`): the flat's life in the flux starts there. Between the congé and
 * the liberation the bailleur may orient the flat (« dès le congé »): that cycle is kept when the
 * flat is freed, and no vacancy is counted. A withdrawn congé (`retrait_conge`) ends that cycle
 * and takes back its points (the flat never entered the flux); a liberation that does not come
 * raises LIBERATION_NON_CONSTATEE at the evaluation date. cycle.ts keeps the books; this file
 * holds the state and the dates.
 */
import { daysBetween, echeance, type Delai } from '../convention/calendar.js';
import type { EvenementLu } from './cycle.js';

/** A notice being served: from the `conge` event to the liberation or the withdrawal. */
export interface CongeEnCours<C> {
  date: string;
  /** The expected liberation (end of the notice). */
  prevue: string;
  line: number;
  /** The cycle opened during the notice (pre-orientation), if any. */
  anticipe?: C;
  /** The flat was oriented, attributed, let or taken back during the notice. */
  traite: boolean;
}

export function congeDe<C>(e: EvenementLu): CongeEnCours<C> {
  return { date: e.date, prevue: e.date_liberation_prevue ?? e.date, line: e.line, traite: false };
}

/** Days since the notice, as shown by --explain and the vacancy alert. */
export function delaiDepuisConge(conge: string, date: string): { conge: string; jours: number } {
  return { conge, jours: daysBetween(conge, date) };
}

/** The expected liberation is past, with the vacancy tolerance, and no liberation came. */
export function liberationAttendue(
  conge: CongeEnCours<unknown>,
  date: string,
  tolerance: Delai,
): boolean {
  return echeance(conge.prevue, tolerance) < date;
}
