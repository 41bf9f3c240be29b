/**
 * Reads a table of rows (`--parc`, `--events`) from CSV, NDJSON or an Excel workbook, streaming,
 * one callback per row; optionally only one shard of the rows, so that several workers can share
 * a file. Every record of the file is counted once: delivered, rejected (with its diagnostic),
 * or not read because of a problem of the whole file (a bad header). Blank lines are not rows;
 * a quoted CSV field or a pretty-printed JSON object spanning several lines is one row.
 */
import { attendu } from '../schema/attendu-en.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import {
  CsvSplitter,
  detectDelimiter,
  matchHeader,
  parseCsvHeader,
  plainFieldStart,
  splitDiagnostic,
  type TableColumns,
} from './csv.js';
import { MAX_LINE_BYTES, readLinesFrom, tableDiagnostic } from './line-reader.js';
import { ErreurDuLecteur, readXlsxRelu } from './read-xlsx.js';
import { openTable, STDIN, type OpenedTable } from './table-source.js';

export type { TableColumns } from './csv.js';
export { tableFormat, type TableFormat } from './table-source.js';

/** A quoted field or a JSON object may span at most this many lines. */
export const MAX_RECORD_LINES = 1000;

/** Only the rows whose `field` hashes to `index` modulo `count` (see shardOf). */
export interface Shard {
  index: number;
  count: number;
  field: string;
}

export interface ReadTableOptions {
  lang: Lang;
  /** Name of the file in diagnostics (default: the path). */
  file?: string;
  /** Header check: unknown columns are reported and ignored, missing ones stop the file. */
  columns?: TableColumns;
  /** Names of the sheet to read in a workbook (else its first sheet). */
  sheets?: readonly string[];
  shard?: Shard;
  /**
   * Columns that hold codes written as text (a numéro unique): in a workbook, a cell of such a
   * column holding a number (not under a zero-padded format) rejects its row
   * (`TABLE_CELLULE_NOMBRE`), since its leading zeros may be lost and cannot be told back.
   */
  texte?: readonly string[];
  /**
   * Columns that hold INSEE commune codes: in a workbook, a cell of such a column holding a
   * whole number of four digits (not under a zero-padded format) is read with its leading zero
   * (1053 → 01053). A code has five characters and the first département is 01: a code typed as
   * a number loses only that zero, and 1053 can mean nothing else (a `|`-separated list is
   * text: read as typed).
   */
  communes?: readonly string[];
  /**
   * Columns that hold département codes: in a workbook, a cell of such a column holding a whole
   * number of one digit is read with its leading zero (1 → 01), as a commune's code is.
   */
  departements?: readonly string[];
}

/** Where the fields of the current row are; only valid during the onRow call. */
export interface RowPosition {
  /** 1-based column of the field in the line, or 0 when unknown (absent field). */
  column(field: string): number;
}

/**
 * Receives each row: CSV and workbook values are strings and empty cells are absent; NDJSON
 * values are the parsed JSON values. The row object belongs to the callee (it may modify it).
 */
export type RowHandler = (
  row: Record<string, unknown>,
  line: number,
  position: RowPosition,
) => void;

/**
 * A row read by column (readTableCells): the caller names the fields it reads once, and each
 * row gives the value of the k-th of them. Only valid during the onCells call.
 */
export interface RowCells {
  /**
   * Value of the k-th field asked for: the cell's text in CSV and workbooks (`''` when the cell
   * is empty), the JSON value in NDJSON; undefined when the file has no column for it.
   */
  value(k: number): unknown;
  /** The parsed object of an NDJSON row (its keys may be checked); undefined otherwise. */
  readonly json: Record<string, unknown> | undefined;
  /** The row as readTable gives it (a new object, the callee's): for the rows read the slow way. */
  row(): Record<string, unknown>;
}

/** The k-th cell's text ('' when empty or when the file has no such column); undefined: not text. */
export function cellText(cells: RowCells, k: number): string | undefined {
  const v = cells.value(k);
  return v === undefined ? '' : typeof v === 'string' ? v : undefined;
}

/** Receives each row as cells; the same rows as a RowHandler would receive, in the same order. */
export type CellsHandler = (cells: RowCells, line: number, position: RowPosition) => void;

export interface ReadTableResult {
  /** Rows delivered to onRow. */
  rows: number;
  /** Rows this reader rejected itself (each has its diagnostics in `diagnostics`). */
  rejected: number;
  /** Rows not read because of a problem of the whole file (in `fileDiagnostics`). */
  unread: number;
  /** Problems of the rejected rows (line > 0). */
  diagnostics: Diagnostic[];
  /**
   * Problems and notes about the whole file (missing, format, header, encoding). With a shard,
   * these and `unread` are shard 0's; each rejected row is reported by exactly one shard, so
   * the union over the shards is what reading the whole file reports.
   */
  fileDiagnostics: Diagnostic[];
  /** SHA-256 of the bytes read, for the standard input (a file can be hashed again). */
  sha256?: string;
}

