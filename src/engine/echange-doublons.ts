/**
 * A shard worker's messages with the main thread, in their order: the conventions' index (as the
 * main thread describes it) arrives when they are loaded; once the worker has read its share, it
 * sends its rows' keys and receives the candidate keys, then sends its candidate rows and
 * receives its duplicates (evaluate.ts: envoyerDoublons, doublons-entre-logements.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { EchangeDoublons } from './evaluate.js';

export function echangeParMessages<D>(): { index: Promise<D>; echanger: EchangeDoublons } {
  const file: unknown[] = [];
  const attentes: ((m: unknown) => void)[] = [];
  parentPort?.on('message', (m: unknown) => {
    const attente = attentes.shift();
    if (attente) attente(m);
    else file.push(m);
  });
  /** The main thread's next message. */
  const suivant = <T>(): Promise<T> =>
    new Promise<T>((resolve) => {
      if (file.length) resolve(file.shift() as T);
      else
        attentes.push((m) => {
          resolve(m as T);
        });
    });
  const index = suivant<D>();
  const echanger: EchangeDoublons = {
    candidats: (cles) => {
      parentPort?.postMessage({ etape: 'cles', valeur: cles }, [cles.buffer]);
      return suivant<readonly number[]>();
    },
    doublons: (rangs) => {
      parentPort?.postMessage({ etape: 'rangs', valeur: rangs });
      return suivant<readonly [number, number][]>();
    },
  };
  return { index, echanger };
}
