/**
 * The construction periods of the annual bilan (CCH art. R. 441-5-1: flats proposed and attributed
 * « par période de construction »). The article names the breakdown but not its periods; these
 * are the usual cut-offs of French housing statistics, each a change in how flats were built:
 *
 * - avant 1949: pre-war stock (the loi n° 48-1360 of 1 September 1948 is the usual boundary);
 * - 1949–1974: reconstruction and the grands ensembles, before any thermal regulation;
 * - 1975–1989: the first thermal regulation (1974) and its 1982 revision;
 * - 1990–2004: the 1988 thermal regulation, then RT 2000;
 * - 2005 et après: RT 2005 and RT 2012, then RE 2020.
 *
 * The periods are a property of the document, not of a convention: changing them changes every
 * bilan (and the template hash does not see it, so the bilan model version in
 * templates/bilan/modele.json must be raised with them).
 */
export interface PeriodeConstruction {
  /** Stable code, used in the CSV. */
  code: string;
  /** As printed ("1949–1974"). */
  libelle: string;
  /** First and last year, inclusive (undefined: open). */
  debut?: number;
  fin?: number;
}

export const PERIODES_CONSTRUCTION: readonly PeriodeConstruction[] = [
  { code: 'avant_1949', libelle: 'avant 1949', fin: 1948 },
  { code: '1949_1974', libelle: '1949–1974', debut: 1949, fin: 1974 },
  { code: '1975_1989', libelle: '1975–1989', debut: 1975, fin: 1989 },
  { code: '1990_2004', libelle: '1990–2004', debut: 1990, fin: 2004 },
  { code: '2005_et_apres', libelle: '2005 et après', debut: 2005 },
];

/** The period of a construction year (every year falls in exactly one). */
export function periodeConstruction(annee: number): PeriodeConstruction {
  for (const p of PERIODES_CONSTRUCTION)
    if ((p.debut === undefined || annee >= p.debut) && (p.fin === undefined || annee <= p.fin))
      return p;
  // Unreachable: the periods cover every year; the last one is the fallback.
  return PERIODES_CONSTRUCTION[PERIODES_CONSTRUCTION.length - 1] as PeriodeConstruction;
}

/** Position of a period code in PERIODES_CONSTRUCTION (for sorting). */
export function rangPeriode(code: string): number {
  const i = PERIODES_CONSTRUCTION.findIndex((p) => p.code === code);
  return i < 0 ? PERIODES_CONSTRUCTION.length : i;
}
