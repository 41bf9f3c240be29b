/**
 * What the orientation aid knows of the year once the engine has followed every flat: for each
 * convention and each of its contractual territories the flats freed (flux), the dû and the
 * orientations; the bailleur's own share; the last attributions of each programme; the État's
 * orientations in and out of QPV; the state of every freed flat at the date. Filled by the
 * engine's per-flat observer during the one evaluation, so that a suggestion is then a few
 * look-ups.
 */
import type { Logement } from '../flux/logement.js';
import type { Territoires } from '../reference/territoires.js';
import type { FlatResult } from '../engine/cycle.js';
import {
  lastVersionBefore,
  versionAt,
  type ConventionEntry,
  type ConventionIndex,
  type ConventionVersion,
} from '../engine/convention-index.js';
import { objectifsDe, type ObjectifSpec } from '../engine/objectifs.js';
import { partDue } from '../engine/part-due.js';
import { entreesFlux, type EntreeFlux } from '../engine/entree-flux.js';
import { BAILLEUR } from './classement.js';
import {
  nomCommune,
  territoireContractuel,
  type TerritoireOrientation,
} from './territoires-orientation.js';

/** One contractual territory of one convention (or the bailleur's own share). */
export interface Compte {
  /** Flats freed there in the year up to the date (each flat once, as `evaluate` counts). */
  flux: number;
  /** Σ part due over those flats. */
  du: number;
  /** Orientations recorded there in the year up to the date. */
  oriente: number;
}

/** Where a freed flat stands at the date. */
export type EtatLogement = 'libre' | 'oriente' | 'reloue' | 'hors_assiette';

export interface LogementLibere {
  logement: Logement;
  /** Its last liberation (or first letting) on or before the date. */
  liberation: string;
  etat: EtatLogement;
  /** The orientation of the cycle opened since (etat `oriente`). */
  orientation?: { reservataire: string; date: string };
  /** What ended the vacancy (etat `reloue`, `hors_assiette`). */
  depuis?: string;
}

/** One attribution of a programme: to a réservataire's contingent, or the bailleur's own. */
export interface AttributionProgramme {
  date: string;
  candidat: string;
}

export interface Options {
  /** 1 January of the year. */
  debut: string;
  date: string;
  horsQpvMin: number | undefined;
  territoires: () => Territoires;
}

const cleCompte = (entry: number | string, territoire: string): string =>
  `${String(entry)}|${territoire}`;

export class AnneeOrientation {
  readonly comptes = new Map<string, Compte>();
  readonly logements = new Map<string, LogementLibere>();
  readonly programmes = new Map<string, AttributionProgramme[]>();
  /** Convention index → [orientations, of which outside QPV] (conventions with a floor). */
  readonly qpv = new Map<number, [number, number]>();
  private readonly objectifs = new Map<ConventionVersion, ObjectifSpec[]>();

  constructor(
    readonly index: ConventionIndex,
    readonly o: Options,
  ) {}

  /** The engine's observer (ObservateurLogement). */
  readonly observer = (l: Logement, r: FlatResult): void => {
    this.ajouter(l, r);
  };

  compte(entry: number | string, territoire: string): Compte {
    const k = cleCompte(entry, territoire);
    let c = this.comptes.get(k);
    if (!c) {
      c = { flux: 0, du: 0, oriente: 0 };
      this.comptes.set(k, c);
    }
    return c;
  }

  /** The bailleur's own share in a département: its key in `comptes`. */
  static territoireBailleur(l: Logement): string {
    return `bailleur:${l.bailleur}:${l.departement}`;
  }

  /** Objectives of a version (cached): contractual, floor and indicative. */
  specs(version: ConventionVersion): ObjectifSpec[] {
    let s = this.objectifs.get(version);
    if (!s) {
      s = objectifsDe(version.convention, this.o.horsQpvMin, this.o.territoires).fixes;
      this.objectifs.set(version, s);
    }
    return s;
  }

  /** The contractual territories of a convention that a flat falls in, with their part. */
  territoires(
    entry: ConventionEntry,
    version: ConventionVersion,
    l: Logement,
    date: string,
  ): TerritoireOrientation[] {
    const principal: TerritoireOrientation = {
      ...territoireContractuel(version.convention, l, this.o.territoires),
      part: partDue(entry, version.convention, date),
      nature: 'flux',
    };
    const out = [principal];
    for (const s of this.specs(version)) {
      if (s.nature !== 'contractuel' || !s.match(l)) continue;
      // The objective that restates the share on its own territory is that share.
      if (!s.criteres && `${s.echelle ?? ''}:${s.territoire ?? ''}` === principal.cle) continue;
      const libelle = s.libelle ?? s.territoire ?? s.cle;
      out.push({
        cle: `objectif:${s.cle}`,
        libelle,
        lieu:
          s.echelle === 'commune' && !s.criteres
            ? `à ${nomCommune(s.territoire ?? '', this.o.territoires)}`
            : `pour l’objectif « ${libelle} »`,
        part: s.part,
        nature: 'objectif',
      });
    }
    return out;
  }