/** FNV-1a over the UTF-16 code units of text[start, end), then a final avalanche (fmix32). */
export function hashText(text: string, start = 0, end = text.length): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return avalanche(h);
}

/** The final avalanche of hashText (fmix32), for a caller that runs FNV-1a itself. */
export function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The shard of a row from its field value; an empty or absent value goes to shard 0. */
export function shardOf(value: unknown, count: number): number {
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string' || value === '') return 0;
  return hashText(value) % count;
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Field positions: `starts[i]` is the 0-based offset of field i (a cell: its column - 1). */
interface Fields {
  readonly starts: readonly number[];
  readonly count: number;
}

class FieldPosition implements RowPosition {
  constructor(
    private readonly fields: Fields,
    private readonly index: ReadonlyMap<string, number>,
  ) {}
  column(field: string): number {
    const i = this.index.get(field);
    if (i === undefined || i >= this.fields.count) return 0;
    return (this.fields.starts[i] ?? -1) + 1;
  }
}

class JsonPosition implements RowPosition {
  text = '';
  /** Column of the value of `"field":` in the line (good enough for reporting). */
  column(field: string): number {
    const key = JSON.stringify(field);
    const text = this.text;
    for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + 1)) {
      let j = at + key.length;
      while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
      if (text.charCodeAt(j) !== 58) continue;
      j++;
      while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
      return j + 1;
    }
    return 0;
  }
}

/** Column (1-based) of a JSON.parse error, from the engine's message when it gives one. */
function jsonErrorColumn(error: unknown, text: string): number {
  const message = error instanceof Error ? error.message : '';
  const m = /position (\d+)/.exec(message);
  if (m) return Number(m[1]) + 1;
  if (message.includes('end of JSON')) return text.length + 1;
  return 0;
}

function jsonKind(value: unknown, lang: Lang): string {
  const fr = lang === 'fr';
  if (value === null) return 'null';
  if (Array.isArray(value)) return fr ? 'une liste' : 'an array';
  if (typeof value === 'string') return fr ? 'un texte' : 'a string';
  if (typeof value === 'number') return fr ? 'un nombre' : 'a number';
  if (typeof value === 'boolean') return fr ? 'un booléen' : 'a boolean';
  return fr ? 'une valeur' : 'a value';
}

/** Nesting of `{` and `[` outside strings, line after line of one JSON value. */
class JsonDepth {
  depth = 0;
  private inString = false;
  private escaped = false;
  /** Scans more text; false when a closing bracket has no opening one. */
  scan(text: string): boolean {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92) this.escaped = true;
        else if (c === 34) this.inString = false;
      } else if (c === 34) this.inString = true;
      else if (c === 123 || c === 91) this.depth++;
      else if (c === 125 || c === 93) {
        if (--this.depth < 0) return false;
      }
    }
    return true;
  }
  get open(): boolean {
    return this.depth > 0 || this.inString;
  }
}

/** A record spanning several physical lines, being put together. */
interface Pending {
  text: string;
  line: number;
  last: number;
  /** The physical lines after the first (replayed one by one if the record never closes). */
  rest: [string, number][];
  depth?: JsonDepth;
}

/** Appends a physical line to a pending record; blank lines inside it are kept. */
function extend(p: Pending, text: string, line: number): void {
  p.text += '\n'.repeat(Math.max(1, line - p.last)) + text;
  p.rest.push([text, line]);
  p.last = line;
}

const tooLong = (p: Pending): boolean =>
  p.rest.length >= MAX_RECORD_LINES || p.text.length > MAX_LINE_BYTES;

interface Reader {
  readonly file: string;
  readonly lang: Lang;
  readonly shard: Shard | undefined;
  /** This reader reports file-level problems and problems of rows it cannot attribute. */
  readonly first: boolean;
  readonly result: ReadTableResult;
}

function newReader(file: string, options: ReadTableOptions): Reader {
  const shard = options.shard;
  return {
    file,
    lang: options.lang,
    shard,
    first: !shard || shard.index === 0,
    result: { rows: 0, rejected: 0, unread: 0, diagnostics: [], fileDiagnostics: [] },
  };
}

/** A file-level problem or note (shard 0 reports it). */
function fileProblem(r: Reader, d: Diagnostic): void {
  if (r.first) r.result.fileDiagnostics.push(d);
}

/** A rejected row (the caller decided this shard reports it). */
function rowProblem(r: Reader, d: Diagnostic): void {
  r.result.rejected++;
  r.result.diagnostics.push(d);
}

function checkShard(shard: Shard | undefined): void {
  if (!shard) return;
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0) {
    throw new RangeError(`invalid shard ${String(index)}/${String(count)}`);
  }
  if (index >= count) throw new RangeError(`invalid shard ${String(index)}/${String(count)}`);
}

