/**
 * Where a request stands among the requests of the same kind: same wished typologie and same
 * first wished commune (the seed: « la cotation ne s'applique que sur le 1er choix du
 * demandeur »). Higher score first; ties by seniority date (the date the months are counted
 * from: older first), then by numéro unique.
 */
import type { Cotation } from './noter.js';

/** What ranking keeps of a cotation (a few bytes: every request of the file is held). */
export interface Classee {
  numero_unique: string;
  score: number;
  depuis: string;
  genre: string;
}

export const genre = (c: Pick<Cotation, 'typologie' | 'commune'>): string =>
  `${c.typologie ?? '?'}|${c.commune ?? '?'}`;

export const classee = (c: Cotation): Classee => ({
  numero_unique: c.numero_unique,
  score: c.score,
  depuis: c.anciennete.depuis,
  genre: genre(c),
});

export function avant(a: Classee, b: Classee): number {
  return (
    b.score - a.score ||
    (a.depuis < b.depuis ? -1 : a.depuis > b.depuis ? 1 : 0) ||
    (a.numero_unique < b.numero_unique ? -1 : a.numero_unique > b.numero_unique ? 1 : 0)
  );
}

/** The 1-based rank of `numero` among the requests of its kind, and how many there are. */
export function rang(
  toutes: readonly Classee[],
  numero: string,
): { rang: number; sur: number } | undefined {
  const moi = toutes.find((c) => c.numero_unique === numero);
  if (!moi) return undefined;
  const memes = toutes.filter((c) => c.genre === moi.genre);
  return { rang: memes.filter((c) => avant(c, moi) < 0).length + 1, sur: memes.length };
}
