/**
 * The current commune a code written in a request or an attribution stands for: a former code
 * of a merged commune is its current commune's, an arrondissement municipal of Paris, Lyon or
 * Marseille is its commune (75111 → 75056); any other code is itself. Kinds of requests (rank,
 * waiting time) and `localisation_actuelle` compare communes so.
 */
import type { Territoires } from '../reference/territoires.js';

/** Arrondissement municipal → its commune, per geography (built when first asked). */
const parentsDe = new WeakMap<Territoires, Map<string, string>>();

export function communeCourante(t: Territoires, code: string): string {
  const c = t.anciens.get(code)?.code ?? code;
  let parents = parentsDe.get(t);
  if (!parents) {
    parents = new Map();
    for (const [commune, arrondissements] of t.arrondissements)
      for (const a of arrondissements) parents.set(a, commune);
    parentsDe.set(t, parents);
  }
  return parents.get(c) ?? c;
}
