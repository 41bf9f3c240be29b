/**
 * A diagnostic said again in another language, from its code and parameters (the catalogue's
 * message and hint), for answers that were computed once in French (the service's figures, kept
 * in a cache) and are read in English. A diagnostic the catalogue does not know (a rule's own
 * message) keeps its French message and says so (`langue_message: 'fr'`), so that a page marks it
 * `lang="fr"` for screen readers.
 */
import { catalogue, hints } from './catalogue.js';
import type { Diagnostic, Lang } from './diagnostic.js';
import { renderTemplate } from './render-message.js';

export type DiagnosticTraduit<D extends Diagnostic> = D & { langue_message?: 'fr' };

export function traduireDiagnostic<D extends Diagnostic>(d: D, lang: Lang): DiagnosticTraduit<D> {
  if (lang === 'fr') return d;
  const entree = catalogue[d.code];
  if (!entree) return { ...d, langue_message: 'fr' };
  const indice = typeof d.params['indice'] === 'string' ? hints[d.params['indice']] : undefined;
  const message = renderTemplate(entree[lang], d.params, lang);
  return { ...d, message: indice ? `${message} ${indice[lang]}` : message };
}
