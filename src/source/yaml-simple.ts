/**
 * A fast reader for the plain YAML a convention is written in: block maps and sequences, keys of
 * letters, digits, `_` and `-`, one-line scalars (plain, or quoted without escapes), one-line
 * flow sequences and maps of such scalars, comments. It gives exactly what the yaml library's
 * `toJS` gives under convflux's options (YAML 1.2, core schema) — or `undefined` as soon as the
 * text leaves that subset (anchors, tags, block scalars, multi-line scalars, escapes, tabs,
 * duplicate keys, numbers in any form but `12` and `1.5`, anything unusual), and the caller then
 * asks the yaml library. The yaml library, cold, takes ≈ 10 ms for a 3 kB convention: most of a
 * one-bailleur `evaluate`'s reading of its conventions.
 */

interface Ligne {
  indent: number;
  /** The line after its indentation (comments still in). */
  texte: string;
}

/** Thrown to leave the subset: the caller returns undefined. */
class HorsSousEnsemble extends Error {}

const sortir = (): never => {
  throw new HorsSousEnsemble();
};

/** Tabs, carriage returns, BOM, C0/C1 controls, Unicode line separators: left to the library. */
function caractereExclu(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 ? c !== 0x0a : (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029)
      return true;
    if (c === 0xfeff) return true;
  }
  return false;
}
const CLE = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)/;
/** Keys the core schema reads as null or a boolean, or that objects treat apart. */
const CLES_EXCLUES = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False']);
CLES_EXCLUES.add('FALSE').add('__proto__');
const ENTIER = /^(?:0|[1-9][0-9]{0,14})$/;
const DECIMAL = /^(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}$/;
/** Every other plain scalar the core schema reads as a number (signs, 0o, 0x, exponents, .inf…). */
const AUTRE_NOMBRE =
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
/** First characters of a plain scalar that would mean something else (indicators). */
const INDICATEURS = '-?:,[]{}#&*!|>\'"%@`';

/** The data of `text` when it is plain YAML of the subset above, else undefined. */
export function parseSimpleYaml(text: string): unknown {
  if (caractereExclu(text)) return undefined;
  const lignes = lignesUtiles(text);
  const premiere = lignes[0];
  if (!premiere || premiere.indent !== 0) return undefined;
  try {
    const lecteur = new Lecteur(lignes);
    const data = lecteur.map(0);
    return lecteur.position === lignes.length ? data : undefined;
  } catch (error) {
    if (error instanceof HorsSousEnsemble) return undefined;
    throw error;
  }
}

/** The lines that hold something (blank lines and comment lines say nothing of the structure). */
function lignesUtiles(text: string): Ligne[] {
  const out: Ligne[] = [];
  for (const brute of text.split('\n')) {
    let indent = 0;
    while (brute.charCodeAt(indent) === 0x20) indent++;
    const texte = brute.slice(indent);
    if (texte !== '' && !texte.startsWith('#')) out.push({ indent, texte });
  }
  return out;
}

class Lecteur {
  position = 0;
  constructor(private readonly lignes: Ligne[]) {}

  private get courante(): Ligne | undefined {
    return this.lignes[this.position];
  }

  /** A block map whose keys are at column `indent`. */
  map(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let l = this.courante; l && l.indent >= indent; l = this.courante) {
      if (l.indent > indent) sortir();
      const m = CLE.exec(l.texte) ?? sortir();
      const cle = cleLibre(m[1], out);
      const reste = l.texte.slice(m[0].length);
      this.position++;
      out[cle] = vide(reste) ? this.blocSous(indent, true) : this.enLigne(reste, indent);
    }
    return out;
  }

  /** A block sequence whose dashes are at column `indent`. */
  seq(indent: number): unknown[] {
    const out: unknown[] = [];
    for (let l = this.courante; l && l.indent === indent && estTiret(l.texte); l = this.courante) {
      const decalage = espacesApresTiret(l.texte);
      const reste = l.texte.slice(decalage);
      if (vide(reste)) {
        this.position++;
        out.push(this.blocSous(indent, false));
      } else if (CLE.test(reste)) {
        // `- cle: valeur`: a map whose keys are at the column of `cle`.
        this.lignes[this.position] = { indent: indent + decalage, texte: reste };
        out.push(this.map(indent + decalage));
      } else {
        this.position++;
        out.push(this.enLigne(reste, indent));
      }
    }
    return out;
  }

  /** The value of a key or dash with nothing after it: a deeper block, or null. */
  private blocSous(indent: number, dansMap: boolean): unknown {
    const l = this.courante;
    if (l && l.indent > indent) return estTiret(l.texte) ? this.seq(l.indent) : this.map(l.indent);
    // A map's sequence may sit at the map's own column.
    if (l && dansMap && l.indent === indent && estTiret(l.texte)) return this.seq(indent);
    return null;
  }

  /** A one-line value; the next line must not be deeper (that would continue the scalar). */
  private enLigne(reste: string, indent: number): unknown {
    const valeur = scalaireOuFlux(reste);
    const suivante = this.courante;
    if (suivante && suivante.indent > indent) sortir();
    return valeur;
  }
}

