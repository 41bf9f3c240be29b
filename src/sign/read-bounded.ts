/**
 * Reads an input of signing or verifying (a PDF, a .p12, a YAML) safely: regular files only
 * (a FIFO is opened without blocking, a device or a folder is refused, through a symlink too)
 * and never more than `limit` bytes, counted while reading — the size `stat` gives is not
 * trusted (/dev/zero says 0 and never ends).
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Lang } from '../diagnostics/diagnostic.js';
import { natureFichier, natureOf } from '../source/read-regular-file.js';
import { isErrnoError, SystemError, systemErrorFrom } from '../source/system-error.js';

/** A signed convention is a few hundred KB: 50 MiB is far beyond any real one. */
export const MAX_PDF_BYTES = 50 * 1024 * 1024;
/** A PKCS#12 file is a few KB. */
export const MAX_P12_BYTES = 1024 * 1024;

export type BoundedRead = { ok: true; bytes: Buffer } | { ok: false; limit: number };

/**
 * The file's bytes, or `{ ok: false }` when it is larger than `limit`. Throws SystemError
 * (FICHIER_NON_REGULIER, or the errno's ERREUR_SYSTEME) for a file that cannot be read;
 * `missing` names the code of a path that does not exist (ENOENT).
 */
export async function readBounded(
  path: string,
  options: { cwd: string; limit: number; lang: Lang; missing?: string },
): Promise<BoundedRead> {
  let handle: FileHandle;
  try {
    handle = await open(resolve(options.cwd, path), constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (!isErrnoError(error)) throw error;
    if (error.code === 'ENOENT' && options.missing)
      throw new SystemError(options.missing, { chemin: path }, path);
    throw systemErrorFrom(error, path, options.lang, false);
  }
  try {
    const nature = natureOf(await handle.stat());
    if (nature)
      throw new SystemError(
        'FICHIER_NON_REGULIER',
        { chemin: path, nature: natureFichier(nature, options.lang) },
        path,
      );
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1024 * 1024, options.limit + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > options.limit) return { ok: false, limit: options.limit };
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    if (isErrnoError(error)) throw systemErrorFrom(error, path, options.lang, false);
    throw error;
  } finally {
    await handle.close();
  }
}
