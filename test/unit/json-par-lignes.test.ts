import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lignesJson, parPieces } from '../../src/output/json-par-lignes.js';

const attendu = (v: unknown): string => JSON.stringify(v, null, 2);

/** JSON values, and what JSON.stringify leaves out or writes its own way. */
const valeur = fc.letrec((tie) => ({
  valeur: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(undefined, () => 1, Symbol('s'), new Date(0), -0, Number.NaN, 'é\n"\u2028'),
    fc.constant({ toJSON: () => ({ remplace: [1, 2] }) }),
    fc.array(tie('valeur'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('valeur'), { maxKeys: 4 }),
    tie('valeur').map((x) => Object.assign(Object.create(null) as object, { x })),
  ),
}));

describe('lignesJson', () => {
  it('gives, lines joined, exactly JSON.stringify(value, null, 2), at every depth', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.array(valeur.valeur), fc.dictionary(fc.string(), valeur.valeur)),
        fc.integer({ min: 0, max: 5 }),
        (v, profondeur) => {
          expect([...lignesJson(v, profondeur)].join('\n')).toBe(attendu(v));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('opens what is empty, left out or not plain the way JSON.stringify does', () => {
    const cas: unknown[] = [
      {},
      [],
      { a: undefined, b: () => 1 },
      [undefined, () => 1, Symbol('x')],
      { a: { b: [] }, c: [{}], d: new Date(86_400_000) },
      // A boxed string and a class instance are not opened (JSON.stringify writes "ab", {"x":1}).
      {
        s: Object('ab') as unknown,
        k: new (class K {
          x = 1;
        })(),
      },
    ];
    for (const v of cas) expect([...lignesJson(v, 4)].join('\n')).toBe(attendu(v));
  });

  it('writes a large array element by element: no line holds the whole', () => {
    const v = { alertes: Array.from({ length: 1000 }, (_, i) => ({ i, message: 'écart' })) };
    const lignes = [...lignesJson(v)];
    expect(lignes.length).toBeGreaterThan(1000);
    expect(Math.max(...lignes.map((l) => l.length))).toBeLessThan(200);
  });
});

describe('parPieces', () => {
  it('groups whole lines: the pieces joined with a line end are the lines joined', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'é', ' ') })),
        fc.integer({ min: 1, max: 20 }),
        (lignes, taille) => {
          const pieces = [...parPieces(lignes, taille)];
          expect(pieces.join('\n')).toBe(lignes.join('\n'));
          if (lignes.length === 0) expect(pieces).toEqual([]);
        },
      ),
    );
  });
});
