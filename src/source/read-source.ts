import type { DiagnosticParams, Lang } from '../diagnostics/diagnostic.js';
import { natureFichier, readRegularFile, type RegularFileResult } from './read-regular-file.js';
import { raisonSysteme, SystemError } from './system-error.js';

/** Largest convention file accepted (a real one is a few kilobytes). */
export const MAX_SOURCE_BYTES = 1024 * 1024;

export interface SourceProblem {
  code: string;
  params: DiagnosticParams;
  /** Byte offset of the problem when it has one (decoded text offset is not available). */
  line?: number;
  column?: number;
}

export type ReadResult = { ok: true; text: string } | { ok: false; problem: SourceProblem };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Line and column (1-based, in bytes) of a byte offset, for encoding problems. */
function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** First offset where the bytes are not valid UTF-8 (or -1). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let need: number;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Decodes bytes as UTF-8 text, or says precisely why it cannot. Never throws. */
export function decodeSource(bytes: Uint8Array): ReadResult {
  if (bytes.length === 0) return { ok: false, problem: { code: 'FICHIER_VIDE', params: {} } };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, problem: { code: 'ENCODAGE_UTF16', params: {} } };
  }
  const probe = bytes.subarray(0, Math.min(bytes.length, 8192));
  const nul = probe.indexOf(0);
  if (nul !== -1) {
    return {
      ok: false,
      problem: { code: 'FICHIER_BINAIRE', params: {}, ...bytePosition(bytes, nul) },
    };
  }
  try {
    let text = utf8.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { ok: true, text };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const offset = at === -1 ? 0 : at;
    const byte = bytes[offset] ?? 0;
    return {
      ok: false,
      problem: {
        code: 'ENCODAGE_INVALIDE',
        params: { octet: `0x${byte.toString(16).padStart(2, '0').toUpperCase()}` },
        ...bytePosition(bytes, offset),
      },
    };
  }
}

/**
 * Reads a convention (or any YAML source) as UTF-8 text with size, binary and encoding checks.
 * Only a regular file is read (symlinks followed), at most MAX_SOURCE_BYTES. `chemin` is the
 * path as shown to the user. Never throws for a file problem.
 */
export async function readSource(
  path: string,
  lang: Lang = 'fr',
  chemin: string = path,
): Promise<ReadResult> {
  const read = await readRegularFile(path, MAX_SOURCE_BYTES);
  if (read.ok) return decodeSource(read.bytes);
  return { ok: false, problem: readProblem(read, lang, chemin) };
}

/** The diagnostic (code and parameters) of a file that could not be read. */
export function readProblem(
  refused: Exclude<RegularFileResult, { ok: true }>,
  lang: Lang,
  chemin: string,
): SourceProblem {
  switch (refused.refus) {
    case 'non_regulier':
      return {
        code: 'FICHIER_NON_REGULIER',
        params: { chemin, nature: natureFichier(refused.nature, lang) },
      };
    case 'trop_volumineux':
      return {
        code: 'FICHIER_TROP_VOLUMINEUX',
        params: { taille: refused.taille, limite: refused.limite },
      };
    case 'errno':
      return { code: 'FICHIER_ILLISIBLE', params: { raison: raisonSysteme(refused.errno, lang) } };
  }
}

/**
 * The bytes of a source file read again after its check (to print or seal it): a file that has
 * become unreadable or non-regular since is a system problem (SystemError, exit 2), named.
 */
export async function readCheckedSource(path: string, lang: Lang, chemin: string): Promise<Buffer> {
  const read = await readRegularFile(path, MAX_SOURCE_BYTES);
  if (read.ok) return read.bytes;
  if (read.refus === 'errno')
    throw new SystemError(
      'ERREUR_SYSTEME',
      { chemin, raison: raisonSysteme(read.errno, lang) },
      chemin,
    );
  const problem = readProblem(read, lang, chemin);
  throw new SystemError(problem.code, { chemin, ...problem.params }, chemin);
}