  private ajouter(l: Logement, r: FlatResult): void {
    const { debut, date } = this.o;
    const entrees = [...r.liberations, ...r.misesEnService].sort();
    const dansAnnee = (d: string): boolean => d >= debut && d <= date;
    const suivante = (i: number): string => entrees[i + 1] ?? '9999-12-31';
    this.compterFlux(l, entreesFlux(this.index, l, r, dansAnnee));
    if (l.hors_flux === undefined)
      entrees.forEach((d, i) => {
        if (!dansAnnee(d)) return;
        if (r.horsCycle.some((h) => h.mode === 'libre' && h.date >= d && h.date < suivante(i)))
          this.compte(BAILLEUR, AnneeOrientation.territoireBailleur(l)).oriente++;
      });
    for (const c of r.comptages) {
      if (c.compteur !== 'orientations' || !dansAnnee(c.date)) continue;
      const entry = this.index.entries[c.entry];
      const version = entry && (versionAt(entry, c.date) ?? lastVersionBefore(entry, c.date));
      if (!entry || !version) continue;
      for (const t of this.territoires(entry, version, l, c.date))
        this.compte(entry.index, t.cle).oriente++;
      if (this.specs(version).some((s) => s.nature === 'plancher_hors_qpv')) {
        const q = this.qpv.get(entry.index) ?? [0, 0];
        q[0]++;
        if (!l.qpv) q[1]++;
        this.qpv.set(entry.index, q);
      }
    }
    if (l.programme !== undefined) this.noterProgramme(l.programme, r);
    const derniere = entrees[entrees.length - 1];
    if (derniere !== undefined) this.logements.set(l.logement, etatDe(l, r, derniere, this.index));
  }

  /** The flat in the flux of each convention, once a year as `evaluate` counts it. */
  private compterFlux(l: Logement, entrees: readonly EntreeFlux[]): void {
    let parts = 0;
    let compte = false;
    for (const { entry, date, version, horsAssiette } of entrees) {
      if (horsAssiette) continue;
      compte = true;
      for (const t of this.territoires(entry, version, l, date)) {
        const c = this.compte(entry.index, t.cle);
        c.flux++;
        c.du += t.part;
      }
      parts += partDue(entry, version.convention, date);
    }
    if (!compte) return;
    const b = this.compte(BAILLEUR, AnneeOrientation.territoireBailleur(l));
    b.flux++;
    b.du += Math.max(0, 1 - parts);
  }

  private noterProgramme(programme: string, r: FlatResult): void {
    let liste = this.programmes.get(programme);
    if (!liste) {
      liste = [];
      this.programmes.set(programme, liste);
    }
    for (const c of r.comptages) {
      const entry = this.index.entries[c.entry];
      if (c.compteur === 'attributions' && entry)
        liste.push({ date: c.date, candidat: entry.reservataire });
    }
    for (const h of r.horsCycle)
      if (h.mode === 'libre' && h.type === 'attribution')
        liste.push({ date: h.date, candidat: BAILLEUR });
  }
}

/** The state of a flat at the date, from its last liberation (or first letting) `L`. */
function etatDe(l: Logement, r: FlatResult, L: string, index: ConventionIndex): LogementLibere {
  const base = { logement: l, liberation: L };
  const reloue = [
    ...r.comptages.filter((c) => c.compteur === 'attributions' || c.compteur === 'baux'),
    ...r.horsCycle,
  ]
    .map((x) => x.date)
    .filter((d) => d >= L)
    .sort()[0];
  if (reloue !== undefined) return { ...base, etat: 'reloue', depuis: reloue };
  const hors = r.horsAssiette.find((h) => h.date >= L);
  if (hors) return { ...base, etat: 'hors_assiette', depuis: hors.date };
  const orientations = r.comptages.filter((c) => c.compteur === 'orientations');
  // After L, or « dès le congé » before it: the last orientation, with no letting after it.
  const o = orientations[orientations.length - 1];
  if (o) {
    const apres = o.date >= L;
    const lettings = [...r.comptages, ...r.horsCycle].filter(
      (x) =>
        ('compteur' in x ? x.compteur === 'attributions' || x.compteur === 'baux' : true) &&
        x.date >= o.date &&
        x.date < L,
    );
    const avantLiberation = r.liberations.some((d) => d > o.date && d < L);
    if (apres || (!lettings.length && !avantLiberation))
      return {
        ...base,
        etat: 'oriente',
        orientation: { reservataire: index.entries[o.entry]?.reservataire ?? '', date: o.date },
      };
  }
  return { ...base, etat: 'libre' };
}
