/**
 * The conventions of a `--rules` folder, indexed for the flux engine: which convention a
 * réservataire's orientation falls under, which conventions cover a flat, and which version is
 * in force at a date.
 */
import type { Engine } from 'json-rules-engine';
import type { Arrete } from '../convention/arrete.js';
import type { Convention } from '../convention/convention.js';
import type { Logement } from '../flux/logement.js';
import { compileRules, engineFor, type CompiledRules } from './decide.js';
import { conventionRules, type CycleRule } from './convention-rules.js';
import { ReglesPartagees } from './regles-partagees.js';
import { ownString } from './event-store.js';

export interface ConventionVersion {
  convention: Convention;
  /** Path as shown to the user, and on disk (explanations re-read it for line numbers). */
  file: string;
  absolutePath: string;
  rules: CycleRule[];
  compiled: CompiledRules;
  engine(): Engine;
}

export interface ConventionEntry {
  /** Position in ConventionIndex.entries. */
  index: number;
  id: string;
  bailleur: string;
  departement: string;
  reservataire: string;
  /** Communes of a local authority's territory; undefined: the whole département. */
  perimetre: ReadonlySet<string> | undefined;
  /** Sorted by date_effet. */
  versions: ConventionVersion[];
  /** État only: the prefectoral arrêtés of its département that apply to its bailleur. */
  arretes?: Arrete[];
}

export type Recherche =
  | { ok: true; entry: ConventionEntry; version: ConventionVersion }
  | { ok: false; raison: 'inconnu' | 'avant_debut' | 'apres_fin'; entry?: ConventionEntry };

/**
 * A version and its rules. `partage`: the rules of the index's other versions, when it has many
 * (see regles-partagees.ts): equal rule JSON, one compiled copy.
 */
export function makeVersion(
  convention: Convention,
  file: string,
  absolutePath: string,
  partage?: ReglesPartagees,
): ConventionVersion {
  const own = conventionRules(convention);
  const { rules, compiled } = partage
    ? partage.pour(own)
    : { rules: own, compiled: compileRules(own) };
  let engine: Engine | undefined;
  return {
    convention,
    file,
    absolutePath,
    rules,
    compiled,
    engine: () => (engine ??= engineFor(rules)),
  };
}

/** The version whose date_effet is the latest on or before `date`, if `date` is in its term. */
export function versionAt(entry: ConventionEntry, date: string): ConventionVersion | undefined {
  let found: ConventionVersion | undefined;
  for (const v of entry.versions) if (v.convention.date_effet <= date) found = v;
  if (!found) return undefined;
  const { debut, fin } = found.convention.duree;
  return date >= debut && date <= fin ? found : undefined;
}

/** The version that last applied on or before `date` (for events after the convention's end). */
export function lastVersionBefore(
  entry: ConventionEntry,
  date: string,
): ConventionVersion | undefined {
  let found: ConventionVersion | undefined;
  for (const v of entry.versions) if (v.convention.date_effet <= date) found = v;
  return found;
}

export function covers(entry: ConventionEntry, l: Logement): boolean {
  return (
    l.bailleur === entry.bailleur &&
    l.departement === entry.departement &&
    (entry.perimetre === undefined || entry.perimetre.has(l.commune))
  );
}

export class ConventionIndex {
  readonly entries: ConventionEntry[] = [];
  private readonly byReservataire = new Map<string, ConventionEntry[]>();
  private readonly byBailleur = new Map<string, ConventionEntry[]>();
  private readonly reservataires = new Set<string>();
  /** Réservataires whose every version was left out as unsigned (`--signees`). */
  readonly nonSignes = new Set<string>();
  /** Réservataires named only by convention files that could not be read: the first such file. */
  readonly illisibles = new Map<string, string>();

  add(entry: Omit<ConventionEntry, 'index'>): ConventionEntry {
    this.couvrantes.clear();
    this.candidats.clear();
    this.dernierCouple = ['', '', false];
    const e: ConventionEntry = { ...entry, index: this.entries.length };
    e.versions.sort((a, b) =>
      a.convention.date_effet < b.convention.date_effet
        ? -1
        : a.convention.date_effet > b.convention.date_effet
          ? 1
          : a.convention.version - b.convention.version,
    );
    this.entries.push(e);
    this.reservataires.add(e.reservataire);
    const kr = `${e.bailleur}|${e.reservataire}`;
    const kb = `${e.bailleur}|${e.departement}`;
    (this.byReservataire.get(kr) ?? this.byReservataire.set(kr, []).get(kr))?.push(e);
    (this.byBailleur.get(kb) ?? this.byBailleur.set(kb, []).get(kb))?.push(e);
    return e;
  }

  /** bailleur → département → commune → the conventions covering a flat there. */
  private readonly couvrantes = new Map<string, Map<string, Map<string, ConventionEntry[]>>>();
  /** bailleur → réservataire → département → commune → that réservataire's covering ones. */
  private readonly candidats = new Map<
    string,
    Map<string, Map<string, Map<string, ConventionEntry[]>>>
  >();

