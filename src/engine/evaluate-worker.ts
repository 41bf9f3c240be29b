/**
 * Worker thread of `evaluate`: one shard of the flats (by hash of the flat id). It reads its share
 * of the files at once; the conventions' index arrives by message when the main thread has
 * loaded them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { indexFromDescription, type IndexDescription } from './convention-index.js';
import { evaluerPartie, type PartieOptions } from './evaluate.js';

export type WorkerInput = Omit<PartieOptions, 'index'>;

const input = workerData as WorkerInput;
const index = new Promise<IndexDescription>((resolve) => {
  parentPort?.once('message', resolve);
}).then(indexFromDescription);
evaluerPartie({ ...input, index }).then(
  (partie) => parentPort?.postMessage({ ok: true, partie }),
  (error: unknown) =>
    parentPort?.postMessage({
      ok: false,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }),
);
