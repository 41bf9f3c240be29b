/**
 * The best any flat-by-flat rule can promise, by brute force, on one family of generated years:
 * a réservataire of part `part` counted on its own territory (the bailleur has the rest), `m`
 * flats it can receive, then `l` flats of its territory it cannot (m ≤ mMax, l ≤ lMax; each is
 * a year the generator can draw). A rule that does not know the year sees the same m first flats
 * whatever comes next, so its choices on them are one sequence (how many of the first k flats go
 * to the réservataire, for each k); during the run it has no choice (the flats go to the
 * bailleur). For each sequence, the year the rule fears most is the (m, l) that puts it furthest
 * above the exact optimum of that year (`optimum`, the solver that knows the year). The best
 * promise is the minimum of that worst excess over all sequences: a dynamic programme over (k,
 * count, largest deviation so far), exact because the rest of the year depends on nothing else.
 */
import type { AnneeOrientation, LogementAnnee } from '../../src/orientation/sequence.js';
import { optimum } from './optimum-exact.js';

/** The generated year: `m` free flats, then `l` barred to the réservataire `r`. */
export function anneeRun(part: number, m: number, l: number): AnneeOrientation {
  return {
    parts: { r: part },
    logements: Array.from({ length: m + l }, (_, i): LogementAnnee => ({
      id: `L${String(i + 1)}`,
      territoires: { r: ['commune:1'] },
      contraintes: i < m ? {} : { r: ['stock défense'] },
    })),
  };
}

interface Etat {
  /** Flats given to the réservataire so far, the largest |gap| so far, the worst excess so far. */
  recus: number;
  ecartMax: number;
  pire: number;
  choix: string;
}

/** The smallest worst excess over the optimum any online rule can guarantee on the family. */
export function meilleurePromesse(
  part: number,
  mMax: number,
  lMax: number,
): { exces: number; choix: string } {
  const opt = (m: number, l: number): number =>
    m + l === 0 ? 0 : optimum(anneeRun(part, m, l), l + 2);
  const optimums = Array.from({ length: mMax + 1 }, (_, m) =>
    Array.from({ length: lMax + 1 }, (_, l) => opt(m, l)),
  );
  // The worst excess if the year turns after m flats (any run length, 0 included).
  const pireApres = (m: number, recus: number, ecartMax: number): number => {
    let [pire, ecart] = [-Infinity, ecartMax];
    for (let l = 0; l <= lMax; l++) {
      ecart = Math.max(ecart, Math.abs(part * (m + l) - recus));
      if (m + l > 0) pire = Math.max(pire, ecart - (optimums[m]?.[l] ?? 0));
    }
    return pire;
  };
  let etats = new Map<string, Etat>([
    ['0|0', { recus: 0, ecartMax: 0, pire: pireApres(0, 0, 0), choix: '' }],
  ]);
  for (let m = 1; m <= mMax; m++) {
    const suivants = new Map<string, Etat>();
    for (const e of etats.values()) {
      for (const donne of [0, 1]) {
        const recus = e.recus + donne;
        const ecartMax = Math.max(e.ecartMax, Math.abs(part * m - recus));
        const pire = Math.max(e.pire, pireApres(m, recus, ecartMax));
        const cle = `${String(recus)}|${ecartMax.toFixed(6)}`;
        const avant = suivants.get(cle);
        if (avant === undefined || pire < avant.pire)
          suivants.set(cle, { recus, ecartMax, pire, choix: e.choix + String(donne) });
      }
    }
    etats = suivants;
  }
  let meilleur = { exces: Infinity, choix: '' };
  for (const e of etats.values())
    if (e.pire < meilleur.exces) meilleur = { exces: e.pire, choix: e.choix };
  return meilleur;
}
