/**
 * The accepted rows of an import, kept until they are written: each row is the tuple of its
 * column values (`donnees` already serialized), held in memory up to MEMOIRE rows; past that the
 * rows held are written to a temp file (one JSON array a line) so that a large import keeps a
 * bounded memory. Read back in the order added, in lots.
 */
import { closeSync, createReadStream, openSync, rmSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';

export type Tuple = readonly (string | number | null)[];

/** Rows held in memory before they go to the temp file. */
export const MEMOIRE = 20_000;

export class Etape {
  private fd: number | undefined;
  private enMemoire: Tuple[] = [];
  private surDisque = 0;
  constructor(
    readonly fichier: string,
    private readonly memoire = MEMOIRE,
  ) {}

  ajouter(t: Tuple): void {
    this.enMemoire.push(t);
    if (this.enMemoire.length >= this.memoire) this.vider();
  }

  get lignes(): number {
    return this.surDisque + this.enMemoire.length;
  }

  private vider(): void {
    this.fd ??= openSync(this.fichier, 'w');
    writeSync(this.fd, this.enMemoire.map((t) => JSON.stringify(t)).join('\n') + '\n');
    this.surDisque += this.enMemoire.length;
    this.enMemoire = [];
  }

  /** No more rows (the file, if any, is closed: it can be read). */
  fermer(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** The rows in the order added, `taille` at a time. */
  async *lots(taille: number): AsyncGenerator<Tuple[]> {
    let lot: Tuple[] = [];
    if (this.surDisque) {
      const rl = createInterface({ input: createReadStream(this.fichier), crlfDelay: Infinity });
      for await (const line of rl) {
        if (line === '') continue;
        lot.push(JSON.parse(line) as Tuple);
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
