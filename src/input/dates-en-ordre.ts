/**
 * The rows of a table with their JJ/MM/AAAA dates read day first once a date of the file has a
 * day above 12 (`DatesJjMm`), handed on in the file's order: `convflux evaluate`, `convflux
 * classer`, `convflux cotation` (requests and attributions) and the service's imports read the
 * dates of a file through this one reader. While the file has not shown its order, a row with a
 * slashed date waits, and so do the rows after it; the first date that tells hands them all on
 * (read day first, or left as they are in a month-first file, for the caller to reject). At the
 * end, the rows still waiting are LIGNE_DATE_AMBIGUE (03/04/2025: 3 April or March 4?).
 */
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import { DatesJjMm, type OrdreDate } from './dates-jj-mm.js';
import type { RowPosition } from './read-table.js';

/** The date fields of an event, the one that decides first. */
const CHAMPS_EVENEMENT = ['date', 'date_liberation_prevue'] as const;

/**
 * A date field as read: as it was (no slashed date), its dates written AAAA-MM-JJ, waiting for
 * the file's order, or left as it was in a month-first file.
 */
type Lecture =
  | { kind: 'iso' }
  | { kind: 'converted'; value: unknown }
  | { kind: 'waiting' }
  | { kind: 'month_first' };

const TEL_QUEL: Lecture = { kind: 'iso' };

interface EnAttente {
  row: Record<string, unknown>;
  line: number;
  /** Each date field's column in the line, kept when the row came (its reader has moved on). */
  colonnes: readonly number[];
  /** Each date field as read when the row came (waiting: read again once the order is known). */
  lus: Lecture[];
}

export type SuiteDates = (
  row: Record<string, unknown>,
  line: number,
  position: RowPosition,
) => void;

export class DatesEnOrdre {
  private readonly dates = new DatesJjMm();
  private readonly attente: EnAttente[] = [];
  private readonly listes: ReadonlySet<string>;

  /**
   * `suite`: each row, in the file's order, its dates written AAAA-MM-JJ where read. `champs`:
   * the row's date fields (an event's by default); `listes`: those among them holding several
   * dates, `|`-separated or as a JSON list (a request's dates_refus).
   */
  constructor(
    private readonly suite: SuiteDates,
    private readonly champs: readonly string[] = CHAMPS_EVENEMENT,
    listes: readonly string[] = [],
  ) {
    this.listes = new Set(listes);
  }

  /** Whether rows wait for the file's order (a row given now would wait behind them). */
  get enAttente(): boolean {
    return this.attente.length > 0;
  }

  /** Dates read as JJ/MM/AAAA so far. */
  get converties(): number {
    return this.dates.converted;
  }

  /** The order the file's slashed dates showed so far. */
  get ordre(): OrdreDate {
    return this.dates.ordre;
  }

  /** One row of the file, with its position in the line (read at once). */
  ligne(row: Record<string, unknown>, line: number, position: RowPosition): void {
    const lus = this.champs.map((c) => this.lire(c, row[c]));
    const attend = lus.some((l) => l.kind === 'waiting');
    if (this.attente.length === 0 && !attend) {
      this.passer(row, line, lus, position);
      return;
    }
    const colonnes = this.champs.map((c) => position.column(c));
    this.attente.push({ row, line, colonnes, lus });
    if (this.dates.ordre !== 'inconnu') this.vider();
  }

  /**
   * The end of the file: the rows waiting behind none are handed on, the others are ambiguous,
   * returned as diagnostics (in the file's order).
   */
  fin(file: string, lang: Lang): Diagnostic[] {
    const report = new FileReport(file, lang);
    const ambigues: Diagnostic[] = [];
    for (const a of this.attente.splice(0)) {
      const k = a.lus.findIndex((l) => l.kind === 'waiting');
      const champ = this.champs[k];
      if (champ === undefined) {
        this.passer(a.row, a.line, a.lus, this.positionGardee(a.colonnes));
        continue;
      }
      ambigues.push(
        report.add(
          'LIGNE_DATE_AMBIGUE',
          { champ, valeur: this.ambigue(a.row[champ]) },
          `/${champ}`,
          { line: a.line, column: a.colonnes[k] ?? 0 },
        ),
      );
    }
    return ambigues;
  }

  private vider(): void {
    for (const a of this.attente.splice(0)) {
      const lus = a.lus.map((l, k) => {
        const champ = this.champs[k] ?? '';
        return l.kind === 'waiting' ? this.lire(champ, a.row[champ]) : l;
      });
      this.passer(a.row, a.line, lus, this.positionGardee(a.colonnes));
    }
  }

  private passer(
    row: Record<string, unknown>,
    line: number,
    lus: readonly Lecture[],
    position: RowPosition,
  ): void {
    lus.forEach((l, k) => {
      const champ = this.champs[k];
      if (l.kind === 'converted' && champ !== undefined) row[champ] = l.value;
    });
    this.suite(row, line, position);
  }

  /** One date field: a list's dates each (converted when one is), another as one date. */
  private lire(champ: string, value: unknown): Lecture {
    const dates = this.listes.has(champ) ? enListe(value) : undefined;
    if (!dates) {
      const l = this.dates.read(value);
      return l.kind === 'converted' ? { kind: 'converted', value: l.iso } : l;
    }
    const avant = this.dates.converted;
    let attend = false;
    let converti = false;
    const lues = dates.map((d) => {
      const l = this.dates.read(d);
      if (l.kind === 'waiting') attend = true;
      if (l.kind !== 'converted') return d;
      converti = true;
      return l.iso;
    });
    if (attend) {
      // Read again, whole, once the order is known: its dates are counted then.
      this.dates.converted = avant;
      return { kind: 'waiting' };
    }
    if (!converti) return TEL_QUEL;
    return { kind: 'converted', value: Array.isArray(value) ? lues : lues.join('|') };
  }

  /** A waiting field as quoted by LIGNE_DATE_AMBIGUE: a list's first slashed date. */
  private ambigue(value: unknown): string {
    const dates = enListe(value);
    const premiere = dates?.find((d) => typeof d === 'string' && d.includes('/'));
    return JSON.stringify(premiere ?? value) ?? '';
  }

  /** A waiting row's position: the columns of its date fields, 0 for the others. */
  private positionGardee(colonnes: readonly number[]): RowPosition {
    const champs = this.champs;
    return {
      column: (champ) => {
        const k = champs.indexOf(champ);
        return k < 0 ? 0 : (colonnes[k] ?? 0);
      },
    };
  }
}

/** A list field's dates (a JSON list, or `|`-separated text); undefined for one value. */
function enListe(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value as unknown[];
  return typeof value === 'string' && value.includes('|') ? value.split('|') : undefined;
}
