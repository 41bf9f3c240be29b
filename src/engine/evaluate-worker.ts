/**
 * Worker thread of `evaluate`: one shard of the flats (by hash of the flat id). It reads its share
 * of the files at once; the conventions' index arrives by message when the main thread has
 * loaded them, then the rows of its flats whose id an earlier event of another shard's flat
 * holds (after it sent its rows' ids: lireShard).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { indexFromDescription, type IndexDescription } from './convention-index.js';
import { evaluerPartie, type PartieOptions } from './evaluate.js';
import { echangeParMessages } from './echange-doublons.js';

export type WorkerInput = Omit<PartieOptions, 'index'>;

const input = workerData as WorkerInput;
const { index, echanger } = echangeParMessages<IndexDescription>();
evaluerPartie({ ...input, index: index.then(indexFromDescription) }, echanger).then(
  (partie) => parentPort?.postMessage({ ok: true, partie }),
  (error: unknown) =>
    parentPort?.postMessage({
      ok: false,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }),
);