/** Where the readers of each format deliver rows: as objects (readTable) or cells (readTableCells). */
interface RowSink {
  /** The header's key of each column (CSV, workbook), and the column of each known field. */
  header(keys: readonly (string | undefined)[], index: ReadonlyMap<string, number>): void;
  /** The first `count` cells of a row (CSV, workbook); false when all are empty: not a row. */
  cells(values: readonly unknown[], count: number, line: number, position: RowPosition): boolean;
  /** An NDJSON object. */
  object(row: Record<string, unknown>, line: number, position: RowPosition): void;
}

function objectSink(onRow: RowHandler): RowSink {
  let keys: readonly (string | undefined)[] = [];
  return {
    header(k) {
      keys = k;
    },
    cells(values, count, line, position) {
      const row = rowOf(keys, values, count);
      if (!row) return false;
      onRow(row, line, position);
      return true;
    },
    object: onRow,
  };
}

/** The cells of the current row, read through the columns of the fields asked for. */
class CellView implements RowCells {
  /** Column of each field asked for, -1 when the file has none. */
  columns: number[];
  values: readonly unknown[] = [];
  count = 0;
  keys: readonly (string | undefined)[] = [];
  json: Record<string, unknown> | undefined;
  constructor(private readonly fields: readonly string[]) {
    this.columns = fields.map(() => -1);
  }
  row(): Record<string, unknown> {
    return this.json ?? rowOf(this.keys, this.values, this.count) ?? {};
  }
  value(k: number): unknown {
    const json = this.json;
    if (json) return json[this.fields[k] ?? ''];
    const column = this.columns[k] ?? -1;
    return column === -1 ? undefined : this.values[column];
  }
}

function cellsSink(fields: readonly string[], onCells: CellsHandler): RowSink {
  const view = new CellView(fields);
  return {
    header(keys, index) {
      view.keys = keys;
      view.columns = fields.map((f) => index.get(f) ?? -1);
    },
    cells(values, count, line, position) {
      // The same rows as rowOf delivers: at least one cell of a known column is not empty.
      const keys = view.keys;
      let filled = false;
      for (let i = 0; i < count && !filled; i++) {
        const value = values[i];
        filled = keys[i] !== undefined && value !== undefined && value !== '';
      }
      if (!filled) return false;
      view.values = values;
      view.count = count;
      view.json = undefined;
      onCells(view, line, position);
      return true;
    },
    object(row, line, position) {
      view.json = row;
      onCells(view, line, position);
    },
  };
}

/**
 * Streams the rows of a table to onRow. Never throws for a bad file: a missing file, an unknown
 * format, a bad header or a row that cannot be split comes back as a diagnostic (rows that
 * split but hold bad values are for the row parser).
 */
export function readTable(
  path: string,
  options: ReadTableOptions,
  onRow: RowHandler,
): Promise<ReadTableResult> {
  return readRows(path, options, objectSink(onRow));
}

/**
 * Streams the rows of a table as cells (see RowCells): the same rows, rejections and
 * diagnostics as readTable, without an object per row; `fields` are resolved to columns once,
 * from the header.
 */
export function readTableCells(
  path: string,
  options: ReadTableOptions,
  fields: readonly string[],
  onCells: CellsHandler,
): Promise<ReadTableResult> {
  return readRows(path, options, cellsSink(fields, onCells));
}

async function readRows(
  path: string,
  options: ReadTableOptions,
  sink: RowSink,
): Promise<ReadTableResult> {
  checkShard(options.shard);
  const r = newReader(options.file ?? path, options);
  const opened = await openTable(path, r.file, r.lang);
  if (!opened.ok) {
    fileProblem(r, opened.diagnostic);
    return r.result;
  }
  let table = opened.table;
  if (table.format === 'xlsx') {
    const rouvrir =
      path === STDIN
        ? undefined
        : async (): Promise<OpenedTable | undefined> => {
            const encore = await openTable(path, r.file, r.lang);
            return encore.ok ? encore.table : undefined;
          };
    table = await readWorkbook(r, table, options, sink, rouvrir);
  } else if (table.format === 'ndjson') await readNdjson(r, table, sink);
  else await readCsv(r, table, options, sink);
  if (table.digest) r.result.sha256 = table.digest();
  return r.result;
}

/** The line reader's report: a bad line is a rejected row, the rest concerns the file. */
function lineReport(r: Reader, onHeader?: (d: Diagnostic) => boolean) {
  return (d: Diagnostic, row: boolean): boolean => {
    if (!row) fileProblem(r, d);
    else if (onHeader?.(d)) return true;
    else if (r.first) rowProblem(r, d);
    return true;
  };
}

