/**
 * Where the rows of `--parc` / `--events` come from: a regular file (`.csv`, `.ndjson`, `.jsonl`,
 * `.xlsx`, each possibly gzip-compressed as `.gz`) or `-`, the standard input, whose format is
 * told by its content. Checked in this order: the path exists, it is a regular file (a FIFO or a
 * device would be read forever), its extension names a known format.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { natureFichier, natureOf } from '../source/read-regular-file.js';
import { isErrnoError, raisonSysteme } from '../source/system-error.js';
import { READ_CHUNK_BYTES, tableDiagnostic, type ByteSource } from './line-reader.js';

export type TableFormat = 'csv' | 'ndjson' | 'xlsx';

/** The path that means the standard input. */
export const STDIN = '-';
/** How the standard input is named in messages. */
export const STDIN_NAME = '(stdin)';

export const FORMATS_LUS = '.csv, .ndjson, .jsonl, .xlsx (+ .gz)';

/** The format of a table from its extension (before `.gz`), or undefined. */
export function tableFormat(path: string): TableFormat | undefined {
  let name = path.toLowerCase();
  if (name.endsWith('.gz')) name = name.slice(0, -3);
  const ext = extname(name);
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return 'csv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  if (ext === '.xlsx') return 'xlsx';
  return undefined;
}

export interface OpenedTable {
  format: TableFormat;
  /** The bytes of the table (decompressed); call once. */
  open: () => ByteSource & Readable;
  /** SHA-256 of the bytes as given (compressed when they are), once they are all read. */
  digest?: () => string;
}

export type OpenResult = { ok: true; table: OpenedTable } | { ok: false; diagnostic: Diagnostic };

/** The nature of a path that is not a regular file, in the words of FICHIER_NON_REGULIER. */
const nature = (s: Stats, lang: Lang): string => natureFichier(natureOf(s) ?? 'autre', lang);

const isGzip = (b: Uint8Array): boolean => b[0] === 0x1f && b[1] === 0x8b;

function gunzip(source: Readable): Readable {
  const out = createGunzip({ chunkSize: 256 * 1024 });
  pipeline(source, out, () => undefined);
  return out;
}

/** Whether a file starts as a zip, i.e. is a workbook (an .xlsx) whatever its name. */
export function estClasseur(path: string): boolean {
  const b = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, b, 0, 4, 0) === 4 && sniff(b) === 'xlsx';
  } finally {
    closeSync(fd);
  }
}

/** The format of bytes read from stdin: a zip is a workbook, `{` starts NDJSON, else CSV. */
function sniff(b: Buffer): TableFormat {
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4) return 'xlsx';
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (i < b.length && (b[i] === 32 || b[i] === 9 || b[i] === 10 || b[i] === 13)) i++;
  return b[i] === 0x7b ? 'ndjson' : 'csv';
}

/** The first chunk of a stream, and the stream with that chunk put back in front. */
async function peek(source: Readable): Promise<{ head: Buffer; stream: Readable }> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await iterator.next();
  const head = first.done ? Buffer.alloc(0) : first.value;
  async function* rest(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value;
  }
  return { head, stream: Readable.from(rest(), { objectMode: false }) };
}

/** The same bytes, each chunk added to `hash` as it goes through. */
function tap(source: Readable, hash: Hash): Readable {
  async function* hashed(): AsyncGenerator<Buffer> {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      hash.update(chunk);
      yield chunk;
    }
  }
  return Readable.from(hashed(), { objectMode: false });
}

async function openStdin(): Promise<OpenResult> {
  const hash = createHash('sha256');
  let { head, stream } = await peek(tap(process.stdin, hash));
  if (isGzip(head)) ({ head, stream } = await peek(gunzip(stream)));
  const format = sniff(head);
  let used = false;
  return {
    ok: true,
    table: {
      format,
      open: () => {
        if (used) throw new Error('stdin is read once');
        used = true;
        return stream;
      },
      digest: () => hash.digest('hex'),
    },
  };
}

/**
 * Checks a `--parc` / `--events` path and tells how to read it; a problem comes back as the
 * one diagnostic of the file (never thrown).
 */
export async function openTable(path: string, file: string, lang: Lang): Promise<OpenResult> {
  if (path === STDIN) return openStdin();
  let s: Stats;
  try {
    s = await stat(path);
  } catch (error) {
    const code = isErrnoError(error) ? error.code : 'EIO';
    const diagnostic =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? tableDiagnostic(file, lang, 'CHEMIN_INTROUVABLE', { chemin: file }, 0, 0)
        : tableDiagnostic(
            file,
            lang,
            'FICHIER_ILLISIBLE',
            { raison: raisonSysteme(code, lang) },
            0,
            0,
          );
    return { ok: false, diagnostic };
  }
  if (!s.isFile()) {
    return {
      ok: false,
      diagnostic: tableDiagnostic(
        file,
        lang,
        'FICHIER_NON_REGULIER',
        { chemin: file, nature: nature(s, lang) },
        0,
        0,
      ),
    };
  }
  const format = tableFormat(path);
  if (!format) {
    const ext = extname(path);
    return {
      ok: false,
      diagnostic: tableDiagnostic(
        file,
        lang,
        'TABLE_FORMAT_INCONNU',
        { extension: ext || (lang === 'fr' ? '(aucune)' : '(none)'), permises: FORMATS_LUS },
        0,
        0,
      ),
    };
  }
  const compressed = path.toLowerCase().endsWith('.gz');
  return {
    ok: true,
    table: {
      format,
      open: () => {
        const raw = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
        return compressed ? gunzip(raw) : raw;
      },
    },
  };
}

/**
 * Whether a CSV or NDJSON file (possibly `.gz`) holds no line at all — nothing but blanks and a
 * byte-order mark: the one meaning of an empty table, whatever its format (`TABLE_VIDE`). A CSV
 * reader could not read it (no header); an NDJSON one read it as zero rows, so an empty `.ndjson`
 * was imported as « 0 ligne » where an empty `.csv` was refused. Reads up to the first other byte.
 * A workbook is never empty here (its reader says so, sheet by sheet); an unreadable gzip is left
 * to the reader.
 */
export async function tableSansLigne(path: string): Promise<boolean> {
  const format = tableFormat(path);
  if (format !== 'csv' && format !== 'ndjson') return false;
  const raw = createReadStream(path, { highWaterMark: 64 * 1024 });
  const source = path.toLowerCase().endsWith('.gz') ? gunzip(raw) : raw;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>)
      for (const b of chunk) {
        // Blanks (space, tab, CR, LF) and the UTF-8 byte-order mark EF BB BF.
        if (
          b !== 0x20 &&
          b !== 0x09 &&
          b !== 0x0d &&
          b !== 0x0a &&
          b !== 0xef &&
          b !== 0xbb &&
          b !== 0xbf
        )
          return false;
      }
    return true;
  } catch {
    return false;
  } finally {
    raw.destroy();
    source.destroy();
  }
}
