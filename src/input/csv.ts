/**
 * RFC 4180 CSV, one record at a time: `,`, `;` (French Excel exports) or a tab detected from the
 * header, quoted fields with doubled quotes (a quoted field spanning several lines is put
 * together by read-table.ts). Header names are matched to the fields by column-names.ts.
 */
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { ColumnMatcher, type ColumnAliases } from './column-names.js';
import { tableDiagnostic } from './line-reader.js';

export type Delimiter = ',' | ';' | '\t';

const QUOTE = 34;

/** The columns a table may have, those it must have, and the synonyms of their names. */
export interface TableColumns {
  allowed: readonly string[];
  required: readonly string[];
  aliases?: ColumnAliases;
}

/** The most frequent of `;`, tab and `,` outside quotes in the header (`,` when none). */
export function detectDelimiter(header: string): Delimiter {
  let semicolons = 0;
  let commas = 0;
  let tabs = 0;
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const c = header.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted) {
      if (c === 59) semicolons++;
      else if (c === 44) commas++;
      else if (c === 9) tabs++;
    }
  }
  if (tabs > semicolons && tabs > commas) return '\t';
  return semicolons > commas ? ';' : ',';
}

export type CsvSplitError = 'guillemet_non_ferme' | 'texte_apres_guillemet';

/**
 * Splits lines into fields, reusing its arrays from line to line: after `split`, the fields are
 * `values[0 .. count)` and `starts[i]` is the 0-based offset of field i in the line (its opening
 * quote when quoted). Lines without a quote take a plain indexOf path.
 */
export class CsvSplitter {
  readonly values: string[] = [];
  readonly starts: number[] = [];
  count = 0;
  /** Set when `split` returns false. */
  error: CsvSplitError | undefined;
  /** 1-based column of the problem when `split` returns false. */
  errorColumn = 0;
  private readonly code: number;

  constructor(readonly delimiter: Delimiter) {
    this.code = delimiter.charCodeAt(0);
  }

