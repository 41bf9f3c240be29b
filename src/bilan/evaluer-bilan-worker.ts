/**
 * Worker thread of the bilan's evaluation (evaluer-bilan.ts): one shard of the flats (by hash of
 * the flat id), read and followed exactly as `evaluate`'s workers do, with the R. 441-5-1
 * breakdown collected beside the aggregator; both go back as plain data. The conventions' index
 * arrives by message when the main thread has loaded them, then the rows whose id another
 * shard's flat holds (echange-doublons.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { indexFromDescription, type IndexDescription } from '../engine/convention-index.js';
import { calculerPartie, lireShard, type PartieOptions } from '../engine/evaluate.js';
import { echangeParMessages } from '../engine/echange-doublons.js';
import { CollecteBilan } from './collecte.js';

export interface BilanWorkerInput {
  base: Omit<PartieOptions, 'index'>;
  detail: boolean;
}

const { base, detail } = workerData as BilanWorkerInput;
const { index, echanger } = echangeParMessages<IndexDescription>();

async function partager(): Promise<unknown> {
  const lecture = await lireShard(base, echanger);
  const ix = indexFromDescription(await index);
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
