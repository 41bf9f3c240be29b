/**
 * The forecast as a section of the annual bilan: the bilan of year N-1 and the forecast of year
 * N go to the réservataires together, before 28 February of N. The bilan calls
 * `sectionPrevisionnel` with its own inputs, the forecast file and N (its year + 1), and places
 * the HTML where the section goes (`{{{previsionnel}}}`): the parts of templates/previsionnel/
 * (sections/corps.hbs) without title page nor annexes, numbered 1 to 6 under their own headings
 * or, given the bilan's section number, as its sub-sections (`<h3>` 7.1 to 7.6), with the classes
 * of the bilan's stylesheet (`.partie`, `.cles`, `.tableau`).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import {
  calculerPrevisionnel,
  type Previsionnel,
  type PrevisionnelOptions,
} from './calculer-previsionnel.js';
import { loadPrevisionnelTemplates, previsionnelView } from './previsionnel-render.js';

/**
 * The HTML of the section for a forecast already computed, **not yet typeset**: the bilan's page
 * runs French typography over its whole body (`typographierHtml` is not idempotent on its
 * non-breaking spans), so the section is given raw, like the bilan's own partials.
 */
export function previsionnelSectionHtml(p: Previsionnel, numero?: string): string {
  const templates = loadPrevisionnelTemplates();
  return templates.document(
    previsionnelView(p, templates, { section: true, ...(numero !== undefined ? { numero } : {}) }),
  );
}

/**
 * Computes the forecast of `annee` and its section (sub-sections of the bilan's section `numero`
 * when given); no HTML when an input has an error.
 */
export async function sectionPrevisionnel(
  o: PrevisionnelOptions,
  numero?: string,
): Promise<{ html?: string; previsionnel?: Previsionnel; diagnostics: Diagnostic[] }> {
  const { previsionnel, diagnostics } = await calculerPrevisionnel(o);
  if (!previsionnel) return { diagnostics };
  return { html: previsionnelSectionHtml(previsionnel, numero), previsionnel, diagnostics };
}
