/**
 * A compact copy of the geography, written next to the compiled code at build time
 * (`npm run build` runs this file): only what `Territoires` holds, as arrays, ≈ 1,7 MB instead of
 * the 12 MB of @etalab/decoupage-administratif. A cold `convflux render` or `check` reads it in a
 * few milliseconds; the communes are kept per code prefix as JSON text, parsed and expanded when
 * first asked about (one département's run reads one or two of ≈ 100). It records the package
 * version it was made from and is ignored (the package is read instead) when that version is not
 * the installed one, or when its format is not this one (a format 1 index of an older build).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CommunesParesseuses, prefixeCommune, type LigneCommune } from './communes-paresseuses.js';
import type { Commune, Groupement, Territoires } from './territoires.js';

interface TerritoiresIndex {
  format: 2;
  decoupage: string;
  departements: [code: string, nom: string][];
  /** Communes per code prefix, each chunk as JSON text: parsed when first asked about. */
  communes: [prefixe: string, lignes: string][];
  anciens: [ancien: string, commune: string][];
  arrondissements: [commune: string, arrondissements: string[]][];
  groupements: [code: string, nom: string, nature: Groupement['nature'], membres: string[]][];
}

export const TERRITOIRES_INDEX = fileURLToPath(
  new URL('./territoires-index.json', import.meta.url),
);

export function compactTerritoires(t: Territoires, decoupage: string): TerritoiresIndex {
  return {
    format: 2,
    decoupage,
    departements: [...t.departements],
    communes: morceauxCommunes(t.communes),
    anciens: [...t.anciens].map(([ancien, c]) => [ancien, c.code]),
    arrondissements: [...t.arrondissements],
    groupements: [...t.groupements.values()].map((g) => [g.code, g.nom, g.nature, g.membres]),
  };
}

/** The communes grouped by code prefix, in their order (a prefix's codes are contiguous). */
function morceauxCommunes(communes: Map<string, Commune>): [string, string][] {
  const morceaux = new Map<string, LigneCommune[]>();
  let dernier: LigneCommune[] | undefined;
  for (const c of communes.values()) {
    const prefixe = prefixeCommune(c.code);
    let lignes = morceaux.get(prefixe);
    if (!lignes) morceaux.set(prefixe, (lignes = []));
    else if (lignes !== dernier)
      throw new Error(`communes ${prefixe}… non contiguës : ordre perdu`);
    lignes.push([c.code, c.nom, c.departement]);
    dernier = lignes;
  }
  return [...morceaux].map(([prefixe, lignes]) => [prefixe, JSON.stringify(lignes)]);
}

function expandAnciens(
  anciens: [ancien: string, commune: string][],
  communes: Map<string, Commune>,
): Map<string, Commune> {
  const map = new Map<string, Commune>();
  for (const [ancien, code] of anciens) {
    const commune = communes.get(code);
    if (!commune) throw new Error(`${TERRITOIRES_INDEX} : commune ${code} inconnue`);
    map.set(ancien, commune);
  }
  return map;
}

/**
 * The geography of the index. Communes are built per chunk when first asked about
 * (CommunesParesseuses), former codes when first read: a single département's run does not
 * expand all of France.
 */
export function expandTerritoires(index: TerritoiresIndex): Territoires {
  const communes = new CommunesParesseuses(index.communes);
  let anciens: Map<string, Commune> | undefined;
  return {
    departements: new Map(index.departements),
    communes,
    get anciens() {
      anciens ??= expandAnciens(index.anciens, communes);
      return anciens;
    },
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
    if (index.format !== 2 || index.decoupage !== decoupage) return undefined;
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
