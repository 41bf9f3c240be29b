/**
 * « 5 % » in the sans-serif tables (review C-list, typography): the narrow no-break space
 * (U+202F) before « % » reaches the PDF's text layer, in the table cells (Convflux Sans) as in the
 * text (Convflux Serif). Read back with pdfjs-dist without its NFKC normalization, so that U+202F
 * is told from a plain space; a lone « 5 % » cell was read « 5% » by pdftotext before the fonts
 * carried digit + U+202F ligatures (templates/fonts/build-fonts.py).
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

describe('narrow no-break spaces in the PDF text layer', () => {
  let etat93: string[] = [];
  let rennes: string[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-fine-'));
    etat93 = await render('93/552046484/etat-93/v1.yaml', dir, 'etat-93');
    rennes = await render('35/353017015/rennes/v1.yaml', dir, 'rennes');
  }, 240_000);

  it('reads « 5 % » with U+202F in the récapitulatif table cell (sans-serif)', () => {
    const page = etat93.find((p) => p.includes('/flux/dont_agents_etat'));
    expect(page, 'the récapitulatif annex').toBeDefined();
    expect(page).toMatch(
      new RegExp(`militaires de l’État\\s*5${FINE}%\\s*/flux/dont_agents_etat`, 'u'),
    );
    expect(page).toMatch(new RegExp(`réservée\\s*30${FINE}%\\s*/flux/part\\b`, 'u'));
  });

  it('reads the percentages of the text (serif) with U+202F too', () => {
    expect(etat93.join('\n')).toContain(`30${FINE}% (trente pour cent)`);
  });

  it('never cuts a date the parties wrote between its day, month and year (Rennes art. 3)', () => {
    const text = rennes.join('\n');
    expect(text).toMatch(/Convention de réservation du\s3 juillet 2019 \(garantie/);
    expect(text).toMatch(/du\s14 novembre 2022 \(garantie/);
    expect(/\b\d{1,2}\n(?:janvier|juillet|novembre)\b/.exec(text)?.[0]).toBeUndefined();
  });

  it('never reads a digit glued to « % », in either département', () => {
    for (const [name, pages] of [
      ['etat-93', etat93],
      ['rennes', rennes],
    ] as const) {
      expect(pages.length, name).toBeGreaterThan(3);
      pages.forEach((p, i) => {
        expect(/\d%/.exec(p)?.[0], `${name}, page ${String(i + 1)}`).toBeUndefined();
        expect(
          /\d %/.exec(p)?.[0],
          `${name}, page ${String(i + 1)}: a plain space`,
        ).toBeUndefined();
      });
    }
  });
});
