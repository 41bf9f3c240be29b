import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiffre } from '../src/cotation/noter.js';

/** What the figures were written as before (`String()` of the number rounded to 0,001). */
const parString = (x: number): string => String(Math.round(x * 1000) / 1000);

describe('chiffre (figures written without V8’s number-to-string cache)', () => {
  it('writes every number as String() wrote it rounded to three decimals', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: false }),
          fc.double({ min: -1e6, max: 1e6 }),
          // Scores: whole months times a factor with up to three decimals.
          fc
            .tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 5000 }))
            .map(([m, f]) => m * (f / 1000)),
          fc.integer({ min: -1e7, max: 1e7 }).map((k) => k / 1000),
        ),
        (x) => {
          expect(chiffre(x, 'en')).toBe(parString(x));
          expect(chiffre(x, 'fr')).toBe(parString(x).replace('.', ',').replace('-', '−'));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('keeps the seed’s example and the edge cases', () => {
    for (const x of [
      6.4,
      4 * 1.6,
      0,
      -0,
      1.0005,
      2.675,
      999_999_999.999,
      1e9,
      35365065417834.2,
      1e21,
      -1e-7,
      Infinity,
      NaN,
    ])
      expect(chiffre(x, 'en')).toBe(parString(x));
    expect(chiffre(6.4, 'fr')).toBe('6,4');
  });
});
