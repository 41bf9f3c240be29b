/**
 * The avenant's articles checked against the data comparison (src/compare/): one comparison,
 * two renderings. The avenant amends the articles whose printed wording changes (so that the old
 * version with its instructions reads exactly as the new one, B7); the data comparison says which
 * keys change and which articles print them (src/compare/parties-cles.ts). The two must agree:
 * every amended article states at least one changed key, and every change in effect is stated
 * by at least one amended article, unless no compared article prints it (parties, signatories).
 */
import { enEffet, type Changement, type Comparaison } from '../compare/changement.js';
import type { AvenantView } from './view.js';

export interface EcartsArticles {
  /** Partials the avenant amends although no key they print changes. */
  articlesSansChangement: string[];
  /** Changes in effect that no article of the avenant states. */
  changementsSansArticle: Changement[];
}

const compare = (partiel: string): boolean =>
  partiel.startsWith('articles/') || partiel.startsWith('annexes/');

/** The changes in effect that each amended, inserted or deleted part of the avenant states. */
export function changementsParPartie(
  view: AvenantView,
  cmp: Comparaison,
): Map<string, Changement[]> {
  const out = new Map<string, Changement[]>();
  for (const m of view.modifications) {
    if (m.operation === 'renumerotation') continue;
    out.set(
      m.partiel,
      cmp.changements.filter((c) => enEffet(c) && c.parties.includes(m.partiel)),
    );
  }
  return out;
}

export function confronter(view: AvenantView, cmp: Comparaison): EcartsArticles {
  const parPartie = changementsParPartie(view, cmp);
  // The date d'effet is the version's own: the article on duration may quote it.
  const dateChange = cmp.ancienne.date_effet !== cmp.nouvelle.date_effet;
  const articlesSansChangement = [...parPartie]
    .filter(([partiel, cs]) => !cs.length && !(dateChange && partiel === 'articles/duree'))
    .map(([partiel]) => partiel);
  const changementsSansArticle = cmp.changements.filter(
    (c) => enEffet(c) && c.parties.some(compare) && !c.parties.some((p) => parPartie.has(p)),
  );
  return { articlesSansChangement, changementsSansArticle };
}
