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
  'annee,convention,typologie,financement,qpv,commune,nom_commune,periode_construction,proposes,attribues,baux_signes,points_decomptes';
const PERIODES = ['avant_1949', '1949_1974', '1975_1989', '1990_2004', '2005_et_apres'];
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
}, 120_000);

describe('convflux bilan on the example (2025)', () => {
  it('exits 0 and writes one PDF and one CSV per convention of the evaluation', () => {
    expect(first.run.code, first.run.stderr).toBe(0);
    expect(first.json.ok).toBe(true);
    expect(first.json.annee).toBe(2025);
    expect(first.json.date).toBe('2025-12-31');
    expect(first.json.rejets).toEqual([]);
    const ids = evaluation.conventions.map((c) => c.id);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(first.json.documents.map((d) => d.convention)).toEqual(ids);
    expect(readdirSync(first.dir).sort()).toEqual(
      ids.flatMap((id) => [`${id}-bilan-2025.csv`, `${id}-bilan-2025.pdf`]).sort(),
    );
    for (const d of first.json.documents) {
      const pdf = readFileSync(join(first.dir, `${d.convention}-bilan-2025.pdf`));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(sha256(pdf)).toBe(d.document.sha256);
      expect(d.document.format).toBe('pdf');
      expect(d.document.pages).toBeGreaterThan(3);
      const csv = readFileSync(join(first.dir, `${d.convention}-bilan-2025.csv`));
      expect(sha256(csv)).toBe(d.csv.sha256);
    }
    // Under a minute for the whole example (evaluation, five PDFs, browser start).
    expect(runtimeMs).toBeLessThan(60_000);
  });

  it('has CSV totals equal to evaluate: proposés = orientations, attribués = attributions', () => {
    for (const c of evaluation.conventions) {
      const text = readFileSync(join(first.dir, `${c.id}-bilan-2025.csv`), 'utf8');
      const { header, rows } = csvRows(text);
      expect(header).toBe(HEADER);
      const sum = (k: string): number => rows.reduce((s, r) => s + Number(r[k]), 0);
      expect(sum('proposes'), c.id).toBe(c.orientations);
      expect(sum('attribues'), c.id).toBe(c.attributions);
      expect(sum('baux_signes'), c.id).toBe(c.baux);
      expect(sum('points_decomptes'), c.id).toBeCloseTo(c.realise, 6);
      const keys = new Set<string>();
      for (const r of rows) {
        expect(r['annee']).toBe('2025');
        expect(r['convention']).toBe(c.id);
        expect(r['typologie']).toMatch(/^T[1-6]$/);
        expect(['PLAI', 'PLUS', 'PLS', 'PLI']).toContain(r['financement']);
        expect(['true', 'false']).toContain(r['qpv']);
        expect(r['commune']).toMatch(/^\d{5}$/);
        expect(r['nom_commune']).not.toBe('');
        expect(PERIODES).toContain(r['periode_construction']);
        // One row per non-empty combination.
        const counts = ['proposes', 'attribues', 'baux_signes', 'points_decomptes'];
        expect(counts.some((k) => Number(r[k]) !== 0)).toBe(true);
        const key = ['typologie', 'financement', 'qpv', 'commune', 'periode_construction']
          .map((k) => r[k])
          .join('|');
        expect(keys.has(key), key).toBe(false);
        keys.add(key);
      }
      const d = first.json.documents.find((x) => x.convention === c.id);
      expect(d?.csv.lignes).toBe(rows.length);
      expect(d?.totaux).toMatchObject({
        flux_annuel: c.flux_annuel,
        du: c.du,
        realise: c.realise,
        proposes: c.orientations,
        attribues: c.attributions,
        hors_assiette: c.hors_assiette,
      });
    }
  });

  it('prints the formal document: title, R. 441-5-1, deadline, totals, page x / y, footer', async () => {
    for (const c of evaluation.conventions) {
      const bytes = readFileSync(join(first.dir, `${c.id}-bilan-2025.pdf`));
      const pages = await pageTexts(bytes);
      const text = flat(pages.join('\n'));
      expect(text).toContain('Bilan annuel des attributions — année 2025');
      expect(text).toContain('R. 441-5-1');
      expect(text).toContain('avant le 28 février');
      expect(text).toContain('transmis avant le 28 février 2026');
      // R. 441-5-1 quoted, not paraphrased (I26)
      expect(text).toContain(
        '« Avant le 28 février de chaque année, l’organisme bailleur transmet à l’ensemble des réservataires un bilan annuel des logements proposés, ainsi que des logements attribués au cours de l’année précédente, par réservataire et par typologie de logement, type de financement, localisation hors et en quartier politique de la ville, commune et période de construction. »',
      );
      expect(text).toContain('Période du 1er janvier 2025 au 31 décembre 2025');
      expect(text).toContain('Exemple Habitat');
      for (const part of [
        'Synthèse de l’année 2025',
        'Par typologie',
        'Par financement',
        'Selon la localisation en QPV',
        'Par commune',
        'Par période de construction',
        'Logements déduits de l’assiette',
        'Atteinte des objectifs',
        'Alertes et points d’attention',
        'Annexe 1 – Ventilation détaillée',
        'Annexe 2 – Identification du document',
      ])
        expect(text, `${c.id} : ${part}`).toContain(part);
      const d = first.json.documents.find((x) => x.convention === c.id);
      const empreinte = /empreinte ([0-9a-f]{12})/.exec(text)?.[1] ?? '';
      expect(empreinte).toMatch(/^[0-9a-f]{12}$/);
      pages.forEach((page, i) => {
        const p = flat(page);
        expect(p, `${c.id} page ${String(i + 1)}`).toContain(
          `page ${String(i + 1)} / ${String(pages.length)}`,
        );
        expect(p, `${c.id} page ${String(i + 1)}`).toContain(
          `${c.id} · version ${String(c.version)}${c.statut === 'projet' ? ' (projet)' : ''} · empreinte ${empreinte} · bilan 2025`,
        );
      });
      expect(d?.document.pages).toBe(pages.length);
    }
  });

  it('prints the État’s totals with French typography', async () => {
    const etat = evaluation.conventions.find((c) => c.id === '93-552046484-etat-93');
    expect(etat).toBeDefined();
    if (!etat) return;
    // The example: flux 66, dû 19,8, réalisé 19, taux 96 %, 17 proposés, 17 logements attribués
    // by 19 CALEOL decisions (I14: a flat attributed twice is one flat).
    expect([
      etat.flux_annuel,
      etat.du,
      etat.realise,
      etat.orientations,
      etat.logements_attribues,
      etat.attributions,
    ]).toEqual([66, 19.8, 19, 17, 17, 19]);
    const pages = await pageTexts(
      readFileSync(join(first.dir, '93-552046484-etat-93-bilan-2025.pdf')),
    );
    const text = flat(pages.join('\n'));
    expect(text).toContain('FLUX ANNUEL 66');
    expect(text).toContain('DÛ 19,8');
    expect(text).toContain('RÉALISÉ 19');
    expect(text).toContain('TAUX D’ATTEINTE 96 %');
    expect(text).toContain('Logements proposés (orientations) 17');
    expect(text).toContain('Logements attribués (CALEOL) 17');
    expect(text).toContain('Décisions d’attribution (CALEOL) 19');
    expect(text).toContain('Part réservée 30 %');
    expect(text).toContain('SIREN 552 046 484');
    expect(text).toMatch(/Total 17 19 17 19/);
    expect(text).toContain('versions appliquées au cours de l’année : 1 et 2');
    // Text of the charts is in the PDF too (SVG text, not an image).
    expect(text).toContain('Figure 1 – Droits de l’année et réalisations');
  });

  it('sets fixed metadata: dates of the evaluation, title, no signature field', async () => {
    const bytes = readFileSync(join(first.dir, '93-552046484-etat-93-bilan-2025.pdf'));
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getTitle()).toContain('Bilan annuel des attributions — année 2025');
    expect(doc.getCreationDate()?.toISOString()).toBe('2025-12-31T00:00:00.000Z');
    expect(doc.getModificationDate()?.toISOString()).toBe('2025-12-31T00:00:00.000Z');
    expect(doc.getKeywords()).toContain('R. 441-5-1');
    expect(doc.getForm().getFields()).toHaveLength(0);
  });

  it('gives the same bytes twice (another process, browser and working directory)', () => {
    expect(second.run.code, second.run.stderr).toBe(0);
    expect(second.json.documents.map((d) => [d.document.sha256, d.csv.sha256])).toEqual(
      first.json.documents.map((d) => [d.document.sha256, d.csv.sha256]),
    );
    for (const d of first.json.documents)
      for (const ext of ['pdf', 'csv'])
        expect(
          readFileSync(join(second.dir, `${d.convention}-bilan-2025.${ext}`)).equals(
            readFileSync(join(first.dir, `${d.convention}-bilan-2025.${ext}`)),
          ),
          `${d.convention}.${ext}`,
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
      /93-552046484-etat-93 → .*93-552046484-etat-93-bilan-2025\.html \(\d+\u202fKo\), .*\.csv \(19 lignes\) : proposés 17, attribués 19, réalisé 19 \/ dû 19,8 \(96\u202f%\)/,
    );
    const text = readFileSync(join(html.dir, '93-552046484-etat-93-bilan-2025.html'), 'utf8');
    expect(text).not.toMatch(/<script/i);
    expect(text).not.toMatch(/(src|href)="(https?:|\/\/)/i);
    expect(text).toContain('data:font/woff2;base64,');
    expect(text).toContain(`96${FINE}%`);
    expect(text).toContain(`30${FINE}%`);
    expect(text).toContain('1<sup>er</sup>\u00a0janvier\u00a02025');
    // Charts: inline SVG drawn in TypeScript, one per breakdown at least.
    expect((text.match(/<svg class="graphique"/g) ?? []).length).toBeGreaterThanOrEqual(7);
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
    expect(json.documents).toHaveLength(evaluation.conventions.length);
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
    const text = readFileSync(join(dir, '93-552046484-etat-93-bilan-2025.html'), 'utf8');
    expect(text).toContain('bilan provisoire');
    expect(text).toContain('arrêté au 30\u00a0juin\u00a02025');
  });

  it('writes only the bilans asked for (--reservataire, --convention), the same as in a full run', () => {
    const dir = tmp();
    const run = runCli(['bilan', ...INPUTS, '--out', dir, '--html', '--reservataire', 'etat-93']);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      '93-552046484-etat-93-bilan-2025.csv',
      '93-552046484-etat-93-bilan-2025.html',
    ]);
    // Both filters apply together (and each may be repeated).
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
    expect(readdirSync(both).sort()).toEqual([
      '93-552046484-montreuil-bilan-2025.csv',
      '93-552046484-montreuil-bilan-2025.html',
    ]);
    // A filtered bilan is the bilan of a full run, byte for byte.
    expect(readFileSync(join(dir, '93-552046484-etat-93-bilan-2025.html'))).toEqual(
      readFileSync(join(html.dir, '93-552046484-etat-93-bilan-2025.html')),
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
