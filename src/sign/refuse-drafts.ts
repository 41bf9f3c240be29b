/**
 * `render --sign` signs sealed versions only: before anything is rendered, every convention it
 * was given (files, and the YAML files of folders) is read for its `statut`, and a draft
 * (`statut: projet`) stops the run with SIGNATURE_PROJET — signing a text that can still change
 * makes no sense. Unreadable files are left to the check that render runs anyway.
 */
import { parse } from 'yaml';
import { collectFiles } from '../check/collect-files.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { MAX_SOURCE_BYTES } from '../source/read-source.js';
import { readBounded } from './read-bounded.js';
import { signatureDiagnostic } from './signature-diagnostic.js';

async function statutOf(
  path: string,
  lang: Lang,
): Promise<{ statut: unknown; line: number } | undefined> {
  try {
    // A FIFO or a device among the inputs must not block nor fill the memory here.
    const read = await readBounded(path, { cwd: '/', limit: MAX_SOURCE_BYTES, lang });
    if (!read.ok) return undefined;
    const text = read.bytes.toString('utf8');
    const data: unknown = parse(text);
    if (!data || typeof data !== 'object' || !('statut' in data)) return undefined;
    const before = /^statut\s*:/m.exec(text);
    const line = before ? text.slice(0, before.index).split('\n').length : 0;
    return { statut: data.statut, line };
  } catch {
    return undefined;
  }
}

/** SIGNATURE_PROJET for each draft among `paths` (files or folders). */
export async function draftsAmong(
  paths: readonly string[],
  options: { cwd: string; lang: Lang },
): Promise<Diagnostic[]> {
  const { files } = await collectFiles(paths, options.cwd);
  const out: Diagnostic[] = [];
  for (const f of files.filter((x) => x.requested)) {
    const found = await statutOf(f.absolutePath, options.lang);
    if (found?.statut !== 'projet') continue;
    const d = signatureDiagnostic('SIGNATURE_PROJET', { chemin: f.file }, f.file, options.lang);
    out.push({ ...d, line: found.line, column: found.line ? 1 : 0, pointer: '/statut' });
  }
  return out;
}
