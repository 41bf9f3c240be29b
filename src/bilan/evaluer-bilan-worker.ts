/**
 * Worker thread of the bilan's evaluation (evaluer-bilan.ts): one shard of the flats (by hash of
 * the flat id), read and followed exactly as `evaluate`'s workers do, with the R. 441-5-1
 * breakdown collected beside the aggregator; both go back as plain data. The conventions' index
 * arrives by message when the main thread has loaded them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { indexFromDescription, type IndexDescription } from '../engine/convention-index.js';
import { calculerPartie, lirePartie, type PartieOptions } from '../engine/evaluate.js';
import { CollecteBilan } from './collecte.js';

export interface BilanWorkerInput {
  base: Omit<PartieOptions, 'index'>;
  detail: boolean;
}

const { base, detail } = workerData as BilanWorkerInput;
const index = new Promise<IndexDescription>((resolve) => {
  parentPort?.once('message', resolve);
}).then(indexFromDescription);

async function partager(): Promise<unknown> {
  const lecture = await lirePartie(base);
  const ix = await index;
  const collecte = new CollecteBilan(ix, base.annee, base.date, detail);
  const partie = await calculerPartie(lecture, ix, base, (l, r) => {
    collecte.addFlat(l, r);
  });
  return { ok: true, partie, collecte: collecte.etat() };
}

partager().then(
  (m) => parentPort?.postMessage(m),
  (error: unknown) =>
    parentPort?.postMessage({
      ok: false,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }),
);
