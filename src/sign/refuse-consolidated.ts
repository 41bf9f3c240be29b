/**
 * `render --sign` of a convention (not `--avenant`) refuses a version n° 2 or later: it prints as
 * a consolidated version for information, with no signature field (B7). What binds the parties
 * is the avenant, signed with `render --avenant … --sign`. Read before anything is rendered, like
 * the drafts (refuse-drafts.ts); unreadable files are left to the check that render runs anyway.
 */
import { parse } from 'yaml';
import { collectFiles } from '../check/collect-files.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { MAX_SOURCE_BYTES } from '../source/read-source.js';
import { readBounded } from './read-bounded.js';
import { signatureDiagnostic } from './signature-diagnostic.js';

async function versionOf(
  path: string,
  lang: Lang,
): Promise<{ version: number; line: number } | undefined> {
  try {
    const read = await readBounded(path, { cwd: '/', limit: MAX_SOURCE_BYTES, lang });
    if (!read.ok) return undefined;
    const text = read.bytes.toString('utf8');
    const data: unknown = parse(text);
    if (!data || typeof data !== 'object' || !('version' in data)) return undefined;
    if (typeof data.version !== 'number') return undefined;
    // A draft is already refused as such (SIGNATURE_PROJET): one reason is enough.
    if ('statut' in data && data.statut === 'projet') return undefined;
    const before = /^version\s*:/m.exec(text);
    const line = before ? text.slice(0, before.index).split('\n').length : 0;
    return { version: data.version, line };
  } catch {
    return undefined;
  }
}

/** SIGNATURE_VERSION_CONSOLIDEE for each version n° 2 or later among `paths` (files or folders). */
export async function consolidatedAmong(
  paths: readonly string[],
  options: { cwd: string; lang: Lang },
): Promise<Diagnostic[]> {
  const { files } = await collectFiles(paths, options.cwd);
  const out: Diagnostic[] = [];
  for (const f of files.filter((x) => x.requested)) {
    const found = await versionOf(f.absolutePath, options.lang);
    if (!found || found.version <= 1) continue;
    const d = signatureDiagnostic(
      'SIGNATURE_VERSION_CONSOLIDEE',
      { chemin: f.file, version: found.version },
      f.file,
      options.lang,
    );
    out.push({ ...d, line: found.line, column: found.line ? 1 : 0, pointer: '/version' });
  }
  return out;
}
