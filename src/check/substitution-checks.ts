/**
 * Substitution of the prior stock conventions (review B3): every convention the état des lieux
 * converts (`convention_origine`) must be listed in `substitution.conventions`, otherwise its
 * droits de suite survive beside the droits uniques (a warning on a draft or a format-1 file, an
 * error on a format-2 text that is frozen or signed); the substitution date lies in the term.
 */
import type { Convention } from '../convention/convention.js';
import type { FileReport } from '../diagnostics/file-report.js';
import { severiteFormat } from './contreparties-checks.js';

/** Compares titles without case, spacing or apostrophe differences. */
const normal = (s: string): string =>
  s.normalize('NFC').replace(/['’]/g, '’').replace(/\s+/g, ' ').trim().toLocaleLowerCase('fr');

export function checkSubstitution(report: FileReport, c: Convention): void {
  const s = c.substitution;
  if (
    s?.a_compter_du !== undefined &&
    (s.a_compter_du < c.duree.debut || s.a_compter_du > c.duree.fin)
  )
    report.add(
      'SUBSTITUTION_DATE_HORS_DUREE',
      { date: s.a_compter_du, debut: c.duree.debut, fin: c.duree.fin },
      '/substitution/a_compter_du',
    );
  const listees = new Set((s?.conventions ?? []).map(normal));
  const vues = new Set<string>();
  (c.conversion_stock?.etat_des_lieux ?? []).forEach((l, i) => {
    const titre = normal(l.convention_origine);
    if (listees.has(titre) || vues.has(titre)) return;
    vues.add(titre);
    report.add(
      'SUBSTITUTION_CONVENTION_ABSENTE',
      { convention: l.convention_origine },
      `/conversion_stock/etat_des_lieux/${String(i)}/convention_origine`,
      { severity: severiteFormat(c) },
    );
  });
}
