/**
 * A compact copy of the geography, written next to the compiled code at build time
 * (`npm run build` runs this file): only what `Territoires` holds, as arrays, ≈ 1 MB instead of
 * the 12 MB of @etalab/decoupage-administratif. A cold `convflux render` or `check` reads it in a
 * few milliseconds. It records the package version it was made from and is ignored (the package
 * is read instead) when that version is not the installed one.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Commune, Groupement, Territoires } from './territoires.js';

interface TerritoiresIndex {
  format: 1;
  decoupage: string;
  departements: [code: string, nom: string][];
  communes: [code: string, nom: string, departement: string][];
  anciens: [ancien: string, commune: string][];
  arrondissements: [commune: string, arrondissements: string[]][];
  groupements: [code: string, nom: string, nature: Groupement['nature'], membres: string[]][];
}

export const TERRITOIRES_INDEX = fileURLToPath(
  new URL('./territoires-index.json', import.meta.url),
);

export function compactTerritoires(t: Territoires, decoupage: string): TerritoiresIndex {
  return {
    format: 1,
    decoupage,
    departements: [...t.departements],
    communes: [...t.communes.values()].map((c) => [c.code, c.nom, c.departement]),
    anciens: [...t.anciens].map(([ancien, c]) => [ancien, c.code]),
    arrondissements: [...t.arrondissements],
    groupements: [...t.groupements.values()].map((g) => [g.code, g.nom, g.nature, g.membres]),
  };
}

export function expandTerritoires(index: TerritoiresIndex): Territoires {
  const communes = new Map<string, Commune>();
  for (const [code, nom, departement] of index.communes)
    communes.set(code, { code, nom, departement });
  const anciens = new Map<string, Commune>();
  for (const [ancien, code] of index.anciens) {
    const commune = communes.get(code);
    if (!commune) throw new Error(`${TERRITOIRES_INDEX} : commune ${code} inconnue`);
    anciens.set(ancien, commune);
  }
  return {
    departements: new Map(index.departements),
    communes,
    anciens,
    arrondissements: new Map(index.arrondissements),
    groupements: new Map(
      index.groupements.map(([code, nom, nature, membres]) => [
        code,
        { code, nom, nature, membres },
      ]),
    ),
  };
}

/** The index when it exists and was made from `decoupage` (the installed version), else undefined. */
export function readTerritoiresIndex(
  decoupage: string,
  path: string = TERRITOIRES_INDEX,
): Territoires | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const index = JSON.parse(readFileSync(path, 'utf8')) as TerritoiresIndex;
    if (index.format !== 1 || index.decoupage !== decoupage) return undefined;
    return expandTerritoires(index);
  } catch {
    // A damaged index is not an error: the package's data are still there.
    return undefined;
  }
}

export function writeTerritoiresIndex(
  t: Territoires,
  decoupage: string,
  path: string = TERRITOIRES_INDEX,
): void {
  writeFileSync(path, `${JSON.stringify(compactTerritoires(t, decoupage))}\n`);
}
