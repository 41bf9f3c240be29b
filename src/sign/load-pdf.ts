/**
 * Opening a PDF to sign or verify it, for any bytes: pdf-lib is lenient (a two-line file that
 * starts with %PDF- loads as an empty document with no catalog) and writes its warnings to the
 * console, in English. So the file's frame is checked first (header, the last startxref and
 * %%EOF, a cross-reference section where startxref points, a catalog), pdf-lib's console output
 * is silenced while it parses, and its parse errors become a located reason in French.
 */
import { ParseSpeeds, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import type { Lang } from '../diagnostics/diagnostic.js';

/** Why a PDF cannot be used; `octet`: where in the file, when known. */
export type PdfCause =
  'entete' | 'fin' | 'startxref' | 'xref' | 'objet' | 'catalogue' | 'structure' | 'revision';

export class PdfUnreadable extends Error {
  constructor(
    readonly kind: PdfCause,
    readonly octet?: number,
  ) {
    super(kind);
    this.name = 'PdfUnreadable';
  }
}

const RAISONS: Record<PdfCause, { fr: string; en: string }> = {
  entete: {
    fr: 'pas d’en-tête « %PDF- » au début du fichier',
    en: 'no "%PDF-" header at the start',
  },
  fin: {
    fr: 'fichier tronqué : pas de marque de fin « %%EOF » dans son dernier kilo-octet',
    en: 'truncated file: no "%%EOF" end marker in its last kilobyte',
  },
  startxref: {
    fr: 'fichier tronqué ou altéré : pas de « startxref » avant la marque de fin',
    en: 'truncated or altered file: no "startxref" before the end marker',
  },
  xref: {
    fr: 'pas de table de références croisées à l’octet {octet} (indiqué par startxref)',
    en: 'no cross-reference table at byte {octet} (where startxref points)',
  },
  objet: {
    fr: 'objet ou table de références mal formé vers l’octet {octet}',
    en: 'malformed object or cross-reference table near byte {octet}',
  },
  catalogue: {
    fr: 'pas de catalogue (/Root) : ce n’est pas un document PDF utilisable',
    en: 'no catalog (/Root): not a usable PDF document',
  },
  structure: {
    fr: 'un objet du document n’a pas le type attendu (dictionnaire, tableau, nombre…)',
    en: 'an object of the document does not have the expected type (dictionary, array, number…)',
  },
  revision: {
    fr: 'révision signée illisible (fin à l’octet {octet})',
    en: 'unreadable signed revision (ending at byte {octet})',
  },
};

/** The reason, in words, for PDF_ILLISIBLE's `{raison}`. */
export function raisonPdf(problem: PdfUnreadable, lang: Lang): string {
  return RAISONS[problem.kind][lang].replace('{octet}', String(problem.octet ?? '?'));
}

/** Checks the frame of the file (see the module comment); throws PdfUnreadable. */
export function checkFrame(bytes: Buffer): void {
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new PdfUnreadable('entete', 0);
  const tailStart = Math.max(0, bytes.length - 1024);
  const tail = bytes.subarray(tailStart).toString('latin1');
  const eof = tail.lastIndexOf('%%EOF');
  if (eof === -1) throw new PdfUnreadable('fin', bytes.length);
  const before = bytes.subarray(Math.max(0, tailStart + eof - 64), tailStart + eof);
  const m = /startxref\s+(\d{1,12})\s*$/.exec(before.toString('latin1'));
  if (!m) throw new PdfUnreadable('startxref', tailStart + eof);
  const xref = Number(m[1]);
  const at = bytes.subarray(xref, xref + 32).toString('latin1');
  if (xref >= bytes.length || !/^(xref\b|\d+\s+\d+\s+obj\b)/.test(at))
    throw new PdfUnreadable('xref', xref);
}

const offsetOf = (error: Error): number | undefined => {
  const m = /offset(?:=|":)(\d+)/.exec(error.message);
  return m ? Number(m[1]) : undefined;
};

/**
 * pdf-lib's errors about the objects it finds after loading (a type other than the one asked
 * for): the PdfUnreadable. pdf-lib's error classes are compiled to ES5 and lose their prototype
 * (`instanceof` fails), so they are known by their text.
 */
export function asPdfUnreadable(error: unknown): PdfUnreadable | undefined {
  if (error instanceof PdfUnreadable) return error;
  if (error instanceof Error && /^Expected instance of /.test(error.message))
    return new PdfUnreadable('structure');
  return undefined;
}

/** Runs `task` with console.warn and console.log silenced (pdf-lib writes English there). */
async function quietly<T>(task: () => Promise<T>): Promise<T> {
  const { warn, log } = console;
  console.warn = () => undefined;
  console.log = () => undefined;
  try {
    return await task();
  } finally {
    console.warn = warn;
    console.log = log;
  }
}

/** The parsed PDF (frame checked, catalog present). Throws PdfUnreadable. */
export async function loadPdf(bytes: Buffer): Promise<PDFDocument> {
  checkFrame(bytes);
  let doc: PDFDocument;
  try {
    doc = await quietly(() =>
      PDFDocument.load(bytes, {
        updateMetadata: false,
        throwOnInvalidObject: true,
        // pdf-lib's default pauses every 100 objects (for browsers): three times slower.
        parseSpeed: ParseSpeeds.Fastest,
      }),
    );
  } catch (error) {
    // Anything pdf-lib throws while parsing is about these bytes (our code does not run there).
    throw new PdfUnreadable('objet', error instanceof Error ? offsetOf(error) : undefined);
  }
  const root = doc.context.trailerInfo.Root;
  const catalog = root instanceof PDFRef ? doc.context.lookup(root) : undefined;
  if (!(catalog instanceof PDFDict) || catalog.get(PDFName.of('Type')) !== PDFName.of('Catalog'))
    throw new PdfUnreadable('catalogue');
  return doc;
}
