/**
 * Reads a table of rows (`--parc`, `--events`) from CSV or NDJSON, streaming, one callback per
 * row; optionally only one shard of the rows, so that several workers can share a file.
 */
import { extname } from 'node:path';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { parseCsvHeader, plainFieldStart, splitDiagnostic, type TableColumns } from './csv.js';
import type { CsvSplitter } from './csv.js';
import { readLines, tableDiagnostic } from './line-reader.js';

export type { TableColumns } from './csv.js';

export type TableFormat = 'csv' | 'ndjson';

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
  /** CSV header check: unknown columns are reported and ignored, missing ones stop the file. */
  columns?: TableColumns;
  shard?: Shard;
}

/** Where the fields of the current row are; only valid during the onRow call. */
export interface RowPosition {
  /** 1-based column of the field in the line, or 0 when unknown (absent field). */
  column(field: string): number;
}

/**
 * Receives each row: CSV values are strings and empty cells are absent; NDJSON values are
 * the parsed JSON values. The row object belongs to the callee (it may modify it).
 */
export type RowHandler = (
  row: Record<string, unknown>,
  line: number,
  position: RowPosition,
) => void;

export interface ReadTableResult {
  /** Rows delivered to onRow. */
  rows: number;
  /**
   * File-level problems and rows that could not be split or decoded. With a shard, each
   * problem is reported by exactly one shard (file-level ones by shard 0), so the union over
   * the shards is what reading the whole file reports.
   */
  diagnostics: Diagnostic[];
}

/** The format of a table from its extension, or undefined. */
export function tableFormat(path: string): TableFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  return undefined;
}

/** FNV-1a over the UTF-16 code units of text[start, end), then a final avalanche (fmix32). */
export function hashText(text: string, start = 0, end = text.length): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
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

class CsvPosition implements RowPosition {
  constructor(
    private readonly splitter: CsvSplitter,
    private readonly index: ReadonlyMap<string, number>,
  ) {}
  column(field: string): number {
    const i = this.index.get(field);
    if (i === undefined || i >= this.splitter.count) return 0;
    return (this.splitter.starts[i] ?? -1) + 1;
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

/**
 * Streams the rows of a `.csv`, `.ndjson` or `.jsonl` file to onRow. Never throws for a bad
 * file: a missing file, an unknown format, a bad header or a row that cannot be split comes
 * back as a diagnostic (rows that split but hold bad values are for the row parser).
 */
export async function readTable(
  path: string,
  options: ReadTableOptions,
  onRow: RowHandler,
): Promise<ReadTableResult> {
  const file = options.file ?? path;
  const { lang, shard } = options;
  if (shard) {
    const { index, count } = shard;
    if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0) {
      throw new RangeError(`invalid shard ${String(index)}/${String(count)}`);
    }
    if (index >= count) throw new RangeError(`invalid shard ${String(index)}/${String(count)}`);
  }
  const diagnostics: Diagnostic[] = [];
  /** This reader reports file-level problems and problems of rows it cannot attribute. */
  const first = !shard || shard.index === 0;
  const format = tableFormat(path);
  if (!format) {
    if (first) {
      diagnostics.push(
        tableDiagnostic(
          file,
          lang,
          'TABLE_FORMAT_INCONNU',
          {
            extension: extname(path) || (lang === 'fr' ? '(aucune)' : '(none)'),
            permises: '.csv, .ndjson, .jsonl',
          },
          0,
          0,
        ),
      );
    }
    return { rows: 0, diagnostics };
  }
  let rows = 0;
  let started = false;
  /** Problems found by the line reader (encoding, unreadable file): shard 0's. */
  let lineProblems = 0;
  const report = (d: Diagnostic): boolean => {
    lineProblems++;
    if (first) diagnostics.push(d);
    // An undecodable header leaves nothing to read the rows with.
    return format === 'ndjson' || started || d.line === 0;
  };
  const lineOptions = { lang, file, report };

  if (format === 'ndjson') {
    const position = new JsonPosition();
    const field = shard?.field ?? '';
    const count = shard?.count ?? 1;
    const mine = shard?.index ?? 0;
    await readLines(path, lineOptions, (text, line) => {
      if (text.charCodeAt(0) <= 32 && isBlank(text)) return true;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        if (first) {
          diagnostics.push(
            tableDiagnostic(
              file,
              lang,
              'LIGNE_JSON_INVALIDE',
              {},
              line,
              jsonErrorColumn(error, text),
            ),
          );
        }
        return true;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        if (first) {
          diagnostics.push(
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
        return true;
      }
      const row = value as Record<string, unknown>;
      if (shard && shardOf(row[field], count) !== mine) return true;
      position.text = text;
      rows++;
      onRow(row, line, position);
      return true;
    });
    return { rows, diagnostics };
  }

  let splitter: CsvSplitter | undefined;
  let keys: (string | undefined)[] = [];
  let width = 0;
  let position: CsvPosition | undefined;
  let shardColumn = -1;
  const bounds = { end: 0 };
  await readLines(path, lineOptions, (text, line) => {
    if (!splitter) {
      if (text.charCodeAt(0) <= 32 && isBlank(text)) return true;
      started = true;
      const header = parseCsvHeader(text, line, options.columns, file, lang);
      if (first) diagnostics.push(...header.diagnostics);
      if (!header.ok) return false;
      splitter = header.splitter;
      keys = header.keys;
      width = keys.length;
      position = new CsvPosition(splitter, header.index);
      if (shard) shardColumn = header.index.get(shard.field) ?? -1;
      return true;
    }
    let split: boolean | undefined;
    if (shard) {
      // Rows whose shard field cannot be found belong to shard 0.
      let owner = 0;
      if (shardColumn !== -1) {
        if (text.indexOf('"') === -1) {
          // Fast path: hash the field in place, split only the rows of this shard.
          const start = plainFieldStart(text, splitter.delimiter, shardColumn, bounds);
          if (start !== -1 && bounds.end > start) {
            owner = hashText(text, start, bounds.end) % shard.count;
          }
        } else {
          split = splitter.split(text);
          if (split && shardColumn < splitter.count) {
            owner = shardOf(splitter.values[shardColumn], shard.count);
          }
        }
      }
      if (owner !== shard.index) return true;
    }
    if (!(split ?? splitter.split(text))) {
      diagnostics.push(splitDiagnostic(splitter, file, lang, line));
      return true;
    }
    const n = splitter.count;
    const values = splitter.values;
    if (n !== width) {
      let empty = true;
      for (let i = 0; i < n && empty; i++) empty = isBlank(values[i] ?? '');
      if (!empty) {
        diagnostics.push(
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
      return true;
    }
    const row: Record<string, unknown> = {};
    let filled = false;
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      const value = values[i];
      if (key === undefined || value === undefined || value === '') continue;
      row[key] = value;
      filled = true;
    }
    if (!filled) return true;
    rows++;
    onRow(row, line, position as CsvPosition);
    return true;
  });
  if (!started && lineProblems === 0 && first) {
    diagnostics.push(tableDiagnostic(file, lang, 'TABLE_VIDE', {}, 0, 0));
  }
  return { rows, diagnostics };
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
    return lang === 'fr'
      ? `texte de ${value.length} caractères`
      : `text of ${value.length} characters`;
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
  const hint = error.parentSchema?.['x-attendu'];
  if (lang === 'fr' && typeof hint === 'string') return hint;
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
