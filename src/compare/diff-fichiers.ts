/**
 * `convflux diff A.yaml B.yaml` as a library function: both files are checked as `convflux check`
 * checks them (each on its own, so that two drafts of one version can be compared), then their
 * data compared key by key. Bad input gives diagnostics with file, line and column, never an
 * exception; two different conventions (different id) give a warning and are compared anyway.
 */
import { resolve } from 'node:path';
import { checkPaths } from '../check/check-paths.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { displayPath } from '../display-path.js';
import { loadYamlBytes } from '../source/load-yaml-file.js';
import { readCheckedSource } from '../source/read-source.js';
import { prepareConvention } from '../render/render-conventions.js';
import { loadTemplates } from '../render/templates.js';
import type { ConventionView } from '../render/view-model.js';
import { articlesImprimes } from './articles-imprimes.js';
import type { Comparaison } from './changement.js';
import { comparerConventions } from './comparer-conventions.js';

export interface DiffOptions {
  lang?: Lang;
  cwd?: string;
}

export interface DiffResult {
  /** Both files are valid conventions (the comparison was made). */
  ok: boolean;
  comparaison?: Comparaison;
  diagnostics: Diagnostic[];
}

/**
 * The printed layout of a valid convention (its article numbers); undefined if it cannot be laid
 * out, then the diff simply goes without article numbers.
 */
function vue(
  bytes: Uint8Array,
  file: string,
  lang: Lang,
  absolute: string,
): ConventionView | undefined {
  try {
    return prepareConvention(bytes, file, loadTemplates(), lang, absolute).view;
  } catch {
    return undefined;
  }
}

/** Compares two convention files (the old one first). */
export async function diffFichiers(
  ancienne: string,
  nouvelle: string,
  options: DiffOptions = {},
): Promise<DiffResult> {
  const lang = options.lang ?? 'fr';
  const cwd = options.cwd ?? process.cwd();
  const diagnostics: Diagnostic[] = [];
  for (const p of [ancienne, nouvelle]) {
    const check = await checkPaths([p], { lang, cwd });
    diagnostics.push(...check.diagnostics.filter((d) => d.severity === 'error'));
  }
  if (diagnostics.length) return { ok: false, diagnostics };
  const charges = [];
  const views: ConventionView[] = [];
  for (const p of [ancienne, nouvelle]) {
    const absolute = resolve(cwd, p);
    const file = displayPath(absolute, cwd);
    const bytes = await readCheckedSource(absolute, lang, file);
    charges.push(loadYamlBytes(file, bytes, lang));
    const view = vue(bytes, file, lang, absolute);
    if (view) views.unshift(view);
  }
  const [a, b] = charges;
  if (!a || !b) return { ok: false, diagnostics };
  const comparaison = comparerConventions(a.data, b.data, lang);
  // The article numbers: the new version's first (views holds it first), else the old one's.
  if (views.length)
    for (const c of comparaison.changements) {
      const articles = articlesImprimes(c.parties, views, lang);
      if (articles.length) c.articles = articles;
    }
  if (!comparaison.memeConvention)
    diagnostics.push(
      b.report.add(
        'DIFF_CONVENTIONS_DIFFERENTES',
        {
          id: comparaison.nouvelle.id,
          fichier: b.report.file,
          autre: comparaison.ancienne.id,
          autreFichier: a.report.file,
        },
        '/id',
      ),
    );
  return { ok: true, comparaison, diagnostics };
}