  /**
   * The conventions of a bailleur in a département (any réservataire) that cover the flat. The
   * array is shared by every flat of the same bailleur, département and commune (the only fields
   * `covers` reads): do not modify it.
   */
  covering(l: Logement): ConventionEntry[] {
    const parCommune = sousCarte(sousCarte(this.couvrantes, l.bailleur), l.departement);
    let entries = parCommune.get(l.commune);
    if (entries === undefined) {
      entries = (this.byBailleur.get(`${l.bailleur}|${l.departement}`) ?? []).filter((e) =>
        covers(e, l),
      );
      parCommune.set(ownString(l.commune), entries);
    }
    return entries;
  }

  /** A réservataire's conventions with this bailleur that cover the flat (shared array). */
  private candidatsDe(l: Logement, reservataire: string): ConventionEntry[] {
    const parCommune = sousCarte(
      sousCarte(sousCarte(this.candidats, l.bailleur), reservataire),
      l.departement,
    );
    let entries = parCommune.get(l.commune);
    if (entries === undefined) {
      entries = (this.byReservataire.get(`${l.bailleur}|${reservataire}`) ?? []).filter((e) =>
        covers(e, l),
      );
      parCommune.set(ownString(l.commune), entries);
    }
    return entries;
  }

  /** The last answer of aDesConventions (flats come bailleur after bailleur); reset by add. */
  private dernierCouple: [bailleur: string, departement: string, reponse: boolean] = [
    '',
    '',
    false,
  ];

  /**
   * Has this bailleur any convention in this département (whatever its territory or dates)?
   * Asked for every flat of a run: the last couple's answer is kept, so that the key string is
   * built once per bailleur × département, not once per flat.
   */
  aDesConventions(bailleur: string, departement: string): boolean {
    const d = this.dernierCouple;
    if (d[0] === bailleur && d[1] === departement) return d[2];
    const reponse = this.byBailleur.has(`${bailleur}|${departement}`);
    this.dernierCouple = [bailleur, departement, reponse];
    return reponse;
  }

  /** Is this réservataire id known at all (in any convention)? */
  knows(reservataire: string): boolean {
    return this.reservataires.has(reservataire);
  }

  /** Is this réservataire named only by conventions left out as unsigned (`--signees`)? */
  nonSigne(reservataire: string): boolean {
    return !this.reservataires.has(reservataire) && this.nonSignes.has(reservataire);
  }

  /** The file of the unreadable convention naming this réservataire, when no convention read does. */
  illisible(reservataire: string): string | undefined {
    return this.reservataires.has(reservataire) ? undefined : this.illisibles.get(reservataire);
  }

  /** The convention an orientation of flat `l` to `reservataire` on `date` falls under. */
  find(l: Logement, reservataire: string, date: string): Recherche {
    const candidates = this.candidatsDe(l, reservataire);
    let late: ConventionEntry | undefined;
    let early: ConventionEntry | undefined;
    for (const entry of candidates) {
      const version = versionAt(entry, date);
      if (version) return { ok: true, entry, version };
      if (lastVersionBefore(entry, date)) late = entry;
      else early = entry;
    }
    if (late) return { ok: false, raison: 'apres_fin', entry: late };
    if (early) return { ok: false, raison: 'avant_debut', entry: early };
    return { ok: false, raison: 'inconnu' };
  }
}

/** The map under `key` of `m`, created empty when missing. */
function sousCarte<V>(m: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let sub = m.get(key);
  if (sub === undefined) {
    sub = new Map<string, V>();
    m.set(ownString(key), sub);
  }
  return sub;
}

/** A structured-cloneable copy of an index (for worker threads: same entries, same order). */
export interface IndexDescription {
  entries: {
    id: string;
    bailleur: string;
    departement: string;
    reservataire: string;
    perimetre: string[] | undefined;
    versions: { convention: Convention; file: string; absolutePath: string }[];
    arretes?: Arrete[];
  }[];
  nonSignes?: string[];
  illisibles?: [string, string][];
}

export function describeIndex(index: ConventionIndex): IndexDescription {
  return {
    entries: index.entries.map((e) => ({
      id: e.id,
      bailleur: e.bailleur,
      departement: e.departement,
      reservataire: e.reservataire,
      perimetre: e.perimetre ? [...e.perimetre] : undefined,
      versions: e.versions.map((v) => ({
        convention: v.convention,
        file: v.file,
        absolutePath: v.absolutePath,
      })),
      ...(e.arretes ? { arretes: e.arretes } : {}),
    })),
    ...(index.nonSignes.size ? { nonSignes: [...index.nonSignes] } : {}),
    ...(index.illisibles.size ? { illisibles: [...index.illisibles] } : {}),
  };
}

export function indexFromDescription(d: IndexDescription): ConventionIndex {
  const index = new ConventionIndex();
  const partage = new ReglesPartagees();
  for (const e of d.entries)
    index.add({
      id: e.id,
      bailleur: e.bailleur,
      departement: e.departement,
      reservataire: e.reservataire,
      perimetre: e.perimetre ? new Set(e.perimetre) : undefined,
      versions: e.versions.map((v) => makeVersion(v.convention, v.file, v.absolutePath, partage)),
      ...(e.arretes ? { arretes: e.arretes } : {}),
    });
  for (const r of d.nonSignes ?? []) index.nonSignes.add(r);
  for (const [r, f] of d.illisibles ?? []) index.illisibles.set(r, f);
  return index;
}
