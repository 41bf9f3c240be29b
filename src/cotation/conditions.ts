/** A grid's conditions compiled once into predicates on a request's values. */
import { testsOf, type Condition, type Scalaire, type Test } from './grille.js';

export type Valeur = Scalaire | string[] | undefined;
export type Valeurs = Readonly<Record<string, Valeur>>;
export type Predicat = (v: Valeurs) => boolean;

function scalarTest(t: Test): (x: Scalaire) => boolean {
  const checks: ((x: Scalaire) => boolean)[] = [];
  if (t.egal !== undefined) checks.push((x) => x === t.egal);
  if (t.dans) {
    const s = new Set<Scalaire>(t.dans);
    checks.push((x) => s.has(x));
  }
  if (t.hors) {
    const s = new Set<Scalaire>(t.hors);
    checks.push((x) => !s.has(x));
  }
  const { superieur_a: gt, au_moins: ge, inferieur_a: lt, au_plus: le } = t;
  if (gt !== undefined) checks.push((x) => typeof x === 'number' && x > gt);
  if (ge !== undefined) checks.push((x) => typeof x === 'number' && x >= ge);
  if (lt !== undefined) checks.push((x) => typeof x === 'number' && x < lt);
  if (le !== undefined) checks.push((x) => typeof x === 'number' && x <= le);
  return (x) => checks.every((c) => c(x));
}

/** A multi-valued field: `egal`/`dans` hold when one value matches, `hors` when none does. */
function listTest(t: Test): (xs: readonly string[]) => boolean {
  const some = [...(t.egal !== undefined ? [[t.egal]] : []), ...(t.dans ? [t.dans] : [])].map(
    (l) => new Set<Scalaire>(l),
  );
  const none = new Set<Scalaire>(t.hors ?? []);
  return (xs) => some.every((s) => xs.some((x) => s.has(x))) && !xs.some((x) => none.has(x));
}

function fieldPredicate(nom: string, t: Test): Predicat {
  const scalar = scalarTest(t);
  const list = listTest(t);
  return (v) => {
    const x = v[nom];
    if (x === undefined) return false;
    return Array.isArray(x) ? list(x) : scalar(x);
  };
}

/** The condition as a predicate: every field test, and one of `une_de` when there is one. */
export function compiler(cond: Condition): Predicat {
  const parts = testsOf(cond).map(([nom, t]) => fieldPredicate(nom, t));
  const alts = cond.une_de?.map(compiler);
  return (v) => parts.every((p) => p(v)) && (!alts || alts.some((a) => a(v)));
}

/** The fields a condition reads (to say which were not filled in). */
export function champsLus(cond: Condition, into = new Set<string>()): Set<string> {
  for (const [nom] of testsOf(cond)) into.add(nom);
  for (const alt of cond.une_de ?? []) champsLus(alt, into);
  return into;
}
