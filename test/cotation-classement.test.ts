import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cotation } from '../src/cotation/noter.js';
import { Classement } from '../src/cotation/rang.js';

interface Ligne {
  numero: string;
  typologie: string | undefined;
  commune: string | undefined;
  score: number;
  depuis: string;
}

const cotation = (l: Ligne, i: number): Cotation => ({
  numero_unique: l.numero,
  ligne: i + 2,
  anciennete: { depuis: l.depuis, motif: 'date_depot', mois: 0, points_par_mois: 1, points: 0 },
  criteres: [],
  combinaison: 'multiplicative',
  facteur: 1,
  score: l.score,
  prioritaire: false,
  ...(l.typologie !== undefined ? { typologie: l.typologie } : {}),
  ...(l.commune !== undefined ? { commune: l.commune } : {}),
});

/** The rule as the issue states it, by sorting the requests of the same kind. */
function rangParTri(lignes: readonly Ligne[], cible: Ligne): { rang: number; sur: number } {
  const memes = lignes.filter(
    (l) => l.typologie === cible.typologie && l.commune === cible.commune,
  );
  const triees = [...memes].sort((a, b) => {
    if (a.score !== b.score) return b.score - a.score;
    if (a.depuis !== b.depuis) return a.depuis < b.depuis ? -1 : 1;
    return a.numero < b.numero ? -1 : a.numero > b.numero ? 1 : 0;
  });
  return { rang: triees.indexOf(cible) + 1, sur: memes.length };
}

const ligne = fc.record({
  typologie: fc.constantFrom('t1', 't2', undefined),
  commune: fc.constantFrom('67482', '67218', undefined),
  // Few values: many ties on the score, then on the date.
  score: fc.constantFrom(0, 4, 6.4, 6.400000000000001, 12.5),
  depuis: fc.constantFrom('2019-12-31', '2020-01-01', '2020-01-02', '2021-10-15'),
});

describe('Classement (rank among the requests of the same kind, in typed arrays)', () => {
  it('ranks as sorting the requests of the same kind does (score, seniority, numéro)', () => {
    fc.assert(
      fc.property(fc.array(ligne, { minLength: 1, maxLength: 300 }), fc.nat(), (sans, k) => {
        // Distinct numéros (duplicates are rejected before ranking), in a shuffled order.
        const lignes: Ligne[] = sans.map((l, i) => ({
          ...l,
          numero: `067${String((i * 7919) % 100_003).padStart(10, '0')}`,
        }));
        const cible = lignes[k % lignes.length] as Ligne;
        const classement = new Classement(cible.numero, (code) => code);
        lignes.forEach((l, i) => {
          classement.ajouter(cotation(l, i));
        });
        const i = lignes.indexOf(cible);
        expect(classement.rang(cotation(cible, i))).toEqual(rangParTri(lignes, cible));
      }),
      { numRuns: 300 },
    );
  });

  it('grows past its first arrays (5 000 requests of one kind, the last one ranked)', () => {
    const lignes = Array.from({ length: 5000 }, (_, i): Ligne => ({
      numero: `0671${String(i).padStart(9, '0')}`,
      typologie: 't3',
      commune: '67482',
      score: i % 10,
      depuis: '2020-01-01',
    }));
    const cible = lignes[4999] as Ligne;
    const classement = new Classement(cible.numero, (code) => code);
    lignes.forEach((l, i) => {
      classement.ajouter(cotation(l, i));
    });
    // Score 9: 500 requests, the 499 others with a smaller numéro come first.
    expect(classement.rang(cotation(cible, 4999))).toEqual({ rang: 500, sur: 5000 });
  });
});
