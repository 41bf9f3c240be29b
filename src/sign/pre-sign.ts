/**
 * `render --sign` signs a sealed text the parties have yet to sign, and nothing else. Before
 * anything is rendered, every convention it was given (files, and the YAML files of folders) is
 * read once for its `statut` and `version`, with their lines, and refused with one reason:
 * - a draft (`statut: projet`): SIGNATURE_PROJET — a text that can still change is not signed;
 * - with `conventions` (not an avenant), a version n° 2 or later: SIGNATURE_VERSION_CONSOLIDEE —
 *   it prints as a consolidated version for information (B7), the avenant is what is signed;
 * - with `conventions`, a signed version (`statut: signee`): SIGNATURE_TEXTE_SIGNE — it prints as
 *   a copy of the signed original, with the recorded signatures and no field.
 * Unreadable files are left to the check that render runs anyway.
 */
import { donneesYaml } from '../source/yaml-lib.js';
import { collectFiles } from '../check/collect-files.js';
import type { Diagnostic, DiagnosticParams, Lang } from '../diagnostics/diagnostic.js';
import { MAX_SOURCE_BYTES } from '../source/read-source.js';
import { readBounded } from './read-bounded.js';
import { signatureDiagnostic } from './signature-diagnostic.js';

/** A top-level key's value and its 1-based line (0 when the key is absent). */
interface Entry {
  value: unknown;
  line: number;
}

export interface PreSignFacts {
  statut: Entry;
  version: Entry;
}

function lineOf(text: string, key: string): number {
  const found = new RegExp(`^${key}\\s*:`, 'm').exec(text);
  return found ? text.slice(0, found.index).split('\n').length : 0;
}

/** `statut` and `version` of one YAML file, or undefined when it cannot be read as a mapping. */
export async function preSignFacts(path: string, lang: Lang): Promise<PreSignFacts | undefined> {
  try {
    // A FIFO or a device among the inputs must not block nor fill the memory here.
    const read = await readBounded(path, { cwd: '/', limit: MAX_SOURCE_BYTES, lang });
    if (!read.ok) return undefined;
    const text = read.bytes.toString('utf8');
    const data: unknown = donneesYaml(text);
    if (!data || typeof data !== 'object') return undefined;
    const record = data as Record<string, unknown>;
    return {
      statut: { value: record.statut, line: lineOf(text, 'statut') },
      version: { value: record.version, line: lineOf(text, 'version') },
    };
  } catch {
    return undefined;
  }
}

/** The one reason a file is not signed, if any: code, parameters and the key it points at. */
function refusal(
  facts: PreSignFacts,
  conventions: boolean,
): { code: string; version?: number; key: keyof PreSignFacts } | undefined {
  const { statut, version } = facts;
  if (statut.value === 'projet') return { code: 'SIGNATURE_PROJET', key: 'statut' };
  if (!conventions) return undefined;
  if (typeof version.value === 'number' && version.value > 1)
    return { code: 'SIGNATURE_VERSION_CONSOLIDEE', version: version.value, key: 'version' };
  if (statut.value === 'signee') return { code: 'SIGNATURE_TEXTE_SIGNE', key: 'statut' };
  return undefined;
}

/** The refusals among `paths` (files or folders), one per refused file, before any rendering. */
export async function refusedForSigning(
  paths: readonly string[],
  options: { cwd: string; lang: Lang; conventions: boolean },
): Promise<Diagnostic[]> {
  const { files } = await collectFiles(paths, options.cwd);
  const out: Diagnostic[] = [];
  for (const f of files.filter((x) => x.requested)) {
    const facts = await preSignFacts(f.absolutePath, options.lang);
    const r = facts && refusal(facts, options.conventions);
    if (!facts || !r) continue;
    const params: DiagnosticParams = { chemin: f.file };
    if (r.version !== undefined) params['version'] = r.version;
    const d = signatureDiagnostic(r.code, params, f.file, options.lang);
    const line = facts[r.key].line;
    out.push({ ...d, line, column: line ? 1 : 0, pointer: `/${r.key}` });
  }
  return out;
}
