/**
 * The convention templates of templates/convention/: Handlebars in strict mode with known
 * helpers only (the built-in if/unless/each/with), one partial per article. Loaded, checked
 * against the view-model shape and compiled once per process; a template that reads an unknown
 * field fails here, before any document is rendered.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import { packagePath } from '../package-path.js';
import { TemplateChecker, TemplateError, type TemplateSource } from './check-template.js';
import { VIEW_SHAPE, type ConventionView, type Shape } from './view-model.js';

export const TEMPLATES_DIR = packagePath('templates', 'convention');

/** Compilation options: a missing field throws, only Handlebars' built-in helpers exist. */
export const COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: {},
  preventIndent: true,
} as const;

type Render = (view: ConventionView) => string;

export interface ConventionTemplates {
  /** The body of the document (wrapped by html.ts). */
  document: Render;
  /**
   * Each partial on its own, by name ("articles/decompte", "annexes/objectifs"), for documents
   * that quote the convention's wording (the avenant compares an article in two versions).
   */
  partiels: ReadonlyMap<string, Render>;
  /** Chromium's page header and footer (their own small documents). */
  entete: Render;
  pied: Render;
  /** The stylesheet of the document. */
  css: string;
  /** The stylesheet of the header and footer. */
  cssPied: string;
  /** @font-face rules with the fonts inlined as data: URLs (document, and header/footer). */
  polices: string;
  policesPied: string;
  /** templates/convention/modele.json + a hash of every template file. */
  modele: { nom: string; version: string; empreinte: string };
  dir: string;
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

/** Runtime errors of strict mode (a field missing from the data) name the template. */
function guard(template: HandlebarsTemplateDelegate, file: string): (view: unknown) => string {
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
}

/** A templates folder read, hashed, parsed, checked against its view-model and compiled. */
export interface TemplateFolder<V> {
  /** A file of the folder (by its path in it); throws TemplateError when missing. */
  required: (name: string) => { file: string; source: string };
  /** Every partial (a .hbs file in a sub-folder), by name, compiled on its own. */
  partiels: ReadonlyMap<string, (view: V) => string>;
  /** Compiles one root template (partials registered), runtime errors naming the file. */
  compile: (name: string) => (view: V) => string;
}

/**
 * Reads every file of `dir` into `hash`, parses the .hbs files, checks document.hbs,
 * entete.hbs and pied.hbs (with their partials) against `shape`, and registers the partials.
 * Shared by the convention's templates and by the documents printed on top of them.
 */
export function readTemplateFolder<V>(
  dir: string,
  shape: Shape,
  hash: ReturnType<typeof createHash>,
): TemplateFolder<V> {
  const hb = Handlebars.create();
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

  // Partials: every .hbs file under a sub-folder (articles/, annexes/…), named by its path.
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
  const partiels = new Map<string, (view: V) => string>();
  for (const [name, source] of partials) {
    const template = hb.compile(source.ast, COMPILE_OPTIONS);
    hb.registerPartial(name, template);
    partiels.set(name, guard(template, source.file));
  }
  const compile = (name: string): ((view: V) => string) => {
    const s = required(name);
    return guard(hb.compile(asts.get(name)?.ast ?? s.source, COMPILE_OPTIONS), s.file);
  };
  return { required, partiels, compile };
}

interface Manifest {
  nom: string;
  version: string;
  /** Stylesheet of @font-face rules (relative to the templates folder), for the document. */
  polices: string;
  /** The same for the header and footer (Chromium renders them apart, with their own fonts). */
  policesPied: string;
}

/**
 * The @font-face rules of a font stylesheet of templates/fonts/, with each woff2 file inlined as a
 * data: URL: the page never loads a font from anywhere, and no system font is ever picked (the
 * templates only name these families). The font bytes enter the template hash.
 */
function fontFaces(stylesheet: string, hash: ReturnType<typeof createHash>): string {
  const css = readFileSync(stylesheet, 'utf8');
  // The path relative to the package: the hash must not depend on where convflux is installed.
  const name = relative(packagePath(), stylesheet).split(sep).join('/');
  hash.update(`${name}\0`).update(css).update('\0');
  return css.replace(/url\(([^)]+\.woff2)\)/g, (_whole, file: string) => {
    const bytes = readFileSync(join(dirname(stylesheet), file));
    hash.update(`${file}\0`).update(bytes).update('\0');
    return `url(data:font/woff2;base64,${bytes.toString('base64')})`;
  });
}

const cache = new Map<string, ConventionTemplates>();

/** Loads, checks and compiles the templates of `dir` (cached per folder). Throws TemplateError. */
export function loadTemplates(dir = TEMPLATES_DIR): ConventionTemplates {
  const cached = cache.get(dir);
  if (cached) return cached;
  const hash = createHash('sha256');
  const { required, partiels, compile } = readTemplateFolder<ConventionView>(dir, VIEW_SHAPE, hash);
  const manifest = JSON.parse(required('modele.json').source) as Manifest;
  const polices = fontFaces(join(dir, manifest.polices), hash);
  const policesPied = fontFaces(join(dir, manifest.policesPied), hash);
  const templates: ConventionTemplates = {
    document: compile('document.hbs'),
    partiels,
    entete: compile('entete.hbs'),
    pied: compile('pied.hbs'),
    css: required('style.css').source,
    cssPied: required('pied.css').source,
    polices,
    policesPied,
    modele: {
      nom: manifest.nom,
      version: manifest.version,
      empreinte: hash.digest('hex').slice(0, 12),
    },
    dir,
  };
  cache.set(dir, templates);
  return templates;
}
