/**
 * The échéancier as text: one line per deadline, by date. In English (`--lang en`) the frame is
 * English, dates AAAA-MM-JJ as the other English outputs give them, and each sentence English
 * when its fields say it all (phraseAnglaise), else the French one.
 */
import type { Lang } from '../diagnostics/diagnostic.js';
import { dateFr } from './echeance.js';
import type { Echeancier } from './calculer-echeancier.js';
import { phraseAnglaise } from './phrase-anglaise.js';

const iso = (d: string): string => d;

export function formatEcheancier(e: Echeancier, lang: Lang = 'fr'): string {
  const n = String(e.echeances.length);
  if (lang === 'en') {
    const tete = `Deadlines as of ${e.date} (${n} deadline(s)):`;
    if (!e.echeances.length) return `${tete}\n  (none)`;
    return [
      tete,
      ...e.echeances.map(
        (x) => `  ${x.date}${x.depasse ? ' (passed)' : ''}  ${phraseAnglaise(x, iso) ?? x.phrase}`,
      ),
    ].join('\n');
  }
  const tete = `Échéancier au ${dateFr(e.date)} (${n} échéance(s)) :`;
  if (!e.echeances.length) return `${tete}\n  (aucune)`;
  return [
    tete,
    ...e.echeances.map((x) => `  ${dateFr(x.date)}${x.depasse ? ' (dépassé)' : ''}  ${x.phrase}`),
  ].join('\n');
}
