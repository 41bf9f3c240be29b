/**
 * « 5 % » and « 3 480 000 € » read back from the PDF with their narrow no-break spaces (U+202F),
 * by both text extractors a reader's tools use: pdftotext (poppler) and pdf.js; in the
 * sans-serif tables (Convflux Sans) as in the serif text (Convflux Serif). pdftotext read a lone
 * « 5 % » table cell as « 5% » (it joins a line of one-character words unless they are 0.4 em
 * apart); pdf.js cut « 3 480 000 € » of a table into separate items when the sans face borrowed
 * the serif's U+202F (templates/fonts/build-fonts.py says how the fonts answer both).
 *
 * The figures come from the YAML, formatted here with Intl; spaces are compared as U+0020 (each
 * extractor writes U+202F or U+0020 its own way). Chromium and poppler-utils are required: without
 * them these tests fail.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, runCli } from './helpers.js';
import { pdfPageItems, pdfPageTexts, type PdfTextItem } from './pdf-text.js';
import { pdftotextPages } from './pdftotext.js';

const examples = join(repoRoot, 'rules', 'conventions', '93', '552046484');
const etatFile = join(examples, 'etat-93', 'v1.yaml');
const saintDenisFile = join(examples, 'saint-denis', 'v1.yaml');

/** Every kind of space as U+0020. */
const flat = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');
const euros = (n: number): string => flat(`${new Intl.NumberFormat('fr-FR').format(n)} €`);
const GLUED = /\d[%€]/g;

interface Read {
  poppler: string[];
  pdfjs: PdfTextItem[][];
  pdfjsText: string;
}

async function read(file: string): Promise<Read> {
  const bytes = readFileSync(file);
  return {
    poppler: pdftotextPages(file).map(flat),
    pdfjs: (await pdfPageItems(bytes)).map((page) =>
      page.map((item) => ({ ...item, str: flat(item.str) })),
    ),
    pdfjsText: flat((await pdfPageTexts(bytes)).join('\n')),
  };
}

function render(args: string[]): void {
  const run = runCli(args);
  expect(run.code, run.stderr + run.stdout).toBe(0);
}

/** The items of a face (« ConvfluxSans », « ConvfluxSerif ») holding `text` whole. */
function itemsWith(pages: PdfTextItem[][], face: string, text: string): string[] {
  return pages.flatMap((page) =>
    page.filter((i) => i.font.startsWith(`${face}-`) && i.str.includes(text)).map((i) => i.str),
  );
}

describe('narrow no-break spaces read back by pdftotext and pdf.js', () => {
  let etat: Read;
  let saintDenis: Read;
  let bilans: Read[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-fine-'));
    render(['render', etatFile, '--out', join(dir, 'etat.pdf')]);
    render(['render', saintDenisFile, '--out', join(dir, 'saint-denis.pdf')]);
    render([
      'bilan',
      ...['--rules', 'rules/', '--annee', '2025', '--out', join(dir, 'bilan')],
      ...['--parc', 'test/fixtures/exemple-93/logements.csv'],
      ...['--events', 'test/fixtures/exemple-93/evenements.csv'],
    ]);
    etat = await read(join(dir, 'etat.pdf'));
    saintDenis = await read(join(dir, 'saint-denis.pdf'));
    bilans = await Promise.all(
      ['35-353017015', '93-552046484'].map((b) => read(join(dir, 'bilan', `${b}-bilan-2025.pdf`))),
    );
  }, 240_000);

  it('reads the lone « 5 % » cell of the récapitulatif (sans) and the « 5 % » of the text (serif)', () => {
    const convention = parse(readFileSync(etatFile, 'utf8')) as {
      flux: { dont_agents_etat: number };
    };
    const pourcent = `${String(Math.round(convention.flux.dont_agents_etat * 100))} %`;
    expect(pourcent).toBe('5 %');
    const recap = etat.poppler.find((p) => p.includes('/flux/dont_agents_etat'));
    expect(recap, 'the récapitulatif annex').toBeDefined();
    expect(recap?.split('\n'), 'pdftotext, the table cell').toContain(pourcent);
    expect(etat.poppler.join('\n'), 'pdftotext, the text').toContain(
      `${pourcent} (cinq pour cent)`,
    );
    expect(itemsWith(etat.pdfjs, 'ConvfluxSans', pourcent), 'pdf.js, a table cell').toContain(
      pourcent,
    );
    // « dont 5 % (cinq pour cent) », « au plus 5 % au bénéfice… »: the figure is bold in the first.
    expect(itemsWith(etat.pdfjs, 'ConvfluxSerif', pourcent), 'pdf.js, the text').not.toEqual([]);
  });

  it('reads each guaranteed loan of Saint-Denis as one group, in the recitals and the annex table', () => {
    const montants = [...readFileSync(saintDenisFile, 'utf8').matchAll(/^\s+montant: (\d+)\s*$/gm)]
      .map((m) => Number(m[1]))
      .filter((n) => n >= 1000);
    expect(montants.length).toBeGreaterThanOrEqual(3);
    for (const n of montants) {
      const montant = euros(n);
      expect(montant).toMatch(/^\d{1,3}( \d{3})+ €$/);
      const poppler = saintDenis.poppler.join('\n');
      expect(poppler.split(montant).length - 1, `pdftotext, ${montant}`).toBeGreaterThanOrEqual(2);
      expect(
        itemsWith(saintDenis.pdfjs, 'ConvfluxSerif', montant),
        `pdf.js, recital ${montant}`,
      ).not.toEqual([]);
      expect(
        itemsWith(saintDenis.pdfjs, 'ConvfluxSans', montant),
        `pdf.js, annex ${montant}`,
      ).not.toEqual([]);
    }
  });

  it('never reads a figure glued to its « % » or « € », in the conventions and the bilans', () => {
    const documents = { etat, saintDenis, bilan35: bilans[0], bilan93: bilans[1] };
    for (const [name, doc] of Object.entries(documents)) {
      expect(doc, name).toBeDefined();
      if (!doc) continue;
      expect(doc.poppler.join('\n').match(GLUED), `pdftotext, ${name}`).toBeNull();
      expect(doc.pdfjsText.match(GLUED), `pdf.js, ${name}`).toBeNull();
    }
    // Not vacuous: the bilan of Seine-Saint-Denis has one-digit percentages alone in their cells.
    const cells = bilans[1]?.poppler.join('\n').match(/^\d %$/gm) ?? [];
    expect(cells.length).toBeGreaterThan(0);
  });
});