async function readNdjson(r: Reader, table: OpenedTable, sink: RowSink): Promise<void> {
  const { shard, first, file, lang, result } = r;
  const position = new JsonPosition();
  const field = shard?.field ?? '';
  const count = shard?.count ?? 1;
  const mine = shard?.index ?? 0;
  let pending: Pending | undefined;

  const invalid = (line: number, column: number): void => {
    if (first) rowProblem(r, tableDiagnostic(file, lang, 'LIGNE_JSON_INVALIDE', {}, line, column));
  };
  const deliver = (value: unknown, text: string, line: number): void => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      if (first) {
        rowProblem(
          r,
          tableDiagnostic(
            file,
            lang,
            'LIGNE_JSON_PAS_OBJET',
            { recu: jsonKind(value, lang) },
            line,
            1,
          ),
        );
      }
      return;
    }
    const row = value as Record<string, unknown>;
    if (shard && shardOf(row[field], count) !== mine) return;
    position.text = text;
    result.rows++;
    sink.object(row, line, position);
  };
  /** The pending object never closed: its first line is rejected, the others read again. */
  const abandon = (): void => {
    const p = pending;
    if (!p) return;
    pending = undefined;
    invalid(p.line, 0);
    for (const [text, line] of p.rest) onLine(text, line);
  };
  const onLine = (text: string, line: number): boolean => {
    if (pending && text.charCodeAt(0) === 123) {
      // An object at the start of a line: a new record, the pending one was cut short.
      abandon();
      return onLine(text, line);
    }
    if (pending) {
      const p = pending;
      extend(p, text, line);
      const depth = p.depth ?? new JsonDepth();
      if (!depth.scan(text)) {
        pending = undefined;
        invalid(p.line, 0);
        return true;
      }
      if (!depth.open) {
        pending = undefined;
        let value: unknown;
        try {
          value = JSON.parse(p.text);
        } catch (error) {
          invalid(p.line, jsonErrorColumn(error, p.text));
          return true;
        }
        deliver(value, p.text, p.line);
      } else if (tooLong(p)) abandon();
      return true;
    }
    if (text.charCodeAt(0) <= 32 && isBlank(text)) return true;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      // The start of a pretty-printed object: read on until it closes.
      const depth = new JsonDepth();
      const start = text.trimStart().charCodeAt(0);
      if ((start === 123 || start === 91) && depth.scan(text) && depth.open) {
        pending = { text, line, last: line, rest: [], depth };
      } else invalid(line, jsonErrorColumn(error, text));
      return true;
    }
    deliver(value, text, line);
    return true;
  };
  await readLinesFrom(table.open, { lang, file, report: lineReport(r) }, onLine);
  while (pending) abandon();
}

