/**
 * The tie-breaks of the orientation aid on tiny hand-made years; each expected answer is derived
 * by hand in the comment above it (dû = part × flats counted, gap = dû − oriented).
 */
import { describe, expect, it } from 'vitest';
import { BAILLEUR, classer, type Candidat } from '../src/orientation/classement.js';
import {
  orienterAnnee,
  pointsHorsQuota,
  type AnneeOrientation,
  type LogementAnnee,
} from '../src/orientation/sequence.js';
import { optimum } from './orientation/optimum-exact.js';

const D93 = ['departement:93'];

/** A flat of département 93 for réservataires a and b (and the bailleur's rest). */
const logement = (id: string, extra: Partial<LogementAnnee> = {}): LogementAnnee => ({
  id,
  territoires: { a: D93, b: D93, [BAILLEUR]: D93 },
  ...extra,
});

const moitieMoitie = (logements: LogementAnnee[]): AnneeOrientation => ({
  parts: { a: 0.5, b: 0.5 },
  logements,
});

describe('wishes', () => {
  // L1: a and b are each owed 0,5 and each must get a flat by the 2nd; the earliest deadline is a
  // tie, so is the gap, and a would come first by name. b meets a wish, is within one flat of a,
  // and giving L1 to b leaves a owed 0,5 with L2 to come: safe, b first.
  // L2: a is owed 1 (it must get this one), b is owed 0 (another flat would put it one ahead):
  // a first, b's wish notwithstanding.
  it('a wish moves a candidate up only while everyone stays within one flat', () => {
    const pas = orienterAnnee(
      moitieMoitie([logement('L1', { voeux: { b: 1 } }), logement('L2', { voeux: { b: 2 } })]),
    );
    expect(pas.map((p) => p.choix)).toEqual(['b', 'a']);
    expect(pas[0]?.classement[0]?.motif).toBe('voeux');
    expect(pas[1]?.classement[0]?.motif).toBe('echeance');
    expect(pas[1]?.classement.find((c) => c.id === 'b')?.sous_quota).toBe(false);
    expect(Math.max(...pas.map((p) => p.ecart_max))).toBe(0.5);
  });

  // Parts a 0,5, b 0,3, c 0,2, 4 flats counted, each got one: a is owed 2 − 1 = 1 (out of quota
  // unless it gets this one), b 1,2 − 1 = 0,2, c 0,8 − 1 = −0,2. b meets two wishes and is within
  // one flat of a (0,2 > 1 − 1), but orienting to b leaves a one whole flat short: a first.
  it('never lets a wish take the flat from a candidate it is due to', () => {
    const c = (id: string, part: number, voeux: number): Candidat => ({
      id,
      contraintes: [],
      territoires: [{ territoire: 'departement:93', part, flux: 4, oriente: 1 }],
      voeux_satisfaits: voeux,
      filiere: false,
    });
    const rang = classer([c('a', 0.5, 0), c('b', 0.3, 2), c('c', 0.2, 0)]);
    expect(rang.map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(rang[0]).toMatchObject({ rang: 1, attente: 0, sur: true, motif: 'echeance' });
    expect(rang[1]).toMatchObject({ sous_quota: true, sur: false });
    expect(rang[2]).toMatchObject({ sous_quota: false });
  });

  // First flat of the year, parts a 0,5, b 0,3, c 0,2, nothing oriented yet: a's flat falls
  // due at the 2nd flat (1 / 0,5), b's at the 4th (⌈1 / 0,3⌉), c's at the 5th. c meets two
  // wishes. Given to c, L1 leaves a owed 1 at the 2nd flat: the next flat must go to a, and a
  // constraint on it would leave a one whole flat short (no flat of margin: 1 flat due within
  // the next 1). Given to a, the next two flats owe nothing (margin one flat). So c is safe
  // (`sur`) but its wishes do not move it up: a first.
  it('never lets a wish spend the last flat of margin of the others', () => {
    const c = (id: string, part: number, voeux: number): Candidat => ({
      id,
      contraintes: [],
      territoires: [{ territoire: 'departement:93', part, flux: 1, oriente: 0 }],
      voeux_satisfaits: voeux,
      filiere: false,
    });
    const rang = classer([c('a', 0.5, 0), c('b', 0.3, 0), c('c', 0.2, 2)]);
    expect(rang[0]).toMatchObject({ id: 'a', motif: 'echeance', sur: true });
    expect(rang.find((x) => x.id === 'c')).toMatchObject({ sous_quota: true, sur: true });
  });
});

describe('residence mix (« effet filière »)', () => {
  // L1: a and b tie as in the first case; a would exceed the filière threshold, b would not: b.
  // L2: a is owed one whole flat: a, filière or not. L3 (wishes 1 for a, filière for a): a and b
  // are owed 0,5 each again; wishes come before the residence mix: a.
  it('breaks a tie away from the contingent that would dominate the programme', () => {
    const pas = orienterAnnee(
      moitieMoitie([
        logement('L1', { filiere: { a: true } }),
        logement('L2', { filiere: { a: true } }),
        logement('L3', { filiere: { a: true }, voeux: { a: 1 } }),
      ]),
    );
    expect(pas.map((p) => p.choix)).toEqual(['b', 'a', 'a']);
    expect(pas.map((p) => p.classement[0]?.motif)).toEqual(['filiere', 'echeance', 'echeance']);
  });
});

describe('hard constraints and points hors quota', () => {
  // a (part 0,5) cannot receive L1 and L2 (stock défense): both go to the bailleur (part 0,5).
  // After L2: a is owed 1 and the bailleur got 2 for a dû of 1 — both one flat off, because of
  // a's constraints (for a: on L1 and L2; for the bailleur's excess: on L2, the flat that pushed
  // it). L3 goes to a (owed 1,5): a 0,5, bailleur −0,5. No orientation does better than 1.
  const annee: AnneeOrientation = {
    parts: { a: 0.5 },
    logements: [
      { id: 'L1', territoires: { a: D93 }, contraintes: { a: ['stock défense'] } },
      { id: 'L2', territoires: { a: D93 }, contraintes: { a: ['stock défense'] } },
      { id: 'L3', territoires: { a: D93 } },
    ],
  };

  it('ranks a constrained candidate last, unranked, and names the constraint', () => {
    const pas = orienterAnnee(annee);
    expect(pas.map((p) => p.choix)).toEqual([BAILLEUR, BAILLEUR, 'a']);
    expect(pas[0]?.classement.at(-1)).toMatchObject({
      id: 'a',
      rang: 0,
      contraintes: ['stock défense'],
    });
  });

  it('reports each point at one flat with the constraints responsible', () => {
    const choix = orienterAnnee(annee).map((p) => p.choix);
    const points = pointsHorsQuota(annee, choix);
    expect(points).toEqual([
      {
        indice: 1,
        logement: 'L2',
        reservataire: 'a',
        territoire: 'departement:93',
        ecart: 1,
        contraintes: [
          { logement: 'L1', reservataire: 'a', raisons: ['stock défense'] },
          { logement: 'L2', reservataire: 'a', raisons: ['stock défense'] },
        ],
        imbrication: false,
      },
      {
        indice: 1,
        logement: 'L2',
        reservataire: BAILLEUR,
        territoire: 'bailleur',
        ecart: -1,
        contraintes: [{ logement: 'L2', reservataire: 'a', raisons: ['stock défense'] }],
        imbrication: false,
      },
    ]);
  });

  it('the exact solver finds 1 here, and 0,5 for two free flats shared half and half', () => {
    expect(optimum(annee, 1)).toBe(1);
    expect(optimum(moitieMoitie([logement('L1'), logement('L2')]), 1)).toBe(0.5);
  });
});
