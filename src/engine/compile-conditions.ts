/**
 * Compiles json-rules-engine condition JSON to plain functions, with json-rules-engine's own
 * semantics (operators, fact-value validators, undefined facts). The hot path of the flux engine
 * uses it; the property test in test/engine-equivalence.test.ts checks it against the engine.
 */
import type { NestedCondition, TopLevelCondition } from 'json-rules-engine';

export type Facts = Record<string, unknown>;
export type Predicate = (facts: Facts) => boolean;

const isNumber = (v: unknown): boolean => Number.parseFloat(v as string).toString() !== 'NaN';
const isIsoDate = (v: unknown): v is string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

type Comparator = (a: unknown, b: unknown) => boolean;

/** json-rules-engine's default operators (engine-default-operators.js) and convflux's own. */
const OPERATORS: Record<string, { test: Comparator; validate?: (a: unknown) => boolean }> = {
  equal: { test: (a, b) => a === b },
  notEqual: { test: (a, b) => a !== b },
  in: { test: (a, b) => (b as unknown[]).indexOf(a) > -1 },
  notIn: { test: (a, b) => (b as unknown[]).indexOf(a) === -1 },
  contains: { test: (a, b) => (a as unknown[]).indexOf(b) > -1, validate: Array.isArray },
  doesNotContain: { test: (a, b) => (a as unknown[]).indexOf(b) === -1, validate: Array.isArray },
  lessThan: { test: (a, b) => (a as number) < (b as number), validate: isNumber },
  lessThanInclusive: { test: (a, b) => (a as number) <= (b as number), validate: isNumber },
  greaterThan: { test: (a, b) => (a as number) > (b as number), validate: isNumber },
  greaterThanInclusive: { test: (a, b) => (a as number) >= (b as number), validate: isNumber },
  dateAvant: { test: (a, b) => isIsoDate(a) && isIsoDate(b) && a < b },
  dateApres: { test: (a, b) => isIsoDate(a) && isIsoDate(b) && a > b },
  different: { test: (a, b) => a !== undefined && a !== null && a !== b },
  present: { test: (a, b) => (a !== undefined && a !== null) === b },
  horsDe: {
    test: (a, b) => a !== undefined && a !== null && Array.isArray(b) && !b.includes(a),
  },
};

/** `$.a.b` → ['a', 'b']; anything fancier is refused (rules must stay simple to compile). */
function pathSegments(path: string | undefined): string[] {
  if (path === undefined || path === '' || path === '$') return [];
  if (!/^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(path))
    throw new Error(`chemin de fait non compilable : ${path}`);
  return path.slice(2).split('.');
}

/** A fact's value at a path, as json-rules-engine's almanac gives it (a non-object fact is its own value). */
function read(facts: Facts, fact: string, segments: readonly string[]): unknown {
  let node: unknown = facts[fact];
  if (node === null || typeof node !== 'object') return node;
  for (const s of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[s];
  }
  return node;
}

/** Reads `{ fact, path }` (a condition's value or an event parameter) as the engine does. */
export function compileFactReader(fact: string, path?: string): (facts: Facts) => unknown {
  const segments = pathSegments(path);
  return (f) => read(f, fact, segments);
}

const isFactRef = (v: unknown): v is { fact: string; path?: string } =>
  v !== null && typeof v === 'object' && 'fact' in v && typeof v.fact === 'string';

function compileNested(node: NestedCondition): Predicate {
  if ('all' in node) {
    const parts = node.all.map(compileNested);
    return (f) => parts.every((p) => p(f));
  }
  if ('any' in node) {
    const parts = node.any.map(compileNested);
    return (f) => parts.some((p) => p(f));
  }
  if ('not' in node) {
    const inner = compileNested(node.not);
    return (f) => !inner(f);
  }
  if ('condition' in node) throw new Error(`condition nommée non compilable : ${node.condition}`);
  const operator = OPERATORS[node.operator];
  if (!operator) throw new Error(`opérateur inconnu : ${node.operator}`);
  const value: unknown = node.value;
  if (isFactRef(value) && 'params' in value)
    throw new Error('valeur tirée d’un fait avec paramètres : non compilable');
  // A value read from a fact (e.g. a regulation parameter), as the almanac resolves it.
  const right = isFactRef(value) ? compileFactReader(value.fact, value.path) : () => value;
  const { fact } = node;
  const segments = pathSegments(node.path);
  const { test, validate } = operator;
  return (f) => {
    const v = read(f, fact, segments);
    if (validate && !validate(v)) return false;
    return test(v, right(f));
  };
}

/** A predicate with the engine's semantics for `allowUndefinedFacts: true`. */
export function compileConditions(conditions: TopLevelCondition): Predicate {
  return compileNested(conditions);
}
