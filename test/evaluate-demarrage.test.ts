/**
 * What one bailleur × département's `convflux evaluate` loads at start-up (issue 11: within 4× a
 * process that only imports its libraries and splits its files): the real CLI in a child process,
 * with a probe that lists, at exit, the npm packages the process required.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateFlux } from '../src/bench/generate-flux.js';
import { main } from '../src/cli/main.js';
import { cliPath, repoRoot } from './helpers.js';

const PROBE = `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
process.on('exit', () => {
  const paquets = new Set();
  for (const f of Object.keys(require.cache)) {
    const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(f);
    if (m) paquets.add(m[1]);
  }
  process.stderr.write('paquets=' + JSON.stringify([...paquets].sort()) + '\\n');
  const validateurs = Object.keys(require.cache)
    .map((f) => /validators\\/([a-z]+)\\.schema\\.cjs$/.exec(f)?.[1])
    .filter(Boolean);
  process.stderr.write('validateurs=' + JSON.stringify(validateurs.sort()) + '\\n');
});
`;

function evaluateAvecSonde(
  rules: string,
  parc = 'test/fixtures/exemple-93/logements.csv',
): { code: number; stdout: string; paquets: string[]; validateurs: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-demarrage-'));
  const probe = join(dir, 'sonde.mjs');
  writeFileSync(probe, PROBE);
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      probe,
      cliPath,
      'evaluate',
      '--rules',
      rules,
      '--parc',
      parc,
      '--events',
      'test/fixtures/exemple-93/evenements.csv',
      '--annee',
      '2025',
      '--json',
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  const m = /paquets=(.*)/.exec(r.stderr);
  const paquets = m?.[1] ? (JSON.parse(m[1]) as string[]) : [];
  const v = /validateurs=(.*)/.exec(r.stderr);
  const validateurs = v?.[1] ? (JSON.parse(v[1]) as string[]) : [];
  return { code: r.status ?? -1, stdout: r.stdout, paquets, validateurs };
}

describe('evaluate start-up for one bailleur × département', () => {
  it('loads neither yaml nor json-rules-engine, exceljs or puppeteer when the conventions are plain', () => {
    const { code, paquets } = evaluateAvecSonde('rules/conventions/93');
    expect(code).toBe(0);
    expect(paquets).toContain('ajv'); // the probe sees what was loaded
    for (const p of ['yaml', 'json-rules-engine', 'exceljs', 'puppeteer-core', 'handlebars'])
      expect(paquets).not.toContain(p);
  });

  it('loads a row validator (ajv code) only when a row is left to it by the hand-written check', () => {
    const propre = evaluateAvecSonde('rules/conventions/93');
    expect(propre.validateurs).toEqual(['convention']);
    const dir = mkdtempSync(join(tmpdir(), 'convflux-demarrage-'));
    const parc = join(dir, 'logements.csv');
    const lignes = readFileSync('test/fixtures/exemple-93/logements.csv', 'utf8').split('\n');
    // One flat of an unknown typologie: the hand-written check leaves its row to ajv.
    lignes[1] = (lignes[1] ?? '').replace(/,T\d,/, ',T9,');
    writeFileSync(parc, lignes.join('\n'));
    const abime = evaluateAvecSonde('rules/conventions/93', parc);
    expect(abime.validateurs).toEqual(['convention', 'logement']);
    expect(abime.stdout).toContain('LIGNE_VALEUR_INCONNUE');
  });

  it('loads the yaml library when a convention needs it (an anchor), with the same results', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-demarrage-'));
    cpSync(join(repoRoot, 'rules', 'conventions', '93'), dir, { recursive: true });
    const simple = evaluateAvecSonde(dir);
    const v1 = join(dir, '552046484', 'montreuil', 'v1.yaml');
    // The same data, its `statut` carrying an anchor (which the fast reader leaves to the library).
    const texte = readFileSync(v1, 'utf8').replace(/^statut: projet$/m, 'statut: &s projet');
    expect(texte).toContain('&s projet');
    writeFileSync(v1, texte);
    const bibliotheque = evaluateAvecSonde(dir);
    expect(simple.paquets).not.toContain('yaml');
    expect(bibliotheque.paquets).toContain('yaml');
    expect(bibliotheque.code).toBe(simple.code);
    expect(bibliotheque.stdout).toBe(simple.stdout);
    expect(JSON.parse(simple.stdout)).toMatchObject({ ok: true });
  });
});

describe('evaluate ends as soon as its work is done', () => {
  it('gives its whole output to a reader slower than the pipe, and its exit code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-sortie-'));
    generateFlux({ region: 'idf', out: dir, seed: 3, annee: 2024, format: 'csv', echelle: 0.01 });
    const args = [
      'evaluate',
      '--rules',
      join(dir, 'rules'),
      '--parc',
      join(dir, 'logements.csv'),
      '--events',
      join(dir, 'evenements.csv'),
      '--annee',
      '2024',
      '--json',
    ];
    const lu: string[] = [];
    const attendu = await main(args, {
      out: (t) => lu.push(`${t}\n`),
      err: (t) => lu.push(`(stderr) ${t}\n`),
      isTTY: false,
      cwd: repoRoot,
    });
    // The child writes more than a pipe holds (64 KiB) while nobody reads: its write waits.
    expect(lu.join('').length).toBeGreaterThan(128 * 1024);
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot });
    // Listened to at once: the child may end, and its pipes close, while its reader waits below.
    const ferme = new Promise<number | null>((r) => child.once('close', r));
    child.stdout.pause();
    const morceaux: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => morceaux.push(b));
    await new Promise((r) => setTimeout(r, 500));
    child.stdout.resume();
    const code = await ferme;
    expect(code).toBe(attendu);
    expect(Buffer.concat(morceaux).toString('utf8')).toBe(lu.join(''));
  });
});
