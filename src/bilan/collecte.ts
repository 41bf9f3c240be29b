/**
 * The breakdowns of the annual bilan (CCH art. R. 441-5-1), collected from the same per-flat
 * results the aggregator sums (see `calculerPartie`'s observer): for each convention, the flats
 * proposed (orientations) and attributed (CALEOL attributions), leases signed and points counted,
 * by typologie × financement × QPV × commune × période de construction; and the flats left out of
 * its assiette, by category (CCH art. R. 441-5 I), with those of them attributed.
 *
 * Every count follows the aggregator's rules exactly (same period window, same covering
 * conventions, same version at the liberation date), so that the totals of a bilan are the
 * evaluation's: Σ proposés = orientations, Σ attribués = attributions, Σ baux = baux,
 * Σ points = réalisé, Σ hors assiette = hors_assiette.
 */
import { exclusionsAssiette } from '../convention/clauses.js';
import type { Exclusion, Financement, Typologie } from '../convention/convention.js';
import type { Logement } from '../flux/logement.js';
import { versionAt, type ConventionIndex } from '../engine/convention-index.js';
import type { FlatResult } from '../engine/cycle.js';
import { periodeConstruction, rangPeriode } from './periodes.js';

/** One non-empty combination of the R. 441-5-1 breakdown. */
export interface LigneVentilation {
  typologie: Typologie;
  financement: Financement;
  qpv: boolean;
  /** INSEE code. */
  commune: string;
  /** Code of PERIODES_CONSTRUCTION. */
  periode: string;
  /** Orientations to the réservataire dated in the period. */
  proposes: number;
  /** CALEOL attributions in its cycles, dated in the period. */
  attribues: number;
  baux: number;
  /** Points counted in the period (their sum is the réalisé). */
  points: number;
}

export interface HorsAssietteConvention {
  /** Freed flats of its territory left out of its flux, by the motif it excludes. */
  logements: Partial<Record<Exclusion, number>>;
  /** Of which attributed outside any réservataire's cycle (relogements, mutations). */
  attributions: Partial<Record<Exclusion, number>>;
}

export interface VentilationConvention {
  lignes: LigneVentilation[];
  horsAssiette: HorsAssietteConvention;
}

const TYPOLOGIES: readonly Typologie[] = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'];
const FINANCEMENTS: readonly Financement[] = ['PLAI', 'PLUS', 'PLS', 'PLI'];

const rang = <T>(list: readonly T[], v: T): number => {
  const i = list.indexOf(v);
  return i < 0 ? list.length : i;
};

/** The order of the breakdown: typologie, financement, QPV first, commune, période. */
export function compareLignes(a: LigneVentilation, b: LigneVentilation): number {
  return (
    rang(TYPOLOGIES, a.typologie) - rang(TYPOLOGIES, b.typologie) ||
    rang(FINANCEMENTS, a.financement) - rang(FINANCEMENTS, b.financement) ||
    Number(b.qpv) - Number(a.qpv) ||
    (a.commune < b.commune ? -1 : a.commune > b.commune ? 1 : 0) ||
    rangPeriode(a.periode) - rangPeriode(b.periode)
  );
}

interface Cumul {
  lignes: Map<string, LigneVentilation>;
  horsAssiette: HorsAssietteConvention;
}

const add = <K extends string>(o: Partial<Record<K, number>>, k: K, n = 1): void => {
  o[k] = (o[k] ?? 0) + n;
};

export class CollecteBilan {
  private readonly cumuls = new Map<number, Cumul>();
  private readonly debut: string;

  /** `date`: the evaluation date; the period runs from 1 January of `annee` to it. */
  constructor(
    private readonly index: ConventionIndex,
    annee: number,
    private readonly date: string,
  ) {
    this.debut = `${String(annee)}-01-01`;
  }

  private inWindow(d: string): boolean {
    return d >= this.debut && d <= this.date;
  }

  private cumul(entry: number): Cumul {
    let c = this.cumuls.get(entry);
    if (!c) {
      c = { lignes: new Map(), horsAssiette: { logements: {}, attributions: {} } };
      this.cumuls.set(entry, c);
    }
    return c;
  }

  private ligne(entry: number, l: Logement): LigneVentilation {
    const periode = periodeConstruction(l.annee_construction).code;
    const key = `${l.typologie}|${l.financement}|${String(l.qpv)}|${l.commune}|${periode}`;
    const lignes = this.cumul(entry).lignes;
    let ligne = lignes.get(key);
    if (!ligne) {
      ligne = {
        typologie: l.typologie,
        financement: l.financement,
        qpv: l.qpv,
        commune: l.commune,
        periode,
        proposes: 0,
        attribues: 0,
        baux: 0,
        points: 0,
      };
      lignes.set(key, ligne);
    }
    return ligne;
  }

  /** One flat and its result (the observer of `calculerPartie`). */
  addFlat(l: Logement, r: FlatResult): void {
    for (const c of r.comptages) {
      if (!this.inWindow(c.date)) continue;
      if (c.compteur === 'orientations') this.ligne(c.entry, l).proposes++;
      else if (c.compteur === 'attributions') this.ligne(c.entry, l).attribues++;
      else if (c.compteur === 'baux') this.ligne(c.entry, l).baux++;
    }
    const points = new Map<number, number>();
    for (const s of r.scores)
      if (this.inWindow(s.date)) points.set(s.entry, (points.get(s.entry) ?? 0) + s.points);
    for (const [entry, pts] of points) if (pts !== 0) this.ligne(entry, l).points += pts;

    // The assiette, as the aggregator counts it: a flat freed in the period, outside the stock,
    // with a hors_assiette event whose motif the convention in force at the liberation excludes.
    if (l.hors_flux !== undefined) return;
    const liberation = r.liberations.find((d) => this.inWindow(d));
    if (liberation === undefined) return;
    const horsAssiette = r.horsAssiette.filter((h) => this.inWindow(h.date));
    if (!horsAssiette.length) return;
    const attribue = r.horsCycle.some(
      (h) => this.inWindow(h.date) && h.mode === 'hors_assiette' && h.type === 'attribution',
    );
    for (const entry of this.index.covering(l)) {
      const version = versionAt(entry, liberation);
      if (!version) continue;
      const exclusions = exclusionsAssiette(version.convention);
      const h = horsAssiette.find((x) => exclusions.includes(x.motif));
      if (!h) continue;
      const cumul = this.cumul(entry.index);
      add(cumul.horsAssiette.logements, h.motif);
      if (attribue) add(cumul.horsAssiette.attributions, h.motif);
    }
  }

  /** The breakdown of one convention (by its index entry), rows sorted, empty rows left out. */
  ventilation(entry: number): VentilationConvention {
    const c = this.cumuls.get(entry);
    const round = (x: number): number => Math.round(x * 1e6) / 1e6;
    const lignes = [...(c?.lignes.values() ?? [])]
      .map((ligne) => ({ ...ligne, points: round(ligne.points) }))
      .filter((x) => x.proposes || x.attribues || x.baux || x.points)
      .sort(compareLignes);
    return {
      lignes,
      horsAssiette: c
        ? {
            logements: { ...c.horsAssiette.logements },
            attributions: { ...c.horsAssiette.attributions },
          }
        : { logements: {}, attributions: {} },
    };
  }
}
