/**
 * The part a flat freed on a date owes a convention: the stipulated part, or, for the État while a
 * prefectoral arrêté of its département is in force (CCH art. R. 441-5-2 I, second alinéa), the
 * part that arrêté sets. Lecture retenue par convflux: the arrêté modifies the préfet's part « de
 * plein droit » for its duration, as the convention says; the objectives keep the stipulated part.
 */
import { arreteEnVigueur } from '../convention/arrete.js';
import type { Convention } from '../convention/convention.js';
import type { ConventionEntry } from './convention-index.js';

export function partDue(entry: ConventionEntry, c: Convention, date: string): number {
  const arrete = entry.arretes ? arreteEnVigueur(entry.arretes, date) : undefined;
  return arrete ? arrete.part_max : c.flux.part;
}
