/**
 * Deterministic generator of a realistic conventions tree, for `npm run bench` and `npm run gen`:
 * Île-de-France (8 départements, ≈ 150 bailleurs, the default) or France (every département of
 * métropole and the DROM, ≈ 570 bailleurs, each in its home département and, for about a third,
 * in a neighbouring one too).
 *
 * Each bailleur (valid Luhn SIREN) gets about eight conventions per département: the État,
 * Action Logement, two or three communes, one EPCI or EPT, the département, and employers or
 * public bodies. Every code comes from the official geography. Parts are chosen so that no commune
 * ever exceeds 100 % and no rule fires: the generated tree checks clean. Same seed, same bytes:
 * a seeded PRNG, no Math.random, no clock. The Île-de-France output is unchanged by the France
 * mode (the default options give the tree the check bench has always timed).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { addDays, addMonths } from '../convention/calendar.js';
import { contentHash } from '../convention/content-hash.js';
import type { Exclusion, TypeReservataire } from '../convention/convention.js';
import { isValidSiren } from '../reference/siren.js';
import {
  habilitation,
  identificationBailleur,
  identificationReservataire,
  nomSignataire,
  signatures,
  visasLocaux,
} from './generate-format-2.js';
import {
  communesDuDepartement,
  territoires,
  type Groupement,
  type Territoires,
} from '../reference/territoires.js';

export type Region = 'idf' | 'france';

export interface GenerateOptions {
  /** `idf` (default) or `france`. */
  region?: Region;
  /** Number of bailleurs (default 150 for idf, ≈ 1,200 conventions; 570 for france). */
  bailleurs?: number;
  /** PRNG seed (default 2020). */
  seed?: number;
}

export type PartieRefus = 'candidat' | 'caleol' | 'reservataire' | 'bailleur';

/** One bailleur in one département: the `<département>/<SIREN>` folder of the tree. */
export interface Implantation {
  siren: string;
  nom: string;
  departement: string;
  /** The bailleur's home département (false: a neighbouring one where it also owns flats). */
  principale: boolean;
}

/** What the flux generator needs to know of one version of a convention. */
export interface VersionResume {
  version: number;
  dateEffet: string;
  /** `designation.delai`, e.g. "1 mois". */
  delai: string;
  candidats?: number;
  /** `refus.<partie>.delai` when a new designation is owed with its own delay. */
  refus: Partial<Record<PartieRefus, { nouvelleDesignation: boolean; delai?: string }>>;
}

/** One generated convention (all its versions), as the flux generator sees it. */
export interface ConventionResume {
  /** `<département>-<SIREN>-<réservataire id>`. */
  id: string;
  departement: string;
  siren: string;
  /** `reservataire.id`, the value of the events' `reservataire` column. */
  reservataire: string;
  type: TypeReservataire;
  /** INSEE commune code or EPCI/EPT SIREN, for local authorities. */
  territoire?: string;
  part: number;
  debut: string;
  fin: string;
  /** Territories of the contractual objectives at commune scale. */
  communesObjectifs: string[];
  versions: VersionResume[];
}

export interface GeneratedRegion {
  dir: string;
  bailleurs: number;
  /** Distinct conventions (ids). */
  conventions: number;
  /** Every written file (absolute paths), one per convention version. */
  files: string[];
  /** Versions written with `statut: signee` and a computed `empreinte`. */
  sealed: number;
  lines: { min: number; max: number; mean: number };
  bytes: number;
  /** Bailleur × département pairs, in generation order (a bailleur's pairs are consecutive). */
  implantations: Implantation[];
  /** Every convention, in generation order. */
  resumes: ConventionResume[];
}

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32)

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], bounds included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    const item = list[Math.floor(this.next() * list.length)];
    if (item === undefined) throw new Error('pick: empty list');
    return item;
  }

  /** k distinct items, in the list's order. */
  sample<T>(list: readonly T[], k: number): T[] {
    const indexes = list.map((_, i) => i);
    for (let i = 0; i < Math.min(k, indexes.length); i++) {
      const j = i + Math.floor(this.next() * (indexes.length - i));
      const a = indexes[i] ?? 0;
      indexes[i] = indexes[j] ?? 0;
      indexes[j] = a;
    }
    return indexes
      .slice(0, k)
      .sort((a, b) => a - b)
      .map((i) => list[i])
      .filter((x): x is T => x !== undefined);
  }

  /** A part between two percentages, as a two-decimal number. */
  part(minPercent: number, maxPercent: number): number {
    return this.int(minPercent, maxPercent) / 100;
  }

  /** Standard normal deviate (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

// ---------------------------------------------------------------------------------------------
// Départements

interface Departement {
  code: string;
  /** Weight in the bailleurs' distribution. */
  poids: number;
  /** "de la Seine-Saint-Denis", "des Yvelines"… */
  complement: string;
  prefet: string;
  /** Region name, for regional signatories ("Île-de-France"). */
  region: string;
  /** Where a collectivité unique stands for the département (Corse, Martinique, Guyane). */
  collectivite?: { id: string; nom: string; signataire: string; qualite: string };
}

const IDF: readonly Departement[] = [
  {
    code: '75',
    poids: 20,
    complement: 'de Paris',
    prefet: 'Préfet de la région d’Île-de-France, préfet de Paris',
    region: 'Île-de-France',
  },
  {
    code: '77',
    poids: 16,
    complement: 'de Seine-et-Marne',
    prefet: 'Préfet de Seine-et-Marne',
    region: 'Île-de-France',
  },
  {
    code: '78',
    poids: 16,
    complement: 'des Yvelines',
    prefet: 'Préfet des Yvelines',
    region: 'Île-de-France',
  },
  {
    code: '91',
    poids: 15,
    complement: 'de l’Essonne',
    prefet: 'Préfet de l’Essonne',
    region: 'Île-de-France',
  },
  {
    code: '92',
    poids: 20,
    complement: 'des Hauts-de-Seine',
    prefet: 'Préfet des Hauts-de-Seine',
    region: 'Île-de-France',
  },
  {
    code: '93',
    poids: 26,
    complement: 'de la Seine-Saint-Denis',
    prefet: 'Préfet de la Seine-Saint-Denis',
    region: 'Île-de-France',
  },
  {
    code: '94',
    poids: 20,
    complement: 'du Val-de-Marne',
    prefet: 'Préfet du Val-de-Marne',
    region: 'Île-de-France',
  },
  {
    code: '95',
    poids: 15,
    complement: 'du Val-d’Oise',
    prefet: 'Préfet du Val-d’Oise',
    region: 'Île-de-France',
  },
];

const PARIS = '75056';
const METROPOLE_GRAND_PARIS = '200054781';

/** Raw figures of the official geography that `Territoires` leaves out. */
export interface GeographieBrute {
  /** Municipal population of each commune (and arrondissement municipal). */
  population: Map<string, number>;
  /** Arrondissement municipal → its commune (Paris, Lyon, Marseille). */
  arrondissements: Map<string, string>;
  departements: { code: string; nom: string; region: string; typeLiaison: number; zone: string }[];
  regions: Map<string, { nom: string; chefLieu: string }>;
}

let brute: GeographieBrute | undefined;

