/**
 * A compact copy of the geography, written next to the compiled code at build time
 * (`npm run build` runs this file): only what `Territoires` holds, as arrays, ≈ 1,7 MB instead of
 * the 12 MB of @etalab/decoupage-administratif. Format 4 is JSON Lines: a first line with the
 * départements, the arrondissements, the EPCI and EPT codes and the communes' code prefixes, then
 * one line for the former codes, one per EPCI or EPT, and one per code prefix (≈ a département)
 * for the communes. Reading it parses the first line only; each other line is parsed when first
 * asked about (one département's run reads one or two commune lines of ≈ 100, and the few EPCI
 * it names of the ≈ 1 250).
 * It records the package version it was made from and is ignored (the package is read instead)
 * when that version is not the installed one, or when its format is not this one.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CommunesParesseuses, prefixeCommune, type LigneCommune } from './communes-paresseuses.js';
import { MapParMorceaux } from './map-par-morceaux.js';
import type { Commune, Groupement, Territoires } from './territoires.js';

type LigneAncien = [ancien: string, commune: string];
type LigneGroupement = [code: string, nom: string, nature: Groupement['nature'], membres: string[]];
/** A groupement's line of the file (its code is in the first line). */
type LigneGroupementSansCode = [nom: string, nature: Groupement['nature'], membres: string[]];

interface TerritoiresIndex {
  format: 4;
  decoupage: string;
  departements: [code: string, nom: string][];
  arrondissements: [commune: string, arrondissements: string[]][];
  /** Communes per code prefix, in their order (one line of the file each). */
  communes: [prefixe: string, lignes: LigneCommune[]][];
  anciens: LigneAncien[];
  groupements: LigneGroupement[];
}

/** The first line of the file: what every reader needs, and the order of the commune lines. */
interface EnTete {
  format: 4;
  decoupage: string;
  departements: [code: string, nom: string][];
  arrondissements: [commune: string, arrondissements: string[]][];
  /** The EPCI and EPT codes, in the order of their lines. */
  groupements: string[];
  prefixes: string[];
}

export const TERRITOIRES_INDEX = fileURLToPath(
  new URL('./territoires-index.jsonl', import.meta.url),
);

export function compactTerritoires(t: Territoires, decoupage: string): TerritoiresIndex {
  return {
    format: 4,
    decoupage,
    departements: [...t.departements],
    arrondissements: [...t.arrondissements],
    communes: morceauxCommunes(t.communes),
    anciens: [...t.anciens].map(([ancien, c]) => [ancien, c.code]),
    groupements: [...t.groupements.values()].map((g) => [g.code, g.nom, g.nature, g.membres]),
  };
}

/** The communes grouped by code prefix, in their order (a prefix's codes are contiguous). */
function morceauxCommunes(communes: Map<string, Commune>): [string, LigneCommune[]][] {
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
  return [...morceaux];
}

function expandAnciens(
  anciens: LigneAncien[],
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

/** The file's lines as byte ranges, each decoded when first read: most are never read. */
class Lignes {
  readonly #octets: Buffer;
  readonly #fins: number[] = [];

  constructor(octets: Buffer) {
    this.#octets = octets;
    for (let fin = octets.indexOf(10); fin >= 0; fin = octets.indexOf(10, fin + 1))
      this.#fins.push(fin);
  }

  /** Complete lines (the last one ended by its end of line). */
  get length(): number {
    return this.#fins.length;
  }

  texte(n: number): string {
    const fin = this.#fins[n];
    if (fin === undefined) throw new Error(`${TERRITOIRES_INDEX} : ligne ${String(n)} absente`);
    return this.#octets.toString('utf8', n === 0 ? 0 : (this.#fins[n - 1] ?? 0) + 1, fin);
  }
}

/** Lines of the file before the communes': the first one, the former codes', the groupements'. */
const avantCommunes = (t: EnTete): number => 2 + t.groupements.length;

/**
 * The geography of the index's lines (the first one already read as `t`). Communes are built
 * per chunk when first asked about (CommunesParesseuses), groupements one by one when first
 * asked about, former codes when first read: a single département's run does not expand all of
 * France.
 */
function expandTerritoires(t: EnTete, lignes: Lignes): Territoires {
  const debut = avantCommunes(t);
  const communes = new CommunesParesseuses(
    t.prefixes.map((p, i) => [p, () => lignes.texte(debut + i)]),
  );
  const groupements = new MapParMorceaux<Groupement>(
    t.groupements.map((code, i) => [
      code,
      () => {
        const [nom, nature, membres] = JSON.parse(lignes.texte(2 + i)) as LigneGroupementSansCode;
        return [[code, { code, nom, nature, membres }]];
      },
    ]),
    (code) => code,
  );
  let anciens: Map<string, Commune> | undefined;
  return {
    departements: new Map(t.departements),
    communes,
    get anciens() {
      anciens ??= expandAnciens(JSON.parse(lignes.texte(1)) as LigneAncien[], communes);
      return anciens;
    },
    arrondissements: new Map(t.arrondissements),
    groupements,
  };
}

/** The index when it exists and was made from `decoupage` (the installed version), else undefined. */
export function readTerritoiresIndex(
  decoupage: string,
  path: string = TERRITOIRES_INDEX,
): Territoires | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const octets = readFileSync(path);
    const lignes = new Lignes(octets);
    const t = JSON.parse(lignes.texte(0)) as EnTete;
    // A complete file: every line, the last one ended (a cut file is not read).
    if (t.format !== 4 || t.decoupage !== decoupage) return undefined;
    const complet = lignes.length === avantCommunes(t) + t.prefixes.length && octets.at(-1) === 10;
    if (!complet) return undefined;
    return expandTerritoires(t, lignes);
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
  const i = compactTerritoires(t, decoupage);
  const { format, departements, arrondissements } = i;
  const prefixes = i.communes.map(([prefixe]) => prefixe);
  const groupements = i.groupements.map(([code]) => code);
  const enTete: EnTete = {
    format,
    decoupage,
    departements,
    arrondissements,
    groupements,
    prefixes,
  };
  const lignes = [
    enTete,
    i.anciens,
    ...i.groupements.map(([, nom, nature, membres]) => [nom, nature, membres]),
    ...i.communes.map(([, c]) => c),
  ];
  writeFileSync(path, `${lignes.map((l) => JSON.stringify(l)).join('\n')}\n`);
}
