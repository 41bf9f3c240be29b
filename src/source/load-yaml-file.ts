import type { DiagnosticParams, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import { decodeSource, readSource, type ReadResult } from './read-source.js';
import { parseYaml, type ParsedYaml } from './parse-yaml.js';
import { SourceText } from './source-text.js';

/** The yaml library's error codes explained to a convention writer. */
const syntaxHelp: Record<string, { fr: string; en: string }> = {
  BAD_INDENT: { fr: 'indentation incorrecte', en: 'wrong indentation' },
  TAB_AS_INDENT: {
    fr: 'tabulation utilisée pour indenter : utilisez des espaces',
    en: 'tab used for indentation: use spaces',
  },
  MISSING_CHAR: {
    fr: 'caractère manquant (crochet, accolade ou guillemet non refermé ?)',
    en: 'missing character (unclosed bracket, brace or quote?)',
  },
  UNEXPECTED_TOKEN: { fr: 'élément inattendu à cet endroit', en: 'unexpected token here' },
  BLOCK_AS_IMPLICIT_KEY: {
    fr: '« : » manquant ou clé sur plusieurs lignes',
    en: 'missing ":" or multi-line key',
  },
  MULTILINE_IMPLICIT_KEY: {
    fr: '« : » manquant ou clé sur plusieurs lignes',
    en: 'missing ":" or multi-line key',
  },
  BAD_DQ_ESCAPE: {
    fr: 'échappement invalide entre guillemets',
    en: 'invalid escape in a double-quoted string',
  },
  BAD_SCALAR_START: {
    fr: 'une valeur ne peut pas commencer par ce caractère : mettez-la entre guillemets',
    en: 'a value cannot start with this character: quote it',
  },
  BAD_ALIAS: { fr: 'alias (*nom) mal formé', en: 'malformed alias (*name)' },
  MULTIPLE_ANCHORS: {
    fr: 'plusieurs ancres (&nom) sur un nœud',
    en: 'several anchors on one node',
  },
  MULTIPLE_TAGS: { fr: 'plusieurs étiquettes (!tag) sur un nœud', en: 'several tags on one node' },
  UNEXPECTED_TOKEN_AFTER_DOC: {
    fr: 'contenu après la fin du document',
    en: 'content after the end of the document',
  },
  BLOCK_IN_FLOW: {
    fr: 'bloc dans une liste ou table entre crochets/accolades',
    en: 'block inside a flow collection',
  },
};

/**
 * The yaml library's message is English: French output gets our explanation only (or the
 * library's code when there is none), English output both.
 */
function explainSyntax(params: DiagnosticParams, lang: Lang): DiagnosticParams {
  const code = typeof params['yaml'] === 'string' ? params['yaml'] : undefined;
  const help = code === undefined ? undefined : syntaxHelp[code];
  const library = String(params['detail']);
  if (lang === 'en') return { ...params, detail: help ? `${help.en} (${library})` : library };
  return { ...params, detail: help ? help.fr : `erreur de syntaxe (${code ?? 'inconnue'})` };
}

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
  return loadYamlText(displayName, await readSource(file), lang);
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
  const source = new SourceText(displayName, read.text);
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