export function geographieBrute(): GeographieBrute {
  if (brute) return brute;
  const require = createRequire(import.meta.url);
  const read = (name: string): unknown =>
    JSON.parse(
      readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${name}.json`), 'utf8'),
    );
  const population = new Map<string, number>();
  const arrondissements = new Map<string, string>();
  for (const c of read('communes') as {
    code: string;
    type: string;
    commune?: string;
    population?: number;
  }[]) {
    if (c.type !== 'commune-actuelle' && c.type !== 'arrondissement-municipal') continue;
    population.set(c.code, c.population ?? 0);
    if (c.type === 'arrondissement-municipal' && c.commune) arrondissements.set(c.code, c.commune);
  }
  const regions = new Map<string, { nom: string; chefLieu: string }>();
  for (const r of read('regions') as { code: string; nom: string; chefLieu: string }[])
    regions.set(r.code, { nom: r.nom, chefLieu: r.chefLieu });
  brute = {
    population,
    arrondissements,
    departements: read('departements') as GeographieBrute['departements'],
    regions,
  };
  return brute;
}

/** Communes of at least 10,000 inhabitants: those with a sizeable social housing stock. */
function communesUrbaines(g: GeographieBrute): Set<string> {
  return new Set([...g.population].filter(([, p]) => p >= 10_000).map(([code]) => code));
}

/**
 * Relative size of the social housing stock of a commune: concentrated in towns and cities, a
 * little in small towns, a few flats in villages.
 */
export function poidsParc(population: number): number {
  if (population >= 50_000) return population * 1.2;
  if (population >= 10_000) return population;
  if (population >= 3_500) return population * 0.5;
  if (population >= 1_000) return population * 0.15;
  return population * 0.03;
}

const LIAISONS = ['de ', 'd’', 'du ', 'de la ', 'des ', 'de l’'];
const typo = (text: string): string => text.replace(/'/g, '’');

/** Collectivités uniques that stand for the département as réservataire. */
const COLLECTIVITES: Record<string, Departement['collectivite']> = {
  '2A': {
    id: 'collectivite-de-corse',
    nom: 'Collectivité de Corse',
    signataire: 'Le président du conseil exécutif de Corse',
    qualite: 'Président du conseil exécutif de Corse, agissant en vertu d’une délibération',
  },
  '972': {
    id: 'collectivite-territoriale-de-martinique',
    nom: 'Collectivité territoriale de Martinique',
    signataire: 'Le président du conseil exécutif de Martinique',
    qualite: 'Président du conseil exécutif de Martinique, agissant en vertu d’une délibération',
  },
  '973': {
    id: 'collectivite-territoriale-de-guyane',
    nom: 'Collectivité territoriale de Guyane',
    signataire: 'Le président de l’assemblée de Guyane',
    qualite: 'Président de l’assemblée de Guyane, agissant en vertu d’une délibération',
  },
};
const COLLECTIVITE_CORSE = COLLECTIVITES['2A'];
if (COLLECTIVITE_CORSE) COLLECTIVITES['2B'] = COLLECTIVITE_CORSE;

/**
 * Every département of métropole and the DROM, with the Île-de-France ones as above. Weights
 * follow the social housing stock (`poidsParc`), Île-de-France's denser stock counting 1.5 times.
 */
function departementsFrance(g: GeographieBrute): Departement[] {
  const stock = new Map<string, number>();
  const t = territoires();
  for (const c of t.communes.values()) {
    if (g.arrondissements.has(c.code)) continue;
    stock.set(
      c.departement,
      (stock.get(c.departement) ?? 0) + poidsParc(g.population.get(c.code) ?? 0),
    );
  }
  const chefsLieux = new Map<string, string>();
  for (const r of g.regions.values()) {
    const dep = t.communes.get(r.chefLieu)?.departement;
    if (dep) chefsLieux.set(dep, r.nom);
  }
  const perRegion = new Map<string, number>();
  for (const d of g.departements) perRegion.set(d.region, (perRegion.get(d.region) ?? 0) + 1);
  return g.departements
    .filter((d) => d.zone === 'metro' || d.zone === 'drom')
    .map((d): Departement => {
      const idf = IDF.find((x) => x.code === d.code);
      const poids = ((stock.get(d.code) ?? 0) / 100_000) * (idf ? 1.5 : 1);
      if (idf) return { ...idf, poids };
      const complement = `${LIAISONS[d.typeLiaison] ?? 'de '}${typo(d.nom)}`;
      const region = typo(g.regions.get(d.region)?.nom ?? d.nom);
      const chefLieu = chefsLieux.get(d.code);
      const prefet =
        chefLieu && (perRegion.get(d.region) ?? 0) > 1
          ? `Préfet de la région ${typo(chefLieu)}, préfet ${complement}`
          : `Préfet ${complement}`;
      const collectivite = COLLECTIVITES[d.code];
      return {
        code: d.code,
        poids,
        complement,
        prefet,
        region,
        ...(collectivite ? { collectivite } : {}),
      };
    })
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}

interface Geo {
  dep: Departement;
  /** Communes (≥ 10,000 inhabitants) that sign conventions (Paris: the Ville de Paris only). */
  communes: string[];
  /** Communes for the État's per-commune objectives (Paris: its arrondissements). */
  communesEtat: string[];
  groupements: Groupement[];
}

function geography(
  t: Territoires,
  dep: Departement,
  urbaines: Set<string>,
  g: GeographieBrute,
): Geo {
  const all = communesDuDepartement(t, dep.code);
  let villes = all.filter((c) => urbaines.has(c) && !g.arrondissements.has(c));
  if (villes.length < 3) {
    // Rural départements: their largest towns sign, whatever their size.
    villes = all
      .filter((c) => !g.arrondissements.has(c))
      .sort((a, b) => (g.population.get(b) ?? 0) - (g.population.get(a) ?? 0) || (a < b ? -1 : 1))
      .slice(0, 3)
      .sort();
  }
  const inDep = (x: Groupement): string[] =>
    x.membres.filter((m) => t.communes.get(m)?.departement === dep.code);
  let groupements: Groupement[];
  if (dep.code === '75') {
    groupements = [...t.groupements.values()].filter((x) => x.code === METROPOLE_GRAND_PARIS);
  } else {
    const petiteCouronne = ['92', '93', '94'].includes(dep.code);
    const candidates = [...t.groupements.values()]
      .filter((x) => x.code !== METROPOLE_GRAND_PARIS && inDep(x).length >= 1)
      .filter((x) => !petiteCouronne || x.nature === 'ept')
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    groupements = candidates
      .filter((x) => inDep(x).length >= 3)
      .filter((x) => x.membres.some((m) => villes.includes(m)));
    // Small islands' groupements (Mayotte) may have fewer members.
    if (!groupements.length)
      groupements = candidates.filter((x) => x.membres.some((m) => villes.includes(m)));
  }
  if (!groupements.length) throw new Error(`no EPCI/EPT for département ${dep.code}`);
  return {
    dep,
    communes: dep.code === '75' ? [PARIS] : villes,
    communesEtat: dep.code === '75' ? all.filter((c) => c !== PARIS) : villes,
    groupements: groupements.map((x) => ({ ...x, membres: inDep(x) })),
  };
}

/**
 * Neighbouring départements, read from the groupements that straddle a border (the official
 * geography has no adjacency table); a département with none gets those of its region.
 */
function voisins(
  t: Territoires,
  deps: readonly Departement[],
  g: GeographieBrute,
): Map<string, string[]> {
  const known = new Set(deps.map((d) => d.code));
  const pairs = new Map<string, Set<string>>();
  for (const d of known) pairs.set(d, new Set());
  for (const x of t.groupements.values()) {
    if (x.code === METROPOLE_GRAND_PARIS) continue;
    const ds = [...new Set(x.membres.map((m) => t.communes.get(m)?.departement ?? ''))].filter(
      (d) => known.has(d),
    );
    for (const a of ds) for (const b of ds) if (a !== b) pairs.get(a)?.add(b);
  }
  const regionOf = new Map(g.departements.map((d) => [d.code, d.region]));
  const out = new Map<string, string[]>();
  for (const [d, set] of pairs) {
    const list = set.size
      ? [...set]
      : [...known].filter((o) => o !== d && regionOf.get(o) === regionOf.get(d));
    out.set(d, list.sort());
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// French helpers

const VOYELLE = /^[AEIOUYÉÈÊÂÎÔH]/i;

/** "de Montreuil", "d’Aubervilliers", "du Blanc-Mesnil", "des Lilas". */
function de(nom: string): string {
  if (nom.startsWith('Le ')) return `du ${nom.slice(3)}`;
  if (nom.startsWith('Les ')) return `des ${nom.slice(4)}`;
  if (VOYELLE.test(nom)) return `d’${nom}`;
  return `de ${nom}`;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A YAML scalar: plain when safe, else double-quoted (JSON strings are YAML). */
function str(text: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} ’',.()°–-]*$/u.test(text) && !/[:#]/.test(text)
    ? text
    : JSON.stringify(text);
}

const part = (p: number): string => p.toFixed(2);
const pct = (p: number): string => `${String(Math.round(p * 100))} %`;
const decimal = (n: number): string => String(n).replace('.', ',');

// ---------------------------------------------------------------------------------------------
// Bailleurs

interface Bailleur {
  siren: string;
  nom: string;
  geo: Geo;
}

/** A SIREN: 8 digits and the Luhn check digit that makes the whole valid. */
function siren(rng: Rng): string {
  let payload = String(rng.int(2, 7));
  for (let i = 0; i < 7; i++) payload += String(rng.int(0, 9));
  // The one Luhn implementation decides: exactly one check digit makes the number valid.
  for (let check = 0; check <= 9; check++) {
    const candidate = `${payload}${String(check)}`;
    if (isValidSiren(candidate)) return candidate;
  }
  throw new Error(`no Luhn check digit for ${payload}`);
}

const RACINES = [
  'Seine',
  'Marne',
  'Oise',
  'Bièvre',
  'Orge',
  'Yerres',
  'Plaine',
  'Coteaux',
  'Vallée',
  'Forêt',
  'Lumière',
  'Horizon',
  'Avenir',
  'Francilien',
  'Confluence',
  'Vexin',
  'Brie',
  'Hurepoix',
];
const FORMES = [
  (r: string) => `${r} Habitat`,
  (r: string) => `Logis ${r}`,
  (r: string) => `Foyer ${r}`,
  (r: string) => `Résidences ${r}`,
  (r: string) => `Immobilière ${r}`,
  (r: string) => `Toit ${r}`,
  (r: string) => `${r} Logement`,
  (r: string) => `Coopérative ${r} Habitat`,
];

function bailleurs(rng: Rng, count: number, geos: readonly Geo[], t: Territoires): Bailleur[] {
  const total = geos.reduce((s, g) => s + g.dep.poids, 0);
  const sirens = new Set<string>();
  const noms = new Set<string>();
  const out: Bailleur[] = [];
  for (let i = 0; i < count; i++) {
    let x = rng.next() * total;
    const geo = geos.find((g) => (x -= g.dep.poids) < 0) ?? rng.pick(geos);
    let s = siren(rng);
    while (sirens.has(s)) s = siren(rng);
    sirens.add(s);
    let nom: string;
    if (rng.chance(0.3)) {
      const commune = t.communes.get(rng.pick(geo.communes))?.nom ?? geo.dep.code;
      nom = `${rng.pick(['OPH', 'Office public de l’habitat', 'SEM Habitat'])} ${de(commune)}`;
    } else {
      nom = rng.pick(FORMES)(rng.pick(RACINES));
    }
    for (let n = 2; noms.has(nom); n++) nom = `${nom.replace(/ [0-9]+$/, '')} ${String(n)}`;
    noms.add(nom);
    out.push({ siren: s, nom, geo });
  }
  return out;
}

const RACINES_FRANCE = [
  'Horizon',
  'Avenir',
  'Lumière',
  'Vallée',
  'Coteaux',
  'Plaine',
  'Confluence',
  'Rivages',
  'Littoral',
  'Bocage',
  'Montagne',
  'Garrigue',
  'Estuaire',
  'Terres',
  'Cité',
  'Soleil',
  'Rives',
  'Sources',
  'Canal',
  'Plateau',
  'Bassin',
  'Volcans',
  'Marches',
  'Pays',
];

/**
 * France: every département gets its office public first (when there are enough bailleurs), the
 * others by weight; about a third also own flats in a neighbouring département (one more
 * `Bailleur`, same SIREN and name, right after the first).
 */
function bailleursFrance(
  rng: Rng,
  count: number,
  geos: readonly Geo[],
  t: Territoires,
  proches: Map<string, string[]>,
): Bailleur[] {
  const total = geos.reduce((s, g) => s + g.dep.poids, 0);
  const byCode = new Map(geos.map((g) => [g.dep.code, g]));
  const sirens = new Set<string>();
  const noms = new Set<string>();
  const out: Bailleur[] = [];
  for (let i = 0; i < count; i++) {
    let geo: Geo;
    if (count >= geos.length && i < geos.length) geo = geos[i] ?? rng.pick(geos);
    else {
      let x = rng.next() * total;
      geo = geos.find((g) => (x -= g.dep.poids) < 0) ?? rng.pick(geos);
    }
    let s = siren(rng);
    while (sirens.has(s)) s = siren(rng);
    sirens.add(s);
    const depNom = typo(t.departements.get(geo.dep.code) ?? geo.dep.code);
    let nom: string;
    if (count >= geos.length && i < geos.length) {
      nom = rng.pick([
        `${depNom} Habitat`,
        `Office public de l’habitat ${geo.dep.complement}`,
        `OPH ${geo.dep.complement}`,
      ]);
    } else if (rng.chance(0.3)) {
      const commune = t.communes.get(rng.pick(geo.communes))?.nom ?? geo.dep.code;
      nom = `${rng.pick(['OPH', 'Office public de l’habitat', 'SEM Habitat'])} ${de(commune)}`;
    } else if (rng.chance(0.15)) {
      nom = rng.pick([`Logis ${depNom}`, `Foyer ${depNom}`, `Habitat ${geo.dep.complement}`]);
    } else {
      nom = rng.pick(FORMES)(rng.pick(RACINES_FRANCE));
    }
    for (let n = 2; noms.has(nom); n++) nom = `${nom.replace(/ [0-9]+$/, '')} ${String(n)}`;
    noms.add(nom);
    out.push({ siren: s, nom, geo });
    const autres = proches.get(geo.dep.code) ?? [];
    if (autres.length && rng.chance(0.3)) {
      const voisin = byCode.get(rng.pick(autres));
      if (voisin) out.push({ siren: s, nom, geo: voisin });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Convention model, rendered to commented YAML

interface Criteres {
  typologie?: string[];
  financement?: string[];
  qpv?: boolean;
  commune?: string[];
  epci?: string[];
  periode?: [number, number];
}

interface Indicatif {
  libelle: string;
  criteres: Criteres;
  part: number;
}

interface Contractuel {
  libelle: string;
  echelle: 'commune' | 'epci' | 'ept' | 'departement';
  territoire: string;
  part: number;
}

interface Refus {
  qui: 'candidat' | 'caleol' | 'reservataire' | 'bailleur';
  commentaire: string;
  decompte: boolean;
  nouvelleDesignation: boolean;
  delai?: string;
}

/**
 * What founds a non-État convention's rights (CCH art. L. 441-1): one fictitious contrepartie,
 * a guarantee for a guaranteeing collectivité, an employer financing, else a subsidy.
 */
function contreparties(s: Spec): string[] {
  if (s.type === 'etat') return [];
  const annee = String(Number(s.dateEffet.slice(0, 4)) - 1);
  const employeur = s.type === 'action_logement' || s.type === 'employeur';
  const nature = s.garantieEmprunt
    ? 'garantie_emprunt'
    : employeur
      ? 'financement_employeur'
      : 'subvention';
  const acte = employeur
    ? `{ nature: convention, date: ${annee}-03-15 }`
    : `{ nature: deliberation, numero: "${annee}-001", date: ${annee}-03-15 }`;
  return [
    '',
    'contreparties: # CCH art. L. 441-1',
    `  - nature: ${nature}`,
    '    objet: les programmes du bailleur financés avec le concours du réservataire',
    `    acte: ${acte}`,
  ];
}

interface Spec {
  bailleur: Bailleur;
  id: string;
  type: TypeReservataire;
  nom: string;
  territoire?: { code: string; commentaire: string };
  garantieEmprunt?: boolean;
  entete: string[];
  version: number;
  dateEffet: string;
  statut: 'projet' | 'signee';
  debut: string;
  fin: string;
  flux: {
    part: number;
    commentaire?: string;
    dontAgentsEtat?: number;
    application?: { valeur: 'uniforme_par_commune' | 'globale'; commentaire: string };
    partHorsQpvMin?: number;
  };
  exclusions: Exclusion[];
  decompte: {
    fait: 'orientation' | 'attribution' | 'bail_signe';
    commentaire: string;
    ponderation?: number;
  };
  designation: {
    delai: string;
    commentaire: string;
    candidats?: number;
    expiration?: { reprise: boolean; decompte: boolean; commentaire: string };
  };
  refus: Refus[];
  contractuels: Contractuel[];
  contractuelsCommentaire?: string;
  indicatifs: Indicatif[];
  signataires: { partie: 'bailleur' | 'reservataire'; nom: string; qualite: string }[];
}

const EXCLUSIONS: readonly [Exclusion, string][] = [
  ['mutation_interne', ''],
  ['relogement_renouvellement_urbain', ' # NPNRU / ANRU'],
  ['relogement_orcod', ''],
  ['relogement_habitat_indigne', ' # CCH art. L. 521-3-1 à L. 521-3-3'],
  ['relogement_vente', ''],
];

function nomsCommunes(t: Territoires, codes: readonly string[]): string {
  return codes.map((c) => t.communes.get(c)?.nom ?? c).join(', ');
}

function renderCriteres(out: string[], c: Criteres, indent: string, t: Territoires): void {
  out.push(`${indent}criteres:`);
  const i = `${indent}  `;
  if (c.typologie) out.push(`${i}typologie: [${c.typologie.join(', ')}]`);
  if (c.financement) out.push(`${i}financement: [${c.financement.join(', ')}]`);
  if (c.qpv !== undefined) out.push(`${i}qpv: ${String(c.qpv)}`);
  if (c.commune) {
    const codes = c.commune.map((x) => `"${x}"`).join(', ');
    out.push(`${i}commune: [${codes}] # ${nomsCommunes(t, c.commune)}`);
  }
  if (c.epci) {
    const noms = c.epci.map((x) => t.groupements.get(x)?.nom ?? x).join(', ');
    out.push(`${i}epci: [${c.epci.map((x) => `"${x}"`).join(', ')}] # ${noms}`);
  }
  if (c.periode) {
    out.push(`${i}periode_construction:`, `${i}  debut: ${String(c.periode[0])}`);
    out.push(`${i}  fin: ${String(c.periode[1])}`);
  }
}

