/**
 * A document printed on top of the convention's templates (the avenant, the bilan): its own
 * Handlebars templates, strict, built-in helpers only, checked against its view-model before any
 * rendering; fonts and the base stylesheet are the convention's, so the template hash covers
 * both folders.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import { packagePath } from '../package-path.js';
import { TemplateChecker, TemplateError, type TemplateSource } from './check-template.js';
import { COMPILE_OPTIONS, loadTemplates, type ConventionTemplates } from './templates.js';
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

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

function parse(source: string, file: string): hbs.AST.Program {
  try {
    return Handlebars.parse(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = /line (\d+)/.exec(message)?.[1];
    throw new TemplateError(`syntaxe Handlebars : ${message}`, file, Number(line ?? 0), 0);
  }
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
  const hb = Handlebars.create();
  const hash = createHash('sha256').update(`convention\0${convention.modele.empreinte}\0`);
  const sources = new Map<string, { file: string; source: string }>();
  for (const path of listFiles(dir)) {
    const name = relative(dir, path).split(sep).join('/');
    const bytes = readFileSync(path);
    hash.update(`${name}\0`).update(bytes).update('\0');
    sources.set(name, {
      file: relative(packagePath(), path).split(sep).join('/'),
      source: bytes.toString('utf8'),
    });
  }
  const required = (name: string): { file: string; source: string } => {
    const s = sources.get(name);
    if (!s) throw new TemplateError(`fichier manquant : ${name}`, join(dir, name), 0, 0);
    return s;
  };
  const partials = new Map<string, TemplateSource>();
  const asts = new Map<string, TemplateSource>();
  for (const [name, { file, source }] of sources) {
    if (!name.endsWith('.hbs')) continue;
    const ast = parse(source, file);
    asts.set(name, { file, ast });
    if (name.includes('/')) partials.set(name.replace(/\.hbs$/, ''), { file, ast });
  }
  const checker = new TemplateChecker(shape, partials);
  for (const root of ['document.hbs', 'entete.hbs', 'pied.hbs']) {
    required(root);
    const source = asts.get(root);
    if (source) checker.check(source);
  }
  for (const [name, source] of partials)
    hb.registerPartial(name, hb.compile(source.ast, COMPILE_OPTIONS));
  const compile = (name: string): Render<V> => {
    const { file } = required(name);
    const template = hb.compile(asts.get(name)?.ast ?? required(name).source, COMPILE_OPTIONS);
    return (view) => {
      try {
        return template(view);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const e = error as { lineNumber?: number; column?: number };
        throw new TemplateError(
          `rendu impossible (dans ce modèle ou l’un de ses partiels) : ${message}`,
          file,
          e.lineNumber ?? 0,
          (e.column ?? 0) + 1,
        );
      }
    };
  };
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
