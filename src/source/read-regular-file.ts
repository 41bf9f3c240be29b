import { constants, type Dirent, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Lang } from '../diagnostics/diagnostic.js';
import { isErrnoError } from './system-error.js';

/** What a path is when it is not a regular file. */
export type NatureFichier = 'peripherique' | 'fifo' | 'socket' | 'dossier' | 'autre';

/**
 * The bytes of a regular file (symlinks followed), or why not. A device, a FIFO, a socket or a
 * folder is refused without being read; the size limit is enforced while reading (never trusted
 * from `stat`), so nothing can make the reader loop or fill the memory.
 */
export type RegularFileResult =
  | { ok: true; bytes: Buffer }
  | { ok: false; refus: 'non_regulier'; nature: NatureFichier }
  | { ok: false; refus: 'trop_volumineux'; taille: number; limite: number }
  | { ok: false; refus: 'errno'; errno: string };

const NATURES: Record<NatureFichier, { fr: string; en: string }> = {
  peripherique: { fr: 'périphérique', en: 'device' },
  fifo: { fr: 'tube nommé (FIFO)', en: 'named pipe (FIFO)' },
  socket: { fr: 'socket', en: 'socket' },
  dossier: { fr: 'dossier', en: 'folder' },
  autre: { fr: 'fichier spécial', en: 'special file' },
};

/** The nature of a non-regular file, in words (the `nature` of FICHIER_NON_REGULIER). */
export function natureFichier(nature: NatureFichier, lang: Lang): string {
  return NATURES[nature][lang];
}

/** What a stat or a folder entry is when it is not a regular file; undefined for a file. */
export function natureOf(info: Stats | Dirent): NatureFichier | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return 'dossier';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'peripherique';
  if (info.isFIFO()) return 'fifo';
  if (info.isSocket()) return 'socket';
  return 'autre';
}

/** What `path` is when it is not a regular file (symlinks followed); undefined for a file. */
export async function nonRegularNature(path: string): Promise<NatureFichier | undefined> {
  return natureOf(await stat(path));
}

const CHUNK = 64 * 1024;
// O_NONBLOCK: a file swapped for a FIFO between stat and open must not block the open.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Reads at most `maxBytes` bytes of the regular file at `path`. Throws only for a bug. */
export async function readRegularFile(path: string, maxBytes: number): Promise<RegularFileResult> {
  try {
    const before = natureOf(await stat(path));
    if (before) return { ok: false, refus: 'non_regulier', nature: before };
    const handle = await open(path, OPEN_FLAGS);
    try {
      const info = await handle.stat();
      const nature = natureOf(info);
      if (nature) return { ok: false, refus: 'non_regulier', nature };
      const chunks: Buffer[] = [];
      let total = 0;
      // Up to maxBytes + 1: one byte more than the limit is enough to know it is exceeded.
      while (total <= maxBytes) {
        // The size stat gives is a hint for the buffer, never a limit: a file of that size is
        // read in one buffer, then one byte more proves the end (no 64 KiB per small file).
        const want =
          total === 0 ? (info.size > 0 ? info.size + 1 : CHUNK) : total === info.size ? 1 : CHUNK;
        const buffer = Buffer.allocUnsafe(Math.min(want, CHUNK, maxBytes + 1 - total));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        chunks.push(buffer.subarray(0, bytesRead));
        total += bytesRead;
      }
      if (total > maxBytes)
        return {
          ok: false,
          refus: 'trop_volumineux',
          taille: Math.max(info.size, total),
          limite: maxBytes,
        };
      return { ok: true, bytes: Buffer.concat(chunks, total) };
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (!isErrnoError(error)) throw error;
    return { ok: false, refus: 'errno', errno: error.code };
  }
}
