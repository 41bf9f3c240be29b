/**
 * Every file convflux writes (PDF, HTML, CSV, JSON, a sealed convention) goes through here: a
 * failure of the machine (a file where a folder is expected, a full disk, a read-only or
 * forbidden folder) becomes one SORTIE_IMPOSSIBLE naming the path, in French, exit 2.
 */
import { lstat, mkdir, open, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Lang } from '../diagnostics/diagnostic.js';
import { displayPath } from '../display-path.js';
import { isErrnoError, raisonSysteme, SystemError } from '../source/system-error.js';

export interface OutputOptions {
  lang: Lang;
  /** Paths are shown relative to this folder (default: the working directory). */
  cwd?: string;
  /** The path as shown to the user, when it is not the written path itself. */
  chemin?: string;
}

/** mkdir's ENOENT under an existing folder (/proc, /sys): no folder can be made there. */
const NO_FOLDER_HERE = {
  fr: 'aucun dossier ne peut être créé à cet endroit (ENOENT)',
  en: 'no folder can be created there (ENOENT)',
};

function sortieImpossible(
  code: string,
  path: string,
  o: OutputOptions,
  raison?: string,
): SystemError {
  const chemin = o.chemin ?? displayPath(path, o.cwd);
  return new SystemError(
    'SORTIE_IMPOSSIBLE',
    { chemin, raison: raison ?? raisonSysteme(code, o.lang) },
    chemin,
  );
}

async function errnoOf(action: Promise<unknown>): Promise<string | undefined> {
  try {
    await action;
    return undefined;
  } catch (error) {
    if (isErrnoError(error)) return error.code;
    throw error;
  }
}

/**
 * Creates `dir` and its missing parents. Node's `mkdir({ recursive: true })` loops forever where
 * mkdir answers ENOENT under an existing parent (/proc): here each missing folder, from the
 * deepest existing one down, is created once, so the work is bounded by the path's depth.
 */
export async function ensureOutputDir(dir: string, o: OutputOptions): Promise<void> {
  const missing: string[] = [];
  let current = resolve(dir);
  for (;;) {
    let code: string | undefined;
    try {
      if ((await stat(current)).isDirectory()) break;
      code = 'EEXIST';
    } catch (error) {
      if (!isErrnoError(error)) throw error;
      code = error.code;
    }
    const parent = dirname(current);
    if (code !== 'ENOENT' || parent === current) throw sortieImpossible(code, current, o);
    missing.push(current);
    current = parent;
  }
  for (const folder of missing.reverse()) {
    const code = await errnoOf(mkdir(folder));
    // EEXIST: made meanwhile by a parallel write of the same run, fine if it is a folder.
    if (code === 'EEXIST' && (await isFolder(folder))) continue;
    if (code === 'ENOENT') throw sortieImpossible(code, folder, o, NO_FOLDER_HERE[o.lang]);
    if (code) throw sortieImpossible(code, folder, o);
  }
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Failures that happen once the file is opened and truncated: what is left is unusable. */
const HALF_WRITTEN = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EIO']);

/** The pieces of a large text, written one after the other (never one string in memory). */
async function writePieces(target: string, pieces: Iterable<string>): Promise<void> {
  const file = await open(target, 'w');
  try {
    for (const piece of pieces) await file.write(piece);
  } finally {
    await file.close();
  }
}

/**
 * Writes one output file (its folder created): a text, bytes, or the pieces of a text (written
 * in order). A write that fails half-way (disk full) does not leave a truncated regular file
 * behind.
 */
export async function writeOutput(
  path: string,
  content: string | Uint8Array | Iterable<string>,
  o: OutputOptions,
): Promise<void> {
  const target = resolve(path);
  await ensureOutputDir(dirname(target), {
    lang: o.lang,
    ...(o.cwd !== undefined ? { cwd: o.cwd } : {}),
  });
  const write =
    typeof content === 'string' || content instanceof Uint8Array
      ? writeFile(target, content)
      : writePieces(target, content);
  const code = await errnoOf(write);
  if (!code) return;
  if (HALF_WRITTEN.has(code) && (await isRegularFile(target)))
    await unlink(target).catch(() => undefined);
  throw sortieImpossible(code, target, o);
}

async function isRegularFile(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch {
    return false;
  }
}
