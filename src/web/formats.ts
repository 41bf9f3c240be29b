/** How the pages write numbers and dates in their language (French first). */
import type { Lang } from '../diagnostics/diagnostic.js';

/** The Intl locale of a page language. */
export const locale = (lang: Lang): string => (lang === 'en' ? 'en-GB' : 'fr-FR');

/** A date AAAA-MM-JJ in words (« 5 janvier 2026 »), or undefined when it is not such a date. */
export function dateEnMots(lang: Lang, d: unknown): string | undefined {
  if (typeof d !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(d)) return undefined;
  return new Intl.DateTimeFormat(locale(lang), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${d.slice(0, 10)}T00:00:00Z`));
}
