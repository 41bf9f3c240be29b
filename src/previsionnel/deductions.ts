/**
 * The forecast deductions (CCH art. R. 441-5 I) laid on the cells of the gross forecast
 * (lecture retenue par convflux): a deduction that names a commune and a typologie falls on that
 * cell; one that names less is split between the cells it covers in proportion to their gross
 * forecast (their flats when none has any), in hundredths by the largest-remainder method, so the
 * split adds up to the number written. A cell's net flux is its gross forecast minus what is
 * deducted there, never below 0 (a warning says so).
 */
import { EXCLUSIONS, type Exclusion } from '../convention/convention.js';
import { enCentiemes, repartir } from '../convention/conversion-stock.js';
import type { DeductionPrevue } from './fichier-prevision.js';
import type { CelluleBrute } from './rotation.js';

export type Deductions = Partial<Record<Exclusion, number>>;

export interface CelluleFlux extends CelluleBrute {
  /** Hundredths deducted per category. */
  deductions: Deductions;
  /** Gross minus every deduction, floored at 0, in hundredths. */
  netCentiemes: number;
}

export interface ResultatDeductions {
  cellules: CelluleFlux[];
  /** Index (in the file) of each deduction that covers no flat of the parc. */
  sansLogement: number[];
  /** Cells where the deductions exceed the gross forecast. */
  excedents: CelluleFlux[];
}

const somme = (d: Deductions, motifs: readonly Exclusion[] = EXCLUSIONS): number =>
  motifs.reduce((s, m) => s + (d[m] ?? 0), 0);

/** The net flux of a cell for a convention that excludes only `motifs`, in hundredths. */
export function netPour(c: CelluleFlux, motifs: readonly Exclusion[]): number {
  return Math.max(0, c.brutCentiemes - somme(c.deductions, motifs));
}

export function deduire(
  brutes: readonly CelluleBrute[],
  deductions: readonly DeductionPrevue[],
): ResultatDeductions {
  const cellules: CelluleFlux[] = brutes.map((c) => ({
    ...c,
    deductions: {},
    netCentiemes: c.brutCentiemes,
  }));
  const sansLogement: number[] = [];
  deductions.forEach((d, i) => {
    const couvertes = cellules.filter(
      (c) =>
        (d.commune === undefined || c.commune === d.commune) &&
        (d.typologie === undefined || c.typologie === d.typologie),
    );
    if (!couvertes.length) {
      sansLogement.push(i);
      return;
    }
    const brut = couvertes.map((c) => c.brutCentiemes);
    const poids = brut.some((x) => x > 0) ? brut : couvertes.map((c) => c.logements);
    const parts = repartir(enCentiemes(d.nombre), poids);
    couvertes.forEach((c, k) => {
      c.deductions[d.motif] = (c.deductions[d.motif] ?? 0) + (parts[k] ?? 0);
    });
  });
  for (const c of cellules) c.netCentiemes = netPour(c, EXCLUSIONS);
  const excedents = cellules.filter((c) => somme(c.deductions) > c.brutCentiemes);
  return { cellules, sansLogement, excedents };
}

export { somme as sommeDeductions };
