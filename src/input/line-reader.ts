import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';
import type { Diagnostic, DiagnosticParams, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';

/**
 * Bytes read at once. 64 KiB keeps the per-chunk overhead negligible and lets each chunk, and
 * the text decoded from it, die young: a 1 MiB chunk outlived the scavenges while its rows were
 * read and was promoted, and its text went straight to V8's large-object space, so both piled up
 * until a full collection and the peak memory grew with the file (measured on 736 000 requests:
 * a streaming parse peaked at 117–133 Mo with 1 MiB chunks, 69 Mo with 64 KiB, and was faster).
 */
export const READ_CHUNK_BYTES = 1 << 16;
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
   * false to stop reading. `row` is true when the problem takes the place of one line (that
   * line is not delivered), false for a problem or a note about the whole file. Without it,
   * problems are collected in the result.
   */
  report?: (diagnostic: Diagnostic, row: boolean) => boolean;
}

export interface ReadLinesResult {
  /** Physical lines seen (the last line number). */
  lines: number;
  /** Problems, when no `report` callback was given. */
  diagnostics: Diagnostic[];
  /** The encoding the file was read in. */
  encoding: 'utf-8' | 'windows-1252';
}

/**
 * Called for each non-empty line, without its end of line (LF, CRLF or CR) and without the BOM.
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

/** Bytes that Windows-1252 leaves undefined: a file holding them is not Windows-1252 text. */
function isWindows1252(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d) return false;
  }
  return true;
}

/** A lone CR (old Mac, some exports) ends a line: it becomes LF, in place; CRLF is left alone. */
function loneCrToLf(bytes: Buffer, start: number, end: number): void {
  for (let i = bytes.indexOf(13, start); i !== -1 && i < end; i = bytes.indexOf(13, i + 1)) {
    if (i + 1 < bytes.length && bytes[i + 1] !== 10) bytes[i] = 10;
  }
}

/**
 * Streams a text file line by line (see readLinesFrom). Never throws for a missing or unreadable
 * file: it is reported.
 */
export function readLines(
  path: string,
  options: ReadLinesOptions,
  onLine: LineHandler,
): Promise<ReadLinesResult> {
  return readLinesFrom(
    () => createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }),
    options,
    onLine,
  );
}

/** A source of bytes that can be closed early (a file, a decompressor, stdin). */
export type ByteSource = AsyncIterable<Buffer> & { destroy?: () => void };

/**
 * Streams text line by line from a byte source: chunks decoded one by one (never the whole file
 * as one string), LF, CRLF or CR line ends, UTF-8 BOM dropped, last line without end of line
 * read, empty lines skipped but counted. A file that is not UTF-8 but whose first non-ASCII
 * bytes are Windows-1252 text (a French Excel export) is read as Windows-1252 from there on,
 * with one note; otherwise a line that is not valid UTF-8 is reported (byte and column) and not
 * delivered, and the other lines still are. Errors of the source are reported, never thrown.
 */
export async function readLinesFrom(
  open: () => ByteSource,
  options: ReadLinesOptions,
  onLine: LineHandler,
): Promise<ReadLinesResult> {
  const file = options.file ?? '';
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
  /** Only ASCII seen so far: a non-UTF-8 byte may still mean a Windows-1252 file. */
  let ascii = true;
  let cp1252: TextDecoder | undefined;

  /** Splits decoded text into lines. */
  const textLines = (text: string): void => {
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
  };

  /** Delivers the lines of bytes[start, end); `end` is just after a LF, or the end of file. */
  const lines = (bytes: Buffer, start: number, end: number): void => {
    if (start >= end) return;
    if (cp1252) {
      textLines(cp1252.decode(bytes.subarray(start, end)));
      return;
    }
    const range = bytes.subarray(start, end);
    if (isUtf8(range)) {
      if (ascii && !isAscii(range)) ascii = false;
      textLines(bytes.toString('utf8', start, end));
      return;
    }
    if (ascii) {
      const bad = firstInvalidUtf8(bytes, start, end);
      if (
        isAscii(bytes.subarray(start, bad)) &&
        isWindows1252(bytes, bad, end) &&
        !hasUtf8Pair(bytes, bad, end)
      ) {
        cp1252 = new TextDecoder('windows-1252');
        const line = lineNo + 1 + countLf(bytes, start, bad);
        report(tableDiagnostic(file, lang, 'ENCODAGE_WINDOWS_1252', { ligne: line }, 0, 0), false);
        textLines(cp1252.decode(range));
        return;
      }
      ascii = false;
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
                true,
              );
        if (!ok) {
          stopped = true;
          return;
        }
      }
      pos = stop + 1;
    }
  };

  /** Returns false when the file must not be read further (not a text file). */
  const checkStart = (bytes: Buffer): boolean => {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      report(tableDiagnostic(file, lang, 'ENCODAGE_UTF16', {}, 0, 0), false);
      return false;
    }
    const nul = bytes.subarray(0, BINARY_PROBE_BYTES).indexOf(0);
    if (nul !== -1) {
      report(tableDiagnostic(file, lang, 'TABLE_FICHIER_BINAIRE', {}, 0, 0), false);
      return false;
    }
    return true;
  };

  let stream: ByteSource | undefined;
  try {
    stream = open();
    for await (const chunk of stream) {
      let bytes: Buffer = chunk;
      let start = 0;
      if (skipping) {
        loneCrToLf(bytes, 0, bytes.length);
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
      loneCrToLf(bytes, start, bytes.length);
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
          true,
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
      report(tableDiagnostic(file, lang, 'CHEMIN_INTROUVABLE', { chemin: file }, 0, 0), false);
    else
      report(
        tableDiagnostic(
          file,
          lang,
          code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR'
            ? 'TABLE_GZIP_INVALIDE'
            : 'FICHIER_ILLISIBLE',
          { raison: typeof code === 'string' ? code : String(error) },
          0,
          0,
        ),
        false,
      );
  } finally {
    stream?.destroy?.();
  }
  return { lines: lineNo, diagnostics, encoding: cp1252 ? 'windows-1252' : 'utf-8' };
}

/** A valid two-byte UTF-8 sequence (é is C3 A9): the file is UTF-8 with some bad bytes. */
function hasUtf8Pair(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i + 1 < end; i++) {
    const b = bytes[i] ?? 0;
    if (b >= 0xc2 && b <= 0xdf) {
      const c = bytes[i + 1] ?? 0;
      if (c >= 0x80 && c <= 0xbf) return true;
    }
  }
  return false;
}

function countLf(bytes: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(10, start); i !== -1 && i < end; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}
