import type { Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import { decodeSource, readSource, type ReadResult } from './read-source.js';
import { MAX_ALIAS_COUNT, parseYaml, type ParsedYaml } from './parse-yaml.js';
import { parseCleanData } from './unique-keys.js';
import { yamlDepthExcess } from './yaml-depth.js';
import { SourceText } from './source-text.js';
import { explainSyntax } from './yaml-syntax-help.js';

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
  for (const p of parsed.problems) {
    const params = p.code === 'YAML_SYNTAXE' ? explainSyntax(p.params, lang) : p.params;
    report.add(
      p.code,
      params,
      '',
      p.offset === undefined ? { line: 0, column: 0 } : { offset: p.offset },
    );
  }
  const empty = parsed.data === null || (parsed.data === undefined && parsed.problems.length === 0);
  if (empty) report.add('FICHIER_VIDE', {}, '', { line: 0, column: 0 });
  return {
    report,
    source,
    parsed,
    data: parsed.problems.length || empty ? undefined : parsed.data,
  };
}

export async function loadYamlFile(
  file: string,
  displayName: string,
  lang: Lang,
): Promise<LoadedYaml> {
  return loadYamlText(displayName, await readSource(file, lang, displayName), lang);
}

/**
 * loadYamlFile for a file that is usually clean (a cotation grid): the data come from the fast
 * reader (yaml-simple.ts, or the library without positions), and the document is parsed with
 * positions only when a diagnostic needs one. Same report as loadYamlFile's.
 */
export async function loadYamlFileFast(
  file: string,
  displayName: string,
  lang: Lang,
): Promise<LoadedYaml> {
  const read = await readSource(file, lang, displayName);
  if (!read.ok || yamlDepthExcess(read.text) !== -1) return loadYamlText(displayName, read, lang);
  const data = parseCleanData(read.text, MAX_ALIAS_COUNT);
  if (data === undefined || data === null) return loadYamlText(displayName, read, lang);
  return lazyLoaded(displayName, read.text, lang, data);
}

export function loadYamlBytes(displayName: string, bytes: Uint8Array, lang: Lang): LoadedYaml {
  return loadYamlText(displayName, decodeSource(bytes), lang);
}

/**
 * A file whose data is already known (the build parsed and validated these very bytes): the
 * report is the same as loadYamlBytes', but the YAML is only parsed if a diagnostic needs a
 * position. `data` must be what loadYamlBytes would give for `bytes`.
 */
export function loadYamlKnown(
  displayName: string,
  bytes: Uint8Array,
  lang: Lang,
  data: unknown,
): LoadedYaml {
  const read = decodeSource(bytes);
  if (!read.ok) return loadYamlText(displayName, read, lang);
  return lazyLoaded(displayName, read.text, lang, data);
}

/** A clean document's `data`, with a report that parses positions on its first diagnostic. */
function lazyLoaded(displayName: string, text: string, lang: Lang, data: unknown): LoadedYaml {
  const source = new SourceText(displayName, text);
  let parsed: ParsedYaml | undefined;
  const parse = (): ParsedYaml => (parsed ??= parseYaml(source));
  const lazy: ParsedYaml = {
    get data() {
      return parse().data;
    },
    get problems() {
      return parse().problems;
    },
    locate: (pointer, opts) => parse().locate(pointer, opts),
  };
  return { report: new FileReport(displayName, lang, source, lazy), source, parsed: lazy, data };
}
