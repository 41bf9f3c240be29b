import type { Convention } from '../convention/convention.js';
import type { FileReport } from '../diagnostics/file-report.js';

const A_COMPLETER = /à\s+compl[ée]ter/i;

/**
 * A format-2 convention with Action Logement Services identifies it as a signature needs: its
 * legal form (a société par actions simplifiée, CCH art. L. 313-19) and its SIREN. Missing, or
 * left « À COMPLÉTER », is a warning on `reservataire` (the comparution prints what is given).
 */
export function checkActionLogementIdentification(report: FileReport, c: Convention): void {
  if (c.format !== 2 || c.reservataire.type !== 'action_logement') return;
  const manque: string[] = [];
  const forme = c.reservataire.forme_juridique;
  if (!forme || A_COMPLETER.test(forme)) manque.push('reservataire.forme_juridique');
  if (!c.reservataire.siren) manque.push('reservataire.siren');
  if (!manque.length) return;
  report.add(
    'ACTION_LOGEMENT_IDENTIFICATION_INCOMPLETE',
    { cles: manque.join(', ') },
    '/reservataire',
    { atKey: true },
  );
}
