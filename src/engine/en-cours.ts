/**
 * What is still running for a flat at the evaluation date, as the cycle state machine leaves it:
 * the open cycle's designation delay (`ouvrir`/`relancer` set it, `designer` and the lapse end it)
 * and a freed flat still waiting for its orientation. The échéancier reads it (src/echeancier/);
 * the figures do not.
 */
import { echeance, type Delai } from '../convention/calendar.js';

export interface DesignationEnCours {
  /** The convention (position in ConventionIndex.entries). */
  entry: number;
  reservataire: string;
  /** Day of the event that started the running delay. */
  depuis: string;
  /** Last day of the delay (the convention's `delai`). */
  echeance: string;
}

export interface OrientationEnCours {
  /** Liberation (or first letting) not yet followed by an orientation. */
  depuis: string;
  /** Last day before VACANCE_SANS_ORIENTATION (the `vacance_sans_orientation_max` parameter). */
  echeance: string;
  /** The tenant's congé that announced the liberation, when one was recorded. */
  conge?: string;
  /** A first letting (mise en service) rather than a liberation. */
  premiere?: true;
}

export interface EnCours {
  designation?: DesignationEnCours;
  orientation?: OrientationEnCours;
}

/** The running delays of a flat at the end of its events (undefined: nothing running). */
export function enCours(
  cycle:
    | { entry: { index: number }; reservataire: string; echeance?: string; depuis?: string }
    | undefined,
  vacant: { date: string; conge?: string; premiere?: true } | undefined,
  vacanceMax: Delai,
): EnCours | undefined {
  const r: EnCours = {};
  if (cycle?.echeance !== undefined)
    r.designation = {
      entry: cycle.entry.index,
      reservataire: cycle.reservataire,
      depuis: cycle.depuis ?? cycle.echeance,
      echeance: cycle.echeance,
    };
  if (vacant) {
    r.orientation = { depuis: vacant.date, echeance: echeance(vacant.date, vacanceMax) };
    if (vacant.conge !== undefined) r.orientation.conge = vacant.conge;
    if (vacant.premiere) r.orientation.premiere = true;
  }
  return r.designation || r.orientation ? r : undefined;
}