function render(s: Spec, t: Territoires): string {
  const { bailleur } = s;
  const dep = bailleur.geo.dep.code;
  const o: string[] = [
    '# yaml-language-server: $schema=../../../../../schemas/convention.schema.json',
  ];
  for (const line of s.entete) o.push(`# ${line}`);
  o.push(
    `# Durée de trois ans (du ${s.debut} au ${s.fin}) ; bilan annuel transmis au réservataire et`,
    '# présenté à la conférence intercommunale du logement (CCH art. L. 441-1-5).',
  );
  o.push(
    `id: ${dep}-${bailleur.siren}-${s.id}`,
    `version: ${String(s.version)}`,
    'format: 2',
    `date_effet: ${s.dateEffet}`,
    `statut: ${s.statut}`,
    ...(s.statut === 'signee' ? signatures(s.dateEffet) : []),
    `departement: "${dep}"`,
    '',
    'bailleur:',
    `  siren: "${bailleur.siren}"`,
    `  nom: ${str(bailleur.nom)}`,
    ...identificationBailleur(bailleur.siren, dep),
    '',
    'reservataire:',
    `  id: ${s.id}`,
    `  type: ${s.type}`,
    `  nom: ${str(s.nom)}`,
    ...identificationReservataire(s.type),
  );
  if (s.territoire) o.push(`  territoire: "${s.territoire.code}" # ${s.territoire.commentaire}`);
  if (s.garantieEmprunt !== undefined) {
    o.push(
      `  garantie_emprunt: ${String(s.garantieEmprunt)}${s.garantieEmprunt ? ' # réservation plafonnée à 20 %' : ''}`,
    );
  }
  o.push('', 'duree:', `  debut: ${s.debut}`, `  fin: ${s.fin}`, '', 'flux:');
  o.push(`  part: ${part(s.flux.part)}${s.flux.commentaire ? ` # ${s.flux.commentaire}` : ''}`);
  if (s.flux.dontAgentsEtat !== undefined) {
    o.push(
      `  dont_agents_etat: ${part(s.flux.dontAgentsEtat)} # agents civils et militaires de l’État, au plus 5 %`,
    );
  }
  if (s.flux.application) {
    o.push(`  application: ${s.flux.application.valeur} # ${s.flux.application.commentaire}`);
  }
  if (s.flux.partHorsQpvMin !== undefined) {
    o.push(
      `  part_hors_qpv_min: ${part(s.flux.partHorsQpvMin)} # CCH art. R. 441-5-2 II (lecture retenue par le projet)`,
    );
  }
  o.push('', 'assiette:', '  exclusions: # CCH art. R. 441-5 I');
  for (const [e, comment] of EXCLUSIONS)
    if (s.exclusions.includes(e)) o.push(`    - ${e}${comment}`);
  o.push('', 'decompte:', `  fait_generateur: ${s.decompte.fait} # ${s.decompte.commentaire}`);
  if (s.decompte.ponderation !== undefined) {
    o.push(
      '  ponderation:',
      `    orientation: ${String(s.decompte.ponderation)} # une orientation vaut au plus une attribution`,
      '    attribution: 1',
    );
  }
  o.push('', 'designation:', `  delai: ${s.designation.delai} # ${s.designation.commentaire}`);
  if (s.designation.candidats !== undefined) {
    o.push(`  candidats: ${String(s.designation.candidats)}`);
  }
  if (s.designation.expiration) {
    const e = s.designation.expiration;
    o.push(
      '  a_expiration:',
      `    reprise_pour_un_tour: ${String(e.reprise)}${e.reprise ? ' # le bailleur attribue lui-même, pour un tour' : ''}`,
      `    decompte: ${String(e.decompte)} # ${e.commentaire}`,
    );
  }
  o.push('', 'refus:');
  for (const r of s.refus) {
    o.push(
      `  ${r.qui}: # ${r.commentaire}`,
      `    decompte: ${String(r.decompte)}`,
      `    nouvelle_designation: ${String(r.nouvelleDesignation)}`,
    );
    if (r.delai) o.push(`    delai: ${r.delai}`);
  }
  if (s.contractuels.length || s.indicatifs.length) {
    o.push('', 'objectifs:');
    if (s.contractuels.length) {
      o.push(
        `  contractuels:${s.contractuelsCommentaire ? ` # ${s.contractuelsCommentaire}` : ''}`,
      );
      for (const c of s.contractuels) {
        o.push(
          `    - libelle: ${str(c.libelle)}`,
          `      echelle: ${c.echelle}`,
          `      territoire: "${c.territoire}"`,
          `      part: ${part(c.part)}`,
        );
      }
    }
    if (s.indicatifs.length) {
      o.push('  indicatifs:');
      for (const ind of s.indicatifs) {
        o.push(`    - libelle: ${str(ind.libelle)}`);
        renderCriteres(o, ind.criteres, '      ', t);
        o.push(`      part: ${part(ind.part)}`);
      }
    }
  }
  o.push(...contreparties(s));
  const annee = String(Number(s.debut.slice(0, 4)) - 1);
  const libelles = [...s.contractuels, ...s.indicatifs].map((x) => x.libelle);
  o.push(...visasLocaux({ type: s.type, libelles }, annee));
  o.push('', 'signataires:');
  for (const sg of s.signataires) {
    o.push(
      `  - partie: ${sg.partie}`,
      `    nom: ${str(nomSignataire(sg.nom, `${dep}-${bailleur.siren}-${s.id}-${sg.partie}`))}`,
      `    qualite: ${str(sg.qualite)}`,
      ...habilitation(sg.partie, s.type, annee),
    );
  }
  return `${o.join('\n')}\n`;
}

/** Writes `empreinte:` after `statut:`, computed as `convflux seal` does, on the parsed data. */
function seal(text: string): string {
  const data = parse(text, { version: '1.2', schema: 'core' }) as Record<string, unknown>;
  return text.replace(/^(statut: signee)$/m, `$1\nempreinte: ${contentHash(data)}`);
}

// ---------------------------------------------------------------------------------------------
// Conventions of one bailleur

const DEBUTS = ['2023-01-01', '2023-07-01', '2024-01-01', '2024-01-01', '2024-07-01', '2025-01-01'];
const DELAIS = ['1 mois', '1 mois', '15 jours', '3 semaines', '2 semaines'];

interface Employeur {
  id: string;
  type: 'employeur' | 'etablissement_public';
  nom: string;
  signataire: string;
}

const EMPLOYEURS: readonly Employeur[] = [
  {
    id: 'la-poste',
    type: 'employeur',
    nom: 'La Poste',
    signataire: 'Directeur de l’immobilier du groupe La Poste',
  },
  { id: 'edf', type: 'employeur', nom: 'EDF', signataire: 'Délégué régional Île-de-France d’EDF' },
  {
    id: 'sncf',
    type: 'employeur',
    nom: 'SNCF',
    signataire: 'Directeur du logement du groupe SNCF',
  },
  {
    id: 'groupe-adp',
    type: 'employeur',
    nom: 'Groupe ADP',
    signataire: 'Directeur des ressources humaines du Groupe ADP',
  },
  {
    id: 'ratp',
    type: 'etablissement_public',
    nom: 'Régie autonome des transports parisiens (RATP)',
    signataire: 'Directeur du logement de la RATP',
  },
  {
    id: 'ap-hp',
    type: 'etablissement_public',
    nom: 'Assistance publique – Hôpitaux de Paris (AP-HP)',
    signataire: 'Directeur du logement de l’AP-HP',
  },
  {
    id: 'cnrs',
    type: 'etablissement_public',
    nom: 'Centre national de la recherche scientifique (CNRS)',
    signataire: 'Délégué régional Île-de-France du CNRS',
  },
];

/** Employers and public bodies outside Île-de-France (the regional ones are named after it). */
function employeurs(dep: Departement): readonly Employeur[] {
  if (dep.region === 'Île-de-France') return EMPLOYEURS;
  return [
    {
      id: 'la-poste',
      type: 'employeur',
      nom: 'La Poste',
      signataire: 'Directeur de l’immobilier du groupe La Poste',
    },
    {
      id: 'edf',
      type: 'employeur',
      nom: 'EDF',
      signataire: `Délégué régional ${dep.region} d’EDF`,
    },
    {
      id: 'sncf',
      type: 'employeur',
      nom: 'SNCF',
      signataire: 'Directeur du logement du groupe SNCF',
    },
    {
      id: 'groupe-orange',
      type: 'employeur',
      nom: 'Orange',
      signataire: `Directeur des ressources humaines d’Orange, région ${dep.region}`,
    },
    {
      id: 'cnrs',
      type: 'etablissement_public',
      nom: 'Centre national de la recherche scientifique (CNRS)',
      signataire: `Délégué régional ${dep.region} du CNRS`,
    },
    {
      id: 'france-travail',
      type: 'etablissement_public',
      nom: 'France Travail',
      signataire: `Directeur régional ${dep.region} de France Travail`,
    },
  ];
}

interface Context {
  rng: Rng;
  t: Territoires;
  bailleur: Bailleur;
}

function periode(rng: Rng): { debut: string; fin: string } {
  const debut = rng.pick(DEBUTS);
  return { debut, fin: addDays(addMonths(debut, 36), -1) };
}

/**
 * The refusal clauses of a generated convention. None for the bailleur: its refusal is only the
 * incomplete-file procedure, which the default already states (REFUS_BAILLEUR_DOSSIER_INCOMPLET).
 */
function refusStandard(quiDecline: string, delai: string): Refus[] {
  return [
    {
      qui: 'candidat',
      commentaire: 'refus du ménage après attribution',
      decompte: false,
      nouvelleDesignation: true,
      delai,
    },
    {
      qui: 'caleol',
      commentaire: 'aucun candidat retenu par la commission',
      decompte: false,
      nouvelleDesignation: true,
      delai,
    },
    {
      qui: 'reservataire',
      commentaire: `${quiDecline} décline le logement orienté`,
      decompte: true,
      nouvelleDesignation: false,
    },
  ];
}

function exclusions(rng: Rng): Exclusion[] {
  const all = EXCLUSIONS.map(([e]) => e);
  return rng.chance(0.7) ? all : rng.sample(all, rng.int(2, 4));
}

function signataires(ctx: Context, nom: string, qualite: string): Spec['signataires'] {
  const { bailleur } = ctx;
  const dg = ctx.rng.chance(0.8);
  return [
    {
      partie: 'bailleur',
      nom: dg ? 'Le directeur général' : 'La directrice générale',
      qualite: `${dg ? 'Directeur général' : 'Directrice générale'} ${de(bailleur.nom)}`,
    },
    { partie: 'reservataire', nom, qualite },
  ];
}

function indicatifsCourants(ctx: Context, communes: readonly string[]): Indicatif[] {
  const { rng } = ctx;
  const pool: Indicatif[] = [
    {
      libelle: 'Petits logements pour les jeunes actifs',
      criteres: { typologie: ['T1', 'T2'] },
      part: rng.part(25, 45),
    },
    {
      libelle: 'Logements familiaux (T3 et T4)',
      criteres: { typologie: ['T3', 'T4'] },
      part: rng.part(30, 55),
    },
    { libelle: 'Logements hors QPV', criteres: { qpv: false }, part: rng.part(30, 55) },
    {
      libelle: 'Logements à bas loyer (PLAI)',
      criteres: { financement: ['PLAI'] },
      part: rng.part(20, 35),
    },
    {
      libelle: 'Logements PLUS et PLS pour les actifs',
      criteres: { financement: ['PLUS', 'PLS'] },
      part: rng.part(25, 70),
    },
    {
      libelle: 'Patrimoine ancien réhabilité (1950-1980)',
      criteres: { periode: [1950, 1980] },
      part: rng.part(20, 35),
    },
    {
      libelle: 'Grands logements à bas loyer',
      criteres: { typologie: ['T4', 'T5', 'T6'], financement: ['PLAI'] },
      part: rng.part(10, 20),
    },
  ];
  const chosen = rng.sample(pool, rng.int(2, 4));
  if (communes.length) {
    chosen.push({
      libelle: `Rééquilibrage vers ${nomsCommunes(ctx.t, communes)}`,
      criteres: { commune: [...communes] },
      part: rng.part(20, 50),
    });
  }
  return chosen;
}

function etat(ctx: Context, epci: Groupement, communes: readonly string[]): Spec {
  const { rng, t, bailleur } = ctx;
  const { dep } = bailleur.geo;
  const { debut, fin } = periode(rng);
  const extra = rng.sample(bailleur.geo.communesEtat, rng.int(3, 7));
  const objectifCommunes = [...new Set([...communes.filter((c) => c !== PARIS), ...extra])].sort();
  const delai = rng.pick(DELAIS);
  const depNom = t.departements.get(dep.code) ?? dep.code;
  return {
    bailleur,
    id: `etat-${dep.code.toLowerCase()}`,
    type: 'etat',
    nom: dep.prefet,
    entete: [
      `Convention de réservation en flux entre ${bailleur.nom} et l’État (${dep.prefet.replace(/^Préfet/, 'préfet')}) :`,
      `contingent préfectoral sur tout le parc du bailleur dans le département (${depNom}),`,
      'dont une part pour les agents civils et militaires de l’État (CCH art. R. 441-5-2).',
    ],
    version: 1,
    dateEffet: debut,
    statut: 'projet',
    debut,
    fin,
    flux: {
      part: 0.3,
      commentaire: 'plafond de 30 % du flux annuel, CCH art. R. 441-5-2 I',
      dontAgentsEtat: 0.05,
      application: {
        valeur: 'uniforme_par_commune',
        commentaire: 'défaut légal : la même part dans chaque commune',
      },
      partHorsQpvMin: 0.3,
    },
    exclusions: exclusions(rng),
    decompte: {
      fait: 'attribution',
      commentaire: 'décision de la CALEOL',
      ponderation: rng.pick([0.5, 0.5, 0.25, 1]),
    },
    designation: {
      delai,
      commentaire: 'à compter de la notification du logement',
      candidats: 3,
      expiration: {
        reprise: true,
        decompte: true,
        commentaire: 'le logement reste imputé au contingent préfectoral',
      },
    },
    refus: refusStandard('le préfet', delai),
    contractuelsCommentaire: 'échelle communale, part identique au flux (application uniforme)',
    contractuels: objectifCommunes.map((c) => ({
      libelle: t.communes.get(c)?.nom ?? c,
      echelle: 'commune',
      territoire: c,
      part: 0.3,
    })),
    indicatifs: [
      {
        libelle: 'Petits logements pour les ménages prioritaires (DALO, SYPLO)',
        criteres: { typologie: ['T1', 'T2'] },
        part: rng.part(30, 45),
      },
      {
        libelle: 'Logements à bas loyer (PLAI)',
        criteres: { financement: ['PLAI'] },
        part: rng.part(20, 35),
      },
      {
        libelle: 'Logements hors QPV (mixité sociale)',
        criteres: { qpv: false },
        part: rng.part(40, 55),
      },
      {
        libelle: `Grands logements pour familles sur ${epci.nom}`,
        criteres: { typologie: ['T4', 'T5', 'T6'], epci: [epci.code] },
        part: rng.part(5, 15),
      },
    ],
    signataires: signataires(
      ctx,
      dep.prefet.replace(/^Préfet/, 'Le préfet'),
      `${dep.prefet}, représentant de l’État dans le département`,
    ),
  };
}

function actionLogement(ctx: Context): Spec {
  const { rng, t, bailleur } = ctx;
  const { dep } = bailleur.geo;
  const { debut, fin } = periode(rng);
  const flux = rng.part(20, 25);
  const depNom = t.departements.get(dep.code) ?? dep.code;
  return {
    bailleur,
    id: 'action-logement',
    type: 'action_logement',
    nom: 'Action Logement Services',
    entete: [
      `Convention de réservation en flux entre ${bailleur.nom} et Action Logement Services :`,
      'droits acquis en contrepartie des financements de la participation des employeurs',
      `(PEEC), sur tout le parc du bailleur ${dep.complement}, au bénéfice des salariés.`,
    ],
    version: 1,
    dateEffet: debut,
    statut: 'projet',
    debut,
    fin,
    flux: {
      part: flux,
      application: {
        valeur: 'globale',
        commentaire: 'sur l’ensemble du parc départemental, sans répartition par commune',
      },
    },
    exclusions: exclusions(rng),
    decompte: { fait: 'bail_signe', commentaire: 'seul le bail signé par un salarié compte' },
    designation: {
      delai: '15 jours',
      commentaire: 'candidats issus de la plateforme AL’in',
      candidats: 3,
      expiration: { reprise: true, decompte: true, commentaire: 'le logement reste imputé' },
    },
    refus: refusStandard('Action Logement', '15 jours'),
    contractuels: [{ libelle: depNom, echelle: 'departement', territoire: dep.code, part: flux }],
    indicatifs: indicatifsCourants(ctx, rng.sample(bailleur.geo.communesEtat, 2)),
    signataires: signataires(
      ctx,
      `Le directeur régional ${dep.region}`,
      `Directeur régional ${dep.region} d’Action Logement Services, par délégation`,
    ),
  };
}

function commune(ctx: Context, code: string): Spec {
  const { rng, t, bailleur } = ctx;
  const nom = t.communes.get(code)?.nom ?? code;
  const { debut, fin } = periode(rng);
  const garantie = rng.chance(0.5);
  const flux = rng.part(5, 20);
  const delai = rng.pick(DELAIS);
  const ville = code === PARIS ? 'Ville de Paris' : `Commune ${de(nom)}`;
  return {
    bailleur,
    id: slug(nom),
    type: 'commune',
    nom: ville,
    territoire: { code, commentaire: `code INSEE ${de(nom)}` },
    garantieEmprunt: garantie,
    entete: [
      `Convention de réservation en flux entre ${bailleur.nom} et la ${ville.replace(/^Commune/, 'commune')} :`,
      `droits obtenus en contrepartie ${garantie ? 'de garanties d’emprunt' : 'd’apports de terrain et de subventions'},`,
      'sur le seul parc du bailleur situé sur le territoire communal (CCH art. R. 441-5-3).',
    ],
    version: 1,
    dateEffet: debut,
    statut: 'projet',
    debut,
    fin,
    flux: {
      part: flux,
      ...(garantie
        ? { commentaire: 'plafond de 20 % en contrepartie d’une garantie d’emprunt' }
        : {}),
    },
    exclusions: exclusions(rng),
    decompte: { fait: 'attribution', commentaire: 'décision de la CALEOL', ponderation: 0.5 },
    designation: {
      delai,
      commentaire: 'à compter de la notification du logement',
      candidats: rng.int(1, 3),
      expiration: rng.chance(0.5)
        ? {
            reprise: true,
            decompte: true,
            commentaire: 'le logement reste imputé au contingent communal',
          }
        : {
            reprise: true,
            decompte: false,
            commentaire: 'le logement n’est pas imputé : la commune le retrouve au tour suivant',
          },
    },
    refus: refusStandard('la commune', delai),
    contractuels: [{ libelle: nom, echelle: 'commune', territoire: code, part: flux }],
    indicatifs: indicatifsCourants(ctx, []),
    signataires: signataires(
      ctx,
      code === PARIS ? 'La maire de Paris' : `Le maire ${de(nom)}`,
      'Maire, agissant en vertu d’une délibération du conseil municipal',
    ),
  };
}

function groupement(ctx: Context, g: Groupement): Spec {
  const { rng, bailleur } = ctx;
  const { debut, fin } = periode(rng);
  const flux = rng.part(5, 10);
  const delai = rng.pick(DELAIS);
  const nature = g.nature === 'ept' ? 'l’établissement public territorial' : 'l’EPCI';
  return {
    bailleur,
    id: slug(g.nom),
    type: g.nature,
    nom: g.nature === 'ept' ? `Établissement public territorial ${g.nom}` : g.nom,
    territoire: {
      code: g.code,
      commentaire: `SIREN ${g.nature === 'ept' ? 'de l’EPT' : 'de l’EPCI'} ${g.nom}`,
    },
    garantieEmprunt: false,
    entete: [
      `Convention de réservation en flux entre ${bailleur.nom} et ${nature} ${g.nom} :`,
      'droits obtenus en contrepartie d’aides à la construction, sur le parc du bailleur',
      `dans les ${String(g.membres.length)} communes du groupement situées dans le département (CCH art. R. 441-5-3).`,
    ],
    version: 1,
    dateEffet: debut,
    statut: 'projet',
    debut,
    fin,
    flux: {
      part: flux,
      application: { valeur: 'globale', commentaire: 'sur l’ensemble du territoire du groupement' },
    },
    exclusions: exclusions(rng),
    decompte: { fait: 'attribution', commentaire: 'décision de la CALEOL', ponderation: 0.5 },
    designation: {
      delai,
      commentaire: 'à compter de la notification du logement',
      candidats: 3,
      expiration: { reprise: true, decompte: true, commentaire: 'le logement reste imputé' },
    },
    refus: refusStandard('le groupement', delai),
    contractuels: [{ libelle: g.nom, echelle: g.nature, territoire: g.code, part: flux }],
    indicatifs: [
      ...indicatifsCourants(ctx, rng.sample(g.membres, Math.min(3, g.membres.length))),
      {
        libelle: 'Logements hors QPV (orientations de la CIA)',
        criteres: { qpv: false, epci: [g.code] },
        part: rng.part(30, 45),
      },
    ],
    signataires: signataires(
      ctx,
      `Le président de ${g.nom}`,
      'Président, agissant en vertu d’une délibération du conseil communautaire ou de territoire',
    ),
  };
}

function departement(ctx: Context): Spec {
  const { rng, t, bailleur } = ctx;
  const { dep } = bailleur.geo;
  const { debut, fin } = periode(rng);
  const garantie = rng.chance(0.6);
  const flux = rng.part(3, 8);
  const delai = rng.pick(DELAIS);
  const depNom = t.departements.get(dep.code) ?? dep.code;
  const unique = dep.collectivite; // Corse, Martinique, Guyane: a collectivité unique
  return {
    bailleur,
    id: unique ? unique.id : `departement-${dep.code.toLowerCase()}`,
    type: unique ? 'region' : 'departement',
    nom: unique ? unique.nom : `Département ${dep.complement}`,
    garantieEmprunt: garantie,
    entete: [
      `Convention de réservation en flux entre ${bailleur.nom} et ${unique ? `la ${unique.nom}` : `le département ${dep.complement}`} :`,
      `droits obtenus en contrepartie ${garantie ? 'de garanties d’emprunt' : 'de subventions d’investissement'}, sur le parc du bailleur`,
      'dans le département, au bénéfice des publics suivis par les services sociaux départementaux.',
    ],
    version: 1,
    dateEffet: debut,
    statut: 'projet',
    debut,
    fin,
    flux: {
      part: flux,
      application: { valeur: 'globale', commentaire: 'sur l’ensemble du département' },
    },
    exclusions: exclusions(rng),
    decompte: {
      fait: 'attribution',
      commentaire: 'décision de la CALEOL',
      ponderation: rng.pick([0.5, 1]),
    },
    designation: {
      delai,
      commentaire: 'à compter de la notification du logement',
      candidats: rng.int(1, 3),
      expiration: { reprise: true, decompte: true, commentaire: 'le logement reste imputé' },
    },
    refus: refusStandard(unique ? 'la collectivité' : 'le département', delai),
    contractuels: [{ libelle: depNom, echelle: 'departement', territoire: dep.code, part: flux }],
    indicatifs: indicatifsCourants(ctx, rng.sample(bailleur.geo.communes, 2)),
    signataires: signataires(
      ctx,
      unique ? unique.signataire : 'Le président du conseil départemental',
      unique
        ? unique.qualite
        : 'Président du conseil départemental, agissant en vertu d’une délibération de la commission permanente',
    ),
  };
}

function employeur(ctx: Context, e: Employeur): Spec {
  const { rng, t, bailleur } = ctx;
  const { dep } = bailleur.geo;
  const { debut, fin } = periode(rng);
  const flux = rng.part(1, 2);
  const delai = rng.pick(DELAIS);
  const sites = rng.sample(bailleur.geo.communesEtat, rng.int(1, 3));
  return {
    bailleur,
    id: e.id,
    type: e.type,
    nom: e.nom,
    entete: [
      `Convention de réservation en flux entre ${bailleur.nom} et ${e.nom} :`,
      `droits acquis ${e.type === 'employeur' ? 'par l’employeur' : 'par l’établissement public'} en contrepartie d’une participation au financement,`,
      `sur le parc du bailleur ${dep.complement}, pour le logement de ses agents et salariés.`,
    ],
    version: 1,
    dateEffet: debut,
    statut: 'projet',
    debut,
    fin,
    flux: {
      part: flux,
      application: { valeur: 'globale', commentaire: 'sur l’ensemble du parc départemental' },
    },
    exclusions: exclusions(rng),
    decompte: rng.chance(0.5)
      ? { fait: 'attribution', commentaire: 'décision de la CALEOL' }
      : { fait: 'bail_signe', commentaire: 'seul le bail signé par un agent ou salarié compte' },
    designation: {
      delai,
      commentaire: 'à compter de la notification du logement',
      candidats: rng.int(1, 3),
    },
    refus: refusStandard('le réservataire', delai),
    contractuels: [
      {
        libelle: t.departements.get(dep.code) ?? dep.code,
        echelle: 'departement',
        territoire: dep.code,
        part: flux,
      },
    ],
    indicatifs: indicatifsCourants(ctx, sites),
    signataires: signataires(ctx, rng.pick(['Le directeur', 'La directrice']), e.signataire),
  };
}

/** The avenant n° 1 (projet) of a signed version: later date_effet, a few changed terms. */
function avenant(rng: Rng, v1: Spec): Spec {
  const months = rng.int(6, 24);
  const dateEffet = addMonths(v1.dateEffet, months);
  const changes: string[] = [];
  const v2: Spec = {
    ...v1,
    version: 2,
    dateEffet,
    statut: 'projet',
    refus: v1.refus.map((r) => ({ ...r })),
  };
  if (v1.decompte.ponderation !== undefined && v1.decompte.ponderation > 0.25) {
    v2.decompte = { ...v1.decompte, ponderation: 0.25 };
    changes.push(
      `pondération des orientations abaissée de ${decimal(v1.decompte.ponderation)} à 0,25`,
    );
  }
  const candidat = v2.refus.find((r) => r.qui === 'candidat');
  if (candidat && candidat.delai !== '15 jours') {
    candidat.delai = '15 jours';
    changes.push('délai de nouvelle désignation après refus du ménage ramené à 15 jours');
  }
  v2.indicatifs = [
    ...v1.indicatifs,
    {
      libelle: 'Logements récents hors QPV',
      criteres: { qpv: false, periode: [2000, 2024] },
      part: rng.part(10, 20),
    },
  ];
  changes.push('objectif indicatif ajouté (logements récents hors QPV)');
  v2.entete = [
    ...v1.entete,
    `Avenant n° 1 (projet), à effet du ${dateEffet} :`,
    ...changes.map((c, i) => `- ${c}${i === changes.length - 1 ? '.' : ' ;'}`),
    `Part (${pct(v1.flux.part)}), assiette et durée inchangées.`,
  ];
  return v2;
}

// ---------------------------------------------------------------------------------------------

/** What the flux generator keeps of a convention (its versions are added as written). */
function resume(spec: Spec): ConventionResume {
  const dep = spec.bailleur.geo.dep.code;
  return {
    id: `${dep}-${spec.bailleur.siren}-${spec.id}`,
    departement: dep,
    siren: spec.bailleur.siren,
    reservataire: spec.id,
    type: spec.type,
    ...(spec.territoire ? { territoire: spec.territoire.code } : {}),
    part: spec.flux.part,
    debut: spec.debut,
    fin: spec.fin,
    communesObjectifs: spec.contractuels
      .filter((c) => c.echelle === 'commune')
      .map((c) => c.territoire),
    versions: [],
  };
}

function versionResume(spec: Spec): VersionResume {
  const refus: VersionResume['refus'] = {};
  for (const r of spec.refus) {
    refus[r.qui] = {
      nouvelleDesignation: r.nouvelleDesignation,
      ...(r.delai ? { delai: r.delai } : {}),
    };
  }
  return {
    version: spec.version,
    dateEffet: spec.dateEffet,
    delai: spec.designation.delai,
    ...(spec.designation.candidats !== undefined ? { candidats: spec.designation.candidats } : {}),
    refus,
  };
}

/** Writes the tree under `dir` (created if needed) and returns what was written. */
export function generateRegion(dir: string, options: GenerateOptions = {}): GeneratedRegion {
  const rng = new Rng(options.seed ?? 2020);
  const t = territoires();
  const brute = geographieBrute();
  const urbaines = communesUrbaines(brute);
  let list: Bailleur[];
  if ((options.region ?? 'idf') === 'idf') {
    const geos = IDF.map((d) => geography(t, d, urbaines, brute));
    list = bailleurs(rng, options.bailleurs ?? 150, geos, t);
  } else {
    const deps = departementsFrance(brute);
    const geos = deps.map((d) => geography(t, d, urbaines, brute));
    list = bailleursFrance(rng, options.bailleurs ?? 570, geos, t, voisins(t, deps, brute));
  }
  const files: string[] = [];
  const implantations: Implantation[] = [];
  const resumes: ConventionResume[] = [];
  let conventions = 0;
  let sealed = 0;
  let bytes = 0;
  const lines = { min: Infinity, max: 0, total: 0 };
  const write = (spec: Spec, into: ConventionResume): void => {
    const dep = spec.bailleur.geo.dep.code;
    const folder = join(dir, dep, spec.bailleur.siren, spec.id);
    mkdirSync(folder, { recursive: true });
    let text = render(spec, t);
    if (spec.statut === 'signee') {
      text = seal(text);
      sealed++;
    }
    const path = join(folder, `v${String(spec.version)}.yaml`);
    writeFileSync(path, text);
    files.push(path);
    into.versions.push(versionResume(spec));
    const n = text.split('\n').length - 1;
    lines.min = Math.min(lines.min, n);
    lines.max = Math.max(lines.max, n);
    lines.total += n;
    bytes += Buffer.byteLength(text);
  };

  let previous: string | undefined;
  for (const bailleur of list) {
    const ctx: Context = { rng, t, bailleur };
    const { geo } = bailleur;
    implantations.push({
      siren: bailleur.siren,
      nom: bailleur.nom,
      departement: geo.dep.code,
      principale: previous !== bailleur.siren,
    });
    previous = bailleur.siren;
    const epci = rng.pick(geo.groupements);
    const paris = geo.dep.code === '75';
    // Local authorities: some of the groupement's members and some other communes.
    const communes = paris
      ? [PARIS]
      : [
          ...new Set([
            ...rng.sample(
              epci.membres.filter((m) => geo.communes.includes(m)),
              rng.int(1, 2),
            ),
            ...rng.sample(geo.communes, 2),
          ]),
        ].slice(0, rng.int(2, 3));
    const specs: Spec[] = [etat(ctx, epci, communes), actionLogement(ctx)];
    for (const code of communes) specs.push(commune(ctx, code));
    specs.push(groupement(ctx, epci));
    if (!paris) specs.push(departement(ctx));
    for (const e of rng.sample(employeurs(geo.dep), paris ? rng.int(3, 4) : rng.int(1, 3))) {
      specs.push(employeur(ctx, e));
    }
    // Two réservataires whose names give the same folder (a commune named like an employer or
    // a groupement): the second is told apart by its code. Never the case in Île-de-France.
    const ids = new Set<string>();
    for (const spec of specs) {
      if (ids.has(spec.id)) spec.id = `${spec.id}-${spec.territoire?.code ?? String(ids.size)}`;
      ids.add(spec.id);
    }
    for (const spec of specs) {
      conventions++;
      const into = resume(spec);
      resumes.push(into);
      if (rng.chance(0.25) && addMonths(spec.dateEffet, 30) < spec.fin) {
        write({ ...spec, statut: 'signee' }, into);
        write(avenant(rng, spec), into);
      } else {
        write(rng.chance(0.4) ? { ...spec, statut: 'signee' } : spec, into);
      }
    }
  }
  return {
    dir,
    bailleurs: new Set(list.map((b) => b.siren)).size,
    conventions,
    files,
    sealed,
    lines: { min: lines.min, max: lines.max, mean: files.length ? lines.total / files.length : 0 },
    bytes,
    implantations,
    resumes,
  };
}
