/**
 * The measurement behind the README's figures for equity (b), to rerun by hand (not a test):
 *   npx vite-node test/orientation/mesurer-equite.ts [annees=4000] [graine=202] [contrainteMax=30]
 * draws that many generated years (`anneeImbriquee`, fast-check's `sample` with that seed), and
 * prints each year where the aid ends more than one flat above the exact optimum (index in the
 * draw, the aid's largest deviation, the optimum), then the count and the worst excess. The
 * README's figures: seeds 7 (3 000 years), 101 and 202 (4 000 each), contrainteMax 30; seed 303
 * (2 000 years) with contrainteMax 0.
 */
import fc from 'fast-check';
import { orienterAnnee } from '../../src/orientation/sequence.js';
import { anneeImbriquee } from './annees-generees.js';
import { atteignable, optimum } from './optimum-exact.js';

/** Float noise of the accounts, far below the hundredths of the parts. */
const TOL = 1e-7;

const [annees = 4000, graine = 202, contrainteMax = 30] = process.argv.slice(2).map(Number);
let [auDela, pire] = [0, 0];
fc.sample(anneeImbriquee(contrainteMax), { numRuns: annees, seed: graine }).forEach((annee, i) => {
  const obtenu = Math.max(0, ...orienterAnnee(annee).map((p) => p.ecart_max));
  if (obtenu <= 1 + TOL || !atteignable(annee, obtenu - 1 - TOL)) return;
  const meilleur = optimum(annee, obtenu);
  auDela++;
  pire = Math.max(pire, obtenu - meilleur);
  process.stdout.write(`${String(i)} : ${obtenu.toFixed(2)} contre ${meilleur.toFixed(2)}\n`);
});
process.stdout.write(
  `${String(annees)} années, ${String(auDela)} au-delà de l’optimum + 1, pire ${pire.toFixed(2)} au-dessus\n`,
);
