import type { Document, Node, Pair, YAMLMap } from 'yaml';
import type { DiagnosticParams } from '../diagnostics/diagnostic.js';
import { parsePointer } from './json-pointer.js';
import type { SourceText } from './source-text.js';
import { MAX_YAML_DEPTH, yamlDepthExcess } from './yaml-depth.js';
import { parseUniqueDocument } from './unique-keys.js';
import { yaml } from './yaml-lib.js';

/** Aliases allowed in one file before we call it a "billion laughs" bomb. */
export const MAX_ALIAS_COUNT = 50;

export interface YamlProblem {
  code: string;
  params: DiagnosticParams;
  /** Undefined when the problem is the whole file (e.g. too many aliases). */
  offset?: number;
}

export interface ParsedYaml {
  /** Plain data (undefined when the document could not be read at all). */
  data: unknown;
  problems: YamlProblem[];
  /** Resolves a JSON pointer to a source offset, lazily (positions only when a diagnostic needs one). */
  locate: (pointer: string, opts?: { key?: boolean }) => number;
}

type Located = { node: Node | null; keyOffset?: number };

/** Each map's first pair per key, built on the first lookup: one lookup per diagnostic stays O(1). */
const keyIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  let index = keyIndexes.get(map);
  if (!index) {
    const { isPair, isScalar } = yaml();
    index = new Map();
    for (const p of map.items)
      if (isPair(p) && isScalar(p.key)) {
        const k = String(p.key.value);
        if (!index.has(k)) index.set(k, p);
      }
    keyIndexes.set(map, index);
  }
  return index.get(key);
}

function walk(doc: Document, pointer: string): Located & { complete: boolean } {
  const { isMap, isScalar, isSeq } = yaml();
  let node: Node | null = doc.contents;
  let keyOffset: number | undefined;
  for (const segment of parsePointer(pointer)) {
    if (isMap(node)) {
      const pair = pairOf(node, segment);
      if (!pair) return { node, keyOffset, complete: false };
      keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      node = (pair.value as Node | null) ?? null;
      if (node === null) return { node: null, keyOffset, complete: true };
    } else if (isSeq(node)) {
      const item: unknown = node.items[Number(segment)];
      if (item === undefined) return { node, keyOffset, complete: false };
      keyOffset = undefined;
      node = item as Node;
    } else {
      return { node, keyOffset, complete: false };
    }
  }
  return { node, keyOffset, complete: true };
}

function errorCode(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'YAML_CLE_DUPLIQUEE';
    case 'MULTIPLE_DOCS':
      return 'YAML_PLUSIEURS_DOCUMENTS';
    case 'TAG_RESOLVE_FAILED':
      return 'YAML_ETIQUETTE_INCONNUE';
    case 'RESOURCE_EXHAUSTION':
      return 'YAML_TROP_PROFOND';
    default:
      return 'YAML_SYNTAXE';
  }
}

/**
 * The yaml library's options as `YAML.parse` would take them: YAML 1.2 core (dates stay text),
 * duplicate keys refused. convflux itself parses with `parseUniqueDocument` (unique-keys.ts), the
 * same options with a linear duplicate-key check.
 */
export const PARSE_OPTIONS = {
  version: '1.2',
  schema: 'core',
  uniqueKeys: true,
  merge: false,
  prettyErrors: false,
  strict: true,
  keepSourceTokens: false,
} as const;

/**
 * The first tab in a line's indentation, when the parse failed and a tab is to blame (the parser
 * said so, or the tab comes before its first complaint).
 */
function indentationTab(
  text: string,
  errors: readonly { code: string; pos: [number, number] }[],
): YamlProblem | undefined {
  const match = /^ *\t/m.exec(text);
  const told = errors.find((e) => e.code === 'TAB_AS_INDENT');
  const firstError = Math.min(...errors.map((e) => e.pos[0]));
  if (match && (told || match.index <= firstError)) {
    const offset = match.index + match[0].length - 1;
    return { code: 'YAML_TABULATION', params: {}, offset };
  }
  if (told) return { code: 'YAML_TABULATION', params: {}, offset: told.pos[0] };
  return undefined;
}

/** Parses one YAML document (YAML 1.2 core schema) keeping what is needed to locate values. */
export function parseYaml(source: SourceText): ParsedYaml {
  // Too deep a nesting is refused before parsing (the parser would overflow or crawl).
  const excess = yamlDepthExcess(source.text);
  if (excess !== -1) return { data: undefined, problems: [tooDeep(excess)], locate: () => excess };
  const doc = parseUniqueDocument(source.text);
  const problems: YamlProblem[] = [];
  // A tab in the indentation derails the parser: what it says next (duplicate keys, bad
  // indentation) follows from the tab. The tab alone is reported, where it is.
  const tab = doc.errors.length ? indentationTab(source.text, doc.errors) : undefined;
  if (tab !== undefined) return { data: undefined, problems: [tab], locate: () => tab.offset ?? 0 };
  let syntax = false;
  for (const e of [...doc.errors, ...doc.warnings]) {
    const code = errorCode(e.code);
    const offset = e.pos[0];
    // After a first syntax error the parser's later complaints are mostly its consequences.
    if (code === 'YAML_SYNTAXE') {
      if (syntax) continue;
      syntax = true;
    }
    let params: DiagnosticParams;
    if (code === 'YAML_TROP_PROFOND') {
      problems.push(tooDeep(offset));
      continue;
    }
    if (code === 'YAML_CLE_DUPLIQUEE') params = { cle: duplicateKeyName(source.text, offset) };
    else if (code === 'YAML_ETIQUETTE_INCONNUE')
      params = { detail: /^!\S*/.exec(source.text.slice(offset))?.[0] ?? e.code };
    else params = { yaml: e.code, detail: e.message.split('\n')[0] ?? e.message };
    problems.push({ code, params, offset });
  }
  let data: unknown;
  if (doc.errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      problems.push(conversionProblem(error));
      data = undefined;
    }
  }
  const locate = (pointer: string, opts?: { key?: boolean }): number => {
    const found = walk(doc, pointer);
    if (opts?.key && found.keyOffset !== undefined) return found.keyOffset;
    if (found.complete && found.node?.range) return found.node.range[0];
    if (found.keyOffset !== undefined) return found.keyOffset;
    return found.node?.range?.[0] ?? 0;
  };
  return { data, problems, locate };
}

function tooDeep(offset: number): YamlProblem {
  return { code: 'YAML_TROP_PROFOND', params: { limite: MAX_YAML_DEPTH }, offset };
}

/** A failure of the conversion to plain data: alias bomb, stack overflow, other. */
function conversionProblem(error: unknown): YamlProblem {
  if (error instanceof RangeError) return tooDeep(0);
  const message = error instanceof Error ? error.message : String(error);
  if (/alias/i.test(message))
    return { code: 'YAML_ALIAS_EXCESSIFS', params: { limite: MAX_ALIAS_COUNT } };
  return { code: 'YAML_SYNTAXE', params: { yaml: 'IMPOSSIBLE', detail: message } };
}

/** The key text at a duplicate-key error offset (a YAML key is short: cut at the colon). */
function duplicateKeyName(text: string, offset: number): string {
  const rest = text.slice(offset, offset + 120);
  const m = /^\s*("([^"]*)"|'([^']*)'|([^:\n]*?))\s*:/.exec(rest);
  return (m?.[2] ?? m?.[3] ?? m?.[4] ?? rest.split('\n')[0] ?? '').trim();
}
