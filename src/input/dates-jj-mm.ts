/**
 * Dates written JJ/MM/AAAA (what a French Excel export gives): read as day/month/year once the
 * file shows it is day first (a first number above 12); while it has not, such a row waits; at
 * the end of the file the rows still waiting are ambiguous (03/04/2025: 3 April or March 4?)
 * and rejected. A file whose second number goes above 12 is month first (American): its
 * slashed dates are left as they are, for the schema to reject.
 */

const SLASHED = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/;

export type OrdreDate = 'inconnu' | 'jour_mois' | 'mois_jour';

export type LectureDate =
  | { kind: 'iso' }
  | { kind: 'converted'; iso: string }
  | { kind: 'waiting' }
  | { kind: 'month_first' };

const pad = (n: string): string => n.padStart(2, '0');

export class DatesJjMm {
  ordre: OrdreDate = 'inconnu';
  /** Dates read as JJ/MM/AAAA. */
  converted = 0;

  /** Looks at one date field: ISO (or anything else), converted, waiting, or month first. */
  read(value: unknown): LectureDate {
    if (typeof value !== 'string' || value.indexOf('/') === -1) return { kind: 'iso' };
    const m = SLASHED.exec(value);
    if (!m) return { kind: 'iso' };
    const [, a = '', b = '', y = ''] = m;
    const first = Number(a);
    const second = Number(b);
    if (this.ordre === 'inconnu') {
      if (first > 12 && second <= 12) this.ordre = 'jour_mois';
      else if (second > 12 && first <= 12) this.ordre = 'mois_jour';
    }
    if (this.ordre === 'mois_jour') return { kind: 'month_first' };
    if (this.ordre === 'inconnu') return { kind: 'waiting' };
    this.converted++;
    return { kind: 'converted', iso: `${y}-${pad(b)}-${pad(a)}` };
  }
}

/** A tag for the per-file hint when a date field is rejected (see rejets-uniformes.ts). */
export function dateTag(value: unknown): string | undefined {
  if (typeof value !== 'string' || !SLASHED.test(value)) return undefined;
  return 'date_barres';
}
