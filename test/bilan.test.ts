/**
 * `convflux bilan` end to end: the real CLI (compiled dist/) with the real flux engine and the
 * real Chromium, on the bundled example (rules/ + test/fixtures/exemple-93/, year 2025). The bilan
 * must agree with `convflux evaluate` to the unit, print as a legal team expects (title,
 * R. 441-5-1, deadline, French typography, page x / y, footer on every page), and give the same
 * bytes twice. Chromium is required (as for test/render-pdf.test.ts): never skipped.
 *
 * Golden HTML: test/golden-html/bilan/ (UPDATE_GOLDEN=1 npx vitest run test/bilan.test.ts
 * rewrites them after a deliberate change of the templates or the view).
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { pdfPageTexts as pageTexts } from './pdf-text.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BilanDocument } from '../src/bilan/bilan-render.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import type { Evaluation } from '../src/engine/evaluation.js';
import { chromiumPath } from '../src/render/chromium-process.js';
import { repoRoot, runCli, type CliRun } from './helpers.js';

const FINE = '\u202f';
const PARC = 'test/fixtures/exemple-93/logements.csv';
const EVENTS = 'test/fixtures/exemple-93/evenements.csv';
/**
 * The 93's conventions only: `rules/` also holds the second example département (35), whose
 * bilans from the 93's files would be empty (its own run is in test/exemple-35.test.ts).
 */
const RULES_93 = ['--rules', 'rules/conventions/93/'];
const INPUTS = [...RULES_93, '--parc', PARC, '--events', EVENTS, '--annee', '2025'];
/** The CSV header documented in the README. */
const HEADER =
  'annee,departement,bailleur,reservataire,convention,typologie,financement,qpv,commune,nom_commune,periode_construction,proposes,attribues,decisions_attribution,baux_signes,points_decomptes';
const PERIODES = ['avant_1949', '1949_1974', '1975_1989', '1990_2004', '2005_et_apres'];
const BASE = '93-552046484-bilan-2025';
const goldenDir = join(repoRoot, 'test', 'golden-html', 'bilan');

interface BilanJson {
  ok: boolean;
  annee: number;
  date: string;
  documents: BilanDocument[];
  rejets: {
    code: string;
    file: string;
    line: number;
    column: number;
    pointer: string;
    message: string;
  }[];
  rejets_csv: string | null;
  diagnostics: Diagnostic[];
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
/** Text on one line, spaces of every kind as one plain space (pdfjs reports them as U+0020). */
const flat = (text: string): string => text.replace(/[\s\u00a0\u202f]+/g, ' ');

/** The example's CSV rows (no quoted field: commune names of the example have no comma). */
function csvRows(text: string): { header: string; rows: Record<string, string>[] } {
  const [header = '', ...lines] = text.split('\n').filter(Boolean);
  const keys = header.split(',');
  return {
    header,
    rows: lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i] ?? '', v]))),
  };
}

function parseJson(run: CliRun): unknown {
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`sortie JSON illisible (code ${String(run.code)}) :\n${run.stderr}`);
  }
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'convflux-bilan-'));

/** A sheet of the workbook as rows of cell values (exceljs: row 1 is index 1). */
function feuille(wb: ExcelJS.Workbook, nom: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(nom);
  if (!ws) throw new Error(`feuille « ${nom} » absente`);
  return ws;
}
const valeurs = (row: ExcelJS.Row): unknown[] =>
  (row.values as unknown[]).slice(1).map((v) => (v === null ? undefined : v));

/**
 * The HTML as kept in the golden files: the fonts and the convention's stylesheet (shared with
 * `convflux render`, they have their own tests) are left out, and the template hash (which covers
 * them) is replaced, so that only the bilan's own text, tables, charts and stylesheet are pinned.
 */
function goldenText(html: string): string {
  const hash = /modèle bilan \d+ \(([0-9a-f]{12})\)/.exec(html)?.[1];
  const styles = [...html.matchAll(/<style>[\s\S]*?<\/style>/g)];
  let out = html;
  for (const m of styles.slice(0, -1))
    out = out.replace(m[0], '<style>/* polices et feuille de style de la convention */</style>');
  return hash ? out.replaceAll(hash, 'EMPREINTE-MODELE') : out;
}

