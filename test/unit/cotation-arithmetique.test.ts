/**
 * Properties of scoring: the formula shown in the explanation, evaluated, always equals the
 * score (both grids, any request); the whole months are the largest count that fits.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../src/convention/calendar.js';
import type { Valeur } from '../../src/cotation/conditions.js';
import { champsDeLaGrille, type Demande } from '../../src/cotation/demande.js';
import { expliquer } from '../../src/cotation/format-cotation.js';
import type { Grille } from '../../src/check/grille/grille.js';
import { moisEntiers } from '../../src/cotation/mois-entiers.js';
import { creerNoteur, formule } from '../../src/cotation/noter.js';
import { chargerGrillesLivrees } from '../grilles-livrees.js';

/** Evaluates « 4 × (1 + 0,3 + 0,3) »: numbers with a decimal comma, +, × and parentheses. */
function evaluer(expr: string): number {
  const tokens =
    expr
      .replace(/ − /g, ' + −') // a malus: « 6 − 20 » is 6 + (−20)
      .replace(/,/g, '.')
      .replace(/−/g, '-')
      .match(/-?\d+(\.\d+)?|[+×()]/g) ?? [];
  let i = 0;
  const atom = (): number => {
    const t = tokens[i++];
    if (t === '(') {
      const v = sum();
      i++;
      return v;
    }
    return Number(t);
  };
  const product = (): number => {
    let v = atom();
    while (tokens[i] === '×') {
      i++;
      v *= atom();
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (tokens[i] === '+') {
      i++;
      v += product();
    }
    return v;
  };
  return sum();
}

const grilles: Grille[] = [];
beforeAll(async () => {
  grilles.push(...(await chargerGrillesLivrees()));
});

const dateArb = fc
  .date({
    min: new Date('2015-01-01T00:00:00Z'),
    max: new Date('2025-06-30T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

/** Random values for every field a grid declares (some left out). */
function valeursArb(g: Grille): fc.Arbitrary<Record<string, unknown>> {
  const parts: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [nom, c] of Object.entries(g.champs)) {
    if (c.calcul) continue;
    const keys = Object.keys(c.valeurs ?? {});
    parts[nom] =
      c.type === 'booleen'
        ? fc.boolean()
        : c.type === 'enum'
          ? c.multiple
            ? fc.subarray(keys)
            : fc.constantFrom(...keys)
          : c.type === 'entier'
            ? fc.integer({ min: c.min ?? 0, max: c.max ?? 30 })
            : fc.double({ min: 0, max: 100, noNaN: true });
  }
  parts['localisation_actuelle'] = fc.constantFrom('hors_epci', 'dans_epci', 'meme_commune');
  return fc.record(parts, { requiredKeys: [] });
}

describe('the explanation’s arithmetic', () => {
  it('equals the score, for both grids and any request', () => {
    for (const g of grilles) {
      const noteur = creerNoteur(g);
      fc.assert(
        fc.property(
          dateArb,
          fc.array(dateArb, { maxLength: 3 }),
          valeursArb(g),
          (depot, refus, valeurs) => {
            const v = { ...valeurs } as Record<string, Valeur>;
            const [a, b] = [v['occupants'], v['pieces_logement_actuel']];
            if (typeof a === 'number' && typeof b === 'number') {
              v['ecart_occupation'] = Math.abs(a - b);
              v['sur_occupation'] = a - b;
            }
            const places = champsDeLaGrille(g).places;
            const enPlace: Valeur[] = [];
            for (const [nom, i] of places) enPlace[i] = v[nom];
            const d: Demande = {
              numero_unique: 'PROP000001',
              ligne: 2,
              date_depot: depot,
              dates_refus: refus.filter((r) => r >= depot).sort(),
              communes_souhaitees: [],
              valeurs: enPlace,
            };
            const c = noteur.noter(d, '2025-06-30');
            const sides = formule(c, 'fr').split(' = ');
            for (const side of sides) expect(evaluer(side)).toBeCloseTo(c.score, 9);
            expect(evaluer(sides[0] ?? '')).toBeCloseTo(
              c.anciennete.points * (g.combinaison === 'multiplicative' ? c.facteur : 1) +
                (g.combinaison === 'additive' ? c.facteur : 0),
              9,
            );
            const lines = expliquer(c, g, '2025-06-30', 'fr');
            expect(lines).toContain(
              `Cotation : ${String(c.score).replace('.', ',')} point${Math.abs(c.score) >= 2 ? 's' : ''}`,
            );
            expect(c.anciennete.mois).toBe(moisEntiers(c.anciennete.depuis, '2025-06-30'));
          },
        ),
        { numRuns: 300 },
      );
    }
  });
});

describe('whole months', () => {
  it('are the largest count of months that fits, rounded down', () => {
    fc.assert(
      fc.property(dateArb, dateArb, (x, y) => {
        const [from, to] = x <= y ? [x, y] : [y, x];
        const m = moisEntiers(from, to);
        expect(addMonths(from, m) <= to).toBe(true);
        expect(addMonths(from, m + 1) > to).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
  it('count a month on the last day of a shorter month (31 January → 28 February)', () => {
    expect(moisEntiers('2025-01-31', '2025-02-27')).toBe(0);
    expect(moisEntiers('2025-01-31', '2025-02-28')).toBe(1);
    expect(moisEntiers('2024-08-30', '2025-06-30')).toBe(10);
    expect(moisEntiers('2024-08-30', '2025-02-28')).toBe(6);
  });
});
