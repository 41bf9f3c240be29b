/**
 * The years convflux evaluates (`evaluate --annee`, the service's `annee`), and so the plausible
 * dates of an event: an event outside them can never be counted in an evaluated year — 0001-02-03
 * or 2205-01-01 is a typo, and it was read as valid (the CLI replayed it, the service recorded it).
 */
export const ANNEE_MIN = 2000;
export const ANNEE_MAX = 2100;

/** Whether an AAAA-MM-JJ date falls in the years evaluated (the string's year, compared as text). */
export function dansAnneesEvaluees(date: string): boolean {
  return date >= `${String(ANNEE_MIN)}-01-01` && date <= `${String(ANNEE_MAX)}-12-31`;
}
