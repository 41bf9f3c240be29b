/**
 * The years before the one evaluated, when the events input spans several: their figures (each
 * year's flux, dû and réalisé, exactly as that year's own evaluation gives them) for the
 * attainment over the whole term (`cumul`), and the points of the year that regularise cycles
 * scored provisionally at an earlier year's end (`regularisation`, I13).
 *
 * Earlier years are summed by the same aggregator as the year evaluated, with that year's window
 * and date (31 December): nothing is restated, each year counts only what happens in it.
 */
import type { Logement } from '../flux/logement.js';
import { Aggregateur, type AggregationOptions } from './aggregate.js';
import type { ConventionIndex } from './convention-index.js';
import type { FlatResult } from './cycle.js';
import type { ConventionResultat, CumulResultat } from './evaluation.js';

/** One convention's figures for one year. */
export interface AnneeConvention {
  flux: number;
  du: number;
  realise: number;
}

/** Plain data (crosses worker threads), summed per shard then merged. */
export interface Pluriannuel {
  /** Earlier year → per convention index, its figures. */
  anterieures: Record<number, (AnneeConvention | undefined)[]>;
  /** Per convention index: flats whose cycle regularised this year, and the points. */
  regularisation: ({ logements: number; points: number } | undefined)[];
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

export const anneeDe = (date: string): number => Number(date.slice(0, 4));

/** Follows the flats' results for the earlier years of the input and the year's regularisations. */
export class SuiviPluriannuel {
  private readonly aggregateurs = new Map<number, Aggregateur>();
  private readonly regularisation: Pluriannuel['regularisation'] = [];
  private readonly debut: string;
  private readonly fin: string;

  /** `premiere`: the first year of the input (earlier years from it to the year before `o.annee`). */
  constructor(index: ConventionIndex, o: AggregationOptions, premiere: number) {
    this.debut = `${String(o.annee)}-01-01`;
    this.fin = o.date;
    for (let annee = premiere; annee < o.annee; annee++)
      this.aggregateurs.set(
        annee,
        new Aggregateur(index, {
          ...o,
          annee,
          date: `${String(annee)}-12-31`,
          totauxSeuls: true,
        }),
      );
  }

  /**
   * `anterieures`: the flat's results as an earlier year's own evaluation read them, when a later
   * annulation corrected that year's events (annulations-tardives.ts); else `r`.
   */
  addFlat(l: Logement, r: FlatResult, anterieures?: ReadonlyMap<number, FlatResult>): void {
    // Only the earlier years' totals are summed: their alerts are those years' business.
    for (const [annee, a] of this.aggregateurs) a.addFlat(l, anterieures?.get(annee) ?? r);
    let vus: Set<number> | undefined;
    for (const s of r.scores) {
      if (!s.regularisation || s.date < this.debut || s.date > this.fin) continue;
      const reg = (this.regularisation[s.entry] ??= { logements: 0, points: 0 });
      reg.points += s.points;
      vus ??= new Set();
      if (!vus.has(s.entry)) {
        vus.add(s.entry);
        reg.logements++;
      }
    }
  }

  resultat(): Pluriannuel {
    const anterieures: Pluriannuel['anterieures'] = {};
    for (const [annee, a] of this.aggregateurs)
      anterieures[annee] = a.sommes.conventions.map((c) =>
        c ? { flux: c.flux, du: c.du, realise: c.realise } : undefined,
      );
    return { anterieures, regularisation: this.regularisation };
  }
}

/** Adds `from` into `into` (the shards of worker threads). */
export function fusionnerPluriannuel(into: Pluriannuel, from: Pluriannuel): void {
  for (const [k, rows] of Object.entries(from.anterieures)) {
    const annee = Number(k);
    const target = (into.anterieures[annee] ??= []);
    rows.forEach((b, i) => {
      if (!b) return;
      const a = (target[i] ??= { flux: 0, du: 0, realise: 0 });
      a.flux += b.flux;
      a.du += b.du;
      a.realise += b.realise;
    });
  }
  from.regularisation.forEach((b, i) => {
    if (!b) return;
    const a = (into.regularisation[i] ??= { logements: 0, points: 0 });
    a.logements += b.logements;
    a.points += b.points;
  });
}

/**
 * Fills `cumul` and `regularisation` of the year's results. `premiere`: the first year of the
 * input; the cumul starts at the convention's effect date or at 1 January of that year, the
 * later of the two.
 */
export function completerPluriannuel(
  conventions: ConventionResultat[],
  index: ConventionIndex,
  p: Pluriannuel,
  annee: number,
  premiere: number,
): void {
  const byId = new Map(index.entries.map((e) => [e.id, e]));
  for (const c of conventions) {
    const entry = byId.get(c.id);
    if (!entry) continue;
    const effet = entry.versions[0]?.convention.date_effet ?? `${String(annee)}-01-01`;
    const debutEntree = `${String(Math.min(premiere, annee))}-01-01`;
    const depuis = effet > debutEntree ? effet : debutEntree;
    const annees: number[] = [];
    let du = 0;
    let realise = 0;
    for (let y = anneeDe(depuis); y <= annee; y++) {
      const f = y === annee ? { du: c.du, realise: c.realise } : p.anterieures[y]?.[entry.index];
      annees.push(y);
      const dy = round(f?.du ?? 0);
      const ry = round(f?.realise ?? 0);
      du += dy;
      realise += ry;
    }
    // The gap is assessed on the cumul (convention, article « objectifs »): what is behind at
    // the end of a year is carried into the next one; points ahead make up later gaps.
    const retard = Math.max(0, du - realise);
    const cumul: CumulResultat = {
      depuis,
      annees,
      du: round(du),
      realise: round(realise),
      retard: round(retard),
    };
    c.cumul = cumul;
    const reg = p.regularisation[entry.index];
    c.regularisation = { logements: reg?.logements ?? 0, points: round(reg?.points ?? 0) };
  }
}
