/**
 * The breakdowns of the annual bilan (CCH art. R. 441-5-1), collected from the same per-flat
 * results the aggregator sums (see `calculerPartie`'s observer): for each convention, the flats
 * proposed (orientations) and attributed (CALEOL attributions), leases signed and points counted,
 * by typologie × financement × QPV × commune × période de construction; and the flats left out of
 * its assiette, by category (CCH art. R. 441-5 I), with those of them attributed.
 *
 * Every count follows the aggregator's rules exactly (same period window, same covering
 * conventions, same version at the liberation date), so that the totals of a bilan are the
 * evaluation's: Σ proposés = orientations, Σ décisions = attributions, Σ attribués =
 * logements_attribues (a flat once, for the party of its last attribution in the period: the
 * bailleur's row and the conventions' rows add up to the flats attributed), Σ baux = baux,
 * Σ points = réalisé, Σ hors assiette = hors_assiette.
 */
import { exclusionsAssiette } from '../convention/clauses.js';
import type { Exclusion, Financement, Typologie } from '../convention/convention.js';
import type { Logement } from '../flux/logement.js';
import { versionAt, type ConventionIndex } from '../engine/convention-index.js';
import type { FlatResult } from '../engine/cycle.js';
import { derniereAttribution, modePropre } from '../engine/derniere-attribution.js';
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
  /**
   * Flats attributed by the CALEOL in the period whose last attribution of the period is in its
   * cycles, or the bailleur's own for its row (a flat is one, for one party: I14).
   */
  attribues: number;
  /** CALEOL attribution decisions in its cycles, dated in the period (Σ = `attributions`). */
  decisions: number;
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

/** One flat of a réservataire's year (the addressee's annex: flat ids, never a household). */
export interface DetailLogement {
  logement: string;
  typologie: Typologie;
  financement: Financement;
  qpv: boolean;
  commune: string;
  periode: string;
  proposes: number;
  attribues: number;
  decisions: number;
  baux: number;
  points: number;
}

/**
 * What the bailleur's own share and its deductions are, for one bailleur × département: the flats
 * of the flux attributed outside any réservataire's cycle (free or taken back), by the same
 * breakdown; the hors-assiette attributions by motif in the year and in the year before (when the
 * input has events of that year).
 */
export interface VentilationBailleur {
  lignes: LigneVentilation[];
  attributionsHorsAssiette: Partial<Record<Exclusion, number>>;
  /** Undefined when the input has no event dated in the previous year. */
  attributionsHorsAssiettePrecedente?: Partial<Record<Exclusion, number>>;
  /**
   * The alerts of the period tied to no convention (`evaluate`'s top-level `alertes`: a vacancy
   * with no orientation, an event outside any cycle…) on this bailleur's flats of the
   * département, by code.
   */
  alertes: Partial<Record<string, number>>;
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

interface CumulBailleur {
  lignes: Map<string, LigneVentilation>;
  horsAssiette: Partial<Record<Exclusion, number>>;
  precedente: Partial<Record<Exclusion, number>>;
  alertes: Partial<Record<string, number>>;
}

const cumulBailleurVide = (): CumulBailleur => ({
  lignes: new Map(),
  horsAssiette: {},
  precedente: {},
  alertes: {},
});

/** The row of a flat's combination in a breakdown (created empty when missing). */
/** The key of a row of the breakdown: one per combination of its five dimensions. */
const cleLigne = (
  typologie: string,
  financement: string,
  qpv: boolean,
  commune: string,
  periode: string,
): string => `${typologie}|${financement}|${String(qpv)}|${commune}|${periode}`;

function ligneDe(lignes: Map<string, LigneVentilation>, l: Logement): LigneVentilation {
  const periode = periodeConstruction(l.annee_construction).code;
  const key = cleLigne(l.typologie, l.financement, l.qpv, l.commune, periode);
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
      decisions: 0,
      baux: 0,
      points: 0,
    };
    lignes.set(key, ligne);
  }
  return ligne;
}

/**
 * What a CollecteBilan collected, as plain data (it crosses from a worker thread): each
 * worker collects its share of the flats, the main thread sums the shares (`fusionner`).
 */
export interface EtatCollecte {
  cumuls: [number, { lignes: LigneVentilation[]; horsAssiette: HorsAssietteConvention }][];
  bailleurs: [
    string,
    {
      lignes: LigneVentilation[];
      horsAssiette: Partial<Record<Exclusion, number>>;
      precedente: Partial<Record<Exclusion, number>>;
      alertes: Partial<Record<string, number>>;
    },
  ][];
  details: [number, DetailLogement[]][];
  precedenteVue: boolean;
}

const ajouterTout = <K extends string>(
  o: Partial<Record<K, number>>,
  p: Partial<Record<K, number>>,
): void => {
  for (const [k, n] of Object.entries(p) as [K, number][]) add(o, k, n);
};

const COMPTES = ['proposes', 'attribues', 'decisions', 'baux', 'points'] as const;