async function readCsv(
  r: Reader,
  table: OpenedTable,
  options: ReadTableOptions,
  sink: RowSink,
): Promise<void> {
  const { shard, first, file, lang, result } = r;
  let mode: 'header' | 'rows' | 'unread' = 'header';
  let splitter = new CsvSplitter(',');
  let width = 0;
  let position = new FieldPosition(splitter, new Map());
  let shardColumn = -1;
  const bounds = { end: 0 };
  let pending: Pending | undefined;

  /** Counts a record of a file whose header could not be read. */
  const unread = (text: string, split: boolean): void => {
    if (!first) return;
    if (!split && !splitter.split(text)) {
      result.unread++;
      return;
    }
    for (let i = 0; i < splitter.count; i++) {
      if (!isBlank(splitter.values[i] ?? '')) {
        result.unread++;
        return;
      }
    }
  };

  /** One whole record; `split`: splitter already holds its fields; `failed`: it cannot split. */
  const record = (text: string, line: number, split: boolean, failed: boolean): void => {
    if (mode === 'unread') {
      if (failed) {
        if (first) result.unread++;
      } else unread(text, split);
      return;
    }
    if (shard) {
      // Rows whose shard field cannot be found belong to shard 0.
      let owner = 0;
      if (shardColumn !== -1 && !failed) {
        if (!split) {
          // Fast path: hash the field in place, split only the rows of this shard.
          const start = plainFieldStart(text, splitter.delimiter, shardColumn, bounds);
          if (start !== -1 && bounds.end > start) {
            owner = hashText(text, start, bounds.end) % shard.count;
          }
        } else if (shardColumn < splitter.count) {
          owner = shardOf(splitter.values[shardColumn], shard.count);
        }
      }
      if (owner !== shard.index) return;
    }
    if (failed) {
      rowProblem(r, splitDiagnostic(splitter, file, lang, line));
      return;
    }
    if (!split) splitter.split(text);
    const n = splitter.count;
    const values = splitter.values;
    if (n !== width) {
      let empty = true;
      for (let i = 0; i < n && empty; i++) empty = isBlank(values[i] ?? '');
      if (!empty) {
        rowProblem(
          r,
          tableDiagnostic(
            file,
            lang,
            'LIGNE_NOMBRE_CHAMPS',
            { attendu: width, trouve: n },
            line,
            n > width ? (splitter.starts[width] ?? 0) + 1 : text.length + 1,
          ),
        );
      }
      return;
    }
    if (sink.cells(values, n, line, position)) result.rows++;
  };

  /**
   * The first non-empty line when it is not a header (a title saved from a workbook): its text
   * and diagnostics, and the lines tried as the header after it (see MAX_LIGNES_TITRE).
   */
  let premiere: { text: string; diagnostics: Diagnostic[] } | undefined;
  let essais: [string, number][] = [];
  /** No header below the first line either: the first line's refusal, every line unread. */
  const refuser = (): void => {
    if (!premiere) return;
    for (const d of premiere.diagnostics) fileProblem(r, d);
    mode = 'unread';
    splitter = new CsvSplitter(detectDelimiter(premiere.text));
    premiere = undefined;
    const lignes = essais;
    essais = [];
    for (const [text, line] of lignes) onLine(text, line);
  };

  const header = (text: string, line: number): void => {
    const h = parseCsvHeader(text, line, options.columns, file, lang);
    if (!h.ok) {
      if (premiere === undefined) {
        premiere = { text, diagnostics: h.diagnostics };
        if (h.diagnostics.some((d) => d.code === 'TABLE_COLONNE_INCONNUE')) {
          const fields = new CsvSplitter(detectDelimiter(text));
          if (fields.split(text))
            premiere.diagnostics = sansTitre(
              h.diagnostics,
              fields.values.slice(0, fields.count).map((v) => v.trim()),
              (i) => (fields.starts[i] ?? 0) + 1,
              file,
              lang,
            );
        }
      } else {
        essais.push([text, line]);
        if (essais.length >= MAX_LIGNES_TITRE) refuser();
      }
      return;
    }
    if (premiere !== undefined) {
      fileProblem(r, enTeteDecale(file, lang, line));
      premiere = undefined;
      essais = [];
    }
    for (const d of h.diagnostics) fileProblem(r, d);
    mode = 'rows';
    splitter = h.splitter;
    width = h.keys.length;
    sink.header(h.keys, h.index);
    position = new FieldPosition(splitter, h.index);
    if (shard) shardColumn = h.index.get(shard.field) ?? -1;
  };

  /** The pending record never closed: its first line is rejected, the others read again. */
  const abandon = (): void => {
    const p = pending;
    if (!p) return;
    pending = undefined;
    const firstLine = p.text.slice(0, p.text.indexOf('\n'));
    splitter.split(firstLine);
    record(firstLine, p.line, false, true);
    for (const [text, line] of p.rest) onLine(text, line);
  };

  const onLine = (text: string, line: number): boolean => {
    if (pending) {
      const p = pending;
      extend(p, text, line);
      if (text.indexOf('"') !== -1) {
        if (splitter.split(p.text)) {
          pending = undefined;
          record(p.text, p.line, true, false);
          return true;
        }
        if (splitter.error !== 'guillemet_non_ferme') {
          pending = undefined;
          record(p.text, p.line, false, true);
          return true;
        }
      }
      if (tooLong(p)) abandon();
      return true;
    }
    if (mode === 'header') {
      if (text.charCodeAt(0) <= 32 && isBlank(text)) return true;
      header(text, line);
      return true;
    }
    if (text.indexOf('"') === -1) {
      record(text, line, false, false);
      return true;
    }
    if (splitter.split(text)) record(text, line, true, false);
    else if (splitter.error === 'guillemet_non_ferme') {
      pending = { text, line, last: line, rest: [] };
    } else record(text, line, false, true);
    return true;
  };

  let problems = 0;
  const report = lineReport(r, (d) => {
    problems++;
    if (mode === 'unread') {
      if (first) result.unread++;
      return true;
    }
    // A line below a first line that is no header: the search ends, the file is not read.
    if (mode === 'header' && premiere !== undefined) {
      refuser();
      if (first) result.unread++;
      return true;
    }
    // A header that cannot be decoded: the file cannot be read.
    if (mode !== 'header') return false;
    fileProblem(r, d);
    mode = 'unread';
    return true;
  });
  await readLinesFrom(
    table.open,
    {
      lang,
      file,
      report: (d, row) => {
        if (!row) problems++;
        return report(d, row);
      },
    },
    onLine,
  );
  refuser();
  while (pending) abandon();
  if (mode === 'header' && problems === 0)
    fileProblem(r, tableDiagnostic(file, lang, 'TABLE_VIDE', {}, 0, 0));
}

/** The note of a header found on `line`, below rows that were not one (a title's). */
const enTeteDecale = (file: string, lang: Lang, line: number): Diagnostic =>
  tableDiagnostic(file, lang, 'TABLE_EN_TETE_DECALE', { ligne: line, nombre: line - 1 }, 0, 0);

