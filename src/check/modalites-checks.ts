import type { Convention } from '../convention/convention.js';
import { TYPES_QUART_PRIORITAIRES } from '../convention/defauts-modalites.js';
import type { FileReport } from '../diagnostics/file-report.js';

/**
 * The checks of `modalites` and of `refus.bailleur` on a convention that passed the schema:
 * the bailleur's refusal is only the incomplete-file procedure (only the CALEOL attributes),
 * a delegated management names its delegate, and the quarter of attributions to priority
 * households is not stipulated below the law's.
 */
export function checkModalites(report: FileReport, c: Convention): void {
  if (c.refus.bailleur) report.add('REFUS_BAILLEUR_DOSSIER_INCOMPLET', {}, '/refus/bailleur');
  const m = c.modalites;
  if (m?.gestion === 'deleguee' && m.delegataire === undefined)
    report.add('GESTION_DELEGUEE_SANS_DELEGATAIRE', {}, '/modalites/gestion');
  if (m?.delegataire !== undefined && m.gestion !== 'deleguee')
    report.add(
      'DELEGATAIRE_SANS_GESTION_DELEGUEE',
      { gestion: m.gestion ?? 'directe' },
      '/modalites/delegataire',
    );
  const part = m?.publics_prioritaires?.part_attributions;
  if (part !== undefined && part < 0.25 && TYPES_QUART_PRIORITAIRES.includes(c.reservataire.type))
    report.add(
      'PUBLICS_PART_INFERIEURE_AU_QUART',
      { part },
      '/modalites/publics_prioritaires/part_attributions',
    );
}
