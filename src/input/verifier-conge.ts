/**
 * Checks of an events row that the schema cannot state: a congé whose expected liberation is
 * before the notice itself is impossible. The row is rejected with its line and the column of
 * `date_liberation_prevue`, like any bad value.
 */
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import type { Evenement } from '../flux/evenement.js';
import type { RowPosition } from './read-table.js';

export function verifierConge(
  e: Evenement,
  line: number,
  file: string,
  lang: Lang,
  position?: RowPosition,
): Diagnostic[] {
  if (e.type !== 'conge' || e.date_liberation_prevue === undefined) return [];
  if (e.date_liberation_prevue >= e.date) return [];
  const report = new FileReport(file, lang);
  report.add(
    'CONGE_DATE_IMPOSSIBLE',
    { conge: e.date, date_liberation_prevue: e.date_liberation_prevue },
    '/date_liberation_prevue',
    { line, column: position?.column('date_liberation_prevue') ?? 0 },
  );
  return report.diagnostics;
}
