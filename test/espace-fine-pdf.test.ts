/**
 * Typography of the PDF's text layer: the narrow no-break space (U+202F) before « % » in the text
 * (Convflux Serif), read back with pdfjs-dist without its NFKC normalization so that U+202F is
 * told from a plain space; and dates the parties wrote never cut across lines. (A lone « 5 % »
 * table cell still reads « 5% » in pdftotext: digit + U+202F ligatures fixed it but split
 * « 3 480 000 » into « 3 » and « 480 000 » in pdf.js, so they were withdrawn.)
 *
 * Chromium is required (as for test/render-pdf.test.ts): without it these tests fail.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers.js';
import { pdfPageTexts } from './pdf-text.js';

const FINE = '\u202f';
const conventions = join(repoRoot, 'rules', 'conventions');

async function render(file: string, dir: string, name: string): Promise<string[]> {
  const out = join(dir, `${name}.pdf`);
  const run = runCli(['render', join(conventions, file), '--out', out]);
  expect(run.code, run.stderr + run.stdout).toBe(0);
  return pdfPageTexts(readFileSync(out), { exact: true });
}

describe('narrow no-break spaces and bound dates in the PDF text layer', () => {
  let etat93: string[] = [];
  let rennes: string[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-fine-'));
    etat93 = await render('93/552046484/etat-93/v1.yaml', dir, 'etat-93');
    rennes = await render('35/353017015/rennes/v1.yaml', dir, 'rennes');
  }, 240_000);

  it('reads the percentages of the text (serif) with U+202F too', () => {
    expect(etat93.join('\n')).toContain(`30${FINE}% (trente pour cent)`);
  });

  it('never cuts a date the parties wrote between its day, month and year (Rennes art. 3)', () => {
    const text = rennes.join('\n');
    expect(text).toMatch(/Convention de réservation du\s3 juillet 2019 \(garantie/);
    expect(text).toMatch(/du\s14 novembre 2022 \(garantie/);
    expect(/\b\d{1,2}\n(?:janvier|juillet|novembre)\b/.exec(text)?.[0]).toBeUndefined();
  });
});
