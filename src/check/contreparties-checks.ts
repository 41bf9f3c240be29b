/**
 * The cause of a non-État reservation (review B2, I9): `contreparties` required (a warning on a
 * draft or a format-1 file, an error on a format-2 text that is frozen or signed), consistent
 * with `reservataire.garantie_emprunt`, and the loan-guarantee cap applied to the guarantee-based
 * share, saying which reading it applies (the cap itself is the rule GARANTIE_EMPRUNT_PART_MAX).
 */
import type { Convention } from '../convention/convention.js';
import type { Severity } from '../diagnostics/diagnostic.js';
import type { FileReport } from '../diagnostics/file-report.js';
import type { Parametres } from '../reglementation/parametres.js';

const COLLECTIVITES = ['commune', 'epci', 'ept', 'departement', 'region'];

/** Error on a format-2 text that is frozen (arretee) or signed; warning otherwise. */
export function severiteFormat(c: Convention): Severity {
  return c.format === 2 && c.statut !== 'projet' ? 'error' : 'warning';
}

/** The guarantee-based share: `flux.part_garantie_emprunt`, else the whole part. */
export function partGarantie(c: Convention): number {
  return c.flux.part_garantie_emprunt ?? c.flux.part;
}

/** Whether the convention's rights rest, at least in part, on loan guarantees of a collectivité. */
export function garantieDeCollectivite(c: Convention): boolean {
  return c.reservataire.garantie_emprunt === true && COLLECTIVITES.includes(c.reservataire.type);
}

export function checkContreparties(
  report: FileReport,
  c: Convention,
  parametres: Parametres,
): void {
  const liste = c.contreparties ?? [];
  if (c.reservataire.type === 'etat') {
    if (liste.length) report.add('CONTREPARTIES_ETAT', {}, '/contreparties', { atKey: true });
    return;
  }
  if (!liste.length)
    report.add('CONTREPARTIES_ABSENTES', { reservataire: c.reservataire.nom }, '/reservataire', {
      atKey: true,
      severity: severiteFormat(c),
    });
  const garantie = c.reservataire.garantie_emprunt === true;
  // Outside collectivités, GARANTIE_EMPRUNT_HORS_COLLECTIVITE already speaks.
  if (
    garantieDeCollectivite(c) &&
    liste.length &&
    !liste.some((k) => k.nature === 'garantie_emprunt')
  )
    report.add('GARANTIE_SANS_CONTREPARTIE', {}, '/reservataire/garantie_emprunt');
  if (!garantie) {
    const i = liste.findIndex((k) => k.nature === 'garantie_emprunt');
    if (i >= 0)
      report.add('GARANTIE_NON_DECLAREE', { numero: i + 1 }, `/contreparties/${String(i)}/nature`);
  }
  const fondee = c.flux.part_garantie_emprunt;
  if (fondee !== undefined && fondee > c.flux.part + 1e-9)
    report.add(
      'GARANTIE_PART_SUPERIEURE',
      { garantie: fondee, part: c.flux.part },
      '/flux/part_garantie_emprunt',
    );
  if (garantieDeCollectivite(c)) lecture(report, c, parametres);
}

/** Says on what the cap is checked (the reading is convflux's, not a quoted rule). */
function lecture(report: FileReport, c: Convention, parametres: Parametres): void {
  const limite = parametres.valueAt('garantie_emprunt_part_max', c.date_effet);
  const assiette = parametres.valueAt('garantie_emprunt_assiette', c.date_effet);
  if (typeof limite !== 'number' || assiette !== 'flux') return;
  const ecrite = c.flux.part_garantie_emprunt !== undefined;
  report.add(
    'GARANTIE_EMPRUNT_LECTURE',
    {
      limite,
      valeur: partGarantie(c),
      base: ecrite ? 'flux.part_garantie_emprunt' : 'flux.part',
    },
    ecrite ? '/flux/part_garantie_emprunt' : '/flux/part',
  );
}
