import type { Convention } from '../convention/convention.js';
import { instrumentsVises } from '../convention/visas-locaux.js';
import type { FileReport } from '../diagnostics/file-report.js';

const NOMS: Record<string, string> = {
  pdalhpd: 'le PDALHPD',
  accord_collectif: 'l’accord collectif d’attribution',
  cia: 'la convention intercommunale d’attribution',
};

/**
 * A visa names an act by its date (format 2): the PDALHPD, the accord collectif and the CIA that the
 * visas of `c` cite each need `visas_locaux.<instrument>` (act and date), else a warning.
 */
export function checkVisasLocaux(report: FileReport, c: Convention): void {
  // A format-1 file keeps validating as before (FORMAT_1_SIGNATURE_INCOMPLETE says what it lacks).
  if (c.format !== 2) return;
  for (const instrument of instrumentsVises(c)) {
    if (c.visas_locaux?.[instrument]) continue;
    report.add(
      'VISA_LOCAL_SANS_ACTE',
      { instrument: NOMS[instrument] ?? instrument, cle: `visas_locaux.${instrument}` },
      c.visas_locaux ? '/visas_locaux' : '/reservataire',
      { atKey: true },
    );
  }
}
