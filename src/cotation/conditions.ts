/**
 * A grid's conditions compiled once into predicates on a request's values (plain loops: hot
 * path). The values are an array: each field at its place (champsDeLaGrille), resolved here once.
 */
import { testsOf, type Condition, type Scalaire, type Test } from '../check/grille/grille.js';

export type Valeur = Scalaire | string[] | undefined;
export type Valeurs = readonly Valeur[];
/** The place of a field in the values; -1 for a field the grid does not have. */
export type Place = (nom: string) => number;
export type Predicat = (v: Valeurs) => boolean;

type Check = (x: Scalaire) => boolean;

function scalarChecks(t: Test): Check[] {
  const checks: Check[] = [];
  const { egal, dans, hors, superieur_a: gt, au_moins: ge, inferieur_a: lt, au_plus: le } = t;
  if (egal !== undefined) checks.push((x) => x === egal);
  if (dans) {
    const s = new Set<Scalaire>(dans);
    checks.push((x) => s.has(x));
  }
  if (hors) {
    const s = new Set<Scalaire>(hors);
    checks.push((x) => !s.has(x));
  }
  if (gt !== undefined) checks.push((x) => typeof x === 'number' && x > gt);
  if (ge !== undefined) checks.push((x) => typeof x === 'number' && x >= ge);
  if (lt !== undefined) checks.push((x) => typeof x === 'number' && x < lt);
  if (le !== undefined) checks.push((x) => typeof x === 'number' && x <= le);
  return checks;
}

/** A multi-valued field: `egal`/`dans` hold when one value matches, `hors` when none does. */
function listTest(t: Test): (xs: readonly string[]) => boolean {
  const some = [...(t.egal !== undefined ? [[t.egal]] : []), ...(t.dans ? [t.dans] : [])].map(
    (l) => new Set<Scalaire>(l),
  );
  const none = new Set<Scalaire>(t.hors ?? []);
  return (xs) => {
    for (const s of some) if (!xs.some((x) => s.has(x))) return false;
    for (const x of xs) if (none.has(x)) return false;
    return true;
  };
}

function fieldPredicate(at: number, t: Test): Predicat {
  const checks = scalarChecks(t);
  const list = listTest(t);
  const [only] = checks;
  if (checks.length === 1 && only)
    return (v) => {
      const x = v[at];
      if (x === undefined) return false;
      return Array.isArray(x) ? list(x) : only(x);
    };
  return (v) => {
    const x = v[at];
    if (x === undefined) return false;
    if (Array.isArray(x)) return list(x);
    for (const c of checks) if (!c(x)) return false;
    return true;
  };
}

/** The condition as a predicate: every field test, and one of `une_de` when there is one. */
export function compiler(cond: Condition, place: Place): Predicat {
  const parts = testsOf(cond).map(([nom, t]) => fieldPredicate(place(nom), t));
  const alts = cond.une_de?.map((alt) => compiler(alt, place));
  const [first] = parts;
  if (!alts && parts.length === 1 && first) return first;
  return (v) => {
    for (const p of parts) if (!p(v)) return false;
    if (!alts) return true;
    for (const a of alts) if (a(v)) return true;
    return false;
  };
}
