/**
 * Why `--explain N` or `--releve N` has no cotation to show: N read twice (which row is the
 * request is unknown, so none is shown), N's row rejected, no row with N, or N no numéro at all
 * (never quoted then: it may be a name). Said first and
 * on its own, since the rejected rows' list may be cut.
 */
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import type { CoterResult } from './coter.js';
import { numeroLu, type Demande } from './demande.js';

/** The rows given with the numéro `numero` (spaces removed), read twice or more: their lines. */
export function lignesEnDouble(r: CoterResult, numero: string): number[] {
  const doubles = r.rejets.filter(
    (d) => d.code === 'COTATION_NUMERO_DOUBLE' && d.params['numero'] === numero,
  );
  if (!doubles.length) return [];
  return [Number(doubles[0]?.params['premiere']), ...doubles.map((d) => d.line)];
}

/**
 * The diagnostic that says why the request `numero` (spaces removed) is not explained;
 * `posterieure`: its row when it was filed after the scoring date `date`.
 */
export function numeroNonCote(
  r: CoterResult,
  numero: string,
  file: string,
  lang: Lang,
  posterieure?: { demande: Demande; date: string },
): Diagnostic {
  const report = new FileReport(file, lang);
  // Not a numéro (a name typed by mistake, say): said without quoting it.
  if (numeroLu(numero) === undefined) return report.add('COTATION_NUMERO_DEMANDE_INVALIDE', {});
  const lignes = lignesEnDouble(r, numero);
  if (lignes.length)
    return report.add('COTATION_NUMERO_AMBIGU', { numero, lignes: lignes.join(', ') });
  if (posterieure) {
    const { demande, date } = posterieure;
    return report.add('COTATION_NUMERO_POSTERIEUR', {
      numero,
      ligne: demande.ligne,
      depot: demande.date_depot,
      date,
    });
  }
  const rejet = r.rejets.find((d) => d.params['numero'] === numero);
  if (rejet) return report.add('COTATION_NUMERO_REJETE', { numero, ligne: rejet.line });
  return report.add('COTATION_NUMERO_ABSENT', { numero });
}
