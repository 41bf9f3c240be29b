/**
 * The rows of an events file with their JJ/MM/AAAA dates read as `evaluate` reads them
 * (`DatesJjMm`: day first once a date of the file has a day above 12), handed on in the file's
 * order — for the readers that classify each row against the rows before it (`convflux classer`,
 * the service's imports). While the file has not shown its order, a row with a slashed date waits,
 * and so do the rows after it; the first date that tells hands them all on. At the end, the rows
 * still waiting are LIGNE_DATE_AMBIGUE (03/04/2025: 3 April or March 4?), as `evaluate` says.
 */
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import { DatesJjMm, type LectureDate } from './dates-jj-mm.js';

interface EnAttente {
  row: Record<string, unknown>;
  line: number;
  /** The column of its date, for LIGNE_DATE_AMBIGUE. */
  column: number;
  /** Its date as read when it came (waiting: read again once the order is known). */
  date: LectureDate;
}

/** The date's column of a row (0 when the reader does not say). */
export type ColonneDate = () => number;

export class DatesEnOrdre {
  private readonly dates = new DatesJjMm();
  private readonly attente: EnAttente[] = [];

  constructor(
    /** Called with each row, in the file's order, its dates written AAAA-MM-JJ when read. */
    private readonly suite: (row: Record<string, unknown>, line: number) => void,
  ) {}

  /** Dates read as JJ/MM/AAAA so far. */
  get converties(): number {
    return this.dates.converted;
  }

  /** One row of the file (`colonne`: where its date is, for a row left ambiguous). */
  ligne(row: Record<string, unknown>, line: number, colonne: ColonneDate = () => 0): void {
    const date = this.dates.read(row['date']);
    if (this.attente.length === 0 && date.kind !== 'waiting') {
      this.passer(row, line, date);
      return;
    }
    this.attente.push({ row, line, column: date.kind === 'waiting' ? colonne() : 0, date });
    if (this.dates.ordre !== 'inconnu') this.vider();
  }

  /** The end of the file: the rows still waiting, ambiguous, as diagnostics (in order). */
  fin(file: string, lang: Lang): Diagnostic[] {
    const report = new FileReport(file, lang);
    const ambigues: Diagnostic[] = [];
    for (const a of this.attente.splice(0)) {
      if (a.date.kind !== 'waiting') {
        this.passer(a.row, a.line, a.date);
        continue;
      }
      ambigues.push(
        report.add(
          'LIGNE_DATE_AMBIGUE',
          { champ: 'date', valeur: JSON.stringify(a.row['date']) },
          '/date',
          { line: a.line, column: a.column },
        ),
      );
    }
    return ambigues;
  }

  private vider(): void {
    for (const a of this.attente.splice(0))
      this.passer(
        a.row,
        a.line,
        a.date.kind === 'waiting' ? this.dates.read(a.row['date']) : a.date,
      );
  }

  private passer(row: Record<string, unknown>, line: number, date: LectureDate): void {
    if (date.kind === 'converted') row['date'] = date.iso;
    // The planned liberation is read with what the file has shown so far, as `evaluate` does.
    const prevue = this.dates.read(row['date_liberation_prevue']);
    if (prevue.kind === 'converted') row['date_liberation_prevue'] = prevue.iso;
    this.suite(row, line);
  }
}
