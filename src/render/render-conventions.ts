/**
 * `convflux render`: conventions (files or folders) → one PDF (or HTML) each. Every file is
 * checked first exactly as `convflux check` does (schema, references, law, other conventions of
 * the same bailleur); a file with an error is not rendered. One browser for the whole run.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { isDirectory } from '../is-directory.js';
import { checkPaths } from '../check/check-paths.js';
import { collectFiles } from '../check/collect-files.js';
import { parseLayout } from '../check/layout.js';
import {
  arretesDirFor,
  lireArretesDossier,
  parseArreteLayout,
  type ArreteConnu,
} from '../convention/arrete.js';
import { contentHash } from '../convention/content-hash.js';
import { MAX_ALIAS_COUNT } from '../source/parse-yaml.js';
import { parseCleanData } from '../source/unique-keys.js';
import type { Convention } from '../convention/convention.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { displayPath } from '../display-path.js';
import { packagePath } from '../package-path.js';
import { territoires } from '../reference/territoires.js';
import { loadReglementation } from '../reglementation/load-reglementation.js';
import { loadYamlBytes } from '../source/load-yaml-file.js';
import { readCheckedSource } from '../source/read-source.js';
import { writeOutput } from '../output/write-output.js';
import { parseCotationLayout } from '../check/cotation-layout.js';
import { buildConventionView } from './build-view.js';
import { PdfBrowser, type RequestLog } from './chromium.js';
import { conventionHtml, documentTitle, headerFooterHtml, warmupHtml } from './html.js';
import { loadTemplates, type ConventionTemplates } from './templates.js';
import type { ConventionView } from './view-model.js';

export interface RenderOptions {
  lang?: Lang;
  cwd?: string;
  /** A file (single input) or a folder. Default: the working directory. */
  out?: string;
  /** Write the HTML instead of the PDF (no browser needed). */
  html?: boolean;
  /** Warnings block rendering too. */
  strict?: boolean;
  /** Called after each document (for a progress bar). */
  onProgress?: (done: number, total: number, file: string) => void;
  /** A running browser to reuse (tests); otherwise one is started and closed. */
  browser?: PdfBrowser;
  /**
   * A browser the caller is already starting (the CLI spawns Chromium before loading this
   * module): used instead of launching one, and closed at the end like one.
   */
  launched?: Promise<PdfBrowser>;
  templatesDir?: string;
}

export interface RenderedDocument {
  /** The convention file, as given. */
  file: string;
  id: string;
  version: number;
  /** The written file, as shown to the user. */
  output: string;
  format: 'pdf' | 'html';
  bytes: number;
  /** PDF only. */
  pages?: number;
  signatureFields?: string[];
  /** SHA-256 of the written file and of the YAML file. */
  sha256: string;
  yamlSha256: string;
  empreinte: string;
}

export interface RenderResult {
  ok: boolean;
  documents: RenderedDocument[];
  /** Every diagnostic of the check (errors block the file they are on). */
  diagnostics: Diagnostic[];
  /** Files given (after reading folders) and files not rendered because of errors. */
  files: number;
  refused: string[];
  requests: RequestLog;
  timings: { totalMs: number; browserMs: number };
}

const sha256 = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

let packageVersion: string | undefined;
export function convfluxVersion(): string {
  packageVersion ??= (
    JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }
  ).version;
  return packageVersion;
}

/** One validated convention, ready to print. */
export interface PreparedConvention {
  file: string;
  absolutePath: string;
  convention: Convention;
  view: ConventionView;
}

/**
 * The source file as printed in the document: its place in the conventions layout
 * (93/552046484/etat-93/v1.yaml), never a path that depends on where the command ran.
 */
function stableName(file: string): string {
  const layout = parseLayout(file.startsWith('/') ? file : `/${file}`);
  if (layout)
    return `${layout.departement}/${layout.siren}/${layout.reservataire}/v${String(layout.version)}${extname(file)}`;
  return basename(file);
}

