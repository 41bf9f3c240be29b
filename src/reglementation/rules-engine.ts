/**
 * The json-rules-engine boundary: the only place that talks to the engine's loosely typed API.
 * Rules stay the reference semantics; this file only runs them.
 */
import { createRequire } from 'node:module';
import type * as JsonRulesEngine from 'json-rules-engine';
import type { Engine, RuleProperties, TopLevelCondition } from 'json-rules-engine';
import type { ParamValue } from '../diagnostics/diagnostic.js';

export interface EngineRule {
  id: string;
  conditions: TopLevelCondition;
  /** Message parameters as json-rules-engine fact references. */
  params: Record<string, { fact: string; path?: string }>;
}

export interface FiredRule {
  id: string;
  params: Record<string, ParamValue>;
}

const isIsoDate = (v: unknown): v is string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

const require = createRequire(import.meta.url);
let lib: typeof JsonRulesEngine | undefined;

/**
 * json-rules-engine, loaded on first use (≈ 20 ms of CPU): `evaluate` with the compiled rules
 * never needs it. Same module instance as `import … from 'json-rules-engine'`.
 */
export const jsonRulesEngine = (): typeof JsonRulesEngine =>
  (lib ??= require('json-rules-engine') as typeof JsonRulesEngine);

function addOperators(engine: Engine): void {
  engine.addOperator(
    'dateAvant',
    (a: unknown, b: unknown) => isIsoDate(a) && isIsoDate(b) && a < b,
  );
  engine.addOperator(
    'dateApres',
    (a: unknown, b: unknown) => isIsoDate(a) && isIsoDate(b) && a > b,
  );
  engine.addOperator(
    'different',
    (a: unknown, b: unknown) => a !== undefined && a !== null && a !== b,
  );
  engine.addOperator('present', (a: unknown, b: unknown) => (a !== undefined && a !== null) === b);
  engine.addOperator(
    'horsDe',
    (a: unknown, b: unknown) => a !== undefined && a !== null && Array.isArray(b) && !b.includes(a),
  );
}

export const CUSTOM_OPERATORS = ['dateAvant', 'dateApres', 'different', 'horsDe', 'present'];

export function toParamValue(v: unknown): ParamValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/** Compiles rules into one engine; throws (with the rule id) when json-rules-engine rejects a rule. */
export function createEngine(rules: readonly EngineRule[]): Engine {
  const { Engine } = jsonRulesEngine();
  const engine = new Engine([], { allowUndefinedFacts: true, replaceFactsInEventParams: true });
  addOperators(engine);
  for (const rule of rules) {
    const properties: RuleProperties = {
      name: rule.id,
      conditions: rule.conditions,
      event: { type: rule.id, params: rule.params },
    };
    try {
      engine.addRule(properties);
    } catch (error) {
      throw new Error(`${rule.id}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }
  return engine;
}

/** Runs the engine on one set of facts; returns the rules that fired with their message parameters. */
export async function runEngine(
  engine: Engine,
  facts: Record<string, unknown>,
): Promise<FiredRule[]> {
  const { events } = await engine.run(facts);
  return events.map((event) => {
    const raw = (event.params ?? {}) as Record<string, unknown>;
    const params: Record<string, ParamValue> = {};
    for (const [k, v] of Object.entries(raw)) params[k] = toParamValue(v);
    return { id: event.type, params };
  });
}

/** Operators of a condition tree that neither json-rules-engine nor convflux defines. */
export function unknownOperators(conditions: unknown): string[] {
  const known = new Set<string>([
    'equal',
    'notEqual',
    'in',
    'notIn',
    'contains',
    'doesNotContain',
    'lessThan',
    'lessThanInclusive',
    'greaterThan',
    'greaterThanInclusive',
    ...CUSTOM_OPERATORS,
  ]);
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o['operator'] === 'string' && !known.has(o['operator'])) found.push(o['operator']);
      for (const k of ['all', 'any', 'not']) if (k in o) visit(o[k]);
    }
  };
  visit(conditions);
  return found;
}
