const JOURS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (leap years counted); plain arithmetic, no Date (a hot path). */
export function jours(y: number, m: number): number {
  if (m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) return 29;
  return JOURS[m - 1] ?? 0;
}

/** The number written by the digits of s[from, to) (the caller checked they are digits). */
export const chiffres = (s: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
};

/**
 * Whole months elapsed from `from` to `to` (AAAA-MM-JJ), rounded down: a month is complete on
 * the same day of the following month, or on its last day when it has no such day (31 January →
 * 28 February). Lecture retenue par convflux, see the README.
 */
export function moisEntiers(from: string, to: string): number {
  return moisJusqua(to)(from);
}

/**
 * moisEntiers(from, to) for one `to` and many `from` (the scoring date of a whole file): `to`'s
 * figures are read once.
 */
export function moisJusqua(to: string): (from: string) => number {
  const y2 = chiffres(to, 0, 4);
  const m2 = chiffres(to, 5, 7);
  const d2 = chiffres(to, 8, 10);
  const fin = jours(y2, m2);
  return (from) => {
    if (to < from) return 0;
    const d1 = chiffres(from, 8, 10);
    const n = (y2 - chiffres(from, 0, 4)) * 12 + (m2 - chiffres(from, 5, 7));
    // `from` + n months falls in `to`'s month, on day min(d1, days of that month).
    return Math.min(d1, fin) > d2 ? n - 1 : n;
  };
}
