/**
 * The numéros uniques already read in a requests file, and the line of each, to reject a second
 * row with the same numéro (COTATION_NUMERO_DOUBLE). Kept compact, since a file may hold the
 * 736 000 requests of a region, and exact (a match is confirmed byte by byte):
 * - each numéro (6 to 24 ASCII letters and digits, as `lireDemande` checks) is packed six bits a
 *   character behind a length byte, then the line it was read on (four bytes), one after the
 *   other in a pool of byte pages (15 bytes for the 13 characters of a numéro unique; an entry
 *   never straddles two pages);
 * - an open-addressing table (linear probing, at most 75 % full) holds, per slot, the entry's
 *   hash (`hashText` of its characters: FNV-1a then an avalanche, as the reader's shards) and its
 *   offset in the pool side by side (8 bytes a slot): a probe reads one place of memory, most
 *   probes of another numéro stop at the hash, and a rehash reads no entry again.
 * About 26 bytes a request (19 Mo at 736 000), where a Map<string, number> takes about 100.
 * A numéro of digits only (the SNE's, at most 15 of them) skips the pool: its value behind a
 * leading 1 (which keeps its leading zeros: « 0671 » and « 671 » stay apart), exact below 2⁵³, is
 * the key of a second table (`ParValeur`, 12 bytes a slot: no pool to write, no bytes to compare).
 * The pool is a list of fixed pages, never copied: growing leaves no garbage behind (a grown
 * copy lives long enough to be promoted, and waits for a full collection while the process's
 * peak memory climbs); only the table is reallocated, on a rehash.
 */

import { avalanche } from '../input/read-table.js';

const EMPTY = 0xffffffff;
const LOAD = 0.75;
/** Bytes of a pool page (a power of two: an offset is its page, then its place in the page). */
const PAGE_BITS = 20;
const PAGE = 1 << PAGE_BITS;
/** What a missing page reads as (never: every offset stored points into a page). */
const NO_PAGE = new Uint8Array(0);
/** The numéro being looked up, packed as it would be stored (length byte, then the codes). */
const PACKED = new Uint8Array(1 + 192);
/** Its hash, computed by `pack` in the same pass over its characters. */
let packedHash = 0;

export class NumerosVus {
  /** The packed numéros: full pages, then the page being filled (the last one). */
  private pages: Uint8Array[] = [new Uint8Array(1 << 16)];
  /** Bytes used in the last page. */
  private used = 0;
  private count = 0;
  /** Per slot, its entry's hash then its offset in the pool (EMPTY: a free slot). */
  private slots = emptySlots(1 << 12);
  /** The numéros of digits only. */
  private readonly parValeur = new ParValeur();

  /**
   * Records `numero` read on `line`, or, when it was already read, returns the line where it was
   * first read (and records nothing).
   */
  premiere(numero: string, line: number): number | undefined {
    const valeur = valeurDeChiffres(numero);
    if (valeur !== 0) return this.parValeur.premiere(valeur, line);
    const size = pack(numero);
    const h = packedHash;
    const slots = this.slots;
    const mask = (slots.length >>> 1) - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const offset = slots[2 * i + 1] ?? EMPTY;
      if (offset === EMPTY) {
        slots[2 * i] = h;
        slots[2 * i + 1] = this.add(size, line);
        if (++this.count > (slots.length >>> 1) * LOAD) this.rehash();
        return undefined;
      }
      if (slots[2 * i] === h && this.equals(offset, size)) return this.line(offset, size);
    }
  }

  private page(offset: number): Uint8Array {
    return this.pages[offset >>> PAGE_BITS] ?? NO_PAGE;
  }

  /** The line stored after the packed numéro (four bytes, little-endian). */
  private line(offset: number, size: number): number {
    const page = this.page(offset);
    const at = (offset & (PAGE - 1)) + size;
    return (
      ((page[at] ?? 0) |
        ((page[at + 1] ?? 0) << 8) |
        ((page[at + 2] ?? 0) << 16) |
        ((page[at + 3] ?? 0) << 24)) >>>
      0
    );
  }

  private equals(offset: number, size: number): boolean {
    const page = this.page(offset);
    const start = offset & (PAGE - 1);
    for (let k = 0; k < size; k++) if (page[start + k] !== PACKED[k]) return false;
    return true;
  }

  /** Appends the packed numéro and its line to the pool; returns its offset. */
  private add(size: number, line: number): number {
    let last = this.pages.length - 1;
    let page = this.pages[last] ?? NO_PAGE;
    if (this.used + size + 4 > page.length) {
      if (page.length < PAGE) {
        // The first page starts small (a small file stays small), then doubles up to PAGE.
        const bigger = new Uint8Array(page.length * 2);
        bigger.set(page.subarray(0, this.used));
        page = this.pages[last] = bigger;
      } else {
        page = new Uint8Array(PAGE);
        this.pages.push(page);
        last++;
        this.used = 0;
      }
    }
    const start = this.used;
    for (let k = 0; k < size; k++) page[start + k] = PACKED[k] ?? 0;
    page[start + size] = line & 0xff;
    page[start + size + 1] = (line >>> 8) & 0xff;
    page[start + size + 2] = (line >>> 16) & 0xff;
    page[start + size + 3] = (line >>> 24) & 0xff;
    this.used += size + 4;
    return last * PAGE + start;
  }

  private rehash(): void {
    const old = this.slots;
    const slots = (this.slots = emptySlots(old.length));
    const mask = (slots.length >>> 1) - 1;
    for (let j = 0; j < old.length; j += 2) {
      const h = old[j] ?? 0;
      const offset = old[j + 1] ?? EMPTY;
      if (offset === EMPTY) continue;
      let i = h & mask;
      while (slots[2 * i + 1] !== EMPTY) i = (i + 1) & mask;
      slots[2 * i] = h;
      slots[2 * i + 1] = offset;
    }
  }
}

