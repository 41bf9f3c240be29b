/** The two grids shipped in rules/cotation/, loaded as `convflux cotation` loads them. */
import type { Grille } from '../src/check/grille/grille.js';
import { chargerGrille } from '../src/check/grille/load-grille.js';
import { territoires } from '../src/reference/territoires.js';

export const GRILLES_LIVREES = [
  'rules/cotation/246700488/v1.yaml',
  'rules/cotation/244500468/v1.yaml',
] as const;

export async function chargerGrillesLivrees(): Promise<Grille[]> {
  const grilles: Grille[] = [];
  for (const path of GRILLES_LIVREES) {
    const g = (await chargerGrille(path, path, 'fr', territoires())).grille;
    if (!g) throw new Error(`grille ${path} invalide`);
    grilles.push(g);
  }
  return grilles;
}
