/**
 * The numéros uniques already read in a requests file, and the line of each, to reject a second
 * row with the same numéro (COTATION_NUMERO_DOUBLE). Kept compact, since a file may hold the
 * 736 000 requests of a region: the numéros' ASCII bytes one after the other in one buffer, and
 * an open-addressing hash table of indexes into it (about 30 bytes a request, where a
 * Map<string, number> takes about 100). Exact: a hash match is confirmed byte by byte.
 */

const EMPTY = -1;

export class NumerosVus {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  private starts = new Uint32Array(1 << 12);
  private lengths = new Uint8Array(1 << 12);
  private lines = new Uint32Array(1 << 12);
  private hashes = new Uint32Array(1 << 12);
  private count = 0;
  private slots = new Int32Array(1 << 13).fill(EMPTY);

  /**
   * Records `numero` (ASCII letters and digits, at most 255) read on `line`, or, when it was
   * already read, returns the line where it was first read (and records nothing).
   */
  premiere(numero: string, line: number): number | undefined {
    const mask = this.slots.length - 1;
    const h = hash(numero);
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const entry = this.slots[i] ?? EMPTY;
      if (entry === EMPTY) {
        this.slots[i] = this.add(numero, line, h);
        if (this.count * 2 > this.slots.length) this.rehash();
        return undefined;
      }
      if (this.hashes[entry] === h && this.equals(entry, numero)) return this.lines[entry];
    }
  }

  private equals(entry: number, numero: string): boolean {
    if (this.lengths[entry] !== numero.length) return false;
    const start = this.starts[entry] ?? 0;
    for (let k = 0; k < numero.length; k++)
      if (this.bytes[start + k] !== numero.charCodeAt(k)) return false;
    return true;
  }

  private add(numero: string, line: number, h: number): number {
    if (this.used + numero.length > this.bytes.length)
      this.bytes = grown(this.bytes, this.used + numero.length);
    for (let k = 0; k < numero.length; k++) this.bytes[this.used + k] = numero.charCodeAt(k);
    if (this.count === this.starts.length) {
      this.starts = grown(this.starts, this.count + 1);
      this.lengths = grown(this.lengths, this.count + 1);
      this.lines = grown(this.lines, this.count + 1);
      this.hashes = grown(this.hashes, this.count + 1);
    }
    const entry = this.count++;
    this.starts[entry] = this.used;
    this.lengths[entry] = numero.length;
    this.lines[entry] = line;
    this.hashes[entry] = h;
    this.used += numero.length;
    return entry;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = this.slots.length - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let i = (this.hashes[entry] ?? 0) & mask;
      while (this.slots[i] !== EMPTY) i = (i + 1) & mask;
      this.slots[i] = entry;
    }
  }
}

type Typed = Uint8Array | Uint32Array;

function grown<T extends Typed>(a: T, need: number): T {
  let size = a.length * 2;
  while (size < need) size *= 2;
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/** FNV-1a (32 bits) of the numéro's character codes. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h >>> 0;
}
