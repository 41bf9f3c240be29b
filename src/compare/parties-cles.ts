/**
 * Which articles and annexes of the printed convention (partials of templates/convention/) state
 * a key of the format. The most specific prefix wins. The avenant checks its list of amended
 * articles against this map (src/avenant/view.ts), and test/compare-avenant.test.ts proves, on
 * the bundled pairs and hand-made ones, that the two agree.
 */
import { parsePointer } from '../source/json-pointer.js';

const PARTIES: readonly (readonly [string, readonly string[]])[] = [
  ['/flux', ['articles/flux']],
  ['/reservataire/garantie_emprunt', ['articles/flux']],
  ['/assiette', ['articles/assiette']],
  ['/decompte', ['articles/decompte']],
  ['/designation', ['articles/designation']],
  ['/designation/delai', ['articles/designation', 'articles/caleol', 'articles/refus']],
  ['/designation/a_expiration', ['articles/designation', 'articles/decompte']],
  ['/refus', ['articles/refus']],
  ['/objectifs', ['articles/objectifs', 'annexes/objectifs']],
  ['/modalites', ['articles/designation']],
  ['/modalites/publics_prioritaires', ['articles/publics']],
  ['/modalites/information_caleol', ['articles/caleol']],
  ['/modalites/information_baux', ['articles/caleol']],
  ['/juridiction', ['articles/differends']],
  ['/duree', ['articles/duree']],
  // An annex inserted or deleted also changes the list of annexes in the article on the object.
  ['/conversion_stock', ['articles/objet', 'articles/flux', 'annexes/conversion-stock']],
  [
    '/contreparties',
    ['preambule/considerants', 'articles/objet', 'articles/flux', 'annexes/contreparties'],
  ],
  ['/substitution', ['articles/flux']],
  ['/bailleur', ['preambule/parties']],
  ['/reservataire', ['preambule/parties']],
  ['/departement', ['preambule/parties', 'articles/objet']],
  ['/visas_locaux', ['preambule/visas']],
  ['/signataires', ['fin/signatures']],
  ['/effet_avant_signature', ['articles/duree']],
];

const dans = (pointeur: string, prefixe: string): boolean =>
  pointeur === prefixe || pointeur.startsWith(`${prefixe}/`);

/** The partials that print the key at `pointeur` ([] when none is known). */
export function partiesDe(pointeur: string): string[] {
  let best: readonly [string, readonly string[]] | undefined;
  for (const entry of PARTIES)
    if (dans(pointeur, entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  return best ? [...best[1]] : [];
}

/** The top-level key of a pointer ("/flux/part" → "flux"). */
export const racine = (pointeur: string): string => parsePointer(pointeur)[0] ?? '';
