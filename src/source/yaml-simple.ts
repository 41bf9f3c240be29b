/**
 * A fast reader for the plain YAML a convention is written in: block maps and sequences, keys of
 * letters, digits, `_` and `-`, one-line scalars (plain, or quoted without escapes), one-line
 * flow sequences and maps of such scalars, comments, and block scalars (`>`, `>-`, `|`, `|-`) whose
 * lines all sit at one indentation with no blank or comment-like line among them (the grids'
 * legal texts). It gives exactly what the yaml library's
 * `toJS` gives under convflux's options (YAML 1.2, core schema) — or `undefined` as soon as the
 * text leaves that subset (anchors, tags, other block scalars, multi-line scalars, escapes, tabs,
 * duplicate keys, numbers in any form but `12` and `1.5`, anything unusual), and the caller then
 * asks the yaml library. The yaml library, cold, takes ≈ 10 ms for a 3 kB convention: most of a
 * one-bailleur `evaluate`'s reading of its conventions.
 */

interface Ligne {
  indent: number;
  /** The line after its indentation (comments still in). */
  texte: string;
  /** Its index among the text's lines (blank and comment lines count). */
  numero: number;
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
/** A negative `12` or `1.5` (not −0, which `toStrictEqual` tells from 0). */
const NEGATIF = /^-(?:[1-9][0-9]{0,14}(?:\.[0-9]{1,15})?|0\.[0-9]{0,14}[1-9][0-9]{0,14})$/;
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
    const lecteur = new Lecteur(lignes, text.split('\n'));
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
  const brutes = text.split('\n');
  for (let numero = 0; numero < brutes.length; numero++) {
    const brute = brutes[numero] ?? '';
    let indent = 0;
    while (brute.charCodeAt(indent) === 0x20) indent++;
    const texte = brute.slice(indent);
    if (texte !== '' && !texte.startsWith('#')) out.push({ indent, texte, numero });
  }
  return out;
}

/** The headers of the block scalars read here: folded or literal, clipped or stripped. */
const ENTETE_BLOC = /^([>|])(-?)$/;

class Lecteur {
  position = 0;
  constructor(
    private readonly lignes: Ligne[],
    /** Every line of the text, to see what lies between two useful ones. */
    private readonly brutes: readonly string[],
  ) {}

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
      out[cle] = vide(reste) ? this.blocSous(indent, true) : this.valeur(reste, indent, l.numero);
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
        this.lignes[this.position] = { indent: indent + decalage, texte: reste, numero: l.numero };
        out.push(this.map(indent + decalage));
      } else {
        this.position++;
        out.push(this.valeur(reste, indent, l.numero));
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

  /** What follows `cle: ` or `- ` on line `numero`: a block scalar's header or a one-line value. */
  private valeur(reste: string, indent: number, numero: number): unknown {
    const bloc = ENTETE_BLOC.exec(reste);
    if (!bloc) return this.enLigne(reste, indent);
    return this.blocScalaire(bloc[1] === '>', bloc[2] === '-', indent, numero);
  }

  /**
   * The lines of a block scalar whose header is on line `numero`: they follow it at once, all at
   * one indentation deeper than `indent`, with no blank line, no trailing space and nothing deeper
   * (a `#` line among them is content, dropped from `lignes`: the numbering shows it). Folded:
   * joined by spaces; literal: by line breaks; clipped: one final line break, which must be there.
   */
  private blocScalaire(plie: boolean, retire: boolean, indent: number, numero: number): string {
    const premiere = this.courante;
    if (!premiere || premiere.indent <= indent || premiere.numero !== numero + 1) sortir();
    const textes: string[] = [];
    let derniere = numero;
    for (let l = this.courante; l && l.indent > indent; l = this.courante) {
      if (l.indent !== premiere?.indent || l.numero !== derniere + 1 || / $/.test(l.texte))
        sortir();
      textes.push(l.texte);
      derniere = l.numero;
      this.position++;
    }
    // Between the block and the next useful line: empty lines only (no deeper comment, no spaces).
    const suivante = this.courante?.numero ?? this.brutes.length;
    for (let n = derniere + 1; n < suivante; n++) if (this.brutes[n] !== '') sortir();
    if (!retire && derniere + 1 >= this.brutes.length) sortir();
    return textes.join(plie ? ' ' : '\n') + (retire ? '' : '\n');
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
    const flux = new Flux(reste);
    const valeur = flux.collection();
    finDeLigne(reste.slice(flux.i));
    return valeur;
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

/** Flow collections nested deeper than this are left to the library. */
const PROFONDEUR_FLUX = 16;

/**
 * A one-line flow collection, nested ones included (`{ si: { egal: true } }`), read from `i`:
 * items are flow collections, quoted scalars or plain scalars ending at `,` `]` `}`; map keys are
 * plain names followed by `: `. No empty item, no trailing comma, nothing after a closing quote
 * but spaces before the separator: otherwise the library reads it.
 */
class Flux {
  i = 0;
  private profondeur = 0;
  constructor(private readonly texte: string) {}

  collection(): unknown {
    // Deep nesting is the library's to refuse, with its position (and no stack to overflow here).
    if (++this.profondeur > PROFONDEUR_FLUX) sortir();
    const ouvrant = this.texte.charAt(this.i);
    const fermant = ouvrant === '[' ? ']' : '}';
    this.i++;
    const liste: unknown[] = [];
    const map: Record<string, unknown> = {};
    this.espaces();
    if (this.texte.charAt(this.i) === fermant) {
      this.i++;
      this.profondeur--;
      return ouvrant === '[' ? liste : map;
    }
    for (;;) {
      if (ouvrant === '[') liste.push(this.element());
      else this.paire(map);
      this.espaces();
      const c = this.texte.charAt(this.i++);
      if (c === fermant) {
        this.profondeur--;
        return ouvrant === '[' ? liste : map;
      }
      if (c !== ',') sortir();
      this.espaces();
    }
  }

  private paire(map: Record<string, unknown>): void {
    const m = /^([A-Za-z_][A-Za-z0-9_-]*): +/.exec(this.texte.slice(this.i)) ?? sortir();
    const cle = cleLibre(m[1], map);
    this.i += m[0].length;
    map[cle] = this.element();
  }

  private element(): unknown {
    const c = this.texte.charAt(this.i);
    if (c === '[' || c === '{') return this.collection();
    if (c === '"' || c === "'") {
      const { valeur, apres } = citation(this.texte.slice(this.i));
      this.i = this.texte.length - apres.length;
      return valeur;
    }
    let fin = this.i;
    while (fin < this.texte.length && !',[]{}'.includes(this.texte.charAt(fin))) fin++;
    const brut = this.texte.slice(this.i, fin).replace(/ +$/, '');
    this.i = fin;
    return plain(brut, true);
  }

  private espaces(): void {
    while (this.texte.charCodeAt(this.i) === 0x20) this.i++;
  }
}

const retirerEspaces = (s: string): string => s.replace(/ +$/, '');

/** A plain scalar resolved as the core schema does (null, booleans, simple numbers, text). */
function plain(s: string, flux: boolean): unknown {
  if (NEGATIF.test(s)) return Number(s);
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
