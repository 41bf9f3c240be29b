/**
 * Deterministic generator of a synthetic region for `convflux evaluate`: the conventions tree
 * (`generate-conventions.ts`), the bailleurs' parc (one row per flat) and one or several years
 * of events (`annees`: N-annees+1 … N, one file a year when more than one; a cycle may start in
 * one year and end in the next, as in an information system's yearly exports) (liberation → orientation → designation → CALEOL → bail signé, with refusals, delays and
 * take-backs), as an information system would export them.
 *
 * Same options, same bytes: one seeded PRNG (mulberry32), no Math.random, no clock (the clock
 * is only read for the timings of the summary, never for the data).
 *
 * Memory. The parc is streamed: each bailleur × département is generated, written and forgotten.
 * The events file must be sorted by date, then by id, over the whole region, so events cannot be
 * written as they are generated. They are never held as objects: each event is rendered to its
 * output line at once, into a per-day bucket local to the bailleur × département; when that one is
 * done, each day's lines are joined into one string and appended to the region's bucket of that
 * day. Ids are given in generation order, so within a day the region's bucket is already in id
 * order (a bailleur's lines in generation order, bailleurs one after the other) and no sort is
 * needed: the file is written day after day. The region's buckets hold about the size of the
 * events file as a few hundred thousand large strings (≈ 0.1 GB of text for France), never millions
 * of objects; the whole France run peaks at about 0.6 GB of resident memory.
 */
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, echeance, parseDelai, type Delai } from '../convention/calendar.js';
import type { Exclusion, Financement, Typologie } from '../convention/convention.js';
import { TYPES_EVENEMENT, type TypeEvenement } from '../flux/evenement.js';
import type { HorsFlux } from '../flux/logement.js';
import { communesDuDepartement, territoires, type Territoires } from '../reference/territoires.js';
import {
  geographieBrute,
  generateRegion,
  poidsParc,
  Rng,
  type ConventionResume,
  type GeographieBrute,
  type Implantation,
  type PartieRefus,
  type Region,
  type VersionResume,
} from './generate-conventions.js';

export type Format = 'csv' | 'ndjson';

export interface FluxOptions {
  region: Region;
  /** Output folder: `rules/conventions/…`, `logements.<format>`, `evenements.<format>`. */
  out: string;
  seed: number;
  /** The last year of events (plus cycles begun in December of the year before the first). */
  annee: number;
  /** Years of events: N-annees+1 … N (default 1; more: one events file a year). */
  annees?: number;
  format: Format;
  /** Scale factor on bailleurs and flats (1: the real region's size). */
  echelle: number;
}

export interface FluxSummary {
  options: FluxOptions;
  bailleurs: number;
  implantations: number;
  conventions: number;
  conventionFiles: number;
  conventionBytes: number;
  conventionsDir: string;
  logements: number;
  horsFlux: number;
  qpv: number;
  logementsFile: string;
  logementsBytes: number;
  evenements: number;
  parType: Record<TypeEvenement, number>;
  /** The first events file (the only one for one year). */
  evenementsFile: string;
  /** The events files, one a year, in date order. */
  evenementsFiles: string[];
  evenementsBytes: number;
  /** Liberations dated in the years (cycles begun in December of the year before excluded). */
  liberations: number;
  /** Liberations dated in the last year N. */
  liberationsAnnee: number;
  /** Cycles begun in December of the year before the first. */
  cyclesDecembre: number;
  /** Cycles without a signed lease at 31 December. */
  cyclesOuverts: number;
  /** CALEOL decisions `attribution`. */
  attributions: number;
  baux: number;
  /** Seconds: conventions, parc and events, sorted write, total. */
  secondes: { conventions: number; generation: number; ecriture: number; total: number };
}

export const PARC_HEADER =
  'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux';
export const EVENEMENTS_HEADER = 'id,date,type,logement,reservataire,motif,decision,par,candidats';

