/** The moments of a dashboard: the end of every month of the year up to the evaluation date. */

const LIBELLES = [
  'janv.',
  'févr.',
  'mars',
  'avr.',
  'mai',
  'juin',
  'juil.',
  'août',
  'sept.',
  'oct.',
  'nov.',
  'déc.',
];

const deux = (n: number): string => String(n).padStart(2, '0');

/** Last day of a month (1–12) of a year, as AAAA-MM-JJ. */
function finDeMois(annee: number, mois: number): string {
  const jour = new Date(Date.UTC(annee, mois, 0)).getUTCDate();
  return `${String(annee)}-${deux(mois)}-${deux(jour)}`;
}

/**
 * 31 January, 28/29 February… of `annee`, up to `date` (AAAA-MM-JJ of that year, default 31
 * December); the last moment is `date` itself, so that the last values are the evaluation's.
 */
export function finsDeMois(annee: number, date = `${String(annee)}-12-31`): string[] {
  const dates: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const fin = finDeMois(annee, m);
    if (fin >= date) {
      dates.push(date);
      break;
    }
    dates.push(fin);
  }
  return dates;
}

/** « janv. », « févr. »… for a date AAAA-MM-JJ. */
export function libelleMois(date: string): string {
  return LIBELLES[Number(date.slice(5, 7)) - 1] ?? date;
}