let evaluation: Evaluation;
let first: { run: CliRun; json: BilanJson; dir: string };
let second: { run: CliRun; json: BilanJson; dir: string };
let etat: { run: CliRun; json: BilanJson; dir: string };
let runtimeMs = 0;

beforeAll(() => {
  const chromium = chromiumPath();
  if (!existsSync(chromium))
    throw new Error(
      `Chromium est introuvable (${chromium}) : le bilan PDF en a besoin et ces tests ne sont ` +
        'jamais sautés. Installez-le : `sudo apt-get install -y chromium`.',
    );
  evaluation = parseJson(runCli(['evaluate', ...INPUTS, '--json'])) as Evaluation;
  const started = performance.now();
  const dir1 = tmp();
  const run1 = runCli(['bilan', ...INPUTS, '--out', dir1, '--json']);
  runtimeMs = performance.now() - started;
  first = { run: run1, json: parseJson(run1) as BilanJson, dir: dir1 };
  // Another process and browser, another working directory, absolute paths: the same bytes.
  const dir2 = tmp();
  const run2 = runCli(
    [
      'bilan',
      '--rules',
      join(repoRoot, 'rules', 'conventions', '93'),
      '--parc',
      join(repoRoot, PARC),
      '--events',
      join(repoRoot, EVENTS),
      '--annee',
      '2025',
      '--out',
      join(dir2, 'sortie'),
      '--json',
    ],
    dir2,
  );
  second = { run: run2, json: parseJson(run2) as BilanJson, dir: join(dir2, 'sortie') };
  const dir3 = tmp();
  const run3 = runCli(['bilan', ...INPUTS, '--out', dir3, '--json', '--reservataire', 'etat-93']);
  etat = { run: run3, json: parseJson(run3) as BilanJson, dir: dir3 };
}, 180_000);