/** A key not yet in `map` that the core schema reads as text (the library's limit: 1 024). */
function cleLibre(cle: string | undefined, map: Record<string, unknown>): string {
  if (cle === undefined || cle.length > 1000 || CLES_EXCLUES.has(cle) || Object.hasOwn(map, cle))
    sortir();
  return cle ?? '';
}

const vide = (reste: string): boolean => reste === '' || reste.startsWith('#');
const estTiret = (texte: string): boolean => texte === '-' || texte.startsWith('- ');

function espacesApresTiret(texte: string): number {
  let i = 1;
  while (texte.charCodeAt(i) === 0x20) i++;
  return i;
}

/** A value after `cle: ` or `- `: a flow collection, a quoted or a plain scalar. */
function scalaireOuFlux(reste: string): unknown {
  const premier = reste.charAt(0);
  if (premier === '[' || premier === '{') {
    const fin = reste.indexOf(premier === '[' ? ']' : '}');
    if (fin < 0) sortir();
    finDeLigne(reste.slice(fin + 1));
    const items = elementsDeFlux(reste.slice(1, fin));
    return premier === '[' ? items.map(valeurDeFlux) : mapDeFlux(items);
  }
  if (premier === '"' || premier === "'") {
    const { valeur, apres } = citation(reste);
    finDeLigne(apres);
    return valeur;
  }
  const diese = reste.indexOf(' #');
  return plain(retirerEspaces(diese < 0 ? reste : reste.slice(0, diese)), false);
}

/** What follows a closing quote or bracket: spaces and a comment at most. */
function finDeLigne(apres: string): void {
  if (!/^(?: +#.*)? *$/.test(apres)) sortir();
}

/** A quoted scalar without escapes (no `\` in double quotes, no `''` in single quotes). */
function citation(texte: string): { valeur: string; apres: string } {
  const q = texte.charAt(0);
  const fin = texte.indexOf(q, 1);
  if (fin < 0) sortir();
  const valeur = texte.slice(1, fin);
  if ((q === '"' && valeur.includes('\\')) || (q === "'" && texte.charAt(fin + 1) === "'"))
    sortir();
  return { valeur, apres: texte.slice(fin + 1) };
}

/** The items of a one-line flow collection, split at commas (no nesting, no empty item). */
function elementsDeFlux(interieur: string): string[] {
  if (/[[\]{}]/.test(interieur)) sortir();
  if (interieur.trim() === '') return [];
  return interieur.split(',').map((item) => {
    const t = item.replace(/^ +| +$/g, '');
    if (t === '') sortir();
    return t;
  });
}

function valeurDeFlux(item: string): unknown {
  if (item.startsWith('"') || item.startsWith("'")) {
    const { valeur, apres } = citation(item);
    if (apres !== '') sortir();
    return valeur;
  }
  return plain(item, true);
}

function mapDeFlux(items: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of items) {
    const m = /^([A-Za-z_][A-Za-z0-9_-]*): +(.+)$/.exec(item) ?? sortir();
    out[cleLibre(m[1], out)] = valeurDeFlux(m[2] ?? '');
  }
  return out;
}

const retirerEspaces = (s: string): string => s.replace(/ +$/, '');

/** A plain scalar resolved as the core schema does (null, booleans, simple numbers, text). */
function plain(s: string, flux: boolean): unknown {
  if (s === '' || INDICATEURS.includes(s.charAt(0))) sortir();
  if (s.includes(': ') || s.endsWith(':') || s.includes(' #') || (flux && s.includes(':')))
    sortir();
  switch (s) {
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  if (ENTIER.test(s) || DECIMAL.test(s)) return Number(s);
  if (AUTRE_NOMBRE.test(s)) sortir();
  return s;
}
