/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC, with no clock.
 *
 * A month is a calendar month: from day D, the deadline is day D of the next month, or the
 * last day of that month when it has no day D (31 January + 1 mois = 28 or 29 February).
 */
export type Unite = 'jour' | 'semaine' | 'mois';
export interface Delai {
  nombre: number;
  unite: Unite;
}

const DELAI = /^([1-9][0-9]{0,2}) (jour|jours|semaine|semaines|mois)$/;

/** Each delay text read once: the same object each time (its deadlines are memoised on it). */
const delais = new Map<string, Readonly<Delai> | undefined>();

export function parseDelai(text: string): Readonly<Delai> | undefined {
  if (delais.has(text)) return delais.get(text);
  const d = lireDelai(text);
  if (delais.size < 1000) delais.set(text, d && Object.freeze(d));
  return d;
}

function lireDelai(text: string): Delai | undefined {
  const m = DELAI.exec(text);
  if (!m) return undefined;
  const unit = m[2] ?? '';
  const unite: Unite = unit.startsWith('jour')
    ? 'jour'
    : unit.startsWith('semaine')
      ? 'semaine'
      : 'mois';
  return { nombre: Number(m[1]), unite };
}

/**
 * A real date written AAAA-MM-JJ (ASCII digits), read character by character: the readers check
 * every event's date, and a regular expression and its match cost more on a cold run.
 */
export function isIsoDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  let n = 0;
  for (const i of POSITIONS_CHIFFRES) {
    const c = text.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return false;
    n = n * 10 + c;
  }
  const mo = Math.floor(n / 100) % 100;
  const d = n % 100;
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(Math.floor(n / 10000), mo);
}

const POSITIONS_CHIFFRES = [0, 1, 2, 3, 5, 6, 8, 9] as const;

/**
 * AAAA-MM-JJ as the number AAAAMMJJ (same order), read digit by digit without a substring (the
 * event store and the cotation ranking read millions); another form as `Number` reads its parts.
 */
export function dateEnEntier(d: string): number {
  let n = 0;
  for (const i of POSITIONS_CHIFFRES) {
    const c = d.charCodeAt(i) - 48;
    if (c < 0 || c > 9 || d.length !== 10)
      return Number(d.slice(0, 4)) * 10000 + Number(d.slice(5, 7)) * 100 + Number(d.slice(8, 10));
    n = n * 10 + c;
  }
  return n;
}

const JOURS_PAR_MOIS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in a month (1–12) of a year, as `Date.UTC` counts them, without building a Date. */
export function daysInMonth(year: number, month: number): number {
  const jours = JOURS_PAR_MOIS[month - 1];
  if (jours === undefined || !Number.isInteger(month) || !Number.isInteger(year))
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month !== 2) return jours;
  // Date.UTC reads the years 0–99 as 1900–1999: the same answers (0000-02-29 is not a date).
  const y = year >= 0 && year <= 99 ? 1900 + year : year;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

function parts(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return format(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/**
 * Deadlines already computed, by delay then start date: a run asks the same few thousand
 * (date, delay) pairs millions of times (each event of a flat checks its vacancy's deadline).
 * Cleared when it grows past `MEMO_MAX` dates for one delay (a long-lived server).
 */
const memo = new WeakMap<Delai, Map<string, string>>();
const MEMO_MAX = 50_000;

/** The deadline of a delay starting on `from`. */
export function echeance(from: string, delai: Delai): string {
  let dates = memo.get(delai);
  if (!dates) memo.set(delai, (dates = new Map<string, string>()));
  let due = dates.get(from);
  if (due === undefined) {
    if (dates.size >= MEMO_MAX) dates.clear();
    due = calculerEcheance(from, delai);
    dates.set(from, due);
  }
  return due;
}

function calculerEcheance(from: string, delai: Delai): string {
  switch (delai.unite) {
    case 'jour':
      return addDays(from, delai.nombre);
    case 'semaine':
      return addDays(from, 7 * delai.nombre);
    case 'mois':
      return addMonths(from, delai.nombre);
  }
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}
