/**
 * The words said beside a grid's date when the date is convflux's choice
 * (`date_retenue_par_convflux`), not the source's: one wording for the relevé, the grid document
 * and the web grid page. A fictive grid is convflux's own, so its date is said to be chosen for it;
 * a real grid's source gives no date. Empty when the grid's date is the source's.
 */
import type { Grille } from '../check/grille/grille.js';
import type { Lang } from '../diagnostics/diagnostic.js';

const MOTS = {
  fr: {
    fictive: 'date choisie par convflux pour cette grille fictive',
    source: 'date retenue par convflux, non donnée par la source',
  },
  en: {
    fictive: 'date chosen by convflux for this fictive grid',
    source: 'date chosen by convflux, not given by the source',
  },
} as const;

export function motsDateRetenue(
  g: Pick<Grille, 'date_retenue_par_convflux' | 'fictive'>,
  lang: Lang,
): string {
  if (g.date_retenue_par_convflux !== true) return '';
  return g.fictive === true ? MOTS[lang].fictive : MOTS[lang].source;
}
