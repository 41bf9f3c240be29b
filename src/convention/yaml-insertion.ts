/**
 * Lines inserted into a YAML text as it is (every comment, the order and the layout stay), as
 * `convflux migrate` does: where a block mapping ends, with the indentation of its keys.
 */
import { isMap, isScalar, type Document, type YAMLMap } from 'yaml';

export interface Insertion {
  /** Offset of the start of the line before which the lines go. */
  offset: number;
  lines: string[];
  /** JSON pointer of what the lines add ('' : the block at the end of the file). */
  pointer: string;
}

/** Offset of the start of the line after the one holding `offset - 1` (end of a node). */
export function lineAfter(text: string, end: number): number {
  const nl = text.indexOf('\n', Math.max(0, end - 1));
  return nl < 0 ? text.length : nl + 1;
}

export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The block mapping at a path (undefined: absent, a flow mapping or not a mapping). */
export function blockMapAt(doc: Document, path: readonly string[]): YAMLMap | undefined {
  const node = path.length ? doc.getIn(path, true) : doc.contents;
  return isMap(node) && !node.flow ? node : undefined;
}

/** Where a line appended to a block mapping goes, and its indentation. */
export function endOfMap(
  text: string,
  map: YAMLMap,
): { offset: number; indent: string } | undefined {
  const first = map.items[0]?.key;
  if (!map.range || !isScalar(first) || !first.range) return undefined;
  return {
    offset: lineAfter(text, map.range[1]),
    indent: ' '.repeat(columnOf(text, first.range[0])),
  };
}

/** The 1-based line and column of the first line whose trimmed text is `line` trimmed. */
export function lineOf(text: string, line: string): { line: number; column: number } | undefined {
  const wanted = line.trim();
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((l) => l.trim() === wanted);
  if (index < 0) return undefined;
  const found = lines[index] ?? '';
  return { line: index + 1, column: found.length - found.trimStart().length + 1 };
}

/** True when the text already holds this line (trimmed): a second run adds nothing. */
export function hasLine(text: string, line: string): boolean {
  return lineOf(text, line) !== undefined;
}
