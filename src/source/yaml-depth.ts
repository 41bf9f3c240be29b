/**
 * How deep a YAML text nests, measured before it is parsed. The yaml library composes nodes
 * recursively (« Maximum call stack size exceeded » past a few hundred levels) and its parser
 * slows down with the square of the depth (a 40 kB `[[[[…]]]]` takes seconds): a convention is
 * about ten levels deep, so anything past MAX_YAML_DEPTH is refused before the parser sees it.
 */

/** Deepest nesting accepted (a convention needs about ten levels). */
export const MAX_YAML_DEPTH = 64;

/**
 * An upper bound of the depth, one pass over the text: block levels (indentations still open,
 * plus `- ` entries opened on the same line) and flow levels (`[`, `{` not in quotes or
 * comments). Returns the offset where the bound first exceeds `max`, or -1.
 */
export function yamlDepthExcess(text: string, max: number = MAX_YAML_DEPTH): number {
  const indents: number[] = [];
  let flow = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line: its indentation closes the deeper block levels.
    let col = 0;
    while (i < n && text.charCodeAt(i) === 0x20) {
      i++;
      col++;
    }
    const c = text.charCodeAt(i);
    const blank = i >= n || c === 0x0a || c === 0x0d || c === 0x23; // empty or comment line
    if (!blank) {
      while (indents.length && (indents.at(-1) ?? 0) >= col) indents.pop();
      indents.push(col);
      // `- - - x`: each dash opens one more level on this line.
      while (text.charCodeAt(i) === 0x2d && isSpaceOrEnd(text, i + 1)) {
        i++;
        col++;
        while (i < n && text.charCodeAt(i) === 0x20) {
          i++;
          col++;
        }
        indents.push(col);
        if (indents.length > max) return i;
      }
      if (indents.length > max) return i;
    }
    // The rest of the line: flow brackets, skipping quoted text and comments.
    const end = scanLine(text, i, (at, delta) => {
      flow = Math.max(0, flow + delta);
      return indents.length + flow > max ? at : -1;
    });
    if (end.excess !== -1) return end.excess;
    i = end.next;
  }
  return -1;
}

function isSpaceOrEnd(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return i >= text.length || c === 0x20 || c === 0x0a || c === 0x0d;
}

/** Scans to the end of the line; `onBracket` is told of every flow opening (+1) and closing (-1). */
function scanLine(
  text: string,
  start: number,
  onBracket: (at: number, delta: number) => number,
): { next: number; excess: number } {
  let i = start;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) return { next: i + 1, excess: -1 };
    if (c === 0x23 && (i === start || /\s/.test(text.charAt(i - 1)))) {
      const eol = text.indexOf('\n', i);
      return { next: eol === -1 ? n : eol + 1, excess: -1 };
    }
    if ((c === 0x22 || c === 0x27) && startsScalar(text, start, i)) {
      i = closingQuote(text, i);
      continue;
    }
    if (c === 0x5b || c === 0x7b || c === 0x5d || c === 0x7d) {
      const excess = onBracket(i, c === 0x5b || c === 0x7b ? 1 : -1);
      if (excess !== -1) return { next: i, excess };
    }
    i++;
  }
  return { next: n, excess: -1 };
}

/** Whether a quote at `i` opens a quoted scalar (`l'État` is plain text, `: 'x'` is quoted). */
function startsScalar(text: string, lineStart: number, i: number): boolean {
  let k = i - 1;
  while (k >= lineStart && text.charCodeAt(k) === 0x20) k--;
  return k < lineStart || ':-[{,?'.includes(text.charAt(k));
}

/** The offset after the closing quote of a quoted scalar starting at `i` (may span lines). */
function closingQuote(text: string, i: number): number {
  const quote = text.charAt(i);
  let k = i + 1;
  while (k < text.length) {
    const ch = text.charAt(k);
    if (quote === '"' && ch === '\\') k += 2;
    else if (ch === quote && quote === "'" && text.charAt(k + 1) === "'") k += 2;
    else if (ch === quote) return k + 1;
    else k++;
  }
  return text.length;
}