  split(line: string): boolean {
    const { values, starts, delimiter } = this;
    const length = line.length;
    let n = 0;
    let pos = 0;
    if (line.indexOf('"') === -1) {
      for (;;) {
        const next = line.indexOf(delimiter, pos);
        const end = next === -1 ? length : next;
        values[n] = line.slice(pos, end);
        starts[n] = pos;
        n++;
        if (next === -1) break;
        pos = next + 1;
      }
      this.count = n;
      return true;
    }
    for (;;) {
      starts[n] = pos;
      if (line.charCodeAt(pos) === QUOTE) {
        let value = '';
        let from = pos + 1;
        for (;;) {
          const q = line.indexOf('"', from);
          if (q === -1) return this.fail('guillemet_non_ferme', pos + 1);
          if (line.charCodeAt(q + 1) === QUOTE) {
            value += line.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += line.slice(from, q);
          pos = q + 1;
          break;
        }
        values[n++] = value;
        if (pos >= length) break;
        if (line.charCodeAt(pos) !== this.code) return this.fail('texte_apres_guillemet', pos + 1);
        pos++;
      } else {
        const next = line.indexOf(delimiter, pos);
        const end = next === -1 ? length : next;
        values[n++] = line.slice(pos, end);
        if (next === -1) break;
        pos = next + 1;
      }
    }
    this.count = n;
    return true;
  }

  private fail(error: CsvSplitError, column: number): false {
    this.error = error;
    this.errorColumn = column;
    this.count = 0;
    return false;
  }
}

/** Diagnostic of a line that `split` could not cut into fields. */
export function splitDiagnostic(
  splitter: CsvSplitter,
  file: string,
  lang: Lang,
  line: number,
): Diagnostic {
  const code =
    splitter.error === 'texte_apres_guillemet'
      ? 'LIGNE_TEXTE_APRES_GUILLEMET'
      : 'LIGNE_GUILLEMET_NON_FERME';
  return tableDiagnostic(file, lang, code, {}, line, splitter.errorColumn);
}

/**
 * Bounds of field `index` of a line that has no quote character, without splitting it:
 * returns the start offset and sets `bounds.end`, or -1 when the line has fewer fields.
 */
export function plainFieldStart(
  line: string,
  delimiter: Delimiter,
  index: number,
  bounds: { end: number },
): number {
  let start = 0;
  for (let i = 0; i < index; i++) {
    const next = line.indexOf(delimiter, start);
    if (next === -1) return -1;
    start = next + 1;
  }
  const next = line.indexOf(delimiter, start);
  bounds.end = next === -1 ? line.length : next;
  return start;
}

/** What the header says: which field each column holds. */
export type HeaderResult =
  | {
      ok: true;
      /** Row key of each field; undefined for an ignored column (unknown or unnamed). */
      keys: (string | undefined)[];
      /** Index of each known column. */
      index: Map<string, number>;
      diagnostics: Diagnostic[];
    }
  | { ok: false; diagnostics: Diagnostic[] };

export type CsvHeader =
  (HeaderResult & { ok: true; splitter: CsvSplitter }) | (HeaderResult & { ok: false });

const short = (name: string): string => (name.length > 40 ? `${name.slice(0, 40)}…` : name);

/**
 * Matches header names to the fields (case, accents, separators and synonyms ignored): unknown
 * columns are a warning, named once, and ignored; a synonym of a field already read is ignored
 * with a warning; a name given twice or a missing required field stops the file.
 * Without `columns`, every named column is kept as it is written.
 */
export function matchHeader(
  names: readonly string[],
  columnOf: (i: number) => number,
  line: number,
  columns: TableColumns | undefined,
  file: string,
  lang: Lang,
): HeaderResult {
  const matcher = columns ? new ColumnMatcher(columns.allowed, columns.aliases) : undefined;
  const permises = columns ? columns.allowed.join(', ') : '';
  const diagnostics: Diagnostic[] = [];
  const keys: (string | undefined)[] = [];
  const index = new Map<string, number>();
  const rank = new Map<string, number>();
  const seen = new Map<string, number>();
  let fatal = false;
  for (let i = 0; i < names.length; i++) {
    const name = (names[i] ?? '').trim();
    const column = columnOf(i);
    keys.push(undefined);
    if (name === '') continue;
    const same = name.normalize('NFD').toLowerCase();
    if (seen.has(same)) {
      fatal = true;
      diagnostics.push(
        tableDiagnostic(file, lang, 'TABLE_COLONNE_DOUBLE', { colonne: short(name) }, line, column),
      );
      continue;
    }
    seen.set(same, i);
    const found = matcher ? matcher.match(name) : { field: name, rank: 0 };
    if (!found || found.field === '__proto__') {
      diagnostics.push(
        tableDiagnostic(
          file,
          lang,
          'TABLE_COLONNE_INCONNUE',
          { colonne: short(name), permises },
          line,
          column,
        ),
      );
      continue;
    }
    const { field } = found;
    const before = index.get(field);
    if (before !== undefined) {
      // Two columns for one field: the field's own name, or the better synonym, wins.
      const keep = (rank.get(field) ?? 0) <= found.rank ? before : i;
      const drop = keep === i ? before : i;
      diagnostics.push(
        tableDiagnostic(
          file,
          lang,
          'TABLE_COLONNE_SYNONYME_IGNOREE',
          {
            colonne: short((names[drop] ?? '').trim()),
            champ: field,
            retenue: short((names[keep] ?? '').trim()),
          },
          line,
          columnOf(drop),
        ),
      );
      keys[drop] = undefined;
      if (keep === before) continue;
    }
    index.set(field, i);
    rank.set(field, found.rank);
    keys[i] = field;
  }
  for (const name of columns?.required ?? []) {
    if (!index.has(name)) {
      fatal = true;
      diagnostics.push(
        tableDiagnostic(
          file,
          lang,
          'TABLE_COLONNE_MANQUANTE',
          { colonne: name, permises },
          line,
          0,
        ),
      );
    }
  }
  if (fatal) return { ok: false, diagnostics };
  return { ok: true, keys, index, diagnostics };
}

/** Reads the header line of a CSV file: its delimiter, then its names (see matchHeader). */
export function parseCsvHeader(
  text: string,
  line: number,
  columns: TableColumns | undefined,
  file: string,
  lang: Lang,
): CsvHeader {
  const splitter = new CsvSplitter(detectDelimiter(text));
  if (!splitter.split(text)) {
    return { ok: false, diagnostics: [splitDiagnostic(splitter, file, lang, line)] };
  }
  const names = splitter.values.slice(0, splitter.count);
  const starts = splitter.starts.slice(0, splitter.count);
  const header = matchHeader(names, (i) => (starts[i] ?? 0) + 1, line, columns, file, lang);
  return header.ok ? { ...header, splitter } : header;
}
