/**
 * The numéros uniques already read in a requests file, and the line of each, to reject a second
 * row with the same numéro (COTATION_NUMERO_DOUBLE). Kept compact, since a file may hold the
 * 736 000 requests of a region, and exact (a match is confirmed character by character):
 * - each numéro (6 to 24 ASCII letters and digits, as `lireDemande` checks) is packed six bits a
 *   character behind a length byte, one after the other in one byte pool (11 bytes for the 13
 *   characters of a numéro unique, 19 at most);
 * - an open-addressing table (linear probing, at most 70 % full) holds, per slot, the numéro's
 *   offset in the pool and its line: 8 bytes a slot, the hash is computed again on a rehash.
 * About 20 bytes a request (16 Mo at 736 000), where a Map<string, number> takes about 100.
 */

const EMPTY = 0xffffffff;
const LOAD = 0.7;

export class NumerosVus {
  private pool = new Uint8Array(1 << 16);
  private used = 0;
  private count = 0;
  private offsets = new Uint32Array(1 << 12).fill(EMPTY);
  private lines = new Uint32Array(1 << 12);

  /**
   * Records `numero` read on `line`, or, when it was already read, returns the line where it was
   * first read (and records nothing).
   */
  premiere(numero: string, line: number): number | undefined {
    const mask = this.offsets.length - 1;
    for (let i = hash(numero) & mask; ; i = (i + 1) & mask) {
      const offset = this.offsets[i] ?? EMPTY;
      if (offset === EMPTY) {
        this.offsets[i] = this.add(numero);
        this.lines[i] = line;
        if (++this.count > this.offsets.length * LOAD) this.rehash();
        return undefined;
      }
      if (this.equals(offset, numero)) return this.lines[i];
    }
  }

  private equals(offset: number, numero: string): boolean {
    if (this.pool[offset] !== numero.length) return false;
    decode(this.pool, offset);
    for (let k = 0; k < numero.length; k++)
      if (SCRATCH[k] !== code(numero.charCodeAt(k))) return false;
    return true;
  }

  /** Appends the numéro's length, then its six-bit codes as one bit string. */
  private add(numero: string): number {
    const need = 1 + Math.ceil((numero.length * 6) / 8);
    if (this.used + need > this.pool.length) {
      const pool = new Uint8Array(Math.max(this.pool.length * 1.5, this.used + need) | 0);
      pool.set(this.pool.subarray(0, this.used));
      this.pool = pool;
    }
    const offset = this.used;
    this.pool[offset] = numero.length;
    let b = offset + 1;
    let bits = 0;
    let n = 0;
    for (let k = 0; k < numero.length; k++) {
      bits = (bits << 6) | code(numero.charCodeAt(k));
      n += 6;
      if (n >= 8) {
        n -= 8;
        this.pool[b++] = (bits >>> n) & 0xff;
      }
    }
    if (n > 0) this.pool[b] = (bits << (8 - n)) & 0xff;
    this.used += need;
    return offset;
  }

  private rehash(): void {
    const old = { offsets: this.offsets, lines: this.lines };
    this.offsets = new Uint32Array(old.offsets.length * 2).fill(EMPTY);
    this.lines = new Uint32Array(old.offsets.length * 2);
    const mask = this.offsets.length - 1;
    for (let j = 0; j < old.offsets.length; j++) {
      const offset = old.offsets[j] ?? EMPTY;
      if (offset === EMPTY) continue;
      let h = FNV_BASE;
      const length = decode(this.pool, offset);
      for (let k = 0; k < length; k++) h = fnv(h, SCRATCH[k] ?? 0);
      let i = (h >>> 0) & mask;
      while (this.offsets[i] !== EMPTY) i = (i + 1) & mask;
      this.offsets[i] = offset;
      this.lines[i] = old.lines[j] ?? 0;
    }
  }
}

/** Where `decode` writes the six-bit codes of one numéro (at most 255 characters). */
const SCRATCH = new Uint8Array(256);

/** Writes the six-bit codes of the numéro stored at `offset` into SCRATCH; returns its length. */
function decode(pool: Uint8Array, offset: number): number {
  const length = pool[offset] ?? 0;
  let b = offset + 1;
  let bits = 0;
  let n = 0;
  for (let k = 0; k < length; k++) {
    if (n < 6) {
      bits = ((bits << 8) | (pool[b++] ?? 0)) & 0xffff;
      n += 8;
    }
    n -= 6;
    SCRATCH[k] = (bits >>> n) & 0x3f;
  }
  return length;
}

/** Six bits per character: 0–9, A–Z, a–z become 1–62 (0 pads a short last group). */
function code(c: number): number {
  if (c <= 57) return c - 47;
  if (c <= 90) return c - 54;
  return c - 60;
}

const FNV_BASE = 0x811c9dc5;
const fnv = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);

/** FNV-1a (32 bits) of the numéro's six-bit codes. */
function hash(s: string): number {
  let h = FNV_BASE;
  for (let k = 0; k < s.length; k++) h = fnv(h, code(s.charCodeAt(k)));
  return h >>> 0;
}
