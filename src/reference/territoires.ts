import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readTerritoiresIndex } from './territoires-index.js';

/**
 * The official geography (Code officiel géographique) from @etalab/decoupage-administratif:
 * départements, communes (with former codes of merged communes), EPCI and EPT with members.
 */
export interface Commune {
  code: string;
  nom: string;
  departement: string;
}
export interface Groupement {
  code: string;
  nom: string;
  nature: 'epci' | 'ept';
  membres: string[];
}
export interface Territoires {
  departements: Map<string, string>;
  communes: Map<string, Commune>;
  /** Former code → current commune (fusions). */
  anciens: Map<string, Commune>;
  /** Paris, Lyon, Marseille → their arrondissements municipaux (flats are filed under these). */
  arrondissements: Map<string, string[]>;
  groupements: Map<string, Groupement>;
}

interface RawCommune {
  code: string;
  nom: string;
  departement?: string;
  type: string;
  anciensCodes?: string[];
  /** For an arrondissement municipal: its commune. */
  commune?: string;
}
interface RawGroupement {
  code: string;
  nom: string;
  membres: { code: string }[];
}

const require = createRequire(import.meta.url);
function data(name: string): unknown {
  const path = require.resolve(`@etalab/decoupage-administratif/data/${name}.json`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

let cache: Territoires | undefined;

/**
 * The geography, read once per process: from the compact index written at build time
 * (territoires-index.ts, ≈ 10× faster to read) when it matches the installed data, else from
 * the package's JSON files.
 */
export function territoires(): Territoires {
  cache ??= readTerritoiresIndex(decoupageVersion()) ?? territoiresFromSource();
  return cache;
}

/** The installed @etalab/decoupage-administratif version (the index is only valid for it). */
export function decoupageVersion(): string {
  const path = require.resolve('@etalab/decoupage-administratif/package.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

/** The geography built from the package's JSON files (≈ 12 MB). */
export function territoiresFromSource(): Territoires {
  const departements = new Map<string, string>();
  for (const d of data('departements') as { code: string; nom: string }[])
    departements.set(d.code, d.nom);
  const communes = new Map<string, Commune>();
  const anciens = new Map<string, Commune>();
  const arrondissements = new Map<string, string[]>();
  for (const c of data('communes') as RawCommune[]) {
    if (c.type === 'arrondissement-municipal' && c.commune) {
      const list = arrondissements.get(c.commune) ?? [];
      list.push(c.code);
      arrondissements.set(c.commune, list);
    }
    if (!c.departement) continue;
    if (c.type !== 'commune-actuelle' && c.type !== 'arrondissement-municipal') continue;
    const commune: Commune = { code: c.code, nom: c.nom, departement: c.departement };
    communes.set(c.code, commune);
    for (const old of c.anciensCodes ?? []) anciens.set(old, commune);
  }
  for (const [old] of anciens) if (communes.has(old)) anciens.delete(old);
  const groupements = new Map<string, Groupement>();
  for (const [file, nature] of [
    ['epci', 'epci'],
    ['ept', 'ept'],
  ] as const) {
    for (const g of data(file) as RawGroupement[]) {
      groupements.set(g.code, {
        code: g.code,
        nom: g.nom,
        nature,
        membres: g.membres.map((m) => m.code),
      });
    }
  }
  return { departements, communes, anciens, arrondissements, groupements };
}

/** Communes of a département, in code order. */
export function communesDuDepartement(t: Territoires, departement: string): string[] {
  const list: string[] = [];
  for (const c of t.communes.values()) if (c.departement === departement) list.push(c.code);
  return list.sort();
}
