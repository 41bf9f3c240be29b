/**
 * `convflux bilan --prevision`: the forecast of year N+1 printed as section 7 of the bilan of N,
 * through the real CLI (compiled dist/) on the bundled example (93, bilan 2025, forecast 2026).
 * The section's figures must be those of `convflux previsionnel` on the same inputs; a forecast
 * file for another year stops the bilan (exit 1, file:line, nothing written); without the
 * option the bilan has no forecast section (its golden HTML is pinned by test/bilan.test.ts).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Previsionnel } from '../src/previsionnel/calculer-previsionnel.js';
import { chromiumPath } from '../src/render/chromium-process.js';
import { pdfPageTexts } from './pdf-text.js';
import { repoRoot, runCli, type CliRun } from './helpers.js';

const PARC = 'test/fixtures/exemple-93/logements.csv';
const EVENTS = 'test/fixtures/exemple-93/evenements.csv';
const PREVISION = 'test/fixtures/exemple-93/previsionnel-2026.yaml';
const INPUTS = ['--rules', 'rules/conventions/93/', '--parc', PARC, '--events', EVENTS];
const BILAN = [...INPUTS, '--annee', '2025'];
const HTML = '93-552046484-bilan-2025.html';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'convflux-bilan-prevision-'));

interface Json {
  ok: boolean;
  previsionnel: Previsionnel | null;
}

function json(run: CliRun): Json {
  try {
    return JSON.parse(run.stdout) as Json;
  } catch {
    throw new Error(`sortie JSON illisible (code ${String(run.code)}) : ${run.stderr}`);
  }
}

/** A French number of the document ("1 234,56", narrow spaces) in hundredths. */
const centiemes = (texte: string): number =>
  Math.round(Number(texte.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.')) * 100);

/** The HTML of one `<section id="…">` of the forecast (up to the next section). */
function section(html: string, id: string): string {
  const debut = html.indexOf(`id="${id}"`);
  expect(debut, id).toBeGreaterThan(0);
  return html.slice(debut, html.indexOf('</section>', debut));
}

/** The cells' text of each body row of the first table of a piece of HTML. */
function lignes(html: string): string[][] {
  const corps = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...corps.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((tr) =>
    [...(tr[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((td) => td[1] ?? ''),
  );
}

let avec: { run: CliRun; dir: string; html: string };
let prevu: Previsionnel;

beforeAll(() => {
  const dir = tmp();
  const run = runCli([
    'bilan',
    ...BILAN,
    '--html',
    '--json',
    '--prevision',
    PREVISION,
    '--out',
    dir,
  ]);
  avec = {
    run,
    dir,
    html: existsSync(join(dir, HTML)) ? readFileSync(join(dir, HTML), 'utf8') : '',
  };
  const p = runCli([
    'previsionnel',
    ...INPUTS,
    '--annee',
    '2026',
    '--prevision',
    PREVISION,
    '--html',
    '--json',
    '--out',
    tmp(),
  ]);
  expect(p.code, p.stderr).toBe(0);
  const lu = json(p).previsionnel;
  if (!lu) throw new Error('previsionnel --json : aucun prévisionnel');
  prevu = lu;
}, 240_000);

describe('bilan --prevision (the forecast of N+1 as section 7)', () => {
  it('writes the bilan with section 7 after the alerts and before the annexes', () => {
    expect(avec.run.code, avec.run.stderr).toBe(0);
    const h = avec.html;
    const six = h.indexOf('id="section-6"');
    const sept = h.indexOf('id="section-7"');
    const annexe = h.indexOf('class="annexe"');
    expect(six).toBeGreaterThan(0);
    expect(sept).toBeGreaterThan(six);
    expect(annexe).toBeGreaterThan(sept);
    const titres = [...h.matchAll(/<h3><span class="numero">(7\.\d)<\/span>/g)].map((m) => m[1]);
    expect(titres).toEqual(['7.1', '7.2', '7.3', '7.4', '7.5', '7.6']);
    // The forecast's own numbering (h2 « 1. » to « 6. ») is not left in the bilan.
    expect(h.slice(sept, annexe)).not.toMatch(/<h2><span class="numero">[1-6]\.<\/span>/);
    // The forecast file is listed among the inputs of the identification annex.
    expect(h.slice(annexe)).toContain('previsionnel-2026.yaml');
  });

  it('prints the figures of `convflux previsionnel` on the same inputs', () => {
    const dus = lignes(section(avec.html, 'previsionnel-dus'));
    expect(dus.length).toBe(prevu.dus.length);
    expect(prevu.dus.length).toBeGreaterThan(0);
    for (const d of prevu.dus) {
      const ligne = dus.find((l) => l[0]?.includes(`>${d.convention} (version`));
      expect(ligne, d.convention).toBeDefined();
      expect(centiemes(ligne?.at(-1) ?? ''), d.convention).toBe(d.duCentiemes);
    }
    const deduites = lignes(section(avec.html, 'previsionnel-deductions'));
    const total = deduites.reduce((s, l) => s + Number(l.at(-1)), 0);
    expect(total).toBe(prevu.deductions.reduce((s, d) => s + d.nombre, 0));
    const flux = section(avec.html, 'previsionnel-flux');
    const net = /<tfoot>[\s\S]*<td class="nombre">([^<]*)<\/td><\/tr>/.exec(flux)?.[1] ?? '';
    expect(centiemes(net)).toBe(prevu.cellules.reduce((s, c) => s + c.netCentiemes, 0));
    // The same forecast in the bilan's JSON.
    expect(json(avec.run).previsionnel).toEqual(prevu);
  });

  it('adds the forecast’s tables to the workbook as « 7 … » sheets', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(avec.dir, '93-552046484-bilan-2025.xlsx'));
    const noms = wb.worksheets.map((w) => w.name);
    expect(noms).toContain('7 Dus prévisionnels');
    expect(noms.indexOf('7 Dus prévisionnels')).toBeLessThan(noms.indexOf('Identification'));
    const ws = wb.getWorksheet('7 Dus prévisionnels');
    const entete = (ws?.getRow(2).values as unknown[]).map(String);
    const colConv = entete.indexOf('Convention');
    const colDu = entete.indexOf('Dû prévisionnel');
    expect(colConv).toBeGreaterThan(0);
    const dus = new Map<string, number>();
    ws?.eachRow((row, n) => {
      const conv = row.getCell(colConv).value;
      const du = row.getCell(colDu).value;
      if (n > 2 && typeof conv === 'string' && typeof du === 'number')
        dus.set(conv, (dus.get(conv) ?? 0) + du);
    });
    for (const d of prevu.dus)
      expect(dus.get(d.convention), d.convention).toBeCloseTo(d.duCentiemes / 100, 2);
  });

  it('typesets the section once (no doubled non-breaking spans)', () => {
    const sept = avec.html.slice(avec.html.indexOf('id="section-7"'));
    // Typeset twice, a reference would be wrapped twice.
    expect(sept).toMatch(/<span class="insecable">R\.\u00a0441-5\u00a0I<\/span>/);
    expect(sept).not.toContain('<span class="insecable"><span class="insecable">');
  });

  it('a forecast file for another year: exit 1, file:line, nothing written', () => {
    const dir = tmp();
    const fichier = join(dir, 'prevision-2027.yaml');
    writeFileSync(
      fichier,
      readFileSync(join(repoRoot, PREVISION), 'utf8').replace(/^annee: 2026$/m, 'annee: 2027'),
    );
    const out = join(dir, 'out');
    const run = runCli(['bilan', ...BILAN, '--html', '--prevision', fichier, '--out', out]);
    expect(run.code).toBe(1);
    const ligne = readFileSync(fichier, 'utf8').split('\n').indexOf('annee: 2027') + 1;
    expect(run.stderr).toContain(`prevision-2027.yaml:${String(ligne)}:`);
    expect(run.stderr).toContain('BILAN_PREVISION_ANNEE');
    expect(run.stderr).toContain('prévisionnel de 2026');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('without --prevision: no forecast section, no forecast sheet', async () => {
    const dir = tmp();
    const run = runCli(['bilan', ...BILAN, '--html', '--out', dir]);
    expect(run.code, run.stderr).toBe(0);
    const h = readFileSync(join(dir, HTML), 'utf8');
    expect(h).toContain('id="section-6"');
    expect(h).not.toContain('id="section-7"');
    expect(h).not.toContain('previsionnel-dus');
    expect(h).not.toContain('.section-previsionnel');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, '93-552046484-bilan-2025.xlsx'));
    expect(wb.worksheets.map((w) => w.name).filter((n) => n.startsWith('7 '))).toEqual([]);
  });

  it('the PDF read back: section 7 and its sub-sections', async () => {
    if (!existsSync(chromiumPath())) throw new Error('Chromium est introuvable');
    const dir = tmp();
    const run = runCli(['bilan', ...BILAN, '--prevision', PREVISION, '--out', dir]);
    expect(run.code, run.stderr).toBe(0);
    const pdf = readFileSync(join(dir, '93-552046484-bilan-2025.pdf'));
    const texte = (await pdfPageTexts(pdf)).join('\n').replace(/[\s\u00a0\u202f]+/g, ' ');
    expect(texte).toContain('7. Prévisionnel de l’année 2026');
    expect(texte).toContain('7.4 Dû prévisionnel de chaque réservataire');
    const sept = texte.slice(texte.indexOf('7.4 Dû prévisionnel'));
    for (const d of prevu.dus) expect(sept).toContain(`${d.convention} (version`);
    expect(texte.indexOf('7. Prévisionnel')).toBeLessThan(texte.lastIndexOf('Annexe A'));
  }, 240_000);
});
