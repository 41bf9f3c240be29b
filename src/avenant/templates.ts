/**
 * The avenant templates of templates/avenant/: Handlebars, strict, built-in helpers only, checked
 * against the avenant's view-model (which embeds the convention's) before any rendering, exactly
 * like the convention's templates. The articles the avenant quotes are rendered by the
 * convention's own partials; fonts and the base stylesheet are the convention's too, so the
 * template hash covers both folders.
 */
import { packagePath } from '../package-path.js';
import { AVENANT_SHAPE, type AvenantView } from './view.js';
import { loadTemplateSet, type TemplateSet } from '../render/template-set.js';

export const AVENANT_TEMPLATES_DIR = packagePath('templates', 'avenant');

export type AvenantTemplates = TemplateSet<AvenantView>;

/** Loads, checks and compiles templates/avenant/ (cached). Throws TemplateError. */
export function loadAvenantTemplates(
  dir = AVENANT_TEMPLATES_DIR,
  conventionDir?: string,
): AvenantTemplates {
  return loadTemplateSet<AvenantView>(dir, AVENANT_SHAPE, conventionDir);
}
