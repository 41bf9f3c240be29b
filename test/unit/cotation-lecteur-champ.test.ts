/**
 * The fast readers of a request's cells against the checkers they stand in front of: every
 * field of both shipped grids, on generated cells (the grid's codes, digits) and corrupted ones
 * (case, spaces, separators, signs, decimals, long digit strings, JSON values). Same verdict and
 * same value, so the same diagnostic (champsDeclares builds it from the verdict). And the
 * communes' table against the geography it remembers.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Champ, Grille } from '../../src/check/grille/grille.js';
import { CommunesConnues } from '../../src/cotation/communes-connues.js';
import { champsDeLaGrille, verificateurChamp } from '../../src/cotation/demande.js';
import { lecteurChamp } from '../../src/cotation/lecteur-champ.js';
import { territoires } from '../../src/reference/territoires.js';
import { chargerGrillesLivrees } from '../grilles-livrees.js';

const grilles: Grille[] = [];
beforeAll(async () => {
  grilles.push(...(await chargerGrillesLivrees()));
});

/** A text written from `parts`, then changed as files change it. */
function corrompu(parts: readonly string[]): fc.Arbitrary<string> {
  const base = fc.oneof(
    fc.constantFrom(...parts),
    fc.array(fc.constantFrom(...parts), { minLength: 1, maxLength: 3 }).map((xs) => xs.join('|')),
  );
  return fc.tuple(base, fc.nat(9), fc.string({ maxLength: 3 })).map(([s, k, x]) => {
    switch (k) {
      case 0:
        return s.toUpperCase();
      case 1:
        return ` ${s}`;
      case 2:
        return `${s} `;
      case 3:
        return s.slice(0, -1);
      case 4:
        return s + x;
      case 5:
        return x + s;
      case 6:
        return s.replace(/\|/g, ' | ');
      default:
        return s;
    }
  });
}

const chiffres = fc.oneof(
  fc.nat(2000).map(String),
  fc.integer({ min: -200_000, max: 200_000 }).map(String),
  fc.stringMatching(/^[0-9]{1,20}$/),
  fc.double({ noNaN: false }).map(String),
  fc.tuple(fc.nat(999), fc.nat(99)).map(([a, b]) => `${String(a)},${String(b)}`),
  fc.tuple(fc.nat(999), fc.nat(99)).map(([a, b]) => `${String(a)}.${String(b)}`),
  fc.nat(99).map((n) => ` ${String(n)} `),
  fc.constantFrom('0x10', '1e3', '+5', '-0', '00', '007', '1_000', 'Infinity', 'NaN', '١٢'),
);

const json = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
);

describe('the fast readers of a request’s fields', () => {
  it('read every cell as the field’s checker does (both grids, every field)', () => {
    for (const g of grilles) {
      const lus = champsDeLaGrille(g).lus;
      for (const [k, [nom, champ, lire]] of lus.entries()) {
        const verifier = verificateurChamp(champ, k === 0);
        const codes = Object.keys(champ.valeurs ?? {});
        const cellule = fc.oneof(
          corrompu([...codes, 'oui', 'non', 'vrai', 't3', 'T3']),
          chiffres,
          fc.string({ maxLength: 8 }),
          json,
        );
        fc.assert(
          fc.property(cellule, (raw) => {
            expect(lire(raw), `${nom}: ${JSON.stringify(raw)}`).toEqual(verifier(raw));
          }),
          { numRuns: 600 },
        );
        // Every code and every bound as written, read alike.
        for (const raw of [...codes, String(champ.min ?? 0), String(champ.max ?? 0)])
          expect(lire(raw), `${nom}: ${raw}`).toEqual(verifier(raw));
      }
    }
  });

  it('leave to the checker a code it does not read as itself', () => {
    const champs: Champ[] = [
      { type: 'enum', libelle: 'x', valeurs: { ' a': 'A', 'b ': 'B', c: 'C' } },
      { type: 'enum', libelle: 'x', multiple: true, valeurs: { 'b|c': 'BC', c: 'C', ' d': 'D' } },
    ];
    for (const c of champs) {
      const lire = lecteurChamp(c, verificateurChamp(c));
      for (const raw of [...Object.keys(c.valeurs ?? {}), 'a', 'b', 'c', 'd', 'b|c'])
        expect(lire(raw), raw).toEqual(verificateurChamp(c)(raw));
    }
  });
});

describe('CommunesConnues', () => {
  it('answers as the geography, asked once or many times', () => {
    const t = territoires();
    const membres = new Set(['67482', '67218', '2A004']);
    const connues = new CommunesConnues(t, membres);
    const code = fc.oneof(
      fc.stringMatching(/^[0-9]{5}$/),
      fc.constantFrom('67482', '67218', '75056', '2A004', '2B033', '97411', '00000', '99999'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(code, { maxLength: 40 }), (codes) => {
        for (const c of [...codes, ...codes]) {
          expect(connues.connue(c)).toBe(t.communes.has(c) || t.anciens.has(c));
          expect(connues.membre(c)).toBe(membres.has(c));
        }
      }),
      { numRuns: 300 },
    );
  });
});
