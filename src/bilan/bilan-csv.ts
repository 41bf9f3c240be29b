/**
 * The CSV of a bilan (RFC 4180, comma, dot decimals, like `convflux evaluate --out`): the full
 * cross-tabulation of one bailleur × département, one row per réservataire's convention (and the
 * bailleur's own share) and non-empty combination of typologie × financement × QPV × commune ×
 * période de construction. The columns are documented in the README.
 */
import { toCsv } from '../explain/evaluation-csv.js';
import type { LigneVentilation } from './collecte.js';

export const BILAN_CSV_COLONNES = [
  'annee',
  'departement',
  'bailleur',
  'reservataire',
  'convention',
  'typologie',
  'financement',
  'qpv',
  'commune',
  'nom_commune',
  'periode_construction',
  'proposes',
  'attribues',
  'decisions_attribution',
  'baux_signes',
  'points_decomptes',
] as const;

/** One block of rows: a convention's (réservataire) or the bailleur's own (`convention` ''). */
export interface BlocCsv {
  reservataire: string;
  convention: string;
  lignes: readonly LigneVentilation[];
  /** The bailleur's own share: no proposals, no points (empty cells). */
  propre?: boolean;
}

export type CelluleCsv = string | number | boolean;

/** The rows of the cross-tabulation (also the workbook's last sheet). */
export function lignesCsv(
  annee: number,
  groupe: { departement: string; bailleur: string },
  blocs: readonly BlocCsv[],
  nomCommune: (code: string) => string,
): CelluleCsv[][] {
  return blocs.flatMap((b) =>
    b.lignes.map((l) => [
      annee,
      groupe.departement,
      groupe.bailleur,
      b.reservataire,
      b.convention,
      l.typologie,
      l.financement,
      l.qpv,
      l.commune,
      nomCommune(l.commune),
      l.periode,
      b.propre ? '' : l.proposes,
      l.attribues,
      l.decisions,
      l.baux,
      b.propre ? '' : l.points,
    ]),
  );
}

export function bilanCsv(rows: readonly CelluleCsv[][]): string {
  return toCsv(BILAN_CSV_COLONNES, rows);
}
