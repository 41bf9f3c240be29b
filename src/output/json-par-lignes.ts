/**
 * `JSON.stringify(value, null, 2)` given line by line, so that a large result (France's
 * evaluation: 118 million characters, two bytes each since the French text has accents) is
 * written without ever being one string. The lines joined with `\n` are exactly the text
 * `JSON.stringify(value, null, 2)` returns (test/json-par-lignes.test.ts).
 *
 * Objects and arrays are opened down to `profondeur` levels; a value below that, or one with a
 * `toJSON`, is given by `JSON.stringify` itself, its lines indented to its place.
 */

const ESPACE = '  ';

type Conteneur = readonly unknown[] | Readonly<Record<string, unknown>>;

/**
 * An array, or a plain object without toJSON, which JSON.stringify opens the way `lignes` does
 * (a Date, a boxed string or any other object is left to JSON.stringify).
 */
function conteneur(value: unknown): value is Conteneur {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** What JSON.stringify leaves out of an object (and writes `null` for in an array). */
function omis(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** A value JSON.stringify writes whole, its lines after the first indented by `marge`. */
function entier(value: unknown, marge: string): string {
  // undefined only for a value that is itself left out (never passed by `lignes`).
  const texte = (JSON.stringify(value, null, 2) as string | undefined) ?? 'null';
  return marge ? texte.replace(/\n/g, `\n${marge}`) : texte;
}

/**
 * The lines of `value` at indentation `marge`: the first one starts with `tete` (a key, or
 * nothing), the last one ends with `queue` (a comma, or nothing).
 */
function* lignes(
  value: unknown,
  marge: string,
  tete: string,
  queue: string,
  profondeur: number,
): Generator<string> {
  if (profondeur === 0 || !conteneur(value)) {
    yield `${tete}${entier(value, marge)}${queue}`;
    return;
  }
  const dedans = marge + ESPACE;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield `${tete}[]${queue}`;
      return;
    }
    yield `${tete}[`;
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      const fin = i < value.length - 1 ? ',' : '';
      yield* lignes(omis(x) ? null : x, dedans, dedans, fin, profondeur - 1);
    }
    yield `${marge}]${queue}`;
    return;
  }
  const entrees = Object.entries(value).filter(([, x]) => !omis(x));
  if (entrees.length === 0) {
    yield `${tete}{}${queue}`;
    return;
  }
  yield `${tete}{`;
  for (let i = 0; i < entrees.length; i++) {
    const [cle, x] = entrees[i] as [string, unknown];
    const fin = i < entrees.length - 1 ? ',' : '';
    yield* lignes(x, dedans, `${dedans}${JSON.stringify(cle)}: `, fin, profondeur - 1);
  }
  yield `${marge}}${queue}`;
}

/** The lines of `JSON.stringify(value, null, 2)` (an object or an array opened 2 levels down). */
export function lignesJson(value: unknown, profondeur = 2): Generator<string> {
  return lignes(value, '', '', '', profondeur);
}

/**
 * The lines grouped into pieces of about `taille` characters (each piece: whole lines joined
 * with `\n`; the pieces joined with `\n` give the lines joined with `\n`): one write a piece.
 */
export function* parPieces(source: Iterable<string>, taille = 1 << 20): Generator<string> {
  let piece: string[] = [];
  let longueur = 0;
  for (const ligne of source) {
    piece.push(ligne);
    longueur += ligne.length + 1;
    if (longueur >= taille) {
      yield piece.join('\n');
      piece = [];
      longueur = 0;
    }
  }
  if (piece.length) yield piece.join('\n');
}
