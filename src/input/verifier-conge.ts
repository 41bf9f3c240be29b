/**
 * Checks of an events row that the schema cannot state: a date outside the years convflux
 * evaluates (`dansAnneesEvaluees`: 0001-02-03 was a valid event) and a congé whose expected
 * liberation is before the notice itself. The row is rejected with its line and the column of the
 * field, like any bad value.
 */
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import { ANNEE_MAX, ANNEE_MIN, dansAnneesEvaluees } from '../flux/annees-evaluees.js';
import type { Evenement } from '../flux/evenement.js';
import type { RowPosition } from './read-table.js';

export function verifierConge(
  e: Evenement,
  line: number,
  file: string,
  lang: Lang,
  position?: RowPosition,
): Diagnostic[] {
  const report = new FileReport(file, lang);
  for (const champ of ['date', 'date_liberation_prevue'] as const) {
    const valeur = e[champ];
    if (valeur !== undefined && !dansAnneesEvaluees(valeur))
      report.add(
        'LIGNE_DATE_HORS_ANNEES',
        { champ, valeur, min: String(ANNEE_MIN), max: String(ANNEE_MAX) },
        `/${champ}`,
        { line, column: position?.column(champ) ?? 0 },
      );
  }
  if (report.diagnostics.length) return report.diagnostics;
  if (e.type !== 'conge' || e.date_liberation_prevue === undefined) return [];
  if (e.date_liberation_prevue >= e.date) return [];
  report.add(
    'CONGE_DATE_IMPOSSIBLE',
    { conge: e.date, date_liberation_prevue: e.date_liberation_prevue },
    '/date_liberation_prevue',
    { line, column: position?.column('date_liberation_prevue') ?? 0 },
  );
  return report.diagnostics;
}
