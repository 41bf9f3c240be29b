/**
 * The sentence of a deadline in the page's language. The library writes it in French (`phrase`);
 * in English the page says it again from the deadline's own fields when they hold the whole
 * sentence (phraseAnglaise, dates in words). Otherwise the French sentence is kept and marked
 * French (`fr`) for screen readers.
 */
import type { Lang } from '../../diagnostics/diagnostic.js';
import type { Echeance } from '../../echeancier/echeance.js';
import { phraseAnglaise } from '../../echeancier/phrase-anglaise.js';
import { dateEnMots } from '../formats.js';

export interface PhraseEcheance {
  texte: string;
  fr: boolean;
}

const jour = (d: string): string => dateEnMots('en', d) ?? d;

export function phraseEcheance(e: Echeance, lang: Lang): PhraseEcheance {
  const en = lang === 'en' ? phraseAnglaise(e, jour) : undefined;
  return en ? { texte: en, fr: false } : { texte: e.phrase, fr: true };
}
