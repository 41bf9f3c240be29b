/**
 * The reader of one declared field's cells, compiled once per grid. The common cell — a code
 * exactly as the grid writes it, plain digits — is recognised from its character codes, without
 * a trim, a copy or a hash, and a code is read as the grid's own string (one string shared by
 * every row). Any other cell goes to the field's checker (`lent`), which alone decides: the fast
 * path only returns what the checker would, since a code enters it only when the checker reads
 * that code as itself, and digits only when the field is a number read as the checker reads them.
 */
import type { Champ } from '../check/grille/grille.js';
import { coerceInteger } from '../input/read-table.js';
import type { Valeur } from './conditions.js';

/** A cell's value, or null when it is not one of the field (the caller reports it). */
export type Lecteur = (raw: unknown) => Valeur | null;

/** Codes grouped by length then by first character: a lookup is one or two `===`. */
class CodesExacts {
  private readonly parLongueur: (string[] | undefined)[] = [];
  constructor(codes: readonly string[]) {
    for (const code of codes) (this.parLongueur[code.length] ??= []).push(code);
  }
  /** The grid's code written exactly as `s`, else undefined. */
  trouver(s: string): string | undefined {
    const candidats = this.parLongueur[s.length];
    if (candidats === undefined) return undefined;
    const premier = s.charCodeAt(0);
    for (const code of candidats) if (code.charCodeAt(0) === premier && code === s) return code;
    return undefined;
  }
}

function memeValeur(a: Valeur | null, b: Valeur): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

function lecteurEnum(c: Champ, lent: Lecteur): Lecteur {
  const multiple = c.multiple === true;
  // Only the codes the checker reads as themselves (alone, for a multiple field).
  const exacts = new CodesExacts(
    Object.keys(c.valeurs ?? {}).filter((code) => memeValeur(lent(code), multiple ? [code] : code)),
  );
  return (raw) => {
    const code = typeof raw === 'string' ? exacts.trouver(raw) : undefined;
    if (code === undefined) return lent(raw);
    return multiple ? [code] : code;
  };
}

function lecteurNombre(c: Champ, lent: Lecteur): Lecteur {
  const { min, max } = c;
  return (raw) => {
    // 1 to 15 plain digits (below 2⁵³: the checker reads them the same way), else the checker.
    const n = typeof raw === 'string' ? coerceInteger(raw) : undefined;
    if (typeof n !== 'number') return lent(raw);
    return (min !== undefined && n < min) || (max !== undefined && n > max) ? null : n;
  };
}

/**
 * The reader of field `c`, in front of its checker `lent` (which reads every cell the fast path
 * leaves, and whose verdict and diagnostic stay the reference).
 */
export function lecteurChamp(c: Champ, lent: Lecteur): Lecteur {
  if (c.type === 'enum') return lecteurEnum(c, lent);
  if (c.type === 'nombre' || c.type === 'entier') return lecteurNombre(c, lent);
  return lent;
}
