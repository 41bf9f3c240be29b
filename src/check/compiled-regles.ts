/**
 * The regulation rules as plain functions, compiled once per process with the flux engine's
 * compiler (src/engine/compile-conditions.ts, proven equal to json-rules-engine by a property
 * test). `check` runs them for every version and every parameter date: going through the
 * engine's promises and JSONPath there cost more than parsing the files.
 */
import { compileConditions, compileFactReader, type Facts } from '../engine/compile-conditions.js';
import type { ParamValue } from '../diagnostics/diagnostic.js';
import type { Reglementation } from '../reglementation/load-reglementation.js';
import type { Regle } from '../reglementation/regle.js';
import { toParamValue, type FiredRule } from '../reglementation/rules-engine.js';

interface CompiledRegle {
  id: string;
  test: (facts: Facts) => boolean;
  params: [string, (facts: Facts) => unknown][];
}

export interface CompiledRegles {
  /** Rules run once per version and date. */
  global: CompiledRegle[];
  /** Rules run for each element of a list, by list pointer. */
  elements: Map<string, CompiledRegle[]>;
}

function compile(regle: Regle): CompiledRegle {
  return {
    id: regle.id,
    test: compileConditions(regle.conditions),
    params: Object.entries(regle.params).map(([k, ref]) => [
      k,
      compileFactReader(ref.fact, ref.path),
    ]),
  };
}

const cache = new WeakMap<Reglementation, CompiledRegles | null>();

/**
 * The compiled rules, or null when one cannot be compiled or the engine refused one (then the
 * caller runs json-rules-engine, the reference semantics).
 */
export function compiledRegles(reglementation: Reglementation): CompiledRegles | null {
  const known = cache.get(reglementation);
  if (known !== undefined) return known;
  let compiled: CompiledRegles | null = null;
  if (!reglementation.diagnostics.some((d) => d.code === 'REGLEMENTATION_INVALIDE')) {
    try {
      const elements = new Map<string, CompiledRegle[]>();
      const global: CompiledRegle[] = [];
      for (const regle of reglementation.regles) {
        const list = regle.pourChaque;
        if (list === undefined) global.push(compile(regle));
        else (elements.get(list) ?? elements.set(list, []).get(list))?.push(compile(regle));
      }
      compiled = { global, elements };
    } catch {
      compiled = null;
    }
  }
  cache.set(reglementation, compiled);
  return compiled;
}

/** The rules of `rules` that fire on `facts`, with their message parameters. */
export function fire(rules: readonly CompiledRegle[], facts: Facts): FiredRule[] {
  const fired: FiredRule[] = [];
  for (const rule of rules) {
    if (!rule.test(facts)) continue;
    const params: Record<string, ParamValue> = {};
    for (const [k, read] of rule.params) params[k] = toParamValue(read(facts));
    fired.push({ id: rule.id, params });
  }
  return fired;
}