/** Real sizes (domain.md): flats and bailleurs. */
const TAILLE: Record<Region, { logements: number; bailleurs: number }> = {
  idf: { logements: 1_300_000, bailleurs: 150 },
  france: { logements: 5_300_000, bailleurs: 570 },
};
const IDF_LOGEMENTS = 1_300_000;
const IDF = new Set(['75', '77', '78', '91', '92', '93', '94', '95']);

// ---------------------------------------------------------------------------------------------
// Buffered output

/** Appends strings, writes them in chunks of about 1 MiB with `writeSync`. */
class Sortie {
  private readonly fd: number;
  private parts: string[] = [];
  private pending = 0;
  bytes = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= 1 << 20) this.flush();
  }

  flush(): void {
    if (!this.parts.length) return;
    const buffer = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.pending = 0;
    let offset = 0;
    while (offset < buffer.length)
      offset += writeSync(this.fd, buffer, offset, buffer.length - offset);
    this.bytes += buffer.length;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

// ---------------------------------------------------------------------------------------------
// Calendar: days as indexes from 1 December of the year before

class Jours {
  /** ISO date of each index. */
  readonly iso: string[] = [];
  private readonly index = new Map<string, number>();
  /** First day of each year (the first year first), last day written (31 December of N). */
  readonly debuts: number[];
  readonly fin: number;
  readonly premier: string;

  constructor(
    annee: number,
    readonly annees: number,
  ) {
    const premiere = annee - annees + 1;
    this.premier = `${String(premiere - 1)}-12-01`;
    const margin = `${String(annee + 1)}-06-30`;
    for (let d = this.premier; d <= margin; d = addDays(d, 1)) {
      this.index.set(d, this.iso.length);
      this.iso.push(d);
    }
    this.debuts = Array.from(
      { length: annees },
      (_, k) => this.index.get(`${String(premiere + k)}-01-01`) ?? 31,
    );
    this.fin = this.index.get(`${String(annee)}-12-31`) ?? 0;
  }

  /** First day of the first year. */
  get debutPeriode(): number {
    return this.debuts[0] ?? 31;
  }

  /** First day of year k (0: the first), and its number of days. */
  annee(k: number): { debut: number; jours: number } {
    const debut = this.debuts[k] ?? this.debutPeriode;
    const suivant = this.debuts[k + 1] ?? this.fin + 1;
    return { debut, jours: suivant - debut };
  }

  /** Index of a date; before the table: -1; after: past the table. */
  of(iso: string): number {
    if (iso < this.premier) return -1;
    return this.index.get(iso) ?? this.iso.length + 1000;
  }

  /** Deadline of a delay from a day (past the table when beyond it). */
  echeance(from: number, delai: Delai): number {
    const iso = this.iso[from];
    return iso === undefined ? from + 31 : this.of(echeance(iso, delai));
  }
}

// ---------------------------------------------------------------------------------------------
// Geography of the parc

interface GeoParc {
  t: Territoires;
  brute: GeographieBrute;
  /** Commune or arrondissement → its EPT, else its EPCI. */
  epci: Map<string, string>;
  /** Share of each commune's flats in a QPV (same for every bailleur). */
  qpv: Map<string, number>;
  /** Communes where flats stand, per département (arrondissements instead of their city). */
  communes: Map<string, string[]>;
  /** Paris, Lyon, Marseille → their arrondissements. */
  arrondissements: Map<string, string[]>;
}

function geoParc(seed: number): GeoParc {
  const t = territoires();
  const brute = geographieBrute();
  const epci = new Map<string, string>();
  for (const nature of ['epci', 'ept'] as const) {
    for (const g of t.groupements.values()) {
      if (g.nature !== nature) continue;
      for (const m of g.membres) epci.set(m, g.code); // EPT last: it wins
    }
  }
  for (const [arrondissement, ville] of brute.arrondissements) {
    const g = epci.get(ville);
    if (g) epci.set(arrondissement, g);
  }
  const rng = new Rng(seed ^ 0x51f15e);
  const qpv = new Map<string, number>();
  for (const code of [...t.communes.keys()].sort()) {
    const pop = brute.population.get(code) ?? 0;
    const a = rng.next();
    const b = rng.next();
    if (pop >= 10_000) qpv.set(code, a < 0.75 ? 0.1 + 0.37 * b : 0);
    else if (pop >= 5_000) qpv.set(code, a < 0.3 ? 0.04 + 0.25 * b : 0);
    else qpv.set(code, 0);
  }
  const arrondissements = new Map<string, string[]>();
  for (const [a, ville] of [...brute.arrondissements].sort()) {
    const list = arrondissements.get(ville);
    if (list) list.push(a);
    else arrondissements.set(ville, [a]);
  }
  const villes = new Set(arrondissements.keys());
  const communes = new Map<string, string[]>();
  for (const c of t.communes.values()) {
    if (villes.has(c.code)) continue;
    const list = communes.get(c.departement);
    if (list) list.push(c.code);
    else communes.set(c.departement, [c.code]);
  }
  for (const list of communes.values()) list.sort();
  return { t, brute, epci, qpv, communes, arrondissements };
}

// ---------------------------------------------------------------------------------------------
// Distributions

const TYPOLOGIES: readonly [Typologie, number][] = [
  ['T1', 0.08],
  ['T2', 0.19],
  ['T3', 0.36],
  ['T4', 0.27],
  ['T5', 0.08],
  ['T6', 0.02],
];
const FINANCEMENTS_ANCIENS: readonly [Financement, number][] = [
  ['PLAI', 0.03],
  ['PLUS', 0.94],
  ['PLS', 0.03],
];
const FINANCEMENTS_RECENTS: readonly [Financement, number][] = [
  ['PLAI', 0.22],
  ['PLUS', 0.53],
  ['PLS', 0.19],
  ['PLI', 0.06],
];
const HORS_FLUX: readonly [HorsFlux, number][] = [
  ['defense', 0.45],
  ['securite_interieure', 0.35],
  ['sante', 0.2],
];
const MOTIFS: readonly [Exclusion, number][] = [
  ['mutation_interne', 0.5],
  ['relogement_renouvellement_urbain', 0.25],
  ['relogement_orcod', 0.03],
  ['relogement_habitat_indigne', 0.1],
  ['relogement_vente', 0.12],
];

function tirage<T>(rng: Rng, table: readonly [T, number][]): T {
  let x = rng.next();
  for (const [value, p] of table) if ((x -= p) < 0) return value;
  const last = table[table.length - 1];
  if (!last) throw new Error('tirage: empty table');
  return last[0];
}

/** Construction year: the 1960s–70s grands ensembles weigh most. */
function anneeConstruction(rng: Rng, annee: number): number {
  const x = rng.next();
  if (x < 0.07) return rng.int(1950, 1959);
  if (x < 0.45) return rng.int(1960, 1979);
  if (x < 0.68) return rng.int(1980, 1999);
  return rng.int(2000, annee);
}

/** Share of freed flats in the year (domain.md: < 3 % in tense areas, up to 14 % rural). */
function rotation(departement: string, population: number): number {
  const base = departement === '75' ? 0.0435 : IDF.has(departement) ? 0.059 : 0.082;
  return base * (population >= 100_000 ? 0.85 : population >= 10_000 ? 1 : 1.2);
}

// ---------------------------------------------------------------------------------------------
// Conventions as the events see them

interface Version {
  debut: number;
  delai: Delai;
  candidats?: number;
  refus: VersionResume['refus'];
}

interface Couverture {
  reservataire: string;
  part: number;
  debut: number;
  fin: number;
  versions: Version[];
}

function couverture(c: ConventionResume, jours: Jours): Couverture {
  return {
    reservataire: c.reservataire,
    part: c.part,
    debut: jours.of(c.debut),
    fin: jours.of(c.fin),
    versions: c.versions.map((v) => {
      const delai = parseDelai(v.delai);
      if (!delai) throw new Error(`${c.id}: délai illisible « ${v.delai} »`);
      return {
        debut: jours.of(v.dateEffet),
        delai,
        ...(v.candidats !== undefined ? { candidats: v.candidats } : {}),
        refus: v.refus,
      };
    }),
  };
}

/** Communes (parent city for an arrondissement) covered by a local authority's convention. */
function perimetre(c: ConventionResume, t: Territoires): Set<string> | undefined {
  if (!['commune', 'epci', 'ept'].includes(c.type) || !c.territoire) return undefined;
  if (t.communes.has(c.territoire)) return new Set([c.territoire]);
  const g = t.groupements.get(c.territoire);
  return new Set(g?.membres.filter((m) => t.communes.get(m)?.departement === c.departement));
}

// ---------------------------------------------------------------------------------------------

interface Compteurs {
  id: number;
  parType: Record<TypeEvenement, number>;
  logements: number;
  horsFlux: number;
  qpv: number;
  liberations: number;
  liberationsAnnee: number;
  cyclesDecembre: number;
  cyclesOuverts: number;
  attributions: number;
}

/** Flats per implantation: the département's share of the stock, split by bailleur size. */
function tailles(
  rng: Rng,
  region: Region,
  implantations: readonly Implantation[],
  total: number,
  geo: GeoParc,
): number[] {
  const stock = new Map<string, number>();
  for (const i of implantations) {
    if (stock.has(i.departement)) continue;
    let w = 0;
    for (const c of geo.communes.get(i.departement) ?? [])
      w += poidsParc(geo.brute.population.get(c) ?? 0);
    stock.set(i.departement, w);
  }
  // France: Île-de-France holds 1.3 of the 5.3 million flats, the rest follows the stock.
  const groupe = (dep: string): number => (region === 'france' && !IDF.has(dep) ? 1 : 0);
  const cibles = [0, 0];
  if (region === 'france') {
    const idf = Math.round((total * IDF_LOGEMENTS) / TAILLE.france.logements);
    cibles[0] = idf;
    cibles[1] = total - idf;
  } else cibles[0] = total;
  const sommes = [0, 0];
  for (const [dep, w] of stock) sommes[groupe(dep)] = (sommes[groupe(dep)] ?? 0) + w;
  if (!sommes[0]) cibles[1] = total;
  if (!sommes[1]) cibles[0] = total;
  const poids = implantations.map((i) => Math.exp(0.8 * rng.normal()) * (i.principale ? 1 : 0.3));
  const parDep = new Map<string, number>();
  implantations.forEach((i, k) =>
    parDep.set(i.departement, (parDep.get(i.departement) ?? 0) + (poids[k] ?? 0)),
  );
  return implantations.map((i, k) => {
    const g = groupe(i.departement);
    const depCible = ((cibles[g] ?? 0) * (stock.get(i.departement) ?? 0)) / (sommes[g] ?? 1);
    return Math.max(1, Math.round((depCible * (poids[k] ?? 0)) / (parDep.get(i.departement) ?? 1)));
  });
}

/** Generates the whole region; returns what was written. */
export function generateFlux(options: FluxOptions): FluxSummary {
  const start = performance.now();
  const { region, out, seed, annee, format, echelle } = options;
  const annees = options.annees ?? 1;
  if (!Number.isInteger(annees) || annees < 1 || annees > 10)
    throw new Error(`annees : de 1 à 10 (reçu ${String(annees)})`);
  const csv = format === 'csv';
  mkdirSync(out, { recursive: true });
  const conventionsDir = join(out, 'rules', 'conventions');
  rmSync(conventionsDir, { recursive: true, force: true });
  for (const ext of ['csv', 'ndjson'])
    for (const name of [
      'logements',
      'evenements',
      ...Array.from({ length: annees }, (_, k) => `evenements-${String(annee - k)}`),
    ])
      rmSync(join(out, `${name}.${ext}`), { force: true });

  const nbBailleurs = Math.max(1, Math.round(TAILLE[region].bailleurs * echelle));
  const conventions = generateRegion(conventionsDir, { region, seed, bailleurs: nbBailleurs });
  const tConventions = performance.now();

  const geo = geoParc(seed);
  const { t, brute } = geo;
  const jours = new Jours(annee, annees);
  const rng = new Rng((seed * 2654435761 + 0x9e3779b9) >>> 0);
  const total = Math.max(1, Math.round(TAILLE[region].logements * echelle));
  const nombres = tailles(rng, region, conventions.implantations, total, geo);
  const parBailleur = new Map<string, ConventionResume[]>();
  for (const c of conventions.resumes) {
    const key = `${c.departement}|${c.siren}`;
    const list = parBailleur.get(key);
    if (list) list.push(c);
    else parBailleur.set(key, [c]);
  }

  const parc = new Sortie(join(out, `logements.${format}`));
  if (csv) parc.write(`${PARC_HEADER}\n`);
  const nJours = jours.fin + 1;
  const jour: string[][] = Array.from({ length: nJours }, () => []);
  const n: Compteurs = {
    id: 0,
    parType: Object.fromEntries(TYPES_EVENEMENT.map((x) => [x, 0])) as Record<
      TypeEvenement,
      number
    >,
    logements: 0,
    horsFlux: 0,
    qpv: 0,
    liberations: 0,
    liberationsAnnee: 0,
    cyclesDecembre: 0,
    cyclesOuverts: 0,
    attributions: 0,
  };

  conventions.implantations.forEach((imp, k) => {
    const local: string[][] = Array.from({ length: nJours }, () => []);
    const dep = imp.departement;
    const siren = imp.siren;
    const resumes = parBailleur.get(`${dep}|${siren}`) ?? [];

    // Communes where this bailleur owns flats: those of its conventions and objectives, some
    // of its groupements' members, and others drawn by stock weight.
    const candidates = geo.communes.get(dep) ?? communesDuDepartement(t, dep);
    const poids = (c: string): number => poidsParc(brute.population.get(c) ?? 0);
    const enfants = (c: string): string[] => geo.arrondissements.get(c) ?? [c];
    const choisies = new Set<string>();
    for (const c of resumes) {
      if (c.type === 'commune' && c.territoire)
        for (const a of enfants(c.territoire)) choisies.add(a);
      for (const o of c.communesObjectifs) for (const a of enfants(o)) choisies.add(a);
      if ((c.type === 'epci' || c.type === 'ept') && c.territoire) {
        const membres = [...(perimetre(c, t) ?? [])].sort();
        for (const m of rng.sample(membres, 3)) for (const a of enfants(m)) choisies.add(a);
      }
    }
    const nombre = nombres[k] ?? 0;
    const extra = Math.min(candidates.length, Math.max(4, Math.min(120, Math.round(nombre / 300))));
    const cles = candidates
      .map((c) => ({ c, key: -Math.log(1 - rng.next()) / Math.max(1e-9, poids(c)) }))
      .sort((a, b) => a.key - b.key || (a.c < b.c ? -1 : 1));
    for (const { c } of cles.slice(0, extra)) choisies.add(c);
    const communes = [...choisies].filter((c) => t.communes.get(c)?.departement === dep).sort();
    const moyenne = communes.reduce((s, c) => s + poids(c), 0) / Math.max(1, communes.length);
    const cumul: number[] = [];
    let somme = 0;
    for (const c of communes) {
      somme += Math.max(poids(c), moyenne / 4);
      cumul.push(somme);
    }

    // Conventions covering each commune (a city's convention covers its arrondissements).
    const wide: Couverture[] = [];
    const locales: { scope: Set<string>; cov: Couverture }[] = [];
    for (const c of resumes) {
      const scope = perimetre(c, t);
      if (scope) locales.push({ scope, cov: couverture(c, jours) });
      else wide.push(couverture(c, jours));
    }
    const couvrent = new Map<string, Couverture[]>();
    for (const c of communes) {
      const ville = brute.arrondissements.get(c) ?? c;
      couvrent.set(c, [...wide, ...locales.filter((l) => l.scope.has(ville)).map((l) => l.cov)]);
    }

    // ---- events of one flat
    let logement = '';
    /** The flat's last event so far (a new cycle starts after it). */
    let dernier = -1;
    const ev = (
      d: number,
      type: TypeEvenement,
      reservataire = '',
      motif = '',
      decision = '',
      par = '',
      candidats = 0,
    ): boolean => {
      if (d > jours.fin) return false;
      if (d > dernier) dernier = d;
      const id = `E${String(++n.id).padStart(9, '0')}`;
      const date = jours.iso[d] ?? '';
      n.parType[type]++;
      if (decision === 'attribution') n.attributions++;
      let line: string;
      if (csv) {
        line = `${id},${date},${type},${logement},${reservataire},${motif},${decision},${par},${candidats ? String(candidats) : ''}`;
      } else {
        line = `{"id":"${id}","date":"${date}","type":"${type}","logement":"${logement}"`;
        if (reservataire) line += `,"reservataire":"${reservataire}"`;
        if (motif) line += `,"motif":"${motif}"`;
        if (decision) line += `,"decision":"${decision}"`;
        if (par) line += `,"par":"${par}"`;
        if (candidats) line += `,"candidats":${String(candidats)}`;
        line += '}';
      }
      local[d]?.push(line);
      return true;
    };

    /** The bailleur lets the flat itself (own share, hors assiette, take-back, hors flux). */
    const propre = (from: number): boolean => {
      let c = from + rng.int(10, 40);
      for (let tour = 0; ; tour++) {
        if (tour < 2 && rng.chance(0.05)) {
          if (!ev(c, 'caleol', '', '', 'ajournement')) return false;
          c += rng.int(14, 35);
          continue;
        }
        if (!ev(c, 'caleol', '', '', 'attribution')) return false;
        if (tour < 2 && rng.chance(0.12)) {
          const r = c + rng.int(3, 20);
          if (!ev(r, 'refus', '', '', '', 'candidat')) return false;
          c = r + rng.int(15, 40);
          continue;
        }
        return ev(c + rng.int(7, 30), 'bail_signe');
      }
    };

    /** Orientation to a réservataire, its designations, the CALEOL, refusals, the lease. */
    const oriente = (o: number, cov: Couverture): boolean => {
      const rid = cov.reservataire;
      let version = cov.versions[0];
      for (const v of cov.versions) if (v.debut <= o) version = v;
      if (!version) return propre(o);
      const v = version;
      if (!ev(o, 'orientation', rid)) return false;
      if (rng.chance(0.02)) {
        const r = o + rng.int(2, 10);
        return ev(r, 'refus', rid, '', '', 'reservataire') && propre(r);
      }
      let from = o;
      let delai = v.delai;
      /** After a refusal: a new designation when the convention owes one, else the bailleur. */
      const suite = (partie: PartieRefus, date: number): 'designation' | 'propre' => {
        const regle = v.refus[partie];
        if (regle && !regle.nouvelleDesignation) return 'propre';
        from = date;
        delai = (regle?.delai ? parseDelai(regle.delai) : undefined) ?? v.delai;
        return 'designation';
      };
      for (let tour = 0; ; tour++) {
        const dernier = tour >= 3;
        const limite = jours.echeance(from, delai);
        const x = rng.next();
        if (!dernier && x < 0.025) {
          // No designation in time: the bailleur takes the flat back for one letting.
          const r = limite + rng.int(1, 5);
          return ev(r, 'reprise', rid) && propre(r);
        }
        const d =
          !dernier && x < 0.05
            ? limite + rng.int(1, 10)
            : from + rng.int(1, Math.max(1, limite - from));
        const max = v.candidats ?? 3;
        const candidats = rng.chance(0.8) ? max : rng.int(1, max);
        if (!ev(d, 'designation', rid, '', '', '', candidats)) return false;
        if (!dernier && rng.chance(0.01)) {
          const r = d + rng.int(3, 15);
          if (!ev(r, 'refus', rid, '', '', 'bailleur')) return false;
          if (suite('bailleur', r) === 'propre') return propre(r);
          continue;
        }
        let c = d + rng.int(7, 30);
        let decision: 'attribution' | 'refus' | 'ajournement' = 'attribution';
        for (let a = 0; ; a++) {
          const y = rng.next();
          decision =
            dernier || a >= 2 || y < 0.85 ? 'attribution' : y < 0.95 ? 'refus' : 'ajournement';
          if (!ev(c, 'caleol', rid, '', decision)) return false;
          if (decision !== 'ajournement') break;
          c += rng.int(14, 35);
        }
        if (decision === 'refus') {
          if (suite('caleol', c) === 'propre') return propre(c);
          continue;
        }
        if (!dernier && rng.chance(0.15)) {
          const r = c + rng.int(3, 20);
          if (!ev(r, 'refus', rid, '', '', 'candidat')) return false;
          if (suite('candidat', r) === 'propre') return propre(r);
          continue;
        }
        return ev(c + rng.int(7, 30), 'bail_signe', rid);
      }
    };

    /** One letting cycle from the liberation on day `l`. */
    const cycle = (l: number, commune: string, horsFlux: boolean): boolean => {
      ev(l, 'liberation');
      if (horsFlux) return propre(l);
      if (rng.chance(0.04)) {
        const h = l + rng.int(0, 7);
        return ev(h, 'hors_assiette', '', tirage(rng, MOTIFS)) && propre(h);
      }
      const o = l + rng.int(1, 10);
      let x = rng.next();
      for (const cov of couvrent.get(commune) ?? []) {
        if (cov.debut > o || cov.fin < o) continue;
        if ((x -= cov.part) < 0) return oriente(o, cov);
      }
      return propre(o); // the bailleur's own share
    };

    // ---- flats, by programme (a residence: one commune, one year, one QPV status)
    let parts: string[] = [];
    let seq = 0;
    let reste = nombre;
    while (reste > 0) {
      const x = rng.next() * somme;
      let ci = 0;
      while (ci < cumul.length - 1 && (cumul[ci] ?? 0) <= x) ci++;
      const commune = communes[ci] ?? candidates[0] ?? '';
      const taille = Math.min(reste, 4 + Math.floor(Math.exp(3 + 0.8 * rng.normal())));
      reste -= taille;
      const an = anneeConstruction(rng, annee);
      const pqpv = (geo.qpv.get(commune) ?? 0) * (an < 1980 ? 1.5 : 0.6);
      const qpv = rng.chance(Math.min(0.95, pqpv));
      const k = an - (annee - annees + 1);
      const neuf = k >= 0 ? jours.annee(k).debut + rng.int(0, jours.annee(k).jours - 1) : -1;
      const epci = geo.epci.get(commune) ?? '';
      const pop = brute.population.get(commune) ?? 0;
      const rot = rotation(dep, pop);
      const decembre = rot * (31 / 365) * 0.5;
      const financements = an < 1990 ? FINANCEMENTS_ANCIENS : FINANCEMENTS_RECENTS;
      const milieu = csv
        ? `,${siren},${dep},${commune},${epci},${String(qpv)},`
        : `","bailleur":"${siren}","departement":"${dep}","commune":"${commune}"${epci ? `,"epci":"${epci}"` : ''},"qpv":${String(qpv)},"typologie":"`;
      for (let f = 0; f < taille; f++) {
        logement = `${dep}-${siren}-${String(++seq).padStart(6, '0')}`;
        const typologie = tirage(rng, TYPOLOGIES);
        const financement = tirage(rng, financements);
        const hf = rng.chance(0.01) ? tirage(rng, HORS_FLUX) : undefined;
        n.logements++;
        if (qpv) n.qpv++;
        if (hf) n.horsFlux++;
        parts.push(
          csv
            ? `${logement}${milieu}${typologie},${financement},${String(an)},${hf ?? ''}\n`
            : `{"logement":"${logement}${milieu}${typologie}","financement":"${financement}","annee_construction":${String(an)}${hf ? `,"hors_flux":"${hf}"` : ''}}\n`,
        );
        dernier = -1;
        if (neuf >= 0) {
          ev(neuf, 'mise_en_service'); // first letting, let by the bailleur: no cycle after it
          continue;
        }
        // Each year: freed with the commune's rotation; before the first, December's cycles.
        for (let y = 0; y < annees; y++) {
          const r = rng.next();
          const { debut, jours: nb } = jours.annee(y);
          let depart: number;
          if (r < rot) depart = debut + rng.int(0, nb - 1);
          else if (y === 0 && r < rot + decembre) depart = rng.int(0, debut - 1);
          else continue;
          // Still in its previous cycle (lease not signed yet): not freed again.
          if (depart <= dernier) continue;
          if (depart < jours.debutPeriode) n.cyclesDecembre++;
          else {
            n.liberations++;
            if (y === annees - 1) n.liberationsAnnee++;
          }
          if (!cycle(depart, commune, hf !== undefined)) n.cyclesOuverts++;
        }
      }
      if (parts.length >= 4096) {
        parc.write(parts.join(''));
        parts = [];
      }
    }
    parc.write(parts.join(''));
    for (let d = 0; d < nJours; d++) {
      const lines = local[d];
      if (lines?.length) jour[d]?.push(lines.join('\n'));
    }
  });
  parc.close();
  const tGeneration = performance.now();

  // One file for one year; else one a year (December before the first year in the first file).
  const fichiers: Sortie[] = [];
  for (let y = 0; y < annees; y++) {
    const nom = annees === 1 ? 'evenements' : `evenements-${String(annee - annees + 1 + y)}`;
    const evenements = new Sortie(join(out, `${nom}.${format}`));
    if (csv) evenements.write(`${EVENEMENTS_HEADER}\n`);
    const { debut, jours: nb } = jours.annee(y);
    for (let d = y === 0 ? 0 : debut; d < debut + nb; d++) {
      for (const chunk of jour[d] ?? []) {
        evenements.write(chunk);
        evenements.write('\n');
      }
      jour[d] = [];
    }
    evenements.close();
    fichiers.push(evenements);
  }
  const end = performance.now();

  return {
    options,
    bailleurs: conventions.bailleurs,
    implantations: conventions.implantations.length,
    conventions: conventions.conventions,
    conventionFiles: conventions.files.length,
    conventionBytes: conventions.bytes,
    conventionsDir,
    logements: n.logements,
    horsFlux: n.horsFlux,
    qpv: n.qpv,
    logementsFile: parc.path,
    logementsBytes: parc.bytes,
    evenements: n.id,
    parType: n.parType,
    evenementsFile: fichiers[0]?.path ?? '',
    evenementsFiles: fichiers.map((f) => f.path),
    evenementsBytes: fichiers.reduce((s, f) => s + f.bytes, 0),
    liberations: n.liberations,
    liberationsAnnee: n.liberationsAnnee,
    cyclesDecembre: n.cyclesDecembre,
    cyclesOuverts: n.cyclesOuverts,
    attributions: n.attributions,
    baux: n.parType.bail_signe,
    secondes: {
      conventions: (tConventions - start) / 1000,
      generation: (tGeneration - tConventions) / 1000,
      ecriture: (end - tGeneration) / 1000,
      total: (end - start) / 1000,
    },
  };
}
