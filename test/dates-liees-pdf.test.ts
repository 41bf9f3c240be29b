/**
 * Typography of the PDF's text layer: dates the parties wrote are never cut across lines. (How
 * « 5 % » and « 3 480 000 € » read back in pdftotext and pdf.js: test/espace-fine-pdf.test.ts.)
 *
 * Chromium is required (as for test/render-pdf.test.ts): without it these tests fail.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers.js';
import { pdfPageTexts } from './pdf-text.js';

const conventions = join(repoRoot, 'rules', 'conventions');

async function render(file: string, dir: string, name: string): Promise<string[]> {
  const out = join(dir, `${name}.pdf`);
  const run = runCli(['render', join(conventions, file), '--out', out]);
  expect(run.code, run.stderr + run.stdout).toBe(0);
  return pdfPageTexts(readFileSync(out), { exact: true });
}

describe('bound dates in the PDF text layer', () => {
  let rennes: string[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-fine-'));
    rennes = await render('35/353017015/rennes/v1.yaml', dir, 'rennes');
  }, 240_000);

  it('never cuts a date the parties wrote between its day, month and year (Rennes art. 3)', () => {
    const text = rennes.join('\n');
    expect(text).toMatch(/Convention de réservation du\s3 juillet 2019 \(garantie/);
    expect(text).toMatch(/du\s14 novembre 2022 \(garantie/);
    expect(/\b\d{1,2}\n(?:janvier|juillet|novembre)\b/.exec(text)?.[0]).toBeUndefined();
  });
});