/**
 * How many non-empty rows below a first row that is not a header may be the header (a
 * workbook's title rows: « Liste des demandes au 30/06/2025 », a date, a blank row).
 */
export const MAX_LIGNES_TITRE = 10;

/**
 * The diagnostics of a first row that is no header, for the file's refusal: a row of one or two
 * cells (a title, its date) none of which names a column is a title, and its cells are
 * described by their length — a title may name a person or a household (« Demandes de M. … »),
 * and it is no column name. A row of more cells is a header of unknown names, quoted as such.
 */
function sansTitre(
  diagnostics: Diagnostic[],
  cells: readonly string[],
  columnOf: (i: number) => number,
  file: string,
  lang: Lang,
): Diagnostic[] {
  const remplies = cells.filter((c) => c !== '').length;
  const inconnues = diagnostics.filter((d) => d.code === 'TABLE_COLONNE_INCONNUE');
  if (remplies > 2 || inconnues.length !== remplies) return diagnostics;
  return diagnostics.map((d) => {
    if (d.code !== 'TABLE_COLONNE_INCONNUE') return d;
    const texte = cells.find((_, i) => columnOf(i) === d.column) ?? '';
    return tableDiagnostic(
      file,
      lang,
      'TABLE_CELLULE_TITRE',
      { caracteres: texte.length, lignes: MAX_LIGNES_TITRE },
      d.line,
      d.column,
    );
  });
}

/**
 * The rows of a workbook. `rouvrir` opens its bytes again (readXlsxRelu); the table whose bytes
 * were read to the end is returned (its digest is the file's).
 */
async function readWorkbook(
  r: Reader,
  table: OpenedTable,
  options: ReadTableOptions,
  sink: RowSink,
  rouvrir: (() => Promise<OpenedTable | undefined>) | undefined,
): Promise<OpenedTable> {
  const { shard, first, file, lang, result } = r;
  let keys: (string | undefined)[] | undefined;
  let failed = false;
  let position = new FieldPosition({ starts: [], count: 0 }, new Map());
  let shardColumn = -1;
  /** Index of each column of `options.texte` in the sheet → its name. */
  let texte = new Map<number, string>();
  /** Indexes of the columns of `options.communes` in the sheet. */
  let communes = new Set<number>();
  /** Indexes of the columns of `options.departements` in the sheet. */
  let departements = new Set<number>();
  /**
   * The first non-empty row when it is not a header (a title, « Liste des demandes au … »): its
   * diagnostics, reported only if none of the next rows is a header either.
   */
  let premiere: Diagnostic[] | undefined;
  /** Non-empty rows tried as the header after the first one. */
  let essais = 0;
  /** The first row is refused after all: its diagnostics, and the rows tried below it unread. */
  const refuser = (): void => {
    failed = true;
    for (const d of premiere ?? []) fileProblem(r, d);
    if (first) result.unread += essais;
  };
  let lue = table;
  /**
   * The bytes being read: readXlsxRelu stops those of a failed read itself before it reads them
   * again, so only the last ones are left to stop.
   */
  let octets = table.open();
  const encore = rouvrir
    ? async () => {
        const t = await rouvrir();
        if (!t) return undefined;
        lue = t;
        octets = t.open();
        return octets;
      }
    : undefined;
  try {
    const read = await readXlsxRelu(
      octets,
      encore,
      options.sheets ?? [],
      (cells, line, nombres) => {
        if (!cells.some((c) => c !== '')) return;
        if (!keys && !failed) {
          const h = matchHeader(cells, (i) => i + 1, line, options.columns, file, lang);
          if (!h.ok) {
            if (premiere === undefined)
              premiere = sansTitre(h.diagnostics, cells, (i) => i + 1, file, lang);
            else if (++essais >= MAX_LIGNES_TITRE) refuser();
            return;
          }
          if (premiere !== undefined) fileProblem(r, enTeteDecale(file, lang, line));
          for (const d of h.diagnostics) fileProblem(r, d);
          keys = h.keys;
          sink.header(keys, h.index);
          position = new FieldPosition(
            { starts: keys.map((_, i) => i), count: keys.length },
            h.index,
          );
          if (shard) shardColumn = h.index.get(shard.field) ?? -1;
          texte = new Map(
            (options.texte ?? []).flatMap((c) => {
              const i = h.index.get(c);
              return i === undefined ? [] : [[i, c] as const];
            }),
          );
          const colonnes = (champs: readonly string[] | undefined): Set<number> =>
            new Set(
              (champs ?? []).flatMap((c) => {
                const i = h.index.get(c);
                return i === undefined ? [] : [i];
              }),
            );
          communes = colonnes(options.communes);
          departements = colonnes(options.departements);
          return;
        }
        if (failed || !keys) {
          if (first) result.unread++;
          return;
        }
        if (shard && shardOf(cells[shardColumn], shard.count) !== shard.index) return;
        if (communes.size || departements.size)
          for (const i of nombres) {
            const v = cells[i];
            if (v === undefined) continue;
            if (communes.has(i) && /^[1-9][0-9]{3}$/.test(v)) cells[i] = `0${v}`;
            else if (departements.has(i) && /^[1-9]$/.test(v)) cells[i] = `0${v}`;
          }
        const nombre = nombres.find((i) => texte.has(i));
        if (nombre !== undefined) {
          if (first)
            rowProblem(
              r,
              tableDiagnostic(
                file,
                lang,
                'TABLE_CELLULE_NOMBRE',
                { colonne: texte.get(nombre) ?? '', chiffres: String(cells[nombre]?.length ?? 0) },
                line,
                nombre + 1,
              ),
            );
          return;
        }
        if (sink.cells(cells, keys.length, line, position)) result.rows++;
      },
    );
    if (read.sheets > 1)
      fileProblem(
        r,
        tableDiagnostic(
          file,
          lang,
          'TABLE_XLSX_FEUILLE',
          { nombre: read.sheets, feuille: read.sheet },
          0,
          0,
        ),
      );
    if (!keys && !failed) {
      if (premiere === undefined)
        fileProblem(r, tableDiagnostic(file, lang, 'TABLE_VIDE', {}, 0, 0));
      else refuser();
    }
  } catch (e) {
    // A row handler's error is a bug of the caller's, not a bad workbook.
    if (e instanceof ErreurDuLecteur) throw e.origine;
    fileProblem(r, tableDiagnostic(file, lang, 'TABLE_XLSX_ILLISIBLE', {}, 0, 0));
  } finally {
    octets.destroy();
  }
  return lue;
}