describe('convflux bilan on the example (2025)', () => {
  it('exits 0 and writes one PDF, CSV and workbook for the bailleur in the département', () => {
    expect(first.run.code, first.run.stderr).toBe(0);
    expect(first.json.ok).toBe(true);
    expect(first.json.annee).toBe(2025);
    expect(first.json.date).toBe('2025-12-31');
    expect(first.json.rejets).toEqual([]);
    const ids = evaluation.conventions.map((c) => c.id);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(first.json.documents).toHaveLength(1);
    const d = first.json.documents[0];
    expect(d?.bilan).toBe('93-552046484');
    expect(d?.destinataire).toBeUndefined();
    expect(d?.conventions).toEqual(ids);
    expect(readdirSync(first.dir).sort()).toEqual([`${BASE}.csv`, `${BASE}.pdf`, `${BASE}.xlsx`]);
    const pdf = readFileSync(join(first.dir, `${BASE}.pdf`));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha256(pdf)).toBe(d?.document.sha256);
    expect(d?.document.pages).toBeGreaterThan(4);
    expect(sha256(readFileSync(join(first.dir, `${BASE}.csv`)))).toBe(d?.csv.sha256);
    expect(sha256(readFileSync(join(first.dir, `${BASE}.xlsx`)))).toBe(d?.xlsx.sha256);
    // Under a minute for the whole example (evaluation, the PDF, browser start).
    expect(runtimeMs).toBeLessThan(60_000);
  });

  it('reconciles with evaluate: each convention’s totals and the CSV’s rows', () => {
    const d = first.json.documents[0];
    const { header, rows } = csvRows(readFileSync(join(first.dir, `${BASE}.csv`), 'utf8'));
    expect(header).toBe(HEADER);
    expect(d?.csv.lignes).toBe(rows.length);
    for (const c of evaluation.conventions) {
      const t = d?.totaux.find((x) => x.convention === c.id);
      expect(t, c.id).toMatchObject({
        reservataire: c.reservataire.id,
        flux_annuel: c.flux_annuel,
        du: c.du,
        realise: c.realise,
        proposes: c.orientations,
        decisions: c.attributions,
        baux: c.baux,
        hors_assiette: c.hors_assiette,
      });
      // Flats, not decisions (I14): the engine's count when it gives one.
      expect(t?.attribues, c.id).toBe(c.logements_attribues ?? t?.attribues);
      expect(t?.attribues ?? Infinity, c.id).toBeLessThanOrEqual(c.attributions);
      const siens = rows.filter((r) => r['convention'] === c.id);
      const sum = (k: string): number => siens.reduce((s, r) => s + Number(r[k]), 0);
      expect(sum('proposes'), c.id).toBe(c.orientations);
      expect(sum('decisions_attribution'), c.id).toBe(c.attributions);
      expect(sum('attribues'), c.id).toBe(t?.attribues);
      expect(sum('baux_signes'), c.id).toBe(c.baux);
      expect(sum('points_decomptes'), c.id).toBeCloseTo(c.realise, 6);
    }
    const keys = new Set<string>();
    for (const r of rows) {
      expect([r['annee'], r['departement'], r['bailleur']]).toEqual(['2025', '93', '552046484']);
      expect(r['typologie']).toMatch(/^T[1-6]$/);
      expect(['PLAI', 'PLUS', 'PLS', 'PLI']).toContain(r['financement']);
      expect(['true', 'false']).toContain(r['qpv']);
      expect(r['commune']).toMatch(/^\d{5}$/);
      expect(r['nom_commune']).not.toBe('');
      expect(PERIODES).toContain(r['periode_construction']);
      const key = [
        'convention',
        'typologie',
        'financement',
        'qpv',
        'commune',
        'periode_construction',
      ]
        .map((k) => r[k])
        .join('|');
      expect(keys.has(key), key).toBe(false);
      keys.add(key);
    }
    // The bailleur's own share: attributions outside any réservataire's cycle, no proposals.
    const propres = rows.filter((r) => r['reservataire'] === 'bailleur');
    expect(propres.length).toBeGreaterThan(0);
    for (const r of propres)
      expect([r['convention'], r['proposes'], r['points_decomptes']]).toEqual(['', '', '']);
    const attribuesPropres = propres.reduce((s, r) => s + Number(r['attribues']), 0);
    expect(d?.total).toEqual({
      proposes: evaluation.conventions.reduce((s, c) => s + c.orientations, 0),
      attribues: (d?.totaux ?? []).reduce((s, t) => s + t.attribues, 0) + attribuesPropres,
    });
  });

  it('has a workbook of typed cells whose per-réservataire rows sum to the bailleur’s totals', async () => {
    const d = first.json.documents[0];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(first.dir, `${BASE}.xlsx`));
    expect(wb.worksheets.map((w) => w.name)).toEqual(d?.xlsx.feuilles);
    const feuilles = d?.xlsx.feuilles ?? [];
    // Section 5: one sheet per result the engine gives (flats and decisions, publics, agents,
    // conversion, periods of the avenant year, attainment over the term, regularisation).
    const section5 = feuilles.filter((f) => f.startsWith('5.'));
    expect(section5.map((f) => f.split(' ')[0])).toEqual([
      '5.1',
      '5.2',
      '5.3',
      '5.4',
      '5.5',
      '5.6',
      '5.7',
      '5.8',
    ]);
    expect(feuilles.indexOf('4.2 Objectifs indicatifs') + 1).toBe(
      feuilles.indexOf(section5[0] ?? ''),
    );
    expect(feuilles.filter((f) => !f.startsWith('5.'))).toEqual([
      '1 Synthèse',
      '2.1 Typologie',
      '2.2 Financement',
      '2.3 QPV',
      '2.4 Commune',
      '2.5 Période de construction',
      '3 Déductions',
      '4.1 Objectifs contractuels',
      '4.2 Objectifs indicatifs',
      '6 Alertes',
      'Identification',
      'Ventilation croisée',
    ]);
    expect(wb.created.toISOString()).toBe('2025-12-31T00:00:00.000Z');
    const n = evaluation.conventions.length;
    const totaux: unknown[][] = [];
    for (const nom of d?.xlsx.feuilles.filter((f) => f.startsWith('2.')) ?? []) {
      const ws = feuille(wb, nom);
      // Title, column groups (réservataires), headings, then the rows and the total.
      expect(valeurs(ws.getRow(2)).filter(Boolean)).toEqual([
        ...evaluation.conventions.flatMap((c) => {
          const nomR =
            c.reservataire.type === 'etat' ? `État (${c.reservataire.nom})` : c.reservataire.nom;
          return [nomR, nomR];
        }),
        'Bailleur (hors réservataires)',
        'Total',
        'Total',
      ]);
      const lignes: unknown[][] = [];
      ws.eachRow((row, i) => {
        if (i > 3 && typeof row.getCell(2).value === 'number') lignes.push(valeurs(row));
      });
      const total = lignes.pop() ?? [];
      expect(total[0], nom).toBe('Total');
      for (const l of [...lignes, total]) {
        const nums = l.slice(1) as number[];
        const proposes = nums.slice(0, 2 * n).filter((_, i) => i % 2 === 0);
        const attribues = nums.slice(0, 2 * n).filter((_, i) => i % 2 === 1);
        const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);
        expect(nums[2 * n + 1], `${nom} ${String(l[0])}`).toBe(sum(proposes));
        expect(nums[2 * n + 2], `${nom} ${String(l[0])}`).toBe(sum(attribues) + (nums[2 * n] ?? 0));
      }
      for (let j = 1; j < total.length; j++)
        expect(total[j], `${nom} colonne ${String(j)}`).toBe(
          lignes.reduce((s, l) => s + Number(l[j]), 0),
        );
      expect(ws.getRow(4).getCell(2).numFmt).toBe('#,##0');
      totaux.push(total.slice(1));
    }
    // Every dimension counts the same flats.
    for (const t of totaux) expect(t).toEqual(totaux[0]);
    const t0 = totaux[0] as number[];
    expect(t0[2 * n + 1]).toBe(d?.total.proposes);
    expect(t0[2 * n + 2]).toBe(d?.total.attribues);
    // The synthesis: shares as percentages, « — » as an empty cell.
    const synthese = feuille(wb, '1 Synthèse');
    const etatRow = synthese
      .getRows(1, synthese.rowCount)
      ?.find((r) => r.getCell(1).text.startsWith('État'));
    expect(etatRow?.getCell(2).value).toBe(0.3);
    expect(etatRow?.getCell(2).numFmt).toBe('0.0%');
    expect(etatRow?.getCell(4).value).toBe(19.8);
    const bailleur = synthese
      .getRows(1, synthese.rowCount)
      ?.find((r) => r.getCell(1).value === 'Bailleur (hors réservataires)');
    expect(bailleur?.getCell(2).value).toBeNull();
    // The parts apply each to its own territory: no total of them (nor of the flux).
    const totalSynthese = synthese
      .getRows(1, synthese.rowCount)
      ?.find((r) => r.getCell(1).value === 'Total');
    expect(totalSynthese?.getCell(2).value).toBeNull();
    expect(totalSynthese?.getCell(3).value).toBeNull();
    expect(totalSynthese?.getCell(4).value).toBeCloseTo(
      evaluation.conventions.reduce((s, c) => s + c.du, 0),
      6,
    );
    expect(feuille(wb, 'Ventilation croisée').rowCount).toBe((d?.csv.lignes ?? 0) + 1);
  });

  it('prints one bilan for all réservataires: R. 441-5-1 quoted, their tables, no flat-level detail', async () => {
    const pages = await pageTexts(readFileSync(join(first.dir, `${BASE}.pdf`)));
    const text = flat(pages.join('\n'));
    expect(text).toContain('Bilan annuel des logements proposés et attribués — année 2025');
    expect(text).toContain(
      'à l’attention de l’ensemble de ses réservataires dans le département 93',
    );
    expect(text).toContain(
      'transmis à chacun des réservataires ci-dessus avant le 28 février 2026',
    );
    // R. 441-5-1 quoted, not paraphrased (I26): its first paragraph, the one read.
    expect(text).toContain(
      '« Avant le 28 février de chaque année, l’organisme bailleur transmet à l’ensemble des réservataires un bilan annuel des logements proposés, ainsi que des logements attribués au cours de l’année précédente, par réservataire et par typologie de logement, type de financement, localisation hors et en quartier politique de la ville, commune et période de construction. »',
    );
    expect(text).toContain('Période du 1er janvier 2025 au 31 décembre 2025');
    for (const c of evaluation.conventions) {
      expect(text, c.id).toContain(c.reservataire.nom);
      expect(text, c.id).toContain(c.id);
    }
    for (const part of [
      'Synthèse de l’année',
      '2.1 Par typologie',
      '2.2 Par type de financement',
      '2.3 Hors et en quartier prioritaire de la politique de la ville',
      '2.4 Par commune',
      '2.5 Par période de construction',
      'Logements déduits de l’assiette',
      'Relogements',
      'Mutations',
      'Ventes',
      '4.1 Objectifs contractuels',
      '4.2 Objectifs indicatifs',
      'Alertes',
      'Annexe A – Identification des données',
    ])
      expect(text, part).toContain(part);
    // The example's input holds 2024 events: last year's hors-flux attributions are a column.
    expect(text).toMatch(/Attribués hors flux.*2025 2024/);
    // The copy for all has no flat: no flat id, no annex of flats.
    expect(text).not.toMatch(/93-552046484-\d{5}/);
    expect(text).not.toContain('Logements proposés et attribués –');
    // The État's row of the synthesis (flux 66, dû 19,8, réalisé 18, 90,9 %, 17 proposés,
    // 17 flats attributed by 19 decisions, 17 leases).
    expect(text).toMatch(
      /État \(Préfet de la Seine-Saint-Denis\) 30 % 66 19,8 18 90,9 % 17 17 19 17/,
    );
    pages.forEach((page, i) => {
      const p = flat(page);
      expect(p, `page ${String(i + 1)}`).toContain(
        `page ${String(i + 1)} sur ${String(pages.length)}`,
      );
      expect(p, `page ${String(i + 1)}`).toContain('bilan 93-552046484 · année 2025');
    });
    expect(first.json.documents[0]?.document.pages).toBe(pages.length);
  });

  it('writes the État’s copy with the annex of its own flats only (--reservataire)', async () => {
    expect(etat.run.code, etat.run.stderr).toBe(0);
    expect(readdirSync(etat.dir).sort()).toEqual(
      ['csv', 'pdf', 'xlsx'].map((x) => `${BASE}-etat-93.${x}`),
    );
    const d = etat.json.documents[0];
    expect(d?.destinataire).toBe('etat-93');
    // The aggregates are the copy for all's.
    expect(d?.totaux).toEqual(first.json.documents[0]?.totaux);
    expect(d?.csv.sha256).not.toBe('');
    const text = flat(
      (await pageTexts(readFileSync(join(etat.dir, `${BASE}-etat-93.pdf`)))).join('\n'),
    );
    expect(text).toContain('Exemplaire de État (Préfet de la Seine-Saint-Denis)');
    expect(text).toContain(
      'Annexe A – Logements proposés et attribués – État (Préfet de la Seine-Saint-Denis)',
    );
    expect(text).toContain('Annexe B – Identification des données');
    const ids = new Set(text.match(/93-552046484-\d{5}/g));
    const c = evaluation.conventions.find((x) => x.id === '93-552046484-etat-93');
    expect(ids.size).toBeGreaterThanOrEqual(c?.orientations ?? Infinity);
    // The annex's total: the État's proposals, flats, decisions and leases.
    const t = d?.totaux.find((x) => x.convention === '93-552046484-etat-93');
    expect(text).toMatch(
      new RegExp(
        `Total ${[t?.proposes, t?.attribues, t?.decisions, t?.baux].map(String).join(' ')} `,
      ),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(etat.dir, `${BASE}-etat-93.xlsx`));
    expect(feuille(wb, 'Annexe logements').rowCount).toBeGreaterThan(ids.size);
  });

  it('sets fixed metadata: dates of the evaluation, title, no signature field', async () => {
    const bytes = readFileSync(join(first.dir, `${BASE}.pdf`));
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getTitle()).toContain(
      'Bilan annuel des logements proposés et attribués — année 2025',
    );
    expect(doc.getCreationDate()?.toISOString()).toBe('2025-12-31T00:00:00.000Z');
    expect(doc.getModificationDate()?.toISOString()).toBe('2025-12-31T00:00:00.000Z');
    expect(doc.getKeywords()).toContain('R. 441-5-1');
    expect(doc.getForm().getFields()).toHaveLength(0);
  });

  it('gives the same bytes twice (another process, browser and working directory)', () => {
    expect(second.run.code, second.run.stderr).toBe(0);
    const hashes = (j: BilanJson): string[][] =>
      j.documents.map((d) => [d.document.sha256, d.csv.sha256, d.xlsx.sha256]);
    expect(hashes(second.json)).toEqual(hashes(first.json));
    for (const ext of ['pdf', 'csv', 'xlsx'])
      expect(
        readFileSync(join(second.dir, `${BASE}.${ext}`)).equals(
          readFileSync(join(first.dir, `${BASE}.${ext}`)),
        ),
        ext,
      ).toBe(true);
  });
});

