import type { Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import { decodeSource, readSource, type ReadResult } from './read-source.js';
import { parseYaml, type ParsedYaml } from './parse-yaml.js';
import { SourceText } from './source-text.js';

export interface LoadedYaml {
  report: FileReport;
  source?: SourceText;
  parsed?: ParsedYaml;
  /** Undefined when the file could not be read or parsed (the report says why). */
  data: unknown;
}

/** Decoded text (or problem) → parsed YAML with every problem as a diagnostic. Never throws. */
export function loadYamlText(file: string, read: ReadResult, lang: Lang): LoadedYaml {
  if (!read.ok) {
    const report = new FileReport(file, lang);
    const { problem } = read;
    report.add(problem.code, problem.params, '', {
      line: problem.line ?? 0,
      column: problem.column ?? 0,
    });
    return { report, data: undefined };
  }
  const source = new SourceText(file, read.text);
  const parsed = parseYaml(source);
  const report = new FileReport(file, lang, source, parsed);
  for (const p of parsed.problems) report.add(p.code, p.params, '', { offset: p.offset });
  if (parsed.data === null || (parsed.data === undefined && parsed.problems.length === 0)) {
    report.add('FICHIER_VIDE', {}, '', { line: 1, column: 1 });
  }
  return { report, source, parsed, data: parsed.problems.length ? undefined : parsed.data };
}

export async function loadYamlFile(
  file: string,
  displayName: string,
  lang: Lang,
): Promise<LoadedYaml> {
  return loadYamlText(displayName, await readSource(file), lang);
}

export function loadYamlBytes(displayName: string, bytes: Uint8Array, lang: Lang): LoadedYaml {
  return loadYamlText(displayName, decodeSource(bytes), lang);
}
