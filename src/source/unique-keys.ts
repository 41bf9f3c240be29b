/**
 * Duplicate keys found in linear time. The yaml library's own `uniqueKeys` check compares each
 * new key with every earlier key of its map (quadratic: 90 000 keys at one level never finish),
 * so documents are composed without it and checked here, with a set per map.
 */
import type { Document, YAMLParseError } from 'yaml';
import { yaml } from './yaml-lib.js';
import { parseSimpleYaml } from './yaml-simple.js';

/** The yaml library's options for every convflux YAML file, its duplicate-key check replaced. */
export const COMPOSE_OPTIONS = {
  version: '1.2',
  schema: 'core',
  uniqueKeys: false,
  merge: false,
  prettyErrors: false,
  strict: true,
  keepSourceTokens: false,
} as const;

/** A DUPLICATE_KEY error (as the yaml library words it) for every repeated scalar key. */
export function duplicateKeyErrors(doc: Document): YAMLParseError[] {
  const { isMap, isPair, isScalar, isSeq, YAMLParseError } = yaml();
  const errors: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const { key } = pair;
        if (isScalar(key)) {
          if (seen.has(key.value)) {
            const at = key.range?.[0] ?? 0;
            errors.push(
              new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'),
            );
          } else seen.add(key.value);
        } else stack.push(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return errors;
}

/**
 * Parses one YAML document with convflux's options; duplicate keys are errors of the document,
 * in source order with the others, as if the yaml library had found them.
 */
export function parseUniqueDocument(text: string): Document {
  const doc = yaml().parseDocument(text, COMPOSE_OPTIONS);
  const duplicates = duplicateKeyErrors(doc);
  if (duplicates.length) {
    doc.errors.push(...duplicates);
    doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
  }
  return doc;
}

/**
 * The data of a clean document (no error, no warning, aliases within `maxAliasCount`), or
 * undefined: the caller then takes the slow path that says what is wrong, with positions.
 */
export function parseCleanData(text: string, maxAliasCount: number): unknown {
  // Plain conventions (no alias, tag, block scalar…) are read without the library: same data.
  return parseSimpleYaml(text) ?? parseCleanDataLibrary(text, maxAliasCount);
}

/** parseCleanData by the yaml library alone (what the fast reader must agree with). */
export function parseCleanDataLibrary(text: string, maxAliasCount: number): unknown {
  const doc = parseUniqueDocument(text);
  if (doc.errors.length || doc.warnings.length) return undefined;
  try {
    return doc.toJS({ maxAliasCount });
  } catch {
    return undefined;
  }
}
