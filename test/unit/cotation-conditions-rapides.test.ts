/**
 * The conditions' fast closures (one closure per single comparison, `dans` of a few values
 * compared one by one) against the general closure they stand in for (`compiler(…, false)`):
 * the same verdict for every condition of both shipped grids on generated and corrupted values,
 * and for generated tests of every kind (each comparison, `dans`/`hors` of numbers, booleans,
 * NaN, −0) on values of every kind (undefined, codes, other text, numbers, booleans, lists). The
 * same verdicts give the same criteria met, so the same score and explanation.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Condition, Grille, Scalaire, Test } from '../../src/check/grille/grille.js';
import { compiler, type Valeur } from '../../src/cotation/conditions.js';
import { champsDeLaGrille } from '../../src/cotation/demande.js';
import { chargerGrillesLivrees } from '../grilles-livrees.js';

const grilles: Grille[] = [];
beforeAll(async () => {
  grilles.push(...(await chargerGrillesLivrees()));
});

/** Every condition of a grid: criteria, their exclusive values, the priority. */
function conditions(g: Grille): Condition[] {
  const out: Condition[] = [];
  for (const grp of g.groupes)
    for (const c of grp.criteres) {
      out.push(c.si);
      for (const v of c.valeurs ?? []) out.push(v.si);
    }
  if (g.priorite) out.push(g.priorite.si);
  return out;
}

const scalaire: fc.Arbitrary<Scalaire> = fc.oneof(
  fc.integer({ min: -50, max: 50 }),
  fc.double({ noNaN: false, min: -100, max: 100 }),
  fc.constantFrom(0, -0, Number.NaN, 33, 10, 2, 30),
  fc.boolean(),
  fc.constantFrom('a', 'b', 'c', '', '10', 'oui'),
);

/** A value as a request holds it: codes of `codes`, or anything else a cell could become. */
function valeur(codes: readonly string[]): fc.Arbitrary<Valeur> {
  const code = codes.length ? fc.constantFrom(...codes) : fc.constant('x');
  return fc.oneof(
    fc.constant(undefined),
    code,
    // A code read from a cell is a string of its own, not the grid's: same text, equal.
    code.map((c) => ` ${c}`.slice(1)),
    code.map((c) => c.toUpperCase()),
    scalaire,
    fc.array(fc.oneof(code, fc.string({ maxLength: 3 })), { maxLength: 3 }),
  );
}

/** The codes a grid's conditions and fields name (to build values that meet them). */
function codes(g: Grille): string[] {
  const out = new Set<string>();
  for (const c of Object.values(g.champs)) for (const k of Object.keys(c.valeurs ?? {})) out.add(k);
  out.add('hors_epci').add('dans_epci').add('meme_commune').add('t1').add('t3');
  return [...out];
}

describe('the conditions compiled fast', () => {
  it('give the general closure’s verdict on every condition of both grids', () => {
    for (const g of grilles) {
      const { places } = champsDeLaGrille(g);
      const place = (nom: string): number => places.get(nom) ?? -1;
      const paires = conditions(g).map((c) => [compiler(c, place), compiler(c, place, false)]);
      expect(paires.length).toBeGreaterThan(5);
      const ligne = fc.array(valeur(codes(g)), {
        minLength: places.size,
        maxLength: places.size,
      });
      fc.assert(
        fc.property(ligne, (v) => {
          for (const [rapide, reference] of paires) expect(rapide?.(v)).toBe(reference?.(v));
        }),
        { numRuns: 3000 },
      );
    }
  });

  it('give the general closure’s verdict on tests of every kind', () => {
    const liste = fc.array(scalaire, { minLength: 1, maxLength: 10 });
    const test: fc.Arbitrary<Test> = fc.oneof(
      scalaire.map((egal) => ({ egal })),
      liste.map((dans) => ({ dans })),
      liste.map((hors) => ({ hors })),
      fc.double({ noNaN: true, min: -60, max: 60 }).map((superieur_a) => ({ superieur_a })),
      fc.integer({ min: -60, max: 60 }).map((au_moins) => ({ au_moins })),
      fc.integer({ min: -60, max: 60 }).map((inferieur_a) => ({ inferieur_a })),
      fc.double({ noNaN: true, min: -60, max: 60 }).map((au_plus) => ({ au_plus })),
      // Two comparisons: the general closure only (the fast path must step aside).
      fc.tuple(fc.integer(), liste).map(([au_moins, dans]) => ({ au_moins, dans })),
    );
    const place = (nom: string): number => (nom === 'f' ? 0 : -1);
    fc.assert(
      fc.property(
        test,
        fc.array(valeur(['a', 'b', 'c']), { minLength: 1, maxLength: 1 }),
        (t, v) => {
          const cond: Condition = { f: t };
          expect(compiler(cond, place)(v)).toBe(compiler(cond, place, false)(v));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
