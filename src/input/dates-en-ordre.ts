/**
 * The rows of an events file with their JJ/MM/AAAA dates read day first once a date of the file
 * has a day above 12 (`DatesJjMm`), handed on in the file's order: `convflux evaluate`,
 * `convflux classer` and the service's imports read the dates of a file through this one reader.
 * While the file has not shown its order, a row with a slashed `date` or `date_liberation_prevue`
 * waits, and so do the rows after it; the first date that tells hands them all on (read day
 * first, or left as they are in a month-first file, for the schema to reject). At the end, the
 * rows still waiting are LIGNE_DATE_AMBIGUE (03/04/2025: 3 April or March 4?).
 */
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import { DatesJjMm, type LectureDate, type OrdreDate } from './dates-jj-mm.js';
import type { RowPosition } from './read-table.js';

/** The date fields of an event, the one that decides first. */
const CHAMPS = ['date', 'date_liberation_prevue'] as const;

interface EnAttente {
  row: Record<string, unknown>;
  line: number;
  /** Each date field's column in the line, kept when the row came (its reader has moved on). */
  colonnes: readonly number[];
  /** Each date field as read when the row came (waiting: read again once the order is known). */
  lus: LectureDate[];
}

export type SuiteDates = (
  row: Record<string, unknown>,
  line: number,
  position: RowPosition,
) => void;

export class DatesEnOrdre {
  private readonly dates = new DatesJjMm();
  private readonly attente: EnAttente[] = [];

  /** `suite`: each row, in the file's order, its dates written AAAA-MM-JJ where read. */
  constructor(private readonly suite: SuiteDates) {}

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
    const lus = CHAMPS.map((c) => this.dates.read(row[c]));
    const attend = lus.some((l) => l.kind === 'waiting');
    if (this.attente.length === 0 && !attend) {
      this.passer(row, line, lus, position);
      return;
    }
    const colonnes = CHAMPS.map((c) => position.column(c));
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
      const champ = CHAMPS[k];
      if (champ === undefined) {
        this.passer(a.row, a.line, a.lus, positionGardee(a.colonnes));
        continue;
      }
      ambigues.push(
        report.add(
          'LIGNE_DATE_AMBIGUE',
          { champ, valeur: JSON.stringify(a.row[champ]) },
          `/${champ}`,
          { line: a.line, column: a.colonnes[k] ?? 0 },
        ),
      );
    }
    return ambigues;
  }

  private vider(): void {
    for (const a of this.attente.splice(0)) {
      const lus = a.lus.map((l, k) =>
        l.kind === 'waiting' ? this.dates.read(a.row[CHAMPS[k] ?? '']) : l,
      );
      this.passer(a.row, a.line, lus, positionGardee(a.colonnes));
    }
  }

  private passer(
    row: Record<string, unknown>,
    line: number,
    lus: readonly LectureDate[],
    position: RowPosition,
  ): void {
    lus.forEach((l, k) => {
      const champ = CHAMPS[k];
      if (l.kind === 'converted' && champ !== undefined) row[champ] = l.iso;
    });
    this.suite(row, line, position);
  }
}

/** A waiting row's position: the columns of its date fields, 0 for the others. */
function positionGardee(colonnes: readonly number[]): RowPosition {
  return {
    column: (champ) => {
      const k = (CHAMPS as readonly string[]).indexOf(champ);
      return k < 0 ? 0 : (colonnes[k] ?? 0);
    },
  };
}
