/**
 * Sums the flats' results into each convention's year: flux, du, réalisé, counts, objectives,
 * alerts. Accumulators are plain data (numbers, arrays, maps) so that worker threads can each
 * sum their share of the flats and the main thread merges them.
 */
import { appendAll } from './append-all.js';
import { EXCLUSIONS } from '../convention/convention.js';
import type { Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import type { Logement } from '../flux/logement.js';
import type { Territoires } from '../reference/territoires.js';
import {
  lastVersionBefore,
  versionAt,
  type ConventionEntry,
  type ConventionIndex,
  type ConventionVersion,
} from './convention-index.js';
import { COMPTEURS, type AlerteBrute, type Compteur, type FlatResult } from './cycle.js';
import type {
  Alerte,
  ConventionResultat,
  HorsAssietteResultat,
  ObjectifResultat,
  StockResultat,
} from './evaluation.js';
import {
  conversionResultat,
  fusionnerConversion,
  SuiviConversion,
  type ConversionSommes,
} from './conversion-consommee.js';
import { agentsResultat, CONTINGENT_AGENTS, type AgentsSommes } from './agents.js';
import { planObjectifs, type PlanObjectifs } from './objectifs-versions.js';
import { fusionnerPeriodes, noterPeriode, periodesResultat, type ParVersion } from './periodes.js';
import { partDue } from './part-due.js';
import {
  ajouterLogementAttribue,
  comptePublicsVide,
  fusionnerPublics,
  manque,
  resultatPublics,
  type ComptePublics,
} from './publics.js';
import { derniereAttribution } from './derniere-attribution.js';
import { fluxPremiereLocation } from './premiere-location.js';
import { entreesFlux } from './entree-flux.js';
import { RapportsEvenements } from './fichiers-evenements.js';

export interface Accumulateur {
  flux: number;
  du: number;
  realise: number;
  horsAssiette: number;
  compteurs: Record<Compteur, number>;
  versions: number[];
  objFlux: number[];
  /** Σ, over the liberations that meet it, of the objective's part in the version in force. */
  objCible: number[];
  objRealise: number[];
  /** Points scored under a version that sets the objective (an indicative one's base). */
  objBase: number[];
  /** Uniform per-commune objective: commune → [flux, réalisé, cible]. */
  communes: Map<string, [number, number, number]>;
  /** Flux, dû, réalisé by version (the year of an avenant). */
  parVersion: ParVersion;
  /** Dû and réalisé of the État's agents' share (I6). */
  agents: AgentsSommes;
  alertes: Alerte[];
  /** Flats with a CALEOL attribution in the year (one per flat, however many decisions: I14). */
  logementsAttribues: number;
  /** Those flats by public (I7). */
  publics: ComptePublics;
}

export interface Sommes {
  conventions: (Accumulateur | undefined)[];
  alertes: Alerte[];
  horsAssiette: HorsAssietteResultat;
  stock: StockResultat;
  /** Years before the evaluated one, for the consumption of converted stock rights. */
  conversion: ConversionSommes;
}

export function sommesVides(): Sommes {
  return {
    conventions: [],
    alertes: [],
    horsAssiette: { logements: {}, attributions: {} },
    stock: { logements: {}, liberations: 0, mises_en_service: 0, attributions: 0, baux: 0 },
    conversion: {},
  };
}

export interface AggregationOptions {
  annee: number;
  date: string;
  lang: Lang;
  /** The events file as shown to the user (alerts point at its rows). */
  eventsFile: string;
  /** Every events file, when there are several (alerts name the file of their row). */
  eventsFiles?: readonly string[];
  horsQpvMinParDefaut: number | undefined;
  territoires: () => Territoires;
  /**
   * Only flux, dû and réalisé are summed (an earlier year of the input, see annees.ts): the
   * counts, objectives, alerts, stock and conversion are not, and cost most of a flat's sum.
   */
  totauxSeuls?: boolean;
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;
const add = <K extends string>(o: Partial<Record<K, number>>, k: K, n = 1): void => {
  o[k] = (o[k] ?? 0) + n;
};

/** The version whose objectives and parts are reported: the one in force at the date, or the last. */
export function versionDeReference(
  entry: ConventionEntry,
  date: string,
): ConventionVersion | undefined {
  return versionAt(entry, date) ?? lastVersionBefore(entry, date);
}

export class Aggregateur {
  readonly sommes = sommesVides();
  private readonly debut: string;
  private readonly specs = new Map<number, PlanObjectifs>();
  private readonly conversion: SuiviConversion | undefined;
  private readonly rapports: RapportsEvenements;

  constructor(
    private readonly index: ConventionIndex,
    private readonly o: AggregationOptions,
  ) {
    this.debut = `${String(o.annee)}-01-01`;
    this.conversion = index.entries.some((e) =>
      e.versions.some((v) => v.convention.conversion_stock),
    )
      ? new SuiviConversion(index, this.debut, (i) => {
          const e = index.entries[i];
          return e && (versionDeReference(e, o.date) ?? e.versions[0]);
        })
      : undefined;
    this.rapports = new RapportsEvenements(o.eventsFiles ?? [o.eventsFile], o.lang);
  }

  private inWindow(d: string): boolean {
    return d >= this.debut && d <= this.o.date;
  }

  /** inWindow as one function for the whole run (not a closure per flat). */
  private readonly dansFenetre = (d: string): boolean => this.inWindow(d);

  /** The objectives of every version in force in the period (see objectifs-versions.ts). */
  objectifs(entry: ConventionEntry): PlanObjectifs {
    let s = this.specs.get(entry.index);
    if (!s) {
      const v = versionDeReference(entry, this.o.date) ?? entry.versions[0];
      s = v
        ? planObjectifs(
            entry,
            v.convention.version,
            this.debut,
            this.o.date,
            this.o.horsQpvMinParDefaut,
            this.o.territoires,
          )
        : { fixes: [] };
      this.specs.set(entry.index, s);
    }
    return s;
  }

  acc(entry: ConventionEntry): Accumulateur {
    let a = this.sommes.conventions[entry.index];
    if (!a) {
      const n = this.objectifs(entry).fixes.length;
      a = {
        flux: 0,
        du: 0,
        realise: 0,
        horsAssiette: 0,
        compteurs: Object.fromEntries(COMPTEURS.map((c) => [c, 0])) as Record<Compteur, number>,
        versions: [],
        objFlux: new Array<number>(n).fill(0),
        objCible: new Array<number>(n).fill(0),
        objRealise: new Array<number>(n).fill(0),
        objBase: new Array<number>(n).fill(0),
        communes: new Map(),
        parVersion: {},
        agents: [0, 0],
        alertes: [],
        logementsAttribues: 0,
        publics: comptePublicsVide(),
      };
      this.sommes.conventions[entry.index] = a;
    }
    return a;
  }

  alerte(a: AlerteBrute): Alerte {
    const { report, line } = this.rapports.at(a.line);
    const d = report.add(a.code, a.params, '', { line, column: 0 });
    report.diagnostics.length = 0;
    return {
      ...d,
      logement: typeof a.params['logement'] === 'string' ? a.params['logement'] : '',
      date: a.date,
    };
  }

  /** Counts a row of the parc (stock flats are followed separately). */
  addLogement(l: Logement): void {
    if (l.hors_flux) add(this.sommes.stock.logements, l.hors_flux);
  }

  /**
   * `anterieures`: the flat as an earlier year's own evaluation read it, when a later annulation
   * corrected that year (annulations-tardives.ts): the conversion's earlier years count from it.
   */
  addFlat(l: Logement, r: FlatResult, anterieures?: ReadonlyMap<number, FlatResult>): void {
    if (this.o.totauxSeuls) {
      this.addTotaux(l, r);
      return;
    }
    const entries = this.index.entries;
    const s = this.sommes;
    this.conversion?.addFlat(l, r, s.conversion, anterieures);
    for (const a of r.alertes) {
      if (!this.inWindow(a.date)) continue;
      const entry = a.entry === undefined ? undefined : entries[a.entry];
      (entry ? this.acc(entry).alertes : s.alertes).push(this.alerte(a));
    }
    for (const c of r.comptages) {
      const entry = entries[c.entry];
      if (!entry || !this.inWindow(c.date)) continue;
      this.acc(entry).compteurs[c.compteur]++;
    }
    // A flat attributed in the year is one flat, for the party of its last attribution, with
    // that attribution's flags (derniere-attribution.ts): none when the bailleur's stands.
    const derniere = derniereAttribution(r, this.dansFenetre);
    const attribue = derniere?.cycle ? entries[derniere.entry] : undefined;
    if (derniere?.cycle && attribue) {
      const a = this.acc(attribue);
      a.logementsAttribues++;
      ajouterLogementAttribue(a.publics, derniere.publics, l.qpv);
    }
    /** Points by convention and version that scored them (key: version × conventions + entry). */
    let points: Map<number, number> | undefined;
    const nombre = entries.length;
    for (const sc of r.scores) {
      const entry = entries[sc.entry];
      if (!entry || !this.inWindow(sc.date)) continue;
      const k = sc.version * nombre + sc.entry;
      points ??= new Map();
      points.set(k, (points.get(k) ?? 0) + sc.points);
      const a = this.acc(entry);
      if (!a.versions.includes(sc.version)) a.versions.push(sc.version);
      if (sc.contingent === CONTINGENT_AGENTS) a.agents[1] += sc.points;
    }

    // Stock: first lettings of new buildings and the flats reserved outside the flux.
    const stock = l.hors_flux !== undefined;
    if (stock) s.stock.liberations += r.liberations.filter(this.dansFenetre).length;
    // A first letting that no convention takes into its flux stays in stock.
    const misesEnService = r.misesEnService.length
      ? r.misesEnService.filter(this.dansFenetre)
      : r.misesEnService;
    for (const d of misesEnService)
      if (stock || fluxPremiereLocation(this.index, l, d).size === 0) s.stock.mises_en_service++;
    for (const h of r.horsCycle) {
      if (!this.inWindow(h.date)) continue;
      if (h.mode === 'stock') s.stock[h.type === 'bail' ? 'baux' : 'attributions']++;
      else if (h.mode === 'hors_assiette' && h.motif && h.type === 'attribution')
        add(s.horsAssiette.attributions, h.motif);
    }
    for (const h of r.horsAssiette)
      if (this.inWindow(h.date)) add(s.horsAssiette.logements, h.motif);

    // Flux: a flat freed in the period counts once in the flux of every convention covering it;
    // so does a first letting, in the conventions that take first lettings (entree-flux.ts).
    for (const { entry, date: entree, version, horsAssiette: exclue } of entreesFlux(
      this.index,
      l,
      r,
      this.dansFenetre,
    )) {
      const a = this.acc(entry);
      if (exclue) {
        a.horsAssiette++;
        continue;
      }
      a.flux++;
      const du = partDue(entry, version.convention, entree);
      a.du += du;
      const n = version.convention.version;
      noterPeriode(a.parVersion, n, 1, du, 0);
      a.agents[0] += version.convention.flux.dont_agents_etat ?? 0;
      const { fixes, uniforme } = this.objectifs(entry);
      for (let i = 0; i < fixes.length; i++) {
        const spec = fixes[i]?.parVersion.get(n);
        if (spec && spec.nature !== 'indicatif' && spec.match(l)) {
          a.objFlux[i] = (a.objFlux[i] ?? 0) + 1;
          a.objCible[i] = (a.objCible[i] ?? 0) + spec.part;
        }
      }
      const partCommune = uniforme?.parVersion.get(n);
      if (partCommune !== undefined) {
        const cell = communeCell(a, l.commune);
        cell[0]++;
        cell[2] += partCommune;
      }
    }
    for (const [k, pts] of points ?? []) {
      const entry = entries[k % nombre];
      if (!entry || pts === 0) continue;
      const n = Math.floor(k / nombre);
      const a = this.acc(entry);
      const { fixes, uniforme } = this.objectifs(entry);
      a.realise += pts;
      noterPeriode(a.parVersion, n, 0, 0, pts);
      for (let i = 0; i < fixes.length; i++) {
        const spec = fixes[i]?.parVersion.get(n);
        if (!spec) continue;
        a.objBase[i] = (a.objBase[i] ?? 0) + pts;
        if (spec.match(l)) a.objRealise[i] = (a.objRealise[i] ?? 0) + pts;
      }
      if (uniforme?.parVersion.has(n)) communeCell(a, l.commune)[1] += pts;
    }
  }

  /** Flux, dû and réalisé only, summed in the order addFlat sums them (totauxSeuls). */
  private addTotaux(l: Logement, r: FlatResult): void {
    const entries = this.index.entries;
    const nombre = entries.length;
    let points: Map<number, number> | undefined;
    for (const sc of r.scores) {
      if (!entries[sc.entry] || !this.inWindow(sc.date)) continue;
      const k = sc.version * nombre + sc.entry;
      points ??= new Map();
      points.set(k, (points.get(k) ?? 0) + sc.points);
    }
    if (l.hors_flux === undefined) this.addFlux(l, r);
    for (const [k, pts] of points ?? []) {
      const entry = entries[k % nombre];
      if (entry && pts !== 0) this.acc(entry).realise += pts;
    }
  }

  /** The flux and dû of a flat of the flux freed or first let in the period (totauxSeuls). */
  private addFlux(l: Logement, r: FlatResult): void {
    for (const e of entreesFlux(this.index, l, r, this.dansFenetre)) {
      if (e.horsAssiette) continue;
      const a = this.acc(e.entry);
      a.flux++;
      a.du += partDue(e.entry, e.version.convention, e.date);
    }
  }
}

function communeCell(a: Accumulateur, commune: string): [number, number, number] {
  let cell = a.communes.get(commune);
  if (!cell) {
    cell = [0, 0, 0];
    a.communes.set(commune, cell);
  }
  return cell;
}

/** Adds `from` into `into` (worker results). */
export function fusionner(into: Sommes, from: Sommes): void {
  from.conventions.forEach((b, i) => {
    if (!b) return;
    const a = into.conventions[i];
    if (!a) {
      into.conventions[i] = b;
      return;
    }
    a.flux += b.flux;
    a.du += b.du;
    a.realise += b.realise;
    a.horsAssiette += b.horsAssiette;
    for (const c of COMPTEURS) a.compteurs[c] += b.compteurs[c];
    for (const v of b.versions) if (!a.versions.includes(v)) a.versions.push(v);
    b.objFlux.forEach((n, k) => (a.objFlux[k] = (a.objFlux[k] ?? 0) + n));
    b.objCible.forEach((n, k) => (a.objCible[k] = (a.objCible[k] ?? 0) + n));
    b.objRealise.forEach((n, k) => (a.objRealise[k] = (a.objRealise[k] ?? 0) + n));
    b.objBase.forEach((n, k) => (a.objBase[k] = (a.objBase[k] ?? 0) + n));
    for (const [commune, [f, r, c]] of b.communes) {
      const cell = communeCell(a, commune);
      cell[0] += f;
      cell[1] += r;
      cell[2] += c;
    }
    fusionnerPeriodes(a.parVersion, b.parVersion);
    a.agents[0] += b.agents[0];
    a.agents[1] += b.agents[1];
    appendAll(a.alertes, b.alertes);
    a.logementsAttribues += b.logementsAttribues;
    fusionnerPublics(a.publics, b.publics);
  });
  appendAll(into.alertes, from.alertes);
  fusionnerConversion(into.conversion, from.conversion);
  for (const m of EXCLUSIONS) {
    const l = from.horsAssiette.logements[m];
    if (l) add(into.horsAssiette.logements, m, l);
    const at = from.horsAssiette.attributions[m];
    if (at) add(into.horsAssiette.attributions, m, at);
  }
  for (const [k, n] of Object.entries(from.stock.logements)) add(into.stock.logements, k, n);
  into.stock.liberations += from.stock.liberations;
  into.stock.mises_en_service += from.stock.mises_en_service;
  into.stock.attributions += from.stock.attributions;
  into.stock.baux += from.stock.baux;
}

/**
 * An objective's statut: « atteint » when the réalisé reaches the cible, else « en retard » (during
 * the year) or « non atteint » (at 31 December) — from any gap, even a fraction of a flat. The
 * alerts OBJECTIF_EN_RETARD / OBJECTIF_NON_ATTEINT only fire from one flat behind, and say so.
 */
function statut(
  realise: number,
  cible: number,
  flux: number,
  final: boolean,
): ObjectifResultat['statut'] {
  if (flux === 0 && realise === 0) return 'sans_objet';
  if (realise >= cible - 1e-9) return 'atteint';
  return final ? 'non_atteint' : 'en_retard';
}

/** The per-convention results, in the order of the index, for conventions in force in the period. */
export function resultats(
  index: ConventionIndex,
  sommes: Sommes,
  o: AggregationOptions,
  nomCommune: (code: string) => string | undefined,
): ConventionResultat[] {
  const debut = `${String(o.annee)}-01-01`;
  const final = o.date >= `${String(o.annee)}-12-31`;
  const out: ConventionResultat[] = [];
  const aggregateur = new Aggregateur(index, o);
  for (const entry of index.entries) {
    const v = versionDeReference(entry, o.date) ?? entry.versions[0];
    const seen = sommes.conventions[entry.index];
    // Not started by the evaluation date, or ended before the period, and nothing happened.
    if (!v || (!seen && (v.convention.date_effet > o.date || v.convention.duree.fin < debut)))
      continue;
    const a = seen ?? aggregateur.acc(entry);
    const c = v.convention;
    const report = new FileReport(v.file, o.lang);
    const alertes = [...a.alertes];
    const objectifs: ObjectifResultat[] = [];
    const { fixes, uniforme } = aggregateur.objectifs(entry);
    const behind = (res: ObjectifResultat, cle: string): void => {
      if (res.statut !== 'en_retard' && res.statut !== 'non_atteint') return;
      if (res.cible - res.realise < 1 - 1e-9) return; // less than one flat behind: no alert
      const d = report.add(
        res.statut === 'en_retard' ? 'OBJECTIF_EN_RETARD' : 'OBJECTIF_NON_ATTEINT',
        {
          objectif: res.libelle ?? res.territoire ?? '',
          cible: round(res.cible),
          realise: round(res.realise),
          ecart: round(res.cible - res.realise),
          date: o.date,
        },
        cle,
        { line: 0, column: 0 },
      );
      alertes.push({ ...d, logement: '', date: o.date });
    };
    fixes.forEach(({ spec }, i) => {
      if (spec.nature === 'indicatif') return;
      const flux = a.objFlux[i] ?? 0;
      const realise = round(a.objRealise[i] ?? 0);
      const cible = round(a.objCible[i] ?? 0);
      const res: ObjectifResultat = {
        nature: spec.nature,
        cible,
        realise,
        statut: statut(realise, cible, flux, final),
        flux,
        part: spec.part,
      };
      if (spec.libelle) res.libelle = spec.libelle;
      if (spec.echelle) res.echelle = spec.echelle;
      if (spec.territoire) res.territoire = spec.territoire;
      if (spec.criteres) res.criteres = spec.criteres;
      objectifs.push(res);
      behind(res, spec.cle);
    });
    if (uniforme) {
      for (const [commune, [flux, pts, part]] of [...a.communes].sort(([x], [y]) =>
        x < y ? -1 : x > y ? 1 : 0,
      )) {
        if (uniforme.sauf.has(commune)) continue;
        const cible = round(part);
        const realise = round(pts);
        const res: ObjectifResultat = {
          nature: 'uniforme_commune',
          echelle: 'commune',
          territoire: commune,
          cible,
          realise,
          statut: statut(realise, cible, flux, final),
          flux,
          part: uniforme.part,
        };
        const nom = nomCommune(commune);
        if (nom) res.libelle = nom;
        objectifs.push(res);
        behind(res, '/flux/application');
      }
    }
    fixes.forEach(({ spec }, i) => {
      if (spec.nature !== 'indicatif') return;
      const base = a.objBase[i] ?? 0;
      const share = base > 0 ? round((a.objRealise[i] ?? 0) / base) : 0;
      const res: ObjectifResultat = {
        nature: 'indicatif',
        cible: spec.part,
        realise: share,
        statut: base <= 0 ? 'sans_objet' : share >= spec.part - 1e-9 ? 'atteint' : 'en_deca',
        part: spec.part,
      };
      if (spec.libelle) res.libelle = spec.libelle;
      if (spec.criteres) res.criteres = spec.criteres;
      objectifs.push(res);
    });
    if (c.statut === 'projet') {
      const d = report.add(
        'CONVENTION_NON_SIGNEE',
        { convention: c.id, version: c.version },
        '/statut',
        {
          line: 0,
          column: 0,
        },
      );
      alertes.push({ ...d, logement: '', date: o.date });
    }
    const publics = resultatPublics(a.publics, a.logementsAttribues, {
      type: c.reservataire.type,
      partStipulee: c.modalites?.publics_prioritaires?.part_attributions,
      date: o.date,
      final,
      lang: o.lang,
    });
    for (const ob of publics.obligations) {
      if (ob.statut !== 'en_retard' && ob.statut !== 'non_atteint') continue;
      if (manque(ob) < 1 - 1e-9) continue; // less than one flat short: no alert
      const d = report.add(
        ob.statut === 'en_retard' ? 'PUBLIC_PART_EN_RETARD' : 'PUBLIC_PART_NON_ATTEINTE',
        {
          obligation: ob.libelle,
          part: ob.part_cible,
          base: ob.base,
          realise: ob.realise,
          manque: round(manque(ob)),
          date: o.date,
          reference: ob.reference,
        },
        '',
        { line: 0, column: 0 },
      );
      alertes.push({ ...d, logement: '', date: o.date });
    }
    const conversion = conversionResultat(
      v,
      o.annee,
      o.date,
      sommes.conversion[entry.index],
      [a.du, a.realise],
      o.territoires(),
    );
    if (conversion?.resultat.en_retard) {
      const { restant, attendu = 0 } = conversion.resultat;
      const d = report.add(
        'CONVERSION_CONSOMMATION_EN_RETARD',
        { restant, attendu, retard: conversion.retard, date: o.date },
        '/conversion_stock/consommation',
        { line: 0, column: 0 },
      );
      alertes.push({ ...d, logement: '', date: o.date });
    }
    const du = round(a.du);
    const realise = round(a.realise);
    const res: ConventionResultat = {
      id: entry.id,
      version: c.version,
      versions: [...a.versions].sort((x, y) => x - y),
      statut: c.statut,
      fichier: v.file,
      reservataire: { id: c.reservataire.id, type: c.reservataire.type, nom: c.reservataire.nom },
      bailleur: { siren: c.bailleur.siren, nom: c.bailleur.nom },
      departement: c.departement,
      part: c.flux.part,
      flux_annuel: a.flux,
      du,
      realise,
      taux: du > 0 ? round(realise / du) : null,
      orientations: a.compteurs.orientations,
      designations: a.compteurs.designations,
      attributions: a.compteurs.attributions,
      baux: a.compteurs.baux,
      refus: {
        candidat: a.compteurs.refus_candidat,
        caleol: a.compteurs.refus_caleol,
        reservataire: a.compteurs.refus_reservataire,
        bailleur: a.compteurs.refus_bailleur,
      },
      reprises: a.compteurs.reprises,
      hors_assiette: a.horsAssiette,
      objectifs,
      alertes: alertes.sort((x, y) =>
        x.date < y.date ? -1 : x.date > y.date ? 1 : x.line - y.line || (x.code < y.code ? -1 : 1),
      ),
    };
    if (c.reservataire.territoire) res.territoire = c.reservataire.territoire;
    res.logements_attribues = a.logementsAttribues;
    res.decisions_caleol = {
      attribution: a.compteurs.attributions,
      refus: a.compteurs.refus_caleol,
      ajournement: a.compteurs.ajournements,
    };
    res.publics = publics;
    const periodes = periodesResultat(entry, a.parVersion, debut, o.date);
    if (periodes) res.periodes = periodes;
    const agents = agentsResultat(entry, c.flux.dont_agents_etat, a.agents);
    if (agents) res.agents = agents;
    if (conversion) res.conversion = conversion.resultat;
    out.push(res);
  }
  return out;
}
