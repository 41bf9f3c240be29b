import type { Convention } from '../convention/convention.js';
import type { FileReport } from '../diagnostics/file-report.js';
import type { Parametres } from '../reglementation/parametres.js';
import { checkContreparties } from './contreparties-checks.js';
import { checkRplsFormat2 } from './etat-des-lieux-parc.js';
import { checkSubstitution } from './substitution-checks.js';

/** The checks of issue 10's contreparties, garantie, substitution and RPLS keys (one wiring line). */
export function checkCauseEtSubstitution(
  report: FileReport,
  c: Convention,
  parametres: Parametres,
): void {
  checkContreparties(report, c, parametres);
  checkSubstitution(report, c);
  checkRplsFormat2(report, c);
}