describe('convflux bilan --html, exit codes and usage', () => {
  let html: { run: CliRun; dir: string };
  beforeAll(() => {
    const dir = tmp();
    html = { run: runCli(['bilan', ...INPUTS, '--out', dir, '--html']), dir };
  }, 60_000);

  it('writes self-contained HTML (no script, nothing fetched) with French typography', () => {
    expect(html.run.code, html.run.stderr).toBe(0);
    expect(html.run.stdout).toMatch(
      /^93-552046484 → .*93-552046484-bilan-2025\.html \(\d+\u202fKo\), .*\.csv \(\d+ lignes\), .*\.xlsx : 5 réservataire\(s\), proposés 49, attribués \d+, réalisé 51,5 \/ dû 45,05 \(114,3\u202f%\)/,
    );
    const text = readFileSync(join(html.dir, `${BASE}.html`), 'utf8');
    expect(text).not.toMatch(/<script/i);
    expect(text).not.toMatch(/(src|href)="(https?:|\/\/)/i);
    expect(text).toContain('data:font/woff2;base64,');
    expect(text).toContain(`90,9${FINE}%`);
    expect(text).toContain(`30${FINE}%`);
    expect(text).toContain('1<sup>er</sup>\u00a0janvier\u00a02025');
    // Charts: SVG drawn by ECharts on the server, each with its text alternative.
    expect(
      (text.match(/<svg class="graphique" role="img" aria-label="[^"]{20,}"/g) ?? []).length,
    ).toBe(6);
  });

  it('matches the golden HTML (UPDATE_GOLDEN=1 rewrites them)', () => {
    const update = process.env['UPDATE_GOLDEN'] === '1';
    if (update) mkdirSync(goldenDir, { recursive: true });
    for (const file of readdirSync(html.dir).filter((f) => f.endsWith('.html'))) {
      const text = goldenText(readFileSync(join(html.dir, file), 'utf8'));
      const golden = join(goldenDir, file);
      if (update) writeFileSync(golden, text);
      expect(text, `${golden} (UPDATE_GOLDEN=1 pour le réécrire)`).toBe(
        readFileSync(golden, 'utf8'),
      );
    }
  });

  it('exits 1 when input rows are rejected (0 with --tolerant), never printing their content', () => {
    const dir = tmp();
    const events = join(dir, 'evenements.csv');
    writeFileSync(
      events,
      `${readFileSync(join(repoRoot, EVENTS), 'utf8')}E99999,2025-03-01,demenagement,93-552046484-00001,,,,,Jean Dupont\n`,
    );
    const args = [
      'bilan',
      ...RULES_93,
      '--parc',
      PARC,
      '--events',
      events,
      '--annee',
      '2025',
      '--html',
    ];
    const strict = runCli([...args, '--out', join(dir, 'a'), '--json']);
    expect(strict.code).toBe(1);
    const json = parseJson(strict) as BilanJson;
    expect(json.ok).toBe(false);
    // The row is rejected (its type and its count of candidates), where and why only.
    expect(json.rejets.length).toBeGreaterThan(0);
    for (const r of json.rejets)
      expect(r).toEqual({
        code: r.code,
        file: r.file,
        line: 358,
        column: r.column,
        pointer: r.pointer,
        message: r.message,
      });
    expect(strict.stdout).not.toContain('Jean Dupont');
    // bilan names the rejected rows itself: in a CSV beside the bilans and on stderr.
    expect(json.rejets_csv).toMatch(/rejets-2025\.csv$/);
    const csv = readFileSync(join(dir, 'a', 'rejets-2025.csv'), 'utf8');
    expect(csv).toMatch(/^fichier,ligne,colonne,code,severite,pointeur,message\n/);
    expect(csv).toContain(',358,');
    expect(csv).not.toContain('Jean Dupont');
    expect(json.documents).toHaveLength(1);
    const tolerant = runCli([...args, '--out', join(dir, 'b'), '--tolerant']);
    expect(tolerant.code).toBe(0);
    expect(tolerant.stderr).toMatch(/\d+ ligne\(s\) d’entrée rejetée\(s\) \(--tolerant\)/);
    expect(tolerant.stderr).toMatch(/evenements\.csv:358(:\d+)? +erreur LIGNE_/);
    expect(tolerant.stderr).toMatch(/Entrées : 680 logement\(s\) .*357 événement\(s\)/);
    expect(tolerant.stderr).not.toContain('Jean Dupont');
  });

  it('prints a provisional bilan at --date', () => {
    const dir = tmp();
    const run = runCli(['bilan', ...INPUTS, '--date', '2025-06-30', '--out', dir, '--html']);
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(join(dir, `${BASE}.html`), 'utf8');
    expect(text).toContain('Bilan provisoire');
    expect(text).toContain('arrêté au 30\u00a0juin\u00a02025');
  });

  it('writes only the copies asked for (--reservataire, --convention)', () => {
    // --convention: the bilan that holds it (the copy for all), the same as in a full run.
    const dir = tmp();
    const run = runCli([
      'bilan',
      ...INPUTS,
      '--out',
      dir,
      '--html',
      '--convention',
      '93-552046484-montreuil',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([`${BASE}.csv`, `${BASE}.html`, `${BASE}.xlsx`]);
    expect(readFileSync(join(dir, `${BASE}.html`))).toEqual(
      readFileSync(join(html.dir, `${BASE}.html`)),
    );
    // Both filters apply together (and each may be repeated): Montreuil's copy only.
    const both = tmp();
    const r = runCli([
      'bilan',
      ...INPUTS,
      '--out',
      both,
      '--html',
      '--reservataire',
      'montreuil',
      '--reservataire',
      'etat-93',
      '--convention',
      '93-552046484-montreuil',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(both).sort()).toEqual(
      ['csv', 'html', 'xlsx'].map((x) => `${BASE}-montreuil.${x}`),
    );
    // An id that names no convention in force: usage error listing the ones that do.
    const bad = runCli([
      ...['bilan', ...INPUTS],
      '--out',
      tmp(),
      '--html',
      '--reservataire',
      'prefet',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--reservataire prefet : aucune convention en vigueur en 2025');
    expect(bad.stderr).toContain('etat-93');
    const none = runCli([
      ...['bilan', ...INPUTS],
      '--out',
      tmp(),
      '--html',
      '--reservataire',
      'montreuil',
      '--convention',
      '93-552046484-etat-93',
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('ne sélectionnent ensemble aucune convention');
  });

  it('exits 2 on usage errors', () => {
    const unknown = runCli(['bilan', ...INPUTS, '--out', tmp(), '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--bogus');
    const missing = runCli(['bilan', '--parc', PARC, '--annee', '2025']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('il manque --events FICHIER, --out DOSSIER');
    const json = runCli(['bilan', ...INPUTS, '--out', tmp(), '--csv', '--json']);
    expect(json.code).toBe(2);
    expect(
      (parseJson(json) as { ok: boolean; diagnostics: Diagnostic[] }).diagnostics[0],
    ).toMatchObject({ code: 'USAGE' });
    const year = runCli(['bilan', ...INPUTS.slice(0, 6), '--annee', '25', '--out', tmp()]);
    expect(year.code).toBe(2);
    const date = runCli(['bilan', ...INPUTS, '--date', '2024-06-30', '--out', tmp()]);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('n’est pas dans l’année 2025');
  });
});
