import { parentPort, workerData } from 'node:worker_threads';
import type { Lang } from '../diagnostics/diagnostic.js';
import { checkFiles } from './check-files.js';
import type { InputFile } from './collect-files.js';

/** Worker entry: checks its share of the files and posts the results back. */
const { inputs, lang } = workerData as { inputs: InputFile[]; lang: Lang };
checkFiles(inputs, lang).then(
  (results) => parentPort?.postMessage({ ok: true, results }),
  (error: unknown) =>
    parentPort?.postMessage({
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    }),
);
