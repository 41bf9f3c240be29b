import type { Convention } from '../convention/convention.js';
import { dateEntreeEnVigueur } from '../convention/entree-en-vigueur.js';
import type { FileReport } from '../diagnostics/file-report.js';

/**
 * An avenant (version n° 2 or later) enters into force at its last signature and takes effect on
 * its date d'effet only if that is later, unless the parties stipulate otherwise
 * (`effet_avant_signature: true`, printed in its article « Entrée en vigueur et prise d'effet »).
 * When the recorded signatures end after the date d'effet without that stipulation, the text
 * says the avenant applies from its entry into force while `evaluate` applies it from the date
 * d'effet: a warning.
 */
export function checkAvenantEffet(report: FileReport, c: Convention): void {
  if (c.version < 2 || c.effet_avant_signature === true) return;
  const vigueur = dateEntreeEnVigueur(c);
  if (vigueur === undefined || vigueur <= c.date_effet) return;
  report.add(
    'AVENANT_EFFET_AVANT_SIGNATURE',
    { date_effet: c.date_effet, signature: vigueur, version: c.version },
    '/date_effet',
  );
}
