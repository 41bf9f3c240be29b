import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumerosVus } from '../src/cotation/numeros-vus.js';

const ALNUM = Array.from('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');
const numero = fc
  .array(fc.constantFrom(...ALNUM), { minLength: 6, maxLength: 24 })
  .map((cs) => cs.join(''));

describe('NumerosVus (duplicate numéros, packed six bits a character)', () => {
  it('answers exactly as a Map of the first line of each numéro', () => {
    fc.assert(
      fc.property(
        fc.array(numero, { maxLength: 400 }),
        fc.integer({ min: 0, max: 40 }),
        (ns, r) => {
          // Repeat some numéros, and numéros that differ only by case or by their last character.
          const rows = [...ns, ...ns.slice(0, r), ...ns.slice(0, r).map((n) => n.toLowerCase())];
          const vus = new NumerosVus();
          const reference = new Map<string, number>();
          rows.forEach((n, line) => {
            expect(vus.premiere(n, line + 2)).toBe(reference.get(n));
            if (!reference.has(n)) reference.set(n, line + 2);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answers as a Map for numéros of digits only, leading zeros and lengths kept apart', () => {
    const chiffres = fc
      .array(fc.constantFrom(...Array.from('0001234567899')), { minLength: 6, maxLength: 17 })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(chiffres, { maxLength: 300 }), (ns) => {
        // Each numéro also with one zero more in front and one digit less: other requests.
        const rows = ns.flatMap((n) => [n, `0${n}`, n.slice(1), n]);
        const vus = new NumerosVus();
        const reference = new Map<string, number>();
        rows.forEach((n, line) => {
          expect(vus.premiere(n, line + 2)).toBe(reference.get(n));
          if (!reference.has(n)) reference.set(n, line + 2);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('keeps apart a numéro of 15 digits and the same with a letter (two tables)', () => {
    const vus = new NumerosVus();
    expect(vus.premiere('999999999999999', 2)).toBeUndefined();
    expect(vus.premiere('0999999999999999', 3)).toBeUndefined();
    expect(vus.premiere('99999999999999A', 4)).toBeUndefined();
    expect(vus.premiere('999999999999999', 5)).toBe(2);
    expect(vus.premiere('0999999999999999', 6)).toBe(3);
    expect(vus.premiere('99999999999999A', 7)).toBe(4);
  });

  it('keeps them apart through many rehashes (100 000 numéros, one repeated at the end)', () => {
    const vus = new NumerosVus();
    for (let i = 0; i < 100_000; i++)
      expect(vus.premiere(`0671${String(i).padStart(9, '0')}`, i + 2)).toBeUndefined();
    expect(vus.premiere('0671000012345', 100_002)).toBe(12_347);
    expect(vus.premiere('0671000012345A', 100_003)).toBeUndefined();
    expect(vus.premiere('067100001234', 100_004)).toBeUndefined();
  });
});
