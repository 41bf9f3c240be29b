/**
 * A document printed on top of the convention's templates (the avenant, the bilan): its own
 * Handlebars templates, strict, built-in helpers only, checked against its view-model before any
 * rendering; fonts and the base stylesheet are the convention's, so the template hash covers
 * both folders.
 */
import { createHash } from 'node:crypto';
import { loadTemplates, readTemplateFolder, type ConventionTemplates } from './templates.js';
import type { Shape } from './view-model.js';

type Render<V> = (view: V) => string;

export interface TemplateSet<V> {
  document: Render<V>;
  entete: Render<V>;
  pied: Render<V>;
  /** The document's stylesheet (printed after the convention's). */
  css: string;
  /** The convention's templates (fonts, base stylesheet, quoted articles). */
  convention: ConventionTemplates;
  modele: { nom: string; version: string; empreinte: string };
}

const cache = new Map<string, unknown>();

/**
 * Loads, checks against `shape` and compiles a document's templates (`document.hbs`,
 * `entete.hbs`, `pied.hbs`, partials in sub-folders, `style.css`, `modele.json`) that print on
 * top of the convention's templates (fonts, base stylesheet). Cached per folder. Throws
 * TemplateError.
 */
export function loadTemplateSet<V>(
  dir: string,
  shape: Shape,
  conventionDir?: string,
): TemplateSet<V> {
  const key = `${dir}\0${conventionDir ?? ''}`;
  const cached = cache.get(key) as TemplateSet<V> | undefined;
  if (cached) return cached;
  const convention = loadTemplates(conventionDir);
  const hash = createHash('sha256').update(`convention\0${convention.modele.empreinte}\0`);
  const { required, compile } = readTemplateFolder<V>(dir, shape, hash);
  const manifest = JSON.parse(required('modele.json').source) as { nom: string; version: string };
  const templates: TemplateSet<V> = {
    document: compile('document.hbs'),
    entete: compile('entete.hbs'),
    pied: compile('pied.hbs'),
    css: required('style.css').source,
    convention,
    modele: {
      nom: manifest.nom,
      version: manifest.version,
      empreinte: hash.digest('hex').slice(0, 12),
    },
  };
  cache.set(key, templates);
  return templates;
}
