import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { STDIN, tableSansLigne } from '../input/table-source.js';
import { isErrnoError, SystemError } from '../source/system-error.js';

/**
 * The input paths of a run (parc, events, --rules folders) must exist before anything is
 * evaluated: a missing one is a set-up problem (CHEMIN_INTROUVABLE, exit 2), not a year
 * evaluated on nothing with its error buried under the tables. `-` (stdin) is taken as given.
 * A CSV or NDJSON table that holds no line at all is refused the same way (TABLE_VIDE_ENTREE, exit 2),
 * whatever its format: an empty `.ndjson` was read as a year without events where an empty `.csv`
 * was an error among the tables.
 */
export async function requireInputs(paths: readonly string[], cwd: string): Promise<void> {
  for (const path of paths) {
    if (path === STDIN) continue;
    let fichier: boolean;
    try {
      fichier = (await stat(resolve(cwd, path))).isFile();
    } catch (error) {
      if (isErrnoError(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR'))
        throw new SystemError('CHEMIN_INTROUVABLE', { chemin: path }, path);
      throw error;
    }
    if (fichier && (await tableSansLigne(resolve(cwd, path))))
      throw new SystemError('TABLE_VIDE_ENTREE', { chemin: path }, path);
  }
}
