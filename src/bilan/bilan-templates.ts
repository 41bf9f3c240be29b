/**
 * The bilan templates of templates/bilan/: Handlebars, strict, built-in helpers only, checked
 * against the bilan's view-model (`BILAN_SHAPE`) before anything is rendered, exactly like the
 * convention's. Fonts, the base stylesheet and the header/footer stylesheet are the convention's
 * (templates/convention/), so the template hash covers both folders.
 */
import { packagePath } from '../package-path.js';
import { loadTemplateSet, type TemplateSet } from '../render/template-set.js';
import { BILAN_SHAPE, type BilanView } from './bilan-view.js';

export const BILAN_TEMPLATES_DIR = packagePath('templates', 'bilan');

export type BilanTemplates = TemplateSet<BilanView>;

/** Loads, checks and compiles templates/bilan/ (cached per folder). Throws TemplateError. */
export function loadBilanTemplates(
  dir = BILAN_TEMPLATES_DIR,
  conventionDir?: string,
): BilanTemplates {
  return loadTemplateSet<BilanView>(dir, BILAN_SHAPE, conventionDir);
}
