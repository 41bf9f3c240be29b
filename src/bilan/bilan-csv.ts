/**
 * The CSV of a bilan (RFC 4180, comma, dot decimals, like `convflux evaluate --out`): one row per
 * non-empty combination of typologie × financement × QPV × commune × période de construction,
 * with the counts of the year for the convention. The columns are documented in the README.
 */
import { toCsv } from '../explain/evaluation-csv.js';
import type { LigneVentilation } from './collecte.js';

export const BILAN_CSV_COLONNES = [
  'annee',
  'convention',
  'typologie',
  'financement',
  'qpv',
  'commune',
  'nom_commune',
  'periode_construction',
  'proposes',
  'attribues',
  'baux_signes',
  'points_decomptes',
] as const;

export function bilanCsv(
  annee: number,
  convention: string,
  lignes: readonly LigneVentilation[],
  nomCommune: (code: string) => string,
): string {
  return toCsv(
    BILAN_CSV_COLONNES,
    lignes.map((l) => [
      annee,
      convention,
      l.typologie,
      l.financement,
      l.qpv,
      l.commune,
      nomCommune(l.commune),
      l.periode,
      l.proposes,
      l.attribues,
      l.baux,
      l.points,
    ]),
  );
}
