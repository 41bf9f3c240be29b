import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { checkPaths } from '../check/check-paths.js';
import { contentHash } from './content-hash.js';
import { readCheckedSource } from '../source/read-source.js';
import { writeOutput } from '../output/write-output.js';

export interface SealResult {
  file: string;
  /** sealed: written; unchanged: the seal was already right; refused: see diagnostics. */
  status: 'sealed' | 'unchanged' | 'refused';
  empreinte?: string;
  diagnostics: Diagnostic[];
}

const SEAL_CODES = new Set([
  'SIGNEE_SANS_EMPREINTE',
  'SIGNEE_MODIFIEE',
  'ARRETEE_SANS_EMPREINTE',
  'ARRETEE_MODIFIEE',
]);
const EDIT_CODES = new Set(['SIGNEE_MODIFIEE', 'ARRETEE_MODIFIEE']);

/**
 * Writes `empreinte: sha256:…` into a frozen (`arretee`) or signed version (after its `statut:`
 * line), keeping every comment and the layout. Refuses a file with other errors, a draft, and —
 * unless `force` — a version whose existing seal no longer matches (an edit after sealing).
 */
export async function sealFile(
  path: string,
  options: { lang?: Lang; cwd?: string; force?: boolean } = {},
): Promise<SealResult> {
  const lang = options.lang ?? 'fr';
  const cwd = options.cwd ?? process.cwd();
  const check = await checkPaths([path], { lang, cwd, workers: 0 });
  const blocking = check.diagnostics.filter(
    (d) =>
      d.severity === 'error' &&
      !(SEAL_CODES.has(d.code) && (!EDIT_CODES.has(d.code) || options.force)),
  );
  if (blocking.length) return { file: path, status: 'refused', diagnostics: blocking };
  const absolute = resolve(cwd, path);
  const text = (await readCheckedSource(absolute, lang, path)).toString('utf8');
  const data = parse(text, { version: '1.2', schema: 'core' }) as Record<string, unknown>;
  if (data['statut'] !== 'signee' && data['statut'] !== 'arretee') {
    return {
      file: path,
      status: 'refused',
      diagnostics: [
        {
          code: 'SCELLEMENT_PROJET',
          severity: 'error',
          file: path,
          line: 0,
          column: 0,
          pointer: '/statut',
          message:
            lang === 'fr'
              ? 'Un projet ne se scelle pas : arrêtez le texte (statut: arretee), puis scellez-le avant de l’imprimer pour signature.'
              : 'A draft is not sealed: freeze the text (statut: arretee), then seal it before printing it for signature.',
          params: {},
        },
      ],
    };
  }
  const empreinte = contentHash(data);
  if (data['empreinte'] === empreinte)
    return { file: path, status: 'unchanged', empreinte, diagnostics: [] };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const line = `empreinte: ${empreinte}`;
  const next = /^empreinte:.*$/m.test(text)
    ? text.replace(/^empreinte:.*$/m, line)
    : text.replace(/^(statut:.*)$/m, `$1${eol}${line}`);
  await writeOutput(absolute, next, { lang, chemin: path });
  return { file: path, status: 'sealed', empreinte, diagnostics: [] };
}
