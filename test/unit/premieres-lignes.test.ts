import { describe, expect, it } from 'vitest';
import { PremieresLignes } from '../../src/input/premieres-lignes.js';
import { hashText } from '../../src/input/read-table.js';

/** Two different identifiers with the same 32-bit hash (found by brute force over `c<n>`). */
const COLLISION = ['c693596', 'c1170850'] as const;

describe('PremieresLignes (duplicate ids of the parc)', () => {
  it('gives the line of the first occurrence, exactly like a Map, through growth', () => {
    const vus = new PremieresLignes();
    const oracle = new Map<string, number>();
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let line = 2; line < 60_000; line++) {
      // A third of the ids repeat; some are not Latin-1, some are long or empty-ish.
      const n = next() % 40_000;
      const id =
        n % 97 === 0
          ? `logé-€-${String(n)}`
          : n % 89 === 0
            ? `${'x'.repeat(60)}${String(n)}`
            : `L${String(n)}`;
      const first = oracle.get(id);
      expect(vus.premiere(id, line)).toBe(first ?? 0);
      if (first === undefined) oracle.set(id, line);
    }
    expect(vus.count).toBe(oracle.size);
  });

  it('tells apart different ids with the same hash', () => {
    const [a, b] = COLLISION;
    expect(hashText(a)).toBe(hashText(b));
    const vus = new PremieresLignes();
    expect(vus.premiere(a, 2)).toBe(0);
    expect(vus.premiere(b, 3)).toBe(0);
    expect(vus.premiere(b, 4)).toBe(3);
    expect(vus.premiere(a, 5)).toBe(2);
  });

  it('sized up front for an estimate, it still grows past it', () => {
    const vus = new PremieresLignes(10);
    for (let i = 0; i < 5000; i++) expect(vus.premiere(`id-${String(i)}`, i + 2)).toBe(0);
    expect(vus.premiere('id-4999', 9999)).toBe(5001);
    expect(vus.count).toBe(5000);
  });
});
