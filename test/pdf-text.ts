/**
 * The text of each page of a PDF, read back with pdfjs-dist as a legal team's reader would:
 * every text item, a line break where pdfjs reports the end of a line. Shared by the tests that
 * read printed conventions, avenants and bilans back.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfTextOptions {
  /**
   * Joins every text item with this string and ignores pdfjs' ends of lines (e.g. ' ': words cut
   * into several items stay apart). Default: items joined as they are, '\n' at each end of line.
   */
  joiner?: string;
  /**
   * Every character as the PDF's ToUnicode maps give it (pdfjs' NFKC normalization off): a narrow
   * no-break space stays U+202F. Default: normalized, every space read as U+0020.
   */
  exact?: boolean;
}

export async function pdfPageTexts(
  bytes: Uint8Array,
  options: PdfTextOptions = {},
): Promise<string[]> {
  const { joiner, exact = false } = options;
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent({ disableNormalization: exact });
    pages.push(
      joiner === undefined
        ? content.items
            .map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : ''))
            .join('')
        : content.items.map((item) => ('str' in item ? item.str : '')).join(joiner),
    );
  }
  await doc.destroy();
  return pages;
}

/** A text item as pdfjs reads it, with the name of the embedded font that drew it. */
export interface PdfTextItem {
  str: string;
  /** The PDF's font name, subset tag removed (e.g. « ConvfluxSans-Regular »). */
  font: string;
}

/**
 * The text items of each page (pdfjs' NFKC normalization on: every space reads U+0020), with the
 * font of each: the tests that tell the sans-serif tables from the serif text read them.
 */
export async function pdfPageItems(bytes: Uint8Array): Promise<PdfTextItem[][]> {
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  const pages: PdfTextItem[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    await page.getOperatorList(); // loads the fonts, whose names commonObjs then holds
    pages.push(
      content.items.flatMap((item) => {
        if (!('str' in item)) return [];
        const font: unknown = page.commonObjs.has(item.fontName)
          ? page.commonObjs.get(item.fontName)
          : undefined;
        const name =
          typeof font === 'object' && font !== null && 'name' in font ? String(font.name) : '';
        return [{ str: item.str, font: name.replace(/^[A-Z]{6}\+/, '') }];
      }),
    );
  }
  await doc.destroy();
  return pages;
}