/** Digits beyond which a value behind a leading 1 could pass 2⁵³ (10¹⁶ > 2⁵³). */
const CHIFFRES_MAX = 15;

/**
 * `numero` read as 1 followed by its digits (« 0671 » → 10 671), or 0 when it is not digits
 * only or has more than CHIFFRES_MAX of them (then it goes to the pool).
 */
function valeurDeChiffres(numero: string): number {
  const n = numero.length;
  if (n > CHIFFRES_MAX) return 0;
  let v = 1;
  for (let k = 0; k < n; k++) {
    const d = numero.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return 0;
    v = v * 10 + d;
  }
  return v;
}

/** Free slot of ParValeur (its high word is stored plus one: never 0 for a key). */
const LIBRE = 0;

/**
 * The numéros of digits only, by value: per slot the key's high word plus one, its low word and
 * the line (three words side by side: a probe reads one place of memory), open addressing with
 * linear probing, at most 75 % full.
 */
class ParValeur {
  private slots = new Uint32Array(3 << 12);
  private count = 0;

  premiere(valeur: number, line: number): number | undefined {
    const lo = valeur >>> 0;
    const hi = (valeur - lo) / 0x100000000 + 1;
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    for (let i = avalanche(lo ^ Math.imul(hi, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const at = 3 * i;
      const h = slots[at] ?? LIBRE;
      if (h === LIBRE) {
        slots[at] = hi;
        slots[at + 1] = lo;
        slots[at + 2] = line;
        if (++this.count > (slots.length / 3) * LOAD) this.rehash();
        return undefined;
      }
      if (h === hi && slots[at + 1] === lo) return slots[at + 2];
    }
  }

  private rehash(): void {
    const old = this.slots;
    const slots = (this.slots = new Uint32Array(old.length * 2));
    const mask = slots.length / 3 - 1;
    for (let j = 0; j < old.length; j += 3) {
      const hi = old[j] ?? LIBRE;
      if (hi === LIBRE) continue;
      const lo = old[j + 1] ?? 0;
      let i = avalanche(lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
      while (slots[3 * i] !== LIBRE) i = (i + 1) & mask;
      slots[3 * i] = hi;
      slots[3 * i + 1] = lo;
      slots[3 * i + 2] = old[j + 2] ?? 0;
    }
  }
}

/** A table of `count` free slots (hash, offset). */
function emptySlots(count: number): Uint32Array {
  const slots = new Uint32Array(2 * count);
  for (let i = 1; i < slots.length; i += 2) slots[i] = EMPTY;
  return slots;
}

/**
 * Packs `numero` into PACKED (its length, then its six-bit codes as one bit string) and puts its
 * hash in packedHash, in one pass over its characters: the reader's `hashText` (FNV-1a over the
 * code units, then its avalanche), without a second pass.
 */
function pack(numero: string): number {
  PACKED[0] = numero.length;
  let b = 1;
  let bits = 0;
  let n = 0;
  let h = 0x811c9dc5;
  for (let k = 0; k < numero.length; k++) {
    const c = numero.charCodeAt(k);
    h = Math.imul(h ^ c, 0x01000193);
    bits = ((bits << 6) | (CODES[c & 127] ?? 0)) & 0xffff;
    n += 6;
    if (n >= 8) {
      n -= 8;
      PACKED[b++] = (bits >>> n) & 0xff;
    }
  }
  if (n > 0) PACKED[b++] = (bits << (8 - n)) & 0xff;
  packedHash = avalanche(h);
  return b;
}

/** Six bits per character: 0–9, A–Z, a–z become 1–62 (read from CODES: no branch a character). */
function code(c: number): number {
  if (c <= 57) return c - 47;
  if (c <= 90) return c - 54;
  return c - 60;
}

/** code(c) for each ASCII character (the numéros are checked letters and digits). */
const CODES = Uint8Array.from({ length: 128 }, (_, c) => code(c) & 63);
