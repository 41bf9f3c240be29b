/**
 * The accepted rows of an import, kept until they are written: each row is the tuple of its
 * column values (`donnees` already serialized), held in memory while their text stays under
 * MEMOIRE characters; past that the rows held are written to a temp file so that a large import
 * keeps a bounded memory. Read back in the order added, in lots.
 * The bound is on text, not rows: a row's cost is its text (≈ 200 characters a flat, 120 an
 * event), and 20 000 rows (the former bound, ≈ 4 M characters) sent most of the region's largest
 * import (≈ 49 000 flats) through the file, for nothing memory needed (measured: a parc of 32 726
 * flats, CPU median ≈ −25 % held in memory).
 * The file holds each value as is, after its length — no escaping: a row's `donnees` (JSON, its
 * quotes many) costs a copy, not a JSON.stringify then a JSON.parse (measured, a parc of 39 000
 * flats, CPU: its import cost ≈ 1,8 × an import held in memory with JSON lines, 1,3 to 1,5 ×
 * with this). It is UTF-16
 * (`utf16le`), which keeps every JavaScript string as it is, lone surrogates included.
 * A row: `<number of values>|` then each value: `s<length>:<text>`, `n` (null) or `d<number>;`.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

export type Tuple = readonly (string | number | null)[];

/**
 * Characters of the rows held in memory before they go to the temp file (UTF-16 code units: 16 to
 * 32 MB of strings; ≈ 80 000 flats).
 */
export const MEMOIRE = 16 * 1024 * 1024;

/** What a row weighs against MEMOIRE: its texts' lengths, and 1 a value besides. */
export function caracteres(t: Tuple): number {
  let n = t.length;
  for (const v of t) if (typeof v === 'string') n += v.length;
  return n;
}

/** Bytes read from the file at a time (even: whole UTF-16 code units). */
const BLOC = 1 << 20;

function encoder(t: Tuple, out: string[]): void {
  out.push(`${String(t.length)}|`);
  for (const v of t) {
    if (v === null) out.push('n');
    else if (typeof v === 'number') out.push(`d${String(v)};`);
    else out.push(`s${String(v.length)}:`, v);
  }
}

/** The text read so far and where its next row starts; `undefined` when the row is incomplete. */
class Lecteur {
  texte = '';
  pos = 0;

  /** The number at `pos` up to `fin` (exclusive), or undefined when the text stops before it. */
  private nombre(fin: string): number | undefined {
    const i = this.texte.indexOf(fin, this.pos);
    if (i < 0) return undefined;
    const n = Number(this.texte.slice(this.pos, i));
    this.pos = i + 1;
    return n;
  }

  private valeur(): string | number | null | undefined {
    const tag = this.texte[this.pos];
    if (tag === undefined) return undefined;
    this.pos++;
    if (tag === 'n') return null;
    if (tag === 'd') return this.nombre(';');
    const longueur = this.nombre(':');
    if (longueur === undefined || this.pos + longueur > this.texte.length) return undefined;
    const v = this.texte.slice(this.pos, this.pos + longueur);
    this.pos += longueur;
    return v;
  }

  /** The next whole row, or undefined (the position left at its start). */
  ligne(): Tuple | undefined {
    const debut = this.pos;
    const n = this.nombre('|');
    const t: (string | number | null)[] = [];
    for (let k = 0; n !== undefined && k < n; k++) {
      const v = this.valeur();
      if (v === undefined) break;
      t.push(v);
    }
    if (n === undefined || t.length < n) {
      this.pos = debut;
      return undefined;
    }
    return t;
  }

  /** Appends the next block, dropping what was read. */
  ajouter(bloc: string): void {
    this.texte = this.texte.slice(this.pos) + bloc;
    this.pos = 0;
  }
}

export class Etape {
  private fd: number | undefined;
  private enMemoire: Tuple[] = [];
  /** The characters of `enMemoire` (`caracteres`). */
  private tenus = 0;
  private surDisque = 0;
  constructor(
    readonly fichier: string,
    private readonly memoire = MEMOIRE,
  ) {}

  ajouter(t: Tuple): void {
    this.enMemoire.push(t);
    this.tenus += caracteres(t);
    if (this.tenus >= this.memoire) this.vider();
  }

  get lignes(): number {
    return this.surDisque + this.enMemoire.length;
  }

  private vider(): void {
    this.fd ??= openSync(this.fichier, 'w');
    const out: string[] = [];
    for (const t of this.enMemoire) encoder(t, out);
    writeSync(this.fd, Buffer.from(out.join(''), 'utf16le'));
    this.surDisque += this.enMemoire.length;
    this.enMemoire = [];
    this.tenus = 0;
  }

  /** No more rows (the file, if any, is closed: it can be read). */
  fermer(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** The rows written to the file, in the order added. */
  private *duFichier(): Generator<Tuple> {
    const fd = openSync(this.fichier, 'r');
    try {
      const tampon = Buffer.alloc(BLOC);
      const lecteur = new Lecteur();
      let reste = 0;
      for (;;) {
        const lus = readSync(fd, tampon, reste, BLOC - reste, null);
        const n = reste + lus;
        const pair = n - (n % 2);
        lecteur.ajouter(tampon.toString('utf16le', 0, pair));
        // An odd byte (half a code unit) waits for the next block.
        reste = n - pair;
        if (reste) tampon.copyWithin(0, pair, n);
        for (let t = lecteur.ligne(); t; t = lecteur.ligne()) yield t;
        if (lus === 0) break;
      }
      if (lecteur.texte.length > lecteur.pos)
        throw new Error(`étape d’import illisible : ${this.fichier}`);
    } finally {
      closeSync(fd);
    }
  }

  /** The rows in the order added, `taille` at a time. */
  *lots(taille: number): Generator<Tuple[]> {
    let lot: Tuple[] = [];
    if (this.surDisque) {
      for (const t of this.duFichier()) {
        lot.push(t);
        if (lot.length >= taille) {
          yield lot;
          lot = [];
        }
      }
    }
    for (let i = 0; i < this.enMemoire.length;) {
      const n = Math.min(taille - lot.length, this.enMemoire.length - i);
      lot.push(...this.enMemoire.slice(i, i + n));
      i += n;
      if (lot.length >= taille) {
        yield lot;
        lot = [];
      }
    }
    if (lot.length) yield lot;
  }

  supprimer(): void {
    this.fermer();
    rmSync(this.fichier, { force: true });
  }
}