// ---------------------------------------------------------------------------------------------
// Shared by the row parsers (parse-logement.ts, parse-evenement.ts): coercion of CSV text and
// ajv errors as row diagnostics.

/** A parsed row, or why it was rejected. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; diagnostics: Diagnostic[] };

/** How a row parser talks about its fields in messages. */
export interface RowFieldSpec {
  /**
   * Fields whose offending value may be quoted in a message (codes, enums, dates). Any other
   * value is described by its kind only: rows may carry identifiers that lead to households.
   */
  shown: ReadonlySet<string>;
  /** What a valid value looks like, per field. */
  expected: Readonly<Record<string, { fr: string; en: string }>>;
  /** The keys a row may have (for unknown NDJSON keys). */
  allowed: readonly string[];
}

export interface RowContext {
  file: string;
  lang: Lang;
  line: number;
  position?: RowPosition | undefined;
}

/** true/false, oui/non, vrai/faux, 1/0 (any case, around spaces) as a boolean; else unchanged. */
export function coerceBoolean(value: unknown): unknown {
  if (typeof value !== 'string') {
    if (value === 1) return true;
    if (value === 0) return false;
    return value;
  }
  switch (value) {
    case 'true':
    case 'oui':
    case '1':
      return true;
    case 'false':
    case 'non':
    case '0':
      return false;
  }
  switch (value.trim().toLowerCase()) {
    case 'true':
    case 'oui':
    case 'vrai':
    case '1':
      return true;
    case 'false':
    case 'non':
    case 'faux':
    case '0':
      return false;
  }
  return value;
}

