/**
 * The line where each identifier of a table was first seen, to report duplicates with the line
 * of the first. Built for millions of rows: identifiers are copied as bytes into one growing
 * buffer (a `Map` of strings would keep every line of the file alive, or cost a string each),
 * found again through an open-addressing table of hashes. Exact: a hash match is confirmed by
 * comparing the characters.
 */
import { hashText } from './read-table.js';

export class PremieresLignes {
  /** Slot → entry + 1 (0: empty). Power-of-two length, at most half full. */
  private slots = new Int32Array(1024);
  private hashes = new Uint32Array(512);
  private lines = new Int32Array(512);
  /** Entry → start of its characters in `bytes`; entry + 1 → its end. */
  private starts = new Int32Array(513);
  private bytes = new Uint8Array(8192);
  private size = 0;
  /** Identifiers with a character beyond Latin-1 (rare): kept as strings. */
  private readonly autres = new Map<string, number>();

  /** Number of distinct identifiers recorded. */
  get count(): number {
    return this.size + this.autres.size;
  }

  /**
   * Records that `id` is on `line`, unless it was seen before: then returns the line of its
   * first occurrence (and records nothing), else 0.
   */
  premiere(id: string, line: number): number {
    const hash = hashText(id);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let e = this.slots[slot] ?? 0; e !== 0; e = this.slots[slot] ?? 0) {
      if (this.hashes[e - 1] === hash && this.equals(e - 1, id)) return this.lines[e - 1] ?? 0;
      slot = (slot + 1) & mask;
    }
    if (!this.append(id, hash, line)) {
      const first = this.autres.get(id);
      if (first !== undefined) return first;
      this.autres.set(id, line);
      return 0;
    }
    this.slots[slot] = this.size;
    if (this.size * 2 > this.slots.length) this.rehash();
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
  private append(id: string, hash: number, line: number): boolean {
    const start = this.starts[this.size] ?? 0;
    const end = start + id.length;
    if (end > this.bytes.length) this.bytes = grow(this.bytes, end);
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      if (c > 255) return false;
      this.bytes[start + i] = c;
    }
    if (this.size === this.hashes.length) {
      this.hashes = grow(this.hashes, this.size + 1);
      this.lines = grow(this.lines, this.size + 1);
      this.starts = grow(this.starts, this.size + 2);
    }
    this.hashes[this.size] = hash;
    this.lines[this.size] = line;
    this.size++;
    this.starts[this.size] = end;
    return true;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let e = 0; e < this.size; e++) {
      let slot = (this.hashes[e] ?? 0) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = e + 1;
    }
    this.slots = slots;
  }
}

type Typed = Uint8Array | Int32Array | Uint32Array;

/** A copy of `a` at least `min` long (doubling). */
function grow<T extends Typed>(a: T, min: number): T {
  let length = a.length * 2;
  while (length < min) length *= 2;
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}
