/**
 * `convflux bilan --workers N`: the documents written by worker threads are the in-process ones,
 * byte for byte (same names, same SHA-256 in `--json`, same rejections), through the real CLI:
 * on the bundled examples (PDF with one Chromium per thread, HTML, the addressees' copies with
 * their annex, `--prevision`) and on a small generated region (every bailleur × département,
 * two years of events, rows of both files rejected).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateFlux, type FluxSummary } from '../src/bench/generate-flux.js';
import { copiesPrevues } from '../src/bilan/copies-paralleles.js';
import { ConventionIndex } from '../src/engine/convention-index.js';
import { cliPath, repoRoot, runCli } from './helpers.js';

const EXEMPLE = [
  '--rules',
  'rules/',
  '--parc',
  'test/fixtures/exemple-93/logements.csv',
  '--events',
  'test/fixtures/exemple-93/evenements.csv',
  '--annee',
  '2025',
];

const tmp = (): string => mkdtempSync(join(tmpdir(), 'convflux-bilan-fils-'));

/** The bilan run twice, in-process and with 2 threads; every file and the `--json` compared. */
function deuxFois(args: string[], cwd?: string): { fichiers: string[]; json: string } {
  const sorties = [0, 2].map((workers) => {
    const dir = tmp();
    const run = runCli(
      ['bilan', ...args, '--json', '--out', dir, '--workers', String(workers)],
      cwd,
    );
    return { dir, run };
  });
  const [seul, fils] = sorties;
  if (!seul || !fils) throw new Error('deux exécutions attendues');
  expect(fils.run.code, fils.run.stderr).toBe(seul.run.code);
  expect(fils.run.stderr).toBe(seul.run.stderr);
  // The same JSON once each output folder is named the same.
  expect(fils.run.stdout.replaceAll(fils.dir, 'SORTIE')).toBe(
    seul.run.stdout.replaceAll(seul.dir, 'SORTIE'),
  );
  const fichiers = readdirSync(seul.dir).sort();
  expect(readdirSync(fils.dir).sort()).toEqual(fichiers);
  for (const f of fichiers)
    expect(readFileSync(join(fils.dir, f)).equals(readFileSync(join(seul.dir, f))), f).toBe(true);
  return { fichiers, json: seul.run.stdout };
}

describe('convflux bilan --workers: the same bytes as in-process', () => {
  it('on the bundled examples, PDF (one Chromium per thread)', () => {
    const { fichiers } = deuxFois(EXEMPLE);
    expect(fichiers).toEqual(
      ['35-353017015', '93-552046484'].flatMap((b) =>
        ['csv', 'pdf', 'xlsx'].map((x) => `${b}-bilan-2025.${x}`),
      ),
    );
  }, 120_000);

  it('on the bundled examples, HTML: addressees’ copies with their annex, and --prevision', () => {
    const copies = deuxFois([
      ...EXEMPLE,
      '--html',
      '--reservataire',
      'montreuil',
      '--reservataire',
      'etat-93',
    ]);
    expect(copies.fichiers.filter((f) => f.endsWith('.html'))).toEqual([
      '93-552046484-bilan-2025-etat-93.html',
      '93-552046484-bilan-2025-montreuil.html',
    ]);
    const prevision = deuxFois([
      ...EXEMPLE,
      '--html',
      '--prevision',
      'test/fixtures/exemple-93/previsionnel-2026.yaml',
    ]);
    expect(prevision.fichiers).toContain('93-552046484-bilan-2025.html');
  }, 120_000);
});

describe('copiesPrevues: the copies foreseen from the conventions loaded (threads or not)', () => {
  const index = new ConventionIndex();
  for (const [id, bailleur, departement, reservataire] of [
    ['a', '111', '93', 'etat-93'],
    ['b', '111', '93', 'montreuil'],
    ['c', '111', '94', 'etat-94'],
    ['d', '222', '93', 'etat-93'],
  ] as const)
    index.add({ id, bailleur, departement, reservataire, perimetre: undefined, versions: [] });

  it('one per bailleur × département, or per one holding --convention, per --reservataire', () => {
    expect(copiesPrevues(index, undefined)).toBe(3);
    expect(copiesPrevues(index, { conventions: ['b'] })).toBe(1);
    expect(copiesPrevues(index, { reservataires: ['etat-93'] })).toBe(2);
    expect(copiesPrevues(index, { reservataires: ['etat-93', 'montreuil'] })).toBe(3);
    expect(copiesPrevues(index, { reservataires: ['montreuil'], conventions: ['a'] })).toBe(0);
  });
});

describe('convflux bilan --workers: a set-up problem keeps its code', () => {
  it('Chromium missing: exit 2 and the same message as in-process', () => {
    const runs = [0, 2].map((workers) =>
      spawnSync(
        process.execPath,
        [cliPath, 'bilan', ...EXEMPLE, '--out', tmp(), '--workers', String(workers)],
        {
          cwd: repoRoot,
          encoding: 'utf8',
          env: { ...process.env, CONVFLUX_CHROMIUM: '/nonexistent/chromium', NO_COLOR: '1' },
        },
      ),
    );
    for (const r of runs) {
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain('Chromium introuvable (/nonexistent/chromium)');
    }
    expect(runs[1]?.stderr).toBe(runs[0]?.stderr);
  }, 60_000);
});

describe('convflux bilan --workers on a generated region', () => {
  let g: FluxSummary;
  let dir: string;
  beforeAll(() => {
    dir = tmp();
    g = generateFlux({
      region: 'idf',
      out: dir,
      seed: 11,
      annee: 2024,
      annees: 2,
      format: 'csv',
      echelle: 0.03,
    });
    // Rows to reject, in both files (the flats are hashed to both threads): the rejections are
    // sorted the same, written the same in rejets-2024.csv.
    const premier = readFileSync(g.logementsFile, 'utf8').split('\n')[1]?.split(',')[0] ?? '';
    appendFileSync(
      g.logementsFile,
      ['X-1,552046484,93,93048,,false,T9,PLUS,2010,', 'X-2,552046484,93,93048,,oui,T2,PLUS,,']
        .map((l) => `${l}\n`)
        .join(''),
    );
    const derniers = g.evenementsFiles.at(-1) ?? '';
    appendFileSync(
      derniers,
      [
        `R-1,2024-02-30,liberation,${premier},,,,,`,
        'R-2,2024-03-01,liberation,INCONNU-1,,,,,',
        'R-3,2024-03-02,liberation,INCONNU-2,,,,,',
        'R-4,2024-03-03,liberation,X-1,,,,,',
        `R-5,2024-03-04,demenagement,${premier},,,,,`,
      ]
        .map((l) => `${l}\n`)
        .join(''),
    );
  });

  it('gives every bailleur × département’s files and the rejections byte for byte', () => {
    const { fichiers, json } = deuxFois(
      [
        '--rules',
        g.conventionsDir,
        '--parc',
        g.logementsFile,
        ...g.evenementsFiles.flatMap((e) => ['--events', e]),
        '--annee',
        '2024',
        '--html',
        '--tolerant',
      ],
      dir,
    );
    expect(fichiers).toContain('rejets-2024.csv');
    const rejets = (JSON.parse(json) as { rejets: { code: string }[] }).rejets.map((r) => r.code);
    expect(rejets.length).toBeGreaterThanOrEqual(5);
    const documents = (JSON.parse(json) as { documents: unknown[] }).documents.length;
    expect(documents).toBeGreaterThanOrEqual(4);
    expect(fichiers.filter((f) => f.endsWith('.html'))).toHaveLength(documents);
  }, 180_000);
});
