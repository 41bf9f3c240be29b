/**
 * The gross flux forecast for year N per commune × typologie (lecture retenue par convflux,
 * printed in the document):
 *
 * - **Observed years**: those the forecast file lists (`annees_observees`), else each of N-3,
 *   N-2, N-1 in which the events hold at least one liberation of the bailleur in the département.
 * - **With at least one observed year**: the forecast of a cell is the mean number of liberations
 *   per observed year (Σ liberations ÷ years), i.e. its flats × the observed rate
 *   Σ liberations ÷ (flats × years). First lettings (`mise_en_service`) are not rotation.
 * - **With none**: flats × the rate the conventions agreed (`conversion_stock.taux_rotation`, the
 *   most specific match for the cell as for the stock conversion; two conventions equally
 *   specific: the first by id), else flats × the file's `taux_rotation_defaut`.
 * - Each cell's forecast is rounded half up to the hundredth; totals are sums of those.
 */
import type { Convention, Typologie } from '../convention/convention.js';
import { enCentiemes, specificite } from '../convention/conversion-stock.js';
import type { Logement } from '../flux/logement.js';
import type { Territoires } from '../reference/territoires.js';

export type OrigineTaux = 'observe' | 'stipule' | 'defaut' | 'inconnu';

export interface CelluleBrute {
  commune: string;
  typologie: Typologie;
  logements: number;
  /** Liberations of the cell over the observed years. */
  liberations: number;
  /** Annual rotation rate applied (0 when unknown). */
  taux: number;
  origine: OrigineTaux;
  /** The convention whose agreed rate applies (origine `stipule`). */
  convention?: string;
  brutCentiemes: number;
}

/** Years observed: the file's list, else the years with at least one liberation. */
export function anneesObservees(
  annee: number,
  liberations: ReadonlyMap<number, ReadonlyMap<string, number>>,
  fichier: readonly number[] | undefined,
): number[] {
  if (fichier) return [...fichier].sort((a, b) => a - b);
  return [annee - 3, annee - 2, annee - 1].filter((y) => (liberations.get(y)?.size ?? 0) > 0);
}

/** The agreed rate of the conventions for a cell: most specific, then first by convention id. */
export function tauxStipule(
  conventions: readonly Convention[],
  cellule: { commune: string; typologie: Typologie },
  t: Territoires,
): { taux: number; convention: string } | undefined {
  let best: { taux: number; convention: string; score: number } | undefined;
  const triees = [...conventions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const c of triees)
    for (const taux of c.conversion_stock?.taux_rotation ?? []) {
      const score = specificite(taux, cellule, t);
      if (score !== undefined && (!best || score > best.score))
        best = { taux: taux.taux, convention: c.id, score };
    }
  return best && { taux: best.taux, convention: best.convention };
}

interface Comptes {
  commune: string;
  typologie: Typologie;
  logements: number;
  liberations: number;
}

function compter(
  logements: ReadonlyMap<string, Logement>,
  liberations: ReadonlyMap<number, ReadonlyMap<string, number>>,
  annees: readonly number[],
): Comptes[] {
  const cells = new Map<string, Comptes>();
  for (const l of logements.values()) {
    const key = `${l.commune}|${l.typologie}`;
    const c = cells.get(key) ?? {
      commune: l.commune,
      typologie: l.typologie,
      logements: 0,
      liberations: 0,
    };
    c.logements++;
    for (const y of annees) c.liberations += liberations.get(y)?.get(l.logement) ?? 0;
    cells.set(key, c);
  }
  return [...cells.values()].sort((a, b) =>
    a.commune !== b.commune ? (a.commune < b.commune ? -1 : 1) : a.typologie < b.typologie ? -1 : 1,
  );
}

/** The gross forecast per commune × typologie of the flats in the flux. */
export function fluxBrut(o: {
  logements: ReadonlyMap<string, Logement>;
  liberations: ReadonlyMap<number, ReadonlyMap<string, number>>;
  annees: readonly number[];
  conventions: readonly Convention[];
  tauxDefaut: number | undefined;
  territoires: Territoires;
}): CelluleBrute[] {
  const n = o.annees.length;
  return compter(o.logements, o.liberations, o.annees).map((c): CelluleBrute => {
    if (n > 0)
      return {
        ...c,
        taux: c.liberations / (c.logements * n),
        origine: 'observe',
        brutCentiemes: enCentiemes(c.liberations / n),
      };
    const stipule = tauxStipule(o.conventions, c, o.territoires);
    const taux = stipule?.taux ?? o.tauxDefaut;
    if (taux === undefined) return { ...c, taux: 0, origine: 'inconnu', brutCentiemes: 0 };
    return {
      ...c,
      taux,
      origine: stipule ? 'stipule' : 'defaut',
      ...(stipule ? { convention: stipule.convention } : {}),
      brutCentiemes: enCentiemes(c.logements * taux),
    };
  });
}