/** Plain digits (at most 15) as a number; anything else unchanged (the schema reports it). */
export function coerceInteger(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const length = value.length;
  if (length === 0 || length > 15) return value;
  let n = 0;
  for (let i = 0; i < length; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return value;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Sets the fields that are empty text or null to undefined, i.e. absent for the schema
 * (exporters fill every column); true if there was any. Assigning keeps the row's shape,
 * `delete` would not.
 */
export function clearEmpty(row: Record<string, unknown>, fields: readonly string[]): boolean {
  let cleared = false;
  for (const field of fields) {
    const value = row[field];
    if (value === '' || value === null) {
      row[field] = undefined;
      cleared = true;
    }
  }
  return cleared;
}

const kinds = {
  fr: { string: 'texte', number: 'nombre', boolean: 'booléen', array: 'liste', object: 'objet' },
  en: { string: 'text', number: 'number', boolean: 'boolean', array: 'list', object: 'object' },
} as const;

const typeExpected = {
  fr: { string: 'du texte', integer: 'un nombre entier', boolean: 'un booléen' },
  en: { string: 'text', integer: 'a whole number', boolean: 'a boolean' },
} as const;

function kindOf(value: unknown, lang: Lang): string {
  const k = kinds[lang];
  if (Array.isArray(value)) return k.array;
  if (typeof value === 'string') {
    const s = value.length > 1 ? 's' : '';
    return lang === 'fr'
      ? `texte de ${value.length} caractère${s}`
      : `text of ${value.length} character${s}`;
  }
  if (typeof value === 'number') return k.number;
  if (typeof value === 'boolean') return k.boolean;
  return k.object;
}

function shownValue(value: unknown, lang: Lang): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return kindOf(value, lang);
}

function fieldOf(instancePath: string): string {
  const segment = instancePath.split('/')[1] ?? '';
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function pointerOf(field: string): string {
  return `/${field.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

interface AjvErrorLike {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  data?: unknown;
  parentSchema?: Record<string, unknown>;
}

function expectedOf(error: AjvErrorLike, field: string, spec: RowFieldSpec, lang: Lang): string {
  const own = spec.expected[field];
  if (own) return own[lang];
  const hint = attendu(error.parentSchema?.['x-attendu'], lang);
  if (hint !== undefined) return hint;
  const p = error.params;
  switch (error.keyword) {
    case 'type': {
      const want = String(p['type']);
      return (typeExpected[lang] as Record<string, string>)[want] ?? want;
    }
    case 'minimum':
    case 'maximum':
      return `${String(p['comparison'])} ${String(p['limit'])}`;
    case 'minLength':
    case 'maxLength':
      return lang === 'fr'
        ? `${error.keyword === 'minLength' ? 'au moins' : 'au plus'} ${String(p['limit'])} caractères`
        : `${error.keyword === 'minLength' ? 'at least' : 'at most'} ${String(p['limit'])} characters`;
    case 'pattern':
      return `/${String(p['pattern'])}/`;
    default:
      return error.keyword;
  }
}

/** One diagnostic per ajv error of a row (the `if` wrappers of per-type requirements dropped). */
export function rowDiagnostics(
  errors: readonly AjvErrorLike[],
  row: Record<string, unknown>,
  spec: RowFieldSpec,
  ctx: RowContext,
): Diagnostic[] {
  const { file, lang, line, position } = ctx;
  const out: Diagnostic[] = [];
  const at = (code: string, params: Record<string, string | number>, field: string): void => {
    out.push(
      tableDiagnostic(
        file,
        lang,
        code,
        params,
        line,
        position ? position.column(field) : 0,
        pointerOf(field),
      ),
    );
  };
  for (const e of errors) {
    const p = e.params;
    switch (e.keyword) {
      case 'if':
        break;
      case 'required': {
        const champ = String(p['missingProperty']);
        if (e.schemaPath.includes('/then/')) {
          at('LIGNE_CHAMP_REQUIS_POUR_TYPE', { champ, type: String(row['type']) }, champ);
        } else at('LIGNE_CHAMP_MANQUANT', { champ }, champ);
        break;
      }
      case 'additionalProperties': {
        const champ = String(p['additionalProperty']);
        at(
          'LIGNE_CHAMP_INCONNU',
          {
            champ: champ.length > 40 ? `${champ.slice(0, 40)}…` : champ,
            permises: spec.allowed.join(', '),
          },
          champ,
        );
        break;
      }
      case 'enum': {
        const champ = fieldOf(e.instancePath);
        at(
          'LIGNE_VALEUR_INCONNUE',
          {
            champ,
            valeur: spec.shown.has(champ)
              ? shownValue(e.data, lang)
              : lang === 'fr'
                ? '(masquée)'
                : '(hidden)',
            permises: ((p['allowedValues'] as unknown[] | undefined) ?? []).map(String).join(', '),
          },
          champ,
        );
        break;
      }
      case 'format': {
        const champ = fieldOf(e.instancePath);
        if (p['format'] === 'date' && spec.shown.has(champ)) {
          at('LIGNE_DATE_INVALIDE', { champ, valeur: shownValue(e.data, lang) }, champ);
          break;
        }
        at(
          'LIGNE_CHAMP_INVALIDE',
          { champ, attendu: expectedOf(e, champ, spec, lang), recu: kindOf(e.data, lang) },
          champ,
        );
        break;
      }
      default: {
        const champ = fieldOf(e.instancePath);
        at(
          'LIGNE_CHAMP_INVALIDE',
          {
            champ,
            attendu: expectedOf(e, champ, spec, lang),
            recu: spec.shown.has(champ) ? shownValue(e.data, lang) : kindOf(e.data, lang),
          },
          champ,
        );
      }
    }
  }
  return out;
}

/** The row of the first `count` cells under their keys; undefined when every cell is empty. */
function rowOf(
  keys: readonly (string | undefined)[],
  cells: readonly unknown[],
  count: number,
): Record<string, unknown> | undefined {
  const row: Record<string, unknown> = {};
  let filled = false;
  for (let i = 0; i < count; i++) {
    const key = keys[i];
    const value = cells[i];
    if (key === undefined || value === undefined || value === '') continue;
    row[key] = value;
    filled = true;
  }
  return filled ? row : undefined;
}
