/**
 * The compiled rules of the versions whose rule JSON is the same, built once and shared. The
 * rules are a pure function of a version's clauses and their defaults (convention-rules.ts), and
 * conventions repeat their clauses: France's 7 767 versions give 38 rule sets. Each thread that
 * builds an index kept one compiled copy a version (≈ 17 kB: ≈ 130 MB a thread in a France run).
 * Shared objects are read, never changed; a memo lives as long as the index built with it.
 */
import { compileRules, type CompiledRules } from './decide.js';
import type { CycleRule } from './convention-rules.js';

export interface ReglesCompilees {
  rules: CycleRule[];
  compiled: CompiledRules;
}

export class ReglesPartagees {
  private readonly parTexte = new Map<string, ReglesCompilees>();

  /** The shared rules equal to `rules` (compiled on first sight). */
  pour(rules: CycleRule[]): ReglesCompilees {
    const cle = JSON.stringify(rules);
    let r = this.parTexte.get(cle);
    if (!r) {
      r = { rules, compiled: compileRules(rules) };
      this.parTexte.set(cle, r);
    }
    return r;
  }
}
