import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { STDIN } from '../input/table-source.js';
import { isErrnoError, SystemError } from '../source/system-error.js';

/**
 * The input paths of a run (parc, events, --rules folders) must exist before anything is
 * evaluated: a missing one is a set-up problem (CHEMIN_INTROUVABLE, exit 2), not a year
 * evaluated on nothing with its error buried under the tables. `-` (stdin) is taken as given.
 */
export async function requireInputs(paths: readonly string[], cwd: string): Promise<void> {
  for (const path of paths) {
    if (path === STDIN) continue;
    try {
      await stat(resolve(cwd, path));
    } catch (error) {
      if (isErrnoError(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR'))
        throw new SystemError('CHEMIN_INTROUVABLE', { chemin: path }, path);
      throw error;
    }
  }
}