/** Adds rows of another share into `lignes` (keyed as ligneDe keys them). */
function ajouterLignes(
  lignes: Map<string, LigneVentilation>,
  autres: readonly LigneVentilation[],
): void {
  for (const a of autres) {
    const key = cleLigne(a.typologie, a.financement, a.qpv, a.commune, a.periode);
    const ligne = lignes.get(key);
    if (!ligne) lignes.set(key, { ...a });
    else for (const k of COMPTES) ligne[k] += a[k];
  }
}

export class CollecteBilan {
  private readonly cumuls = new Map<number, Cumul>();
  private readonly bailleurs = new Map<string, CumulBailleur>();
  private readonly details = new Map<number, Map<string, DetailLogement>>();
  private readonly debut: string;
  private readonly debutPrecedente: string;
  private precedenteVue = false;

  /**
   * `date`: the evaluation date; the period runs from 1 January of `annee` to it. `detail`: keep
   * the flat-level rows of each convention (the addressee's annex).
   */
  constructor(
    private readonly index: ConventionIndex,
    annee: number,
    private readonly date: string,
    private readonly detail = false,
  ) {
    this.debut = `${String(annee)}-01-01`;
    this.debutPrecedente = `${String(annee - 1)}-01-01`;
  }

  private inPrecedente(d: string): boolean {
    return d >= this.debutPrecedente && d < this.debut;
  }

  private cumulBailleur(l: Logement): CumulBailleur {
    const key = `${l.bailleur}|${l.departement}`;
    let c = this.bailleurs.get(key);
    if (!c) {
      c = cumulBailleurVide();
      this.bailleurs.set(key, c);
    }
    return c;
  }

  private detailLogement(entry: number, l: Logement): DetailLogement {
    let flats = this.details.get(entry);
    if (!flats) {
      flats = new Map();
      this.details.set(entry, flats);
    }
    let d = flats.get(l.logement);
    if (!d) {
      d = {
        logement: l.logement,
        typologie: l.typologie,
        financement: l.financement,
        qpv: l.qpv,
        commune: l.commune,
        periode: periodeConstruction(l.annee_construction).code,
        proposes: 0,
        attribues: 0,
        decisions: 0,
        baux: 0,
        points: 0,
      };
      flats.set(l.logement, d);
    }
    return d;
  }

  private inWindow(d: string): boolean {
    return d >= this.debut && d <= this.date;
  }

  private readonly dansFenetre = (d: string): boolean => this.inWindow(d);

  private cumul(entry: number): Cumul {
    let c = this.cumuls.get(entry);
    if (!c) {
      c = { lignes: new Map(), horsAssiette: { logements: {}, attributions: {} } };
      this.cumuls.set(entry, c);
    }
    return c;
  }

  private ligne(entry: number, l: Logement): LigneVentilation {
    return ligneDe(this.cumul(entry).lignes, l);
  }

  /** One flat and its result (the observer of `calculerPartie`). */
  addFlat(l: Logement, r: FlatResult): void {
    for (const c of r.comptages) {
      if (!this.inWindow(c.date)) continue;
      const k =
        c.compteur === 'orientations'
          ? 'proposes'
          : c.compteur === 'attributions'
            ? 'decisions'
            : c.compteur === 'baux'
              ? 'baux'
              : undefined;
      if (!k) continue;
      this.ligne(c.entry, l)[k]++;
      if (this.detail) this.detailLogement(c.entry, l)[k]++;
    }
    // « Attribués »: the flat once, for the party of its last attribution in the period (the
    // one that stands); an earlier party keeps its decision only (derniere-attribution.ts).
    const derniere = derniereAttribution(r, this.dansFenetre);
    if (derniere?.cycle) {
      this.ligne(derniere.entry, l).attribues++;
      if (this.detail) this.detailLogement(derniere.entry, l).attribues++;
    }
    const points = new Map<number, number>();
    for (const s of r.scores)
      if (this.inWindow(s.date)) points.set(s.entry, (points.get(s.entry) ?? 0) + s.points);
    for (const [entry, pts] of points) {
      if (pts === 0) continue;
      this.ligne(entry, l).points += pts;
      if (this.detail) this.detailLogement(entry, l).points += pts;
    }
    // The alerts tied to no convention, counted as the aggregator files them (evaluate's
    // top-level alerts): the bilan of this flat's bailleur × département lists them too.
    for (const a of r.alertes)
      if (a.entry === undefined && this.inWindow(a.date))
        add(this.cumulBailleur(l).alertes, a.code);
    if (l.hors_flux !== undefined) return;
    this.addBailleur(l, r, derniere !== undefined && !derniere.cycle && modePropre(derniere.mode));
    this.addHorsAssiette(l, r);
  }

