/**
 * Where a request stands among the requests of the same kind: same wished typologie and same
 * first wished commune (the seed: « la cotation ne s'applique que sur le 1er choix du
 * demandeur »). Higher score first; ties by seniority date (the date the months are counted
 * from: older first), then by numéro unique.
 */
import { dateEnEntier } from '../convention/calendar.js';
import type { Cotation } from './noter.js';

/**
 * The kind of a request or an attribution: its typologie and its commune, as the current
 * commune it stands for (`courante`: a former code or an arrondissement is its commune, so
 * 75111 and 75056 are one kind), the code as written being kept for display.
 */
export const genre = (
  typologie: string | undefined,
  commune: string | undefined,
  courante: (code: string) => string,
): string => `${typologie ?? '?'}|${commune === undefined ? '?' : courante(commune)}`;

/**
 * Every request of a file as ranking one of them needs it, in typed arrays: its kind (a number
 * per kind), its score, its seniority date and whether its numéro sorts before the one ranked
 * (known before the file is read, so numéros are never kept): 17 bytes a request, where an
 * object per request took over a hundred and kept the text of the file it was sliced from.
 */
export class Classement {
  private readonly genres = new Map<string, number>();
  private genre = new Uint32Array(1024);
  private score = new Float64Array(1024);
  private jour = new Uint32Array(1024);
  /** 1 when the request's numéro sorts before the numéro ranked. */
  private avant = new Uint8Array(1024);
  private n = 0;

  /**
   * `numero`: the numéro unique of the request to rank; `courante`: the current commune a code
   * stands for (communeCourante).
   */
  constructor(
    private readonly numero: string,
    private readonly courante: (code: string) => string,
  ) {}

  ajouter(c: Cotation): void {
    if (this.n === this.score.length) this.agrandir();
    const g = genre(c.typologie, c.commune, this.courante);
    let id = this.genres.get(g);
    if (id === undefined) this.genres.set(g, (id = this.genres.size));
    this.genre[this.n] = id;
    this.score[this.n] = c.score;
    this.jour[this.n] = dateEnEntier(c.anciennete.depuis);
    this.avant[this.n] = c.numero_unique < this.numero ? 1 : 0;
    this.n++;
  }

  /** The 1-based rank of `cible` (the request of the numéro ranked, added) among its kind. */
  rang(cible: Cotation): { rang: number; sur: number } {
    const id = this.genres.get(genre(cible.typologie, cible.commune, this.courante)) ?? -1;
    const score = cible.score;
    const j = dateEnEntier(cible.anciennete.depuis);
    let rang = 1;
    let sur = 0;
    for (let i = 0; i < this.n; i++) {
      if (this.genre[i] !== id) continue;
      sur++;
      const s = this.score[i] ?? 0;
      const ji = this.jour[i] ?? 0;
      if (s > score || (s === score && (ji < j || (ji === j && this.avant[i] === 1)))) rang++;
    }
    return { rang, sur };
  }

  private agrandir(): void {
    const size = this.n * 2;
    const genre = new Uint32Array(size);
    const score = new Float64Array(size);
    const jours = new Uint32Array(size);
    const avant = new Uint8Array(size);
    genre.set(this.genre);
    score.set(this.score);
    jours.set(this.jour);
    avant.set(this.avant);
    this.genre = genre;
    this.score = score;
    this.jour = jours;
    this.avant = avant;
  }
}
