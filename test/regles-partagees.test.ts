/**
 * Versions whose rule JSON is the same share one compiled copy (regles-partagees.ts), in the
 * index `loadConventions` builds and in the one a worker rebuilds from its description; versions
 * whose rules differ keep their own. The decisions are checked against json-rules-engine by the
 * compiled rules' property test; here, that sharing never joins two different rule sets.
 */
import { describe, expect, it } from 'vitest';
import {
  describeIndex,
  indexFromDescription,
  type ConventionIndex,
} from '../src/engine/convention-index.js';
import { loadConventions } from '../src/engine/load-conventions.js';
import { repoRoot } from './helpers.js';

function versions(index: ConventionIndex) {
  return index.entries.flatMap((e) => e.versions);
}

/** Each version's compiled rules are shared exactly with the versions of equal rule JSON. */
function expectSharedByJson(index: ConventionIndex): number {
  const vs = versions(index);
  for (const a of vs)
    for (const b of vs) {
      const same = JSON.stringify(a.rules) === JSON.stringify(b.rules);
      expect(a.compiled === b.compiled, `${a.file} / ${b.file}`).toBe(same);
      expect(a.rules === b.rules).toBe(same);
    }
  return new Set(vs.map((v) => v.compiled)).size;
}

describe('compiled rules shared by the versions that have the same', () => {
  it('in the bundled rules/ and in an index rebuilt from its description', async () => {
    const { index } = await loadConventions(['rules'], { lang: 'fr', cwd: repoRoot });
    const n = versions(index).length;
    const distinct = expectSharedByJson(index);
    // Not vacuous: the bundled conventions repeat clauses, so some versions share.
    expect(distinct).toBeLessThan(n);
    const rebuilt = indexFromDescription(structuredClone(describeIndex(index)));
    expect(expectSharedByJson(rebuilt)).toBe(distinct);
    // A version's engine (the reference) still runs on its own rules.
    const v = versions(rebuilt)[0];
    expect(v?.engine()).toBeDefined();
  });
});
