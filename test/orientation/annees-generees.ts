/**
 * Generated years for the equity property tests (issue 12): one bailleur's freed flats, in a
 * random order, with nested contractual territories (commune ⊂ EPCI ⊂ département) and hard
 * constraints drawn flat by flat with a given density.
 */
import fc from 'fast-check';
import { BAILLEUR } from '../../src/orientation/classement.js';
import type { AnneeOrientation, LogementAnnee } from '../../src/orientation/sequence.js';

const RAISONS = ['stock défense', 'convention non en vigueur', 'cycle ouvert'];

/** Parts from integer weights: the last weight is the bailleur's unreserved share (may be 0). */
export const partsDe = (poids: readonly number[]): Record<string, number> => {
  const total = poids.reduce((s, w) => s + w, 0);
  return Object.fromEntries(poids.slice(0, -1).map((w, i) => [`r${String(i)}`, w / total]));
};

/** Wishes met and « effet filière » flags of n candidates (the tie-breakers). */
export const bonus = (n: number): fc.Arbitrary<{ voeux: number[]; filiere: boolean[] }> =>
  fc.record({
    voeux: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
    filiere: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
  });

/**
 * A year with nested territories: the État counted per commune, Action Logement per
 * département, a commune in its own commune, an EPCI over some communes; each réservataire
 * barred from each flat with probability `pct` %, `pct` drawn up to `contrainteMax`.
 */
export const anneeImbriquee = (contrainteMax: number, nMax = 200): fc.Arbitrary<AnneeOrientation> =>
  fc
    .record({
      etat: fc.integer({ min: 5, max: 30 }),
      al: fc.integer({ min: 0, max: 30 }),
      commune: fc.integer({ min: 0, max: 20 }),
      epci: fc.integer({ min: 0, max: 20 }),
      communes: fc.integer({ min: 1, max: 4 }),
      epciCouvre: fc.integer({ min: 1, max: 3 }),
      avecCommune: fc.integer({ min: 1, max: 4 }),
      pct: fc.integer({ min: 0, max: contrainteMax }),
      n: fc.integer({ min: 1, max: nMax }),
    })
    .chain((g) => {
      const parts = {
        etat: g.etat / 100,
        al: g.al / 100,
        commune: g.commune / 100,
        epci: g.epci / 100,
      };
      const ids = ['etat', 'al', 'commune', 'epci'];
      const logement = fc.record({
        commune: fc.integer({ min: 1, max: g.communes }),
        tirages: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 4, maxLength: 4 }),
        raison: fc.constantFrom(...RAISONS),
        b: bonus(5),
      });
      return fc.array(logement, { minLength: g.n, maxLength: g.n }).map((ls) => ({
        parts,
        logements: ls.map(({ commune, tirages, raison, b }, i): LogementAnnee => {
          const territoires: Record<string, string[]> = {
            etat: [`commune:${String(commune)}`],
            al: ['departement:93'],
          };
          if (commune <= g.avecCommune) territoires.commune = [`commune:${String(commune)}`];
          if (commune <= g.epciCouvre) territoires.epci = ['epci:1'];
          const contraintes = Object.fromEntries(
            ids.filter((_, k) => (tirages[k] ?? 0) >= 100 - g.pct).map((id) => [id, [raison]]),
          );
          const tous = [...ids, BAILLEUR];
          return {
            id: `L${String(i)}`,
            territoires,
            contraintes,
            voeux: Object.fromEntries(tous.map((id, k) => [id, b.voeux[k] ?? 0])),
            filiere: Object.fromEntries(tous.map((id, k) => [id, b.filiere[k] ?? false])),
          };
        }),
      }));
    });
