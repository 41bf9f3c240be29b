/**
 * The rows of an Excel workbook (`.xlsx`), streamed with exceljs: the sheet named like the table
 * (e.g. « Logements », « Événements »), else the first one. Each row comes as the text of its
 * cells (index = column - 1) with its row number in the sheet; dates are given as AAAA-MM-JJ
 * whether the cell is an Excel date or text, numbers as their decimal text — or as Excel shows
 * them under a zero-padded format (`0000000000000`: 671119000001 is shown 0671119000001) or a
 * percent format (`0%`: 0.35 is shown 35 %, read 35).
 */
import type { Readable } from 'node:stream';
import type { Row } from 'exceljs';
import { normalizeColumn } from './column-names.js';

/**
 * A row's cells, its number in the sheet, and the indexes of the cells that hold a number
 * written without a zero-padded format (a code typed as a number loses its leading zeros).
 */
export type XlsxRowHandler = (cells: string[], row: number, nombres: readonly number[]) => void;

export interface XlsxResult {
  /** The sheet read, and how many the workbook has (0: none could be read). */
  sheet: string;
  sheets: number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

interface RichText {
  richText: { text: string }[];
}

/** The text of a cell value as exceljs gives it. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray((v as Partial<RichText>).richText))
      return (v as unknown as RichText).richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v['result']);
    if ('text' in v) return cellText(v['text']);
    if ('error' in v) return String(v['error']);
  }
  return '';
}

/**
 * A whole number under a format of zeros only (`00000`), as Excel shows it: padded with zeros
 * to the format's width; undefined for any other number or format.
 */
function zerosEnTete(v: number, format: string | undefined): string | undefined {
  if (!format || !/^0+$/.test(format) || !Number.isSafeInteger(v) || v < 0) return undefined;
  return String(v).padStart(format.length, '0');
}

/**
 * A number under a percent format (`0%`, `0.00 %`), as Excel shows it: 0.35 is shown 35 %, and
 * read 35 — a taux d'effort typed « 35 % » in a workbook was read 0.35, so a grid's « taux
 * d'effort supérieur à 33 » missed it. Undefined for any other format (a `%` between quotes or
 * escaped is a literal sign, not a percent format).
 */
function pourcent(v: number, format: string | undefined): string | undefined {
  if (!format?.includes('%') || !Number.isFinite(v)) return undefined;
  if (!format.replace(/"[^"]*"|\\./g, '').includes('%')) return undefined;
  // × 100 in binary is not exact (0.35 × 100 = 35.00000000000001): 15 significant digits.
  return String(Number((v * 100).toPrecision(15)));
}

interface WorkbookModel {
  model?: { sheets?: { name?: string }[] };
}

/** A row's cells as XlsxRowHandler gives them, and the indexes of its plain numbers. */
function cellules(row: Row): { cells: string[]; nombres: number[] } {
  const values = row.values as unknown[];
  const cells: string[] = [];
  const nombres: number[] = [];
  for (let c = 1; c < values.length; c++) {
    const v = values[c];
    if (typeof v === 'number') {
      const format = row.getCell(c).numFmt;
      const zeros = zerosEnTete(v, format);
      if (zeros !== undefined) {
        cells.push(zeros);
        continue;
      }
      nombres.push(c - 1);
      const shown = pourcent(v, format);
      if (shown !== undefined) {
        cells.push(shown);
        continue;
      }
    }
    cells.push(cellText(v).trim());
  }
  return { cells, nombres };
}

/** What exceljs's sheet reader reads a sheet from (not in its types): its XML, in chunks. */
interface FeuilleBrute {
  iterator?: unknown;
}

const iterable = (x: unknown): x is AsyncIterable<unknown> =>
  typeof x === 'object' && x !== null && Symbol.asyncIterator in x;

/**
 * Reads a sheet to its end, its XML read and nothing of it kept (nor parsed: a sheet of 50 000
 * rows after the one read would cost as much as a table of its own). exceljs keeps in a
 * temporary file each sheet it meets before it has read the shared strings (a workbook written by
 * exceljs has them after every sheet), opens it when it hands the sheet over and removes it when
 * the next sheet is asked for: a sheet skipped unread had its file removed while it was being
 * opened, and the ENOENT came out of no call (an uncaught exception: under load it ended the
 * server during an import). Its rows are read when exceljs reads it from elsewhere.
 */
async function lireJusquauBout(worksheet: AsyncIterable<unknown>): Promise<void> {
  const brut = (worksheet as unknown as FeuilleBrute).iterator;
  const morceaux = (iterable(brut) ? brut : worksheet)[Symbol.asyncIterator]();
  while (!(await morceaux.next()).done) {
    // every chunk read, none kept
  }
}

/**
 * Streams the rows of the chosen sheet to onRow. Throws when the bytes are not a workbook (the
 * caller reports it), or what onRow threw.
 *
 * The workbook is read through to its last sheet, even after the chosen one or after onRow
 * threw: exceljs removes a sheet's temporary file (and closes the descriptor it keeps on it)
 * only when the next sheet is asked for, and the files of the sheets never asked for stayed
 * until the process ended — in the server, a file and an open descriptor more for every sheet
 * from the chosen one on, with every workbook imported. The other sheets are not the table: what
 * they hold, or fail on, is none of its business (a bad sheet after the chosen one, never read
 * before, is no reason to refuse the workbook now).
 */
export async function readXlsx(
  input: Readable,
  names: readonly string[],
  onRow: XlsxRowHandler,
): Promise<XlsxResult> {
  // Loaded on demand: exceljs takes longer to load than a small evaluation takes to run.
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  // exceljs reads the sheets' names from `xl/workbook.xml`, and its unzipping races (exceljs
  // issue 3064): it can hand the sheets over without having read that file, and then threw at
  // the first one, its reading ended there — the sheets it had set aside kept their temporary
  // files and descriptors until the process ended. A model of our own until it reads the file:
  // the sheets come all the same, are read through (their files removed), and the read fails
  // after them (readXlsxRelu reads the workbook again).
  const sansModele: NonNullable<WorkbookModel['model']> = { sheets: [] };
  (reader as unknown as WorkbookModel).model = sansModele;
  /** A sheet came before the workbook's model: the read fails once every sheet is read through. */
  let modelePerdu = false;
  const wanted = new Set(names.map(normalizeColumn));
  let chosen: string | undefined;
  let sheets = 0;
  /** Sheets met so far (the model may not list them all): 2 sheets were said to be 3. */
  let emises = 0;
  /** The chosen sheet was read to its end: what comes after it cannot fail the read. */
  let lue = false;
  /** What reading the chosen sheet threw (onRow, or its own XML), thrown once read through. */
  let echec: { erreur: unknown } | undefined;
  try {
    for await (const worksheet of reader) {
      const modele = (reader as unknown as WorkbookModel).model;
      if (modele === sansModele) modelePerdu = true;
      if (modelePerdu) {
        await lireJusquauBout(worksheet).catch(() => undefined);
        continue;
      }
      const all = modele?.sheets ?? [];
      sheets = Math.max(all.length, ++emises);
      const name = (worksheet as unknown as { name?: string }).name ?? '';
      if (chosen === undefined) {
        const noms = all.map((s) => s.name ?? '');
        // Named like the table, else starting with such a name (« Mouvements 2025 », « Parc au
        // 01-01-2025 »), else the first sheet.
        const named =
          noms.find((n) => wanted.has(normalizeColumn(n))) ??
          noms.find((n) => {
            const k = normalizeColumn(n);
            return [...wanted].some((w) => k.startsWith(`${w}_`));
          });
        chosen = named ?? name;
      }
      if (name !== chosen || lue || echec) {
        await lireJusquauBout(worksheet).catch(() => undefined);
        continue;
      }
      try {
        for await (const row of worksheet) {
          const { cells, nombres } = cellules(row);
          onRow(cells, row.number, nombres);
        }
        lue = true;
      } catch (erreur) {
        echec = { erreur };
      }
    }
  } catch (erreur) {
    // The workbook's own failure (its zip, its model): the table's when it came before the
    // chosen sheet was read, none of its business after.
    if (!lue && !echec) throw erreur;
  }
  if (echec) throw echec.erreur;
  if (modelePerdu) throw new Error('exceljs a lu les feuilles sans xl/workbook.xml');
  return { sheet: chosen ?? '', sheets };
}

/** What the row handler of readXlsxRelu threw: the caller's own error, never a bad workbook. */
export class ErreurDuLecteur extends Error {
  constructor(readonly origine: unknown) {
    super('le lecteur des lignes a échoué');
  }
}

/** Reads of one workbook at most (the first and two more). */
const LECTURES = 3;

/**
 * readXlsx, with the workbook read again when exceljs's streaming reader fails before giving a
 * row. Its unzipping has a race: on a sound workbook it sometimes parses the sheet before the
 * workbook's model (« Cannot read properties of undefined (reading 'sheets') », exceljs 4.4.0),
 * measured once in 78 and once in 160 runs of the CLI on one small workbook, the machine loaded,
 * and a user was told the workbook was not one. `rouvrir` gives the bytes again (undefined when
 * they cannot be read twice: stdin). A workbook that fails every time is still refused, by the
 * caller. An error thrown by `onRow` is the caller's: thrown at once as ErreurDuLecteur (its
 * `origine`), never retried nor taken for a bad workbook.
 */
export async function readXlsxRelu(
  premiere: Readable,
  rouvrir: (() => Promise<Readable | undefined>) | undefined,
  names: readonly string[],
  onRow: XlsxRowHandler,
): Promise<XlsxResult> {
  let input = premiere;
  for (let lecture = 1; ; lecture++) {
    let lignes = 0;
    try {
      return await readXlsx(input, names, (cells, row, nombres) => {
        lignes++;
        try {
          onRow(cells, row, nombres);
        } catch (e) {
          throw new ErreurDuLecteur(e);
        }
      });
    } catch (e) {
      if (e instanceof ErreurDuLecteur || lignes > 0 || lecture >= LECTURES) throw e;
      // The failed read's bytes stop at once: left flowing, exceljs's abandoned reader went on
      // with them and threw, outside any call, on a temporary file of its own already removed
      // (ENOENT: an uncaught exception, which ended the server in a test run).
      input.destroy();
      const encore = await rouvrir?.();
      if (!encore) throw e;
      input = encore;
    }
  }
}