/** The prefectoral arrêtés beside an État convention in the layout (rules/arretes/<dép>/). */
function arretesVoisins(absolutePath: string, c: Convention): ArreteConnu[] {
  const layout = c.reservataire.type === 'etat' ? parseLayout(absolutePath) : undefined;
  if (!layout) return [];
  const dir = arretesDirFor(dirname(dirname(layout.bailleurDir)), layout.departement);
  return lireArretesDossier(dir, (text) => parseCleanData(text, MAX_ALIAS_COUNT));
}

/** The view of a validated convention file's bytes (no check here: callers check first). */
export function prepareConvention(
  bytes: Uint8Array,
  file: string,
  templates: ConventionTemplates,
  lang: Lang = 'fr',
  absolutePath: string = resolve(file),
): { convention: Convention; view: ConventionView } {
  const loaded = loadYamlBytes(file, bytes, lang);
  if (loaded.data === undefined || loaded.data === null || typeof loaded.data !== 'object')
    throw new Error(`${file} : convention illisible`);
  const convention = loaded.data as Convention;
  const view = buildConventionView(convention, {
    parametres: loadReglementation(lang).parametres,
    territoires: territoires(),
    yamlSha256: sha256(bytes),
    empreinte: contentHash(loaded.data as Record<string, unknown>),
    fichier: stableName(file),
    modele: templates.modele,
    generateur: `convflux ${convfluxVersion()}`,
    arretes: arretesVoisins(absolutePath, convention),
  });
  return { convention, view };
}

/** The PDF of one prepared convention, finished (metadata, signature fields). */
export async function conventionPdf(
  view: ConventionView,
  templates: ConventionTemplates,
  browser: PdfBrowser,
): Promise<{ bytes: Uint8Array; pages: number; signatureFields: string[] }> {
  const html = conventionHtml(view, templates);
  const { header, footer } = headerFooterHtml(view, templates);
  // pdf-lib (≈ 0.1 s to load) is imported while Chromium prints: off a cold start's path.
  const finishing = import('./finish-pdf.js');
  const raw = await browser.pdf(html, { header, footer });
  const { finishPdf } = await finishing;
  const rv = view.type.etat ? `État (${view.reservataire.nom})` : view.reservataire.nom;
  // A consolidated version is printed for information: no signature section, no field; a signed
  // version printed again is a copy: the recorded signatures, no field.
  const signable: ConventionView =
    view.edition.consolidee || view.edition.copieSignee
      ? { ...view, signatures: { ...view.signatures, blocs: [] } }
      : view;
  return finishPdf(raw, signable, {
    title: documentTitle(view),
    author: `${view.bailleur.nom} ; ${rv}`,
    subject:
      'Convention de réservation de logements locatifs sociaux en flux (CCH, art. L. 441-1 et R. 441-5 à R. 441-5-4)',
    keywords: [
      'convention de réservation',
      'gestion en flux',
      view.document.id,
      `version ${String(view.document.version)}`,
      view.edition.statutTexte.toLowerCase(),
      `yaml-sha256:${view.document.yamlSha256}`,
      `contenu:${view.document.empreinte}`,
    ].join(' ; '),
    producer: `convflux ${convfluxVersion()} ; ${browser.version} (Skia/PDF) ; pdf-lib`,
    creator: `convflux render, modèle ${templates.modele.nom} ${templates.modele.version} (${templates.modele.empreinte})`,
    date: view.document.dateEffetIso,
    custom: {
      yamlSha256: view.document.yamlSha256,
      id: view.document.id,
      version: String(view.document.version),
      empreinte: view.document.empreinte,
      statut: view.document.projet
        ? 'projet'
        : view.document.statut === 'Version signée'
          ? 'signee'
          : 'arretee',
      modele: `${templates.modele.nom} ${templates.modele.version} (${templates.modele.empreinte})`,
    },
  });
}

