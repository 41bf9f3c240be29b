/**
 * Deciding what one event means for a cycle, from the rules of the convention version in force:
 * either through json-rules-engine (the reference) or through the compiled predicates (the hot
 * path). Both return the same decisions in the same canonical order.
 */
import type { Engine } from 'json-rules-engine';
import { jsonRulesEngine } from '../reglementation/rules-engine.js';
import { compileConditions, type Facts, type Predicate } from './compile-conditions.js';
import { ORDRE_ACTIONS, type ActionParams, type CycleRule } from './convention-rules.js';

export interface Decision {
  /** Name of the rule that fired. */
  rule: string;
  params: ActionParams;
}

export interface DecisionFacts {
  evenement: { type: string; decision?: string; par?: string };
  cycle: { attribue: boolean; compte: boolean };
}

const rank = new Map(ORDRE_ACTIONS.map((a, i) => [a, i]));

export function canonicalOrder(decisions: Decision[]): Decision[] {
  return decisions.sort(
    (a, b) =>
      (rank.get(a.params.action) ?? 0) - (rank.get(b.params.action) ?? 0) ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}

export interface CompiledRules {
  rules: readonly CycleRule[];
  predicates: readonly Predicate[];
}

export function compileRules(rules: readonly CycleRule[]): CompiledRules {
  return { rules, predicates: rules.map((r) => compileConditions(r.conditions)) };
}

/** The hot path: plain functions compiled from the same rule JSON. */
export function decideCompiled(compiled: CompiledRules, facts: DecisionFacts): Decision[] {
  const out: Decision[] = [];
  const f = facts as unknown as Facts;
  for (let i = 0; i < compiled.rules.length; i++) {
    const rule = compiled.rules[i];
    if (rule && compiled.predicates[i]?.(f))
      out.push({ rule: rule.name, params: rule.event.params });
  }
  return out.length > 1 ? canonicalOrder(out) : out;
}

/** The reference: json-rules-engine itself. */
export function engineFor(rules: readonly CycleRule[]): Engine {
  const { Engine } = jsonRulesEngine();
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const r of rules)
    engine.addRule({
      name: r.name,
      priority: r.priority,
      conditions: r.conditions,
      event: { type: r.name, params: r.event.params },
    });
  return engine;
}

export async function decideWithEngine(
  engine: Engine,
  rules: readonly CycleRule[],
  facts: DecisionFacts,
): Promise<Decision[]> {
  const { events } = await engine.run({ ...facts });
  const byName = new Map(rules.map((r) => [r.name, r]));
  const out: Decision[] = [];
  for (const e of events) {
    const rule = byName.get(e.type);
    if (rule) out.push({ rule: rule.name, params: rule.event.params });
  }
  return canonicalOrder(out);
}
