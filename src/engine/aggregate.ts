/**
 * Sums the flats' results into each convention's year: flux, du, réalisé, counts, objectives,
 * alerts. Accumulators are plain data (numbers, arrays, maps) so that worker threads can each
 * sum their share of the flats and the main thread merges them.
 */
import { appendAll } from './append-all.js';
import { exclusionsAssiette } from '../convention/clauses.js';
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
import { objectifsDe, type ObjectifSpec } from './objectifs.js';
import { partDue } from './part-due.js';
import { RapportsEvenements } from './fichiers-evenements.js';

export interface Accumulateur {
  flux: number;
  du: number;
  realise: number;
  horsAssiette: number;
  compteurs: Record<Compteur, number>;
  versions: number[];
  objFlux: number[];
  objRealise: number[];
  /** Uniform per-commune objective: commune → [flux, réalisé]. */
  communes: Map<string, [number, number]>;
  alertes: Alerte[];
}

export interface Sommes {
  conventions: (Accumulateur | undefined)[];
  alertes: Alerte[];
  horsAssiette: HorsAssietteResultat;
  stock: StockResultat;
}

export function sommesVides(): Sommes {
  return {
    conventions: [],
    alertes: [],
    horsAssiette: { logements: {}, attributions: {} },
    stock: { logements: {}, liberations: 0, mises_en_service: 0, attributions: 0, baux: 0 },
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
  private readonly specs = new Map<number, ReturnType<typeof objectifsDe>>();
  private readonly rapports: RapportsEvenements;

  constructor(
    private readonly index: ConventionIndex,
    private readonly o: AggregationOptions,
  ) {
    this.debut = `${String(o.annee)}-01-01`;
    this.rapports = new RapportsEvenements(o.eventsFiles ?? [o.eventsFile], o.lang);
  }

  private inWindow(d: string): boolean {
    return d >= this.debut && d <= this.o.date;
  }

  objectifs(entry: ConventionEntry): ReturnType<typeof objectifsDe> {
    let s = this.specs.get(entry.index);
    if (!s) {
      const v = versionDeReference(entry, this.o.date) ?? entry.versions[0];
      s = v
        ? objectifsDe(v.convention, this.o.horsQpvMinParDefaut, this.o.territoires)
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
        objRealise: new Array<number>(n).fill(0),
        communes: new Map(),
        alertes: [],
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

  addFlat(l: Logement, r: FlatResult): void {
    const entries = this.index.entries;
    const s = this.sommes;
    for (const a of r.alertes) {
      if (!this.inWindow(a.date)) continue;
      const entry = a.entry === undefined ? undefined : entries[a.entry];
      (entry ? this.acc(entry).alertes : s.alertes).push(this.alerte(a));
    }
    for (const c of r.comptages) {
      const entry = entries[c.entry];
      if (entry && this.inWindow(c.date)) this.acc(entry).compteurs[c.compteur]++;
    }
    const points = new Map<number, number>();
    for (const sc of r.scores) {
      const entry = entries[sc.entry];
      if (!entry || !this.inWindow(sc.date)) continue;
      points.set(sc.entry, (points.get(sc.entry) ?? 0) + sc.points);
      const a = this.acc(entry);
      if (!a.versions.includes(sc.version)) a.versions.push(sc.version);
    }

    // Stock: first lettings of new buildings and the flats reserved outside the flux.
    const stock = l.hors_flux !== undefined;
    if (stock) s.stock.liberations += r.liberations.filter((d) => this.inWindow(d)).length;
    s.stock.mises_en_service += r.misesEnService.filter((d) => this.inWindow(d)).length;
    for (const h of r.horsCycle) {
      if (!this.inWindow(h.date)) continue;
      if (h.mode === 'stock') s.stock[h.type === 'bail' ? 'baux' : 'attributions']++;
      else if (h.mode === 'hors_assiette' && h.motif && h.type === 'attribution')
        add(s.horsAssiette.attributions, h.motif);
    }
    const horsAssiette = r.horsAssiette.filter((h) => this.inWindow(h.date));
    for (const h of horsAssiette) add(s.horsAssiette.logements, h.motif);

    // Flux: a flat freed in the period counts once in the flux of every convention covering it.
    const liberation = stock ? undefined : r.liberations.find((d) => this.inWindow(d));
    if (liberation !== undefined) {
      for (const entry of this.index.covering(l)) {
        const version = versionAt(entry, liberation);
        if (!version) continue;
        const a = this.acc(entry);
        const exclusions = exclusionsAssiette(version.convention);
        if (horsAssiette.some((h) => exclusions.includes(h.motif))) {
          a.horsAssiette++;
          continue;
        }
        a.flux++;
        a.du += partDue(entry, version.convention, liberation);
        const { fixes, uniforme } = this.objectifs(entry);
        fixes.forEach((spec, i) => {
          if (spec.nature !== 'indicatif' && spec.match(l)) a.objFlux[i] = (a.objFlux[i] ?? 0) + 1;
        });
        if (uniforme) communeCell(a, l.commune)[0]++;
      }
    }
    for (const [index, pts] of points) {
      const entry = entries[index];
      if (!entry || pts === 0) continue;
      const a = this.acc(entry);
      a.realise += pts;
      const { fixes, uniforme } = this.objectifs(entry);
      fixes.forEach((spec, i) => {
        if (spec.match(l)) a.objRealise[i] = (a.objRealise[i] ?? 0) + pts;
      });
      if (uniforme) communeCell(a, l.commune)[1] += pts;
    }
  }
}

function communeCell(a: Accumulateur, commune: string): [number, number] {
  let cell = a.communes.get(commune);
  if (!cell) {
    cell = [0, 0];
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
    b.objRealise.forEach((n, k) => (a.objRealise[k] = (a.objRealise[k] ?? 0) + n));
    for (const [commune, [f, r]] of b.communes) {
      const cell = communeCell(a, commune);
      cell[0] += f;
      cell[1] += r;
    }
    appendAll(a.alertes, b.alertes);
  });
  appendAll(into.alertes, from.alertes);
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
          date: o.date,
        },
        cle,
        { line: 0, column: 0 },
      );
      alertes.push({ ...d, logement: '', date: o.date });
    };
    fixes.forEach((spec: ObjectifSpec, i) => {
      if (spec.nature === 'indicatif') return;
      const flux = a.objFlux[i] ?? 0;
      const realise = round(a.objRealise[i] ?? 0);
      const cible = round(spec.part * flux);
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
      for (const [commune, [flux, pts]] of [...a.communes].sort(([x], [y]) =>
        x < y ? -1 : x > y ? 1 : 0,
      )) {
        if (uniforme.sauf.has(commune)) continue;
        const cible = round(uniforme.part * flux);
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
    fixes.forEach((spec, i) => {
      if (spec.nature !== 'indicatif') return;
      const share = a.realise > 0 ? round((a.objRealise[i] ?? 0) / a.realise) : 0;
      const res: ObjectifResultat = {
        nature: 'indicatif',
        cible: spec.part,
        realise: share,
        statut: a.realise <= 0 ? 'sans_objet' : share >= spec.part - 1e-9 ? 'atteint' : 'en_deca',
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
    out.push(res);
  }
  return out;
}