  /**
   * The bailleur's own attributions and the hors-assiette attributions (N and N − 1).
   * `attribue`: the flat's last attribution of the period is the bailleur's own.
   */
  private addBailleur(l: Logement, r: FlatResult, attribue: boolean): void {
    if (!this.index.covering(l).length) return;
    if (!this.precedenteVue)
      this.precedenteVue =
        r.liberations.some((d) => this.inPrecedente(d)) ||
        r.horsCycle.some((h) => this.inPrecedente(h.date)) ||
        r.comptages.some((c) => this.inPrecedente(c.date));
    if (attribue) ligneDe(this.cumulBailleur(l).lignes, l).attribues++;
    for (const h of r.horsCycle) {
      // Outside any réservataire's cycle and in the flux: never oriented (`libre`), taken back
      // (`reprise`), or after the cycle ended (`reservataire`: the delay lapsed and the flat went
      // back to the bailleur for a round, or the réservataire declined it with no new designation).
      if (modePropre(h.mode) && this.inWindow(h.date)) {
        const ligne = ligneDe(this.cumulBailleur(l).lignes, l);
        if (h.type === 'attribution') ligne.decisions++;
        else ligne.baux++;
      }
      if (h.mode !== 'hors_assiette' || !h.motif || h.type !== 'attribution') continue;
      if (this.inWindow(h.date)) add(this.cumulBailleur(l).horsAssiette, h.motif);
      else if (this.inPrecedente(h.date)) add(this.cumulBailleur(l).precedente, h.motif);
    }
  }

  /**
   * The assiette, as the aggregator counts it: a flat freed in the period, outside the stock,
   * with a hors_assiette event whose motif the convention in force at the liberation excludes.
   */
  private addHorsAssiette(l: Logement, r: FlatResult): void {
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

  /** What was collected, as plain data (see EtatCollecte). */
  etat(): EtatCollecte {
    return {
      cumuls: [...this.cumuls].map(([entry, c]) => [
        entry,
        { lignes: [...c.lignes.values()], horsAssiette: c.horsAssiette },
      ]),
      bailleurs: [...this.bailleurs].map(([key, c]) => [
        key,
        {
          lignes: [...c.lignes.values()],
          horsAssiette: c.horsAssiette,
          precedente: c.precedente,
          alertes: c.alertes,
        },
      ]),
      details: [...this.details].map(([entry, flats]) => [entry, [...flats.values()]]),
      precedenteVue: this.precedenteVue,
    };
  }

  /** Adds what another collection (of other flats, same index and year) collected. */
  fusionner(e: EtatCollecte): void {
    for (const [entry, c] of e.cumuls) {
      const cumul = this.cumul(entry);
      ajouterLignes(cumul.lignes, c.lignes);
      ajouterTout(cumul.horsAssiette.logements, c.horsAssiette.logements);
      ajouterTout(cumul.horsAssiette.attributions, c.horsAssiette.attributions);
    }
    for (const [key, c] of e.bailleurs) {
      let b = this.bailleurs.get(key);
      if (!b) {
        b = cumulBailleurVide();
        this.bailleurs.set(key, b);
      }
      ajouterLignes(b.lignes, c.lignes);
      ajouterTout(b.horsAssiette, c.horsAssiette);
      ajouterTout(b.precedente, c.precedente);
      ajouterTout(b.alertes, c.alertes);
    }
    for (const [entry, flats] of e.details) {
      let m = this.details.get(entry);
      if (!m) {
        m = new Map();
        this.details.set(entry, m);
      }
      // The shards hold different flats: a flat is in one of them only.
      for (const d of flats) m.set(d.logement, d);
    }
    this.precedenteVue ||= e.precedenteVue;
  }

  /** The bailleur's own share and deductions in one département (`bailleur`: SIREN). */
  ventilationBailleur(bailleur: string, departement: string): VentilationBailleur {
    const c = this.bailleurs.get(`${bailleur}|${departement}`);
    return {
      lignes: [...(c?.lignes.values() ?? [])]
        .filter((x) => x.attribues || x.decisions || x.baux)
        .sort(compareLignes),
      attributionsHorsAssiette: { ...c?.horsAssiette },
      ...(this.precedenteVue ? { attributionsHorsAssiettePrecedente: { ...c?.precedente } } : {}),
      alertes: { ...c?.alertes },
    };
  }

  /** The flats of one convention's year (kept only when built with `detail`), by flat id. */
  detailConvention(entry: number): DetailLogement[] {
    return [...(this.details.get(entry)?.values() ?? [])]
      .map((d) => ({ ...d, points: Math.round(d.points * 1e6) / 1e6 }))
      .filter((d) => d.proposes || d.attribues || d.decisions || d.baux || d.points)
      .sort((a, b) => (a.logement < b.logement ? -1 : a.logement > b.logement ? 1 : 0));
  }

  /** The breakdown of one convention (by its index entry), rows sorted, empty rows left out. */
  ventilation(entry: number): VentilationConvention {
    const c = this.cumuls.get(entry);
    const round = (x: number): number => Math.round(x * 1e6) / 1e6;
    const lignes = [...(c?.lignes.values() ?? [])]
      .map((ligne) => ({ ...ligne, points: round(ligne.points) }))
      .filter((x) => x.proposes || x.attribues || x.decisions || x.baux || x.points)
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
