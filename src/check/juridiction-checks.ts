import type { Convention } from '../convention/convention.js';
import type { FileReport } from '../diagnostics/file-report.js';
import { tribunalAdministratif } from '../reference/tribunaux-administratifs.js';
import { natureContrat } from '../convention/nature-contrat.js';

/**
 * The article « Règlement des différends » names its court: for an administrative contract
 * without `juridiction.tribunal`, the département must be in the table of CJA art. R. 221-3.
 */
export function checkJuridiction(report: FileReport, c: Convention): void {
  if (c.juridiction?.tribunal?.trim()) return;
  if (natureContrat(c) !== 'administratif') return;
  if (tribunalAdministratif(c.departement) === undefined)
    report.add(
      'TRIBUNAL_ADMINISTRATIF_INCONNU',
      { departement: c.departement },
      c.juridiction ? '/juridiction' : '/departement',
    );
}
