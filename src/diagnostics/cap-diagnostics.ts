import { compareDiagnostics, severityRank, type Diagnostic, type Lang } from './diagnostic.js';
import { FileReport } from './file-report.js';

/** Diagnostics shown per file at most: past that, one summary line says how many are left out. */
export const MAX_DIAGNOSTICS_PER_FILE = 200;

/** The summary line that stands for the diagnostics of a file not shown. */
export const HIDDEN_CODE = 'DIAGNOSTICS_MASQUES';

const bySeverityThenPlace = (a: Diagnostic, b: Diagnostic): number =>
  severityRank[a.severity] - severityRank[b.severity] || compareDiagnostics(a, b);

/**
 * Keeps at most `limit` diagnostics per file (errors first, then warnings, then notes, each in
 * file order) and adds one DIAGNOSTICS_MASQUES per capped file with what was left out, so the
 * totals stay right (see `hiddenCounts`). The result is sorted with compareDiagnostics.
 */
export function capDiagnostics(
  diagnostics: readonly Diagnostic[],
  lang: Lang,
  limit = MAX_DIAGNOSTICS_PER_FILE,
): Diagnostic[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  const out: Diagnostic[] = [];
  for (const [file, list] of byFile) {
    if (list.length <= limit) {
      out.push(...list);
      continue;
    }
    list.sort(bySeverityThenPlace);
    const hidden = list.slice(limit);
    out.push(...list.slice(0, limit));
    const count = (s: Diagnostic['severity']): number =>
      hidden.filter((d) => d.severity === s).length;
    out.push(
      new FileReport(file, lang).add(HIDDEN_CODE, {
        nombre: hidden.length,
        erreurs: count('error'),
        avertissements: count('warning'),
        infos: count('info'),
      }),
    );
  }
  return out.sort(compareDiagnostics);
}

/** Errors and warnings that a DIAGNOSTICS_MASQUES line stands for (0 for any other diagnostic). */
export function hiddenCounts(d: Diagnostic): { errors: number; warnings: number } {
  if (d.code !== HIDDEN_CODE) return { errors: 0, warnings: 0 };
  return {
    errors: Number(d.params['erreurs'] ?? 0),
    warnings: Number(d.params['avertissements'] ?? 0),
  };
}

/** Errors and warnings of a run, those left out of capped files included. */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): {
  errors: number;
  warnings: number;
} {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    const hidden = hiddenCounts(d);
    errors += hidden.errors + (d.severity === 'error' ? 1 : 0);
    warnings += hidden.warnings + (d.severity === 'warning' ? 1 : 0);
  }
  return { errors, warnings };
}
