/**
 * The line where each identifier of a table was first seen, to report duplicates with the line
 * of the first. Built for millions of rows: identifiers are copied as bytes into one growing
 * buffer (a `Map` of strings would keep every line of the file alive, or cost a string each),
 * found again through an open-addressing table of hashes. Exact: a hash match is confirmed by
 * comparing the characters.
 */
import { hashText } from './read-table.js';

export class PremieresLignes {
  /**
   * Open addressing, two cells per slot: entry + 1 (0: empty) and the identifier's hash, side
   * by side so that a probe reads one cache line. Power-of-two slot count, at most half full.
   */
  private table: Int32Array;
  private lines: Int32Array;
  /** Entry → start of its characters in `bytes`; entry + 1 → its end. */
  private starts: Int32Array;
  private bytes: Uint8Array;
  private size = 0;
  /** Identifiers with a character beyond Latin-1 (rare): kept as strings. */
  private readonly autres = new Map<string, number>();

  /**
   * `attendus`: how many identifiers are expected (an estimate, e.g. from the file size):
   * sized for them up front, the table is not rebuilt as it grows.
   */
  constructor(attendus = 0) {
    let slots = 1024;
    while (slots < attendus * 2 && slots < 1 << 28) slots *= 2;
    const entries = Math.max(512, Math.min(attendus, slots / 2));
    this.table = new Int32Array(slots * 2);
    this.lines = new Int32Array(entries);
    this.starts = new Int32Array(entries + 1);
    // An RPLS-like id is ≈ 20 characters; grows for longer ones.
    this.bytes = new Uint8Array(entries * 20);
  }

  /** Number of distinct identifiers recorded. */
  get count(): number {
    return this.size + this.autres.size;
  }

  /**
   * Records that `id` is on `line`, unless it was seen before: then returns the line of its
   * first occurrence (and records nothing), else 0.
   */
  premiere(id: string, line: number): number {
    const hash = hashText(id) | 0;
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let slot = hash & mask;
    for (let e = table[slot << 1] ?? 0; e !== 0; e = table[slot << 1] ?? 0) {
      if (table[(slot << 1) + 1] === hash && this.equals(e - 1, id)) return this.lines[e - 1] ?? 0;
      slot = (slot + 1) & mask;
    }
    if (!this.append(id, line)) {
      const first = this.autres.get(id);
      if (first !== undefined) return first;
      this.autres.set(id, line);
      return 0;
    }
    table[slot << 1] = this.size;
    table[(slot << 1) + 1] = hash;
    if (this.size * 4 > table.length) this.rehash();
    return 0;
  }

  private equals(entry: number, id: string): boolean {
    const start = this.starts[entry] ?? 0;
    if ((this.starts[entry + 1] ?? 0) - start !== id.length) return false;
    for (let i = 0; i < id.length; i++)
      if (this.bytes[start + i] !== id.charCodeAt(i)) return false;
    return true;
  }

  /** Stores a Latin-1 identifier as a new entry; false (nothing stored) for any other. */
  private append(id: string, line: number): boolean {
    const start = this.starts[this.size] ?? 0;
    const end = start + id.length;
    if (end > this.bytes.length) this.bytes = grow(this.bytes, end);
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      if (c > 255) return false;
      this.bytes[start + i] = c;
    }
    if (this.size === this.lines.length) {
      this.lines = grow(this.lines, this.size + 1);
      this.starts = grow(this.starts, this.size + 2);
    }
    this.lines[this.size] = line;
    this.size++;
    this.starts[this.size] = end;
    return true;
  }

  private rehash(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    const mask = (table.length >> 1) - 1;
    for (let i = 0; i < old.length; i += 2) {
      const e = old[i] ?? 0;
      if (e === 0) continue;
      const hash = old[i + 1] ?? 0;
      let slot = hash & mask;
      while (table[slot << 1] !== 0) slot = (slot + 1) & mask;
      table[slot << 1] = e;
      table[(slot << 1) + 1] = hash;
    }
    this.table = table;
  }
}

type Typed = Uint8Array | Int32Array;

/** A copy of `a` at least `min` long (doubling). */
function grow<T extends Typed>(a: T, min: number): T {
  let length = a.length * 2;
  while (length < min) length *= 2;
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}
