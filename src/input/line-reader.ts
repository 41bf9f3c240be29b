import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import type { Diagnostic, DiagnosticParams, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';

/** Bytes read at once: large chunks keep the per-chunk overhead negligible. */
export const READ_CHUNK_BYTES = 1 << 20;
/** A longer physical line is rejected (and skipped) rather than buffered without end. */
export const MAX_LINE_BYTES = 1 << 20;
/** Bytes probed for NUL at the start of the file (a spreadsheet or archive given as text). */
const BINARY_PROBE_BYTES = 8192;

/** Builds one diagnostic of a data file from the catalogue (no source excerpt: rows may be data). */
export function tableDiagnostic(
  file: string,
  lang: Lang,
  code: string,
  params: DiagnosticParams,
  line: number,
  column: number,
  pointer = '',
): Diagnostic {
  return new FileReport(file, lang).add(code, params, pointer, { line, column });
}

export interface ReadLinesOptions {
  lang: Lang;
  /** Name of the file in diagnostics (default: the path). */
  file?: string;
  /**
   * Receives each problem as it is found (encoding, line too long, unreadable file…); return
   * false to stop reading. Without it, problems are collected in the result.
   */
  report?: (diagnostic: Diagnostic) => boolean;
}

export interface ReadLinesResult {
  /** Physical lines seen (the last line number). */
  lines: number;
  /** Problems, when no `report` callback was given. */
  diagnostics: Diagnostic[];
}

/**
 * Called for each non-empty line, without its end of line (LF or CRLF) and without the BOM.
 * `line` is the 1-based physical line number (empty lines are skipped but counted).
 * Return false to stop reading the file.
 */
export type LineHandler = (text: string, line: number) => boolean;

function hexByte(byte: number): string {
  return `0x${byte.toString(16).padStart(2, '0').toUpperCase()}`;
}

/** Offset of the first byte that is not valid UTF-8 in bytes[start, end), or -1. */
function firstInvalidUtf8(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const b = bytes[i] ?? 0;
    let need: number;
    let min = 0x80;
    let max = 0xbf;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) min = 0xa0;
      else if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) min = 0x90;
      else if (b === 0xf4) max = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || i + k >= end) return i;
      if (k === 1 ? c < min || c > max : (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

interface ErrnoLike {
  code?: unknown;
}

/**
 * Streams a text file line by line: 1 MiB chunks, decoded chunk by chunk (never the whole file
 * as one string), CRLF or LF, UTF-8 BOM dropped, last line without end of line read, empty lines
 * skipped but counted. A line that is not valid UTF-8 is reported (byte and column) and not
 * delivered; the other lines still are. Never throws for a missing or unreadable file.
 */
export async function readLines(
  path: string,
  options: ReadLinesOptions,
  onLine: LineHandler,
): Promise<ReadLinesResult> {
  const file = options.file ?? path;
  const { lang } = options;
  const diagnostics: Diagnostic[] = [];
  const report =
    options.report ??
    ((d: Diagnostic): boolean => {
      diagnostics.push(d);
      return true;
    });
  let lineNo = 0;
  let stopped = false;
  let first = true;
  /** Bytes after the last end of line of the previous chunk. */
  let pending: Buffer | undefined;
  /** Inside a line longer than MAX_LINE_BYTES: bytes are dropped until its end. */
  let skipping = false;

  /** Delivers the lines of bytes[start, end); `end` is just after a LF, or the end of file. */
  const lines = (bytes: Buffer, start: number, end: number): void => {
    if (start >= end) return;
    if (isUtf8(bytes.subarray(start, end))) {
      const text = bytes.toString('utf8', start, end);
      const length = text.length;
      let pos = 0;
      while (pos < length) {
        const nl = text.indexOf('\n', pos);
        const stop = nl === -1 ? length : nl;
        lineNo++;
        let e = stop;
        if (e > pos && text.charCodeAt(e - 1) === 13) e--;
        if (e > pos && !onLine(text.slice(pos, e), lineNo)) {
          stopped = true;
          return;
        }
        pos = stop + 1;
      }
      return;
    }
    // Some line of this chunk is not UTF-8: go line by line to find which.
    let pos = start;
    while (pos < end) {
      const nl = bytes.indexOf(10, pos);
      const stop = nl === -1 || nl >= end ? end : nl;
      lineNo++;
      let e = stop;
      if (e > pos && bytes[e - 1] === 13) e--;
      if (e > pos) {
        const bad = firstInvalidUtf8(bytes, pos, e);
        const ok =
          bad === -1
            ? onLine(bytes.toString('utf8', pos, e), lineNo)
            : report(
                tableDiagnostic(
                  file,
                  lang,
                  'ENCODAGE_INVALIDE',
                  { octet: hexByte(bytes[bad] ?? 0) },
                  lineNo,
                  bad - pos + 1,
                ),
              );
        if (!ok) {
          stopped = true;
          return;
        }
      }
      pos = stop + 1;
    }
  };

  /** Returns false when the file must not be read further (not a UTF-8 text file). */
  const checkStart = (bytes: Buffer): boolean => {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      report(tableDiagnostic(file, lang, 'ENCODAGE_UTF16', {}, 0, 0));
      return false;
    }
    const nul = bytes.subarray(0, BINARY_PROBE_BYTES).indexOf(0);
    if (nul !== -1) {
      report(tableDiagnostic(file, lang, 'TABLE_FICHIER_BINAIRE', {}, 0, 0));
      return false;
    }
    return true;
  };

  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let bytes: Buffer = chunk;
      let start = 0;
      if (skipping) {
        const nl = bytes.indexOf(10);
        if (nl === -1) continue;
        skipping = false;
        lineNo++;
        start = nl + 1;
      } else if (pending) {
        bytes = Buffer.concat([pending, chunk]);
        pending = undefined;
      }
      if (first) {
        first = false;
        if (!checkStart(bytes)) {
          stopped = true;
          break;
        }
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
      }
      const lastNl = bytes.lastIndexOf(10);
      if (lastNl < start) {
        pending = start === 0 ? bytes : bytes.subarray(start);
      } else {
        lines(bytes, start, lastNl + 1);
        if (stopped) break;
        if (lastNl + 1 < bytes.length) pending = bytes.subarray(lastNl + 1);
      }
      if (pending && pending.length > MAX_LINE_BYTES) {
        pending = undefined;
        skipping = true;
        const ok = report(
          tableDiagnostic(
            file,
            lang,
            'LIGNE_TROP_LONGUE',
            { limite: MAX_LINE_BYTES },
            lineNo + 1,
            0,
          ),
        );
        if (!ok) {
          stopped = true;
          break;
        }
      }
    }
    if (!stopped && pending) lines(pending, 0, pending.length);
    else if (!stopped && skipping) lineNo++;
  } catch (error) {
    const code = (error as ErrnoLike).code;
    if (code === 'ENOENT')
      report(tableDiagnostic(file, lang, 'CHEMIN_INTROUVABLE', { chemin: file }, 0, 0));
    else
      report(
        tableDiagnostic(
          file,
          lang,
          'FICHIER_ILLISIBLE',
          { raison: typeof code === 'string' ? code : String(error) },
          0,
          0,
        ),
      );
  } finally {
    stream.destroy();
  }
  return { lines: lineNo, diagnostics };
}