export async function renderPaths(
  paths: readonly string[],
  options: RenderOptions = {},
): Promise<RenderResult> {
  const started = performance.now();
  const lang = options.lang ?? 'fr';
  const cwd = options.cwd ?? process.cwd();
  const format = options.html ? 'html' : 'pdf';
  // Start the browser while the files are checked: it is the slowest step of a cold start.
  let browserMs = 0;
  const ownBrowser = !options.browser && !options.html;
  const templates = loadTemplates(options.templatesDir);
  const browserPromise: Promise<PdfBrowser> | undefined = options.browser
    ? Promise.resolve(options.browser)
    : options.html
      ? undefined
      : (options.launched ?? PdfBrowser.launch({ warmup: warmupHtml(templates) })).then((b) => {
          browserMs = performance.now() - started;
          return b;
        });
  // A launch failure is reported when the browser is needed, never as an unhandled rejection.
  browserPromise?.catch(() => undefined);
  let browser: PdfBrowser | undefined;
  try {
    const [check, collected] = await Promise.all([
      checkPaths(paths, { lang, cwd }),
      collectFiles(paths, cwd),
    ]);
    // Prefectoral arrêtés (rules/arretes/) are checked, and printed in the État conventions: not rendered.
    const inputs = collected.files.filter(
      (f) =>
        f.requested && !parseArreteLayout(f.absolutePath) && !parseCotationLayout(f.absolutePath),
    );
    const blocking = (d: Diagnostic): boolean =>
      d.severity === 'error' || (options.strict === true && d.severity === 'warning');
    const requestedFiles = new Set(collected.files.filter((f) => f.requested).map((f) => f.file));
    const globalError = check.diagnostics.some((d) => blocking(d) && !requestedFiles.has(d.file));
    const refused: string[] = [];
    const todo = inputs.filter((f) => {
      const bad = globalError || check.diagnostics.some((d) => d.file === f.file && blocking(d));
      if (bad) refused.push(f.file);
      return !bad;
    });

    // Where to write: a file for a single file input (unless --out is a folder), else a folder.
    const single =
      paths.length === 1 &&
      inputs.length === 1 &&
      !(await isDirectory(resolve(cwd, paths[0] ?? '')));
    const outPath = options.out !== undefined ? resolve(cwd, options.out) : undefined;
    const outIsFile =
      single &&
      outPath !== undefined &&
      !options.out?.endsWith('/') &&
      !(await isDirectory(outPath));
    const outDir = outIsFile ? dirname(outPath ?? cwd) : (outPath ?? cwd);

    const documents: RenderedDocument[] = [];
    if (todo.length && !options.html) browser = await browserPromise;
    let done = 0;
    const queue = [...todo];
    const worker = async (): Promise<void> => {
      for (let input = queue.shift(); input; input = queue.shift()) {
        const bytes = await readCheckedSource(input.absolutePath, lang, input.file);
        const { convention, view } = prepareConvention(
          bytes,
          input.file,
          templates,
          lang,
          input.absolutePath,
        );
        const name = `${convention.id}-v${String(convention.version)}.${format}`;
        const target = outIsFile && outPath ? outPath : join(outDir, name);
        let content: Uint8Array;
        let doc: Partial<RenderedDocument> = {};
        if (browser) {
          const pdf = await conventionPdf(view, templates, browser);
          content = pdf.bytes;
          doc = { pages: pdf.pages, signatureFields: pdf.signatureFields };
        } else {
          content = Buffer.from(conventionHtml(view, templates), 'utf8');
        }
        await writeOutput(target, content, { lang, cwd });
        documents.push({
          file: input.file,
          id: convention.id,
          version: convention.version,
          output: displayPath(target, cwd),
          format,
          bytes: content.length,
          ...doc,
          sha256: sha256(content),
          yamlSha256: view.document.yamlSha256,
          empreinte: view.document.empreinte,
        });
        options.onProgress?.(++done, todo.length, input.file);
      }
    };
    // One worker more than pages in flight: a document is checked, laid out and finished (Node)
    // while two print, so that no page waits for Node between two documents (render bench).
    await Promise.all(Array.from({ length: browser ? browser.maxPages + 1 : 2 }, () => worker()));
    documents.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return {
      ok: refused.length === 0 && !globalError && check.diagnostics.every((d) => !blocking(d)),
      documents,
      diagnostics: check.diagnostics,
      files: inputs.length,
      refused,
      requests: browser
        ? { allowed: browser.requests.allowed, blocked: [...browser.requests.blocked] }
        : { allowed: 0, blocked: [] },
      timings: { totalMs: performance.now() - started, browserMs },
    };
  } finally {
    if (ownBrowser) {
      const b = browser ?? (await browserPromise?.catch(() => undefined));
      await b?.close();
    }
  }
}
