import { addMonths } from '../convention/calendar.js';

/**
 * Whole months elapsed from `from` to `to` (AAAA-MM-JJ), rounded down: a month is complete on
 * the same day of the following month, or on its last day when it has no such day (31 January →
 * 28 February). Lecture retenue par convflux, see the README.
 */
export function moisEntiers(from: string, to: string): number {
  if (to < from) return 0;
  const y1 = Number(from.slice(0, 4));
  const m1 = Number(from.slice(5, 7));
  const y2 = Number(to.slice(0, 4));
  const m2 = Number(to.slice(5, 7));
  const n = (y2 - y1) * 12 + (m2 - m1);
  return addMonths(from, n) > to ? n - 1 : n;
}
