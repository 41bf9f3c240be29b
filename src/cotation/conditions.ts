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
  const contient = (s: ReadonlySet<Scalaire>, xs: readonly string[]): boolean => {
    for (const x of xs) if (s.has(x)) return true;
    return false;
  };
  return (xs) => {
    for (const s of some) if (!contient(s, xs)) return false;
    for (const x of xs) if (none.has(x)) return false;
    return true;
  };
}

/**
 * A test with one comparison, as one closure reading the value itself (no second call per
 * test: the usual criterion); undefined for the other tests. A list value goes to `list`.
 */
function singlePredicate(at: number, t: Test, list: (xs: readonly string[]) => boolean) {
  const { egal, dans, hors, superieur_a: gt, au_moins: ge, inferieur_a: lt, au_plus: le } = t;
  const n = [egal, dans, hors, gt, ge, lt, le].filter((x) => x !== undefined).length;
  if (n !== 1) return undefined;
  const lire =
    (check: (x: Scalaire) => boolean): Predicat =>
    (v) => {
      const x = v[at];
      if (x === undefined) return false;
      return Array.isArray(x) ? list(x) : check(x);
    };
  if (egal !== undefined)
    return (v: Valeurs): boolean => {
      const x = v[at];
      return x === egal || (Array.isArray(x) && list(x));
    };
  // One closure per comparison (not one taking the comparison): each stays monomorphic.
  if (gt !== undefined)
    return (v: Valeurs): boolean => {
      const x = v[at];
      return typeof x === 'number' ? x > gt : Array.isArray(x) && list(x);
    };
  if (ge !== undefined)
    return (v: Valeurs): boolean => {
      const x = v[at];
      return typeof x === 'number' ? x >= ge : Array.isArray(x) && list(x);
    };
  if (lt !== undefined)
    return (v: Valeurs): boolean => {
      const x = v[at];
      return typeof x === 'number' ? x < lt : Array.isArray(x) && list(x);
    };
  if (le !== undefined)
    return (v: Valeurs): boolean => {
      const x = v[at];
      return typeof x === 'number' ? x <= le : Array.isArray(x) && list(x);
    };
  // A few values: compared one by one (a code read by the grid's reader is the grid's own
  // string, so `===` is one comparison of references); NaN, which only a Set finds, excluded.
  if (dans && dans.length <= 8 && !dans.some((x) => Number.isNaN(x)))
    return (v: Valeurs): boolean => {
      const x = v[at];
      if (x === undefined) return false;
      if (Array.isArray(x)) return list(x);
      for (const d of dans) if (d === x) return true;
      return false;
    };
  const [check] = scalarChecks(t);
  return check && lire(check);
}

function fieldPredicate(at: number, t: Test, rapide: boolean): Predicat {
  const list = listTest(t);
  const single = rapide ? singlePredicate(at, t, list) : undefined;
  if (single) return single;
  const checks = scalarChecks(t);
  return (v) => {
    const x = v[at];
    if (x === undefined) return false;
    if (Array.isArray(x)) return list(x);
    for (const c of checks) if (!c(x)) return false;
    return true;
  };
}

/**
 * The condition as a predicate: every field test, and one of `une_de` when there is one.
 * `rapide` false: every test through the general closure (the reference of the property test).
 */
export function compiler(cond: Condition, place: Place, rapide = true): Predicat {
  const parts = testsOf(cond).map(([nom, t]) => fieldPredicate(place(nom), t, rapide));
  const alts = cond.une_de?.map((alt) => compiler(alt, place, rapide));
  const [first] = parts;
  if (!alts && parts.length === 1 && first) return first;
  return (v) => {
    for (const p of parts) if (!p(v)) return false;
    if (!alts) return true;
    for (const a of alts) if (a(v)) return true;
    return false;
  };
}
