/**
 * Golden tests: broken conventions and the exact output expected from the real CLI.
 *
 * Each folder of test/golden/ is a case: its input files, `expected.txt` (the exact stdout of
 * `convflux check . --no-color`, run from the case folder), `expected-exit` (the exit code) and,
 * optionally, `args` (one extra CLI argument per line). `UPDATE_GOLDEN=1` rewrites the expected
 * files from the current CLI: read every diff before committing it.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(repo, 'bin', 'convflux.js');
const goldenDir = join(repo, 'test', 'golden');
const update = process.env['UPDATE_GOLDEN'] === '1';

interface Run {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** The real CLI, as a user runs it: `convflux check . --no-color …` from `cwd`. */
function check(cwd: string, args: readonly string[]): Run {
  const env = { ...process.env };
  delete env['NO_COLOR'];
  delete env['FORCE_COLOR'];
  const result = spawnSync(process.execPath, [cli, 'check', '.', '--no-color', ...args], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

function readArgs(caseDir: string): string[] {
  const path = join(caseDir, 'args');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line !== '');
}

const cases = readdirSync(goldenDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('golden cases (test/golden/*)', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const name of cases) {
    it(name, () => {
      const caseDir = join(goldenDir, name);
      const run = check(caseDir, readArgs(caseDir));
      const expectedPath = join(caseDir, 'expected.txt');
      const exitPath = join(caseDir, 'expected-exit');
      if (update) {
        writeFileSync(expectedPath, run.stdout);
        writeFileSync(exitPath, `${String(run.status)}\n`);
        return;
      }
      expect(existsSync(expectedPath), `${name}: expected.txt is missing`).toBe(true);
      expect(run.stdout, `${name}: stdout (stderr: ${run.stderr})`).toBe(
        readFileSync(expectedPath, 'utf8'),
      );
      expect(run.status, `${name}: exit code`).toBe(Number(readFileSync(exitPath, 'utf8').trim()));
    });
  }
});

interface JsonDiagnostic {
  code: string;
  file: string;
  params: Record<string, unknown>;
}

function isJsonDiagnostic(value: unknown): value is JsonDiagnostic {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Record<string, unknown>;
  return (
    typeof d['code'] === 'string' &&
    typeof d['file'] === 'string' &&
    typeof d['params'] === 'object'
  );
}

function diagnosticsOf(stdout: string): JsonDiagnostic[] {
  const parsed: unknown = JSON.parse(stdout);
  if (typeof parsed !== 'object' || parsed === null)
    throw new Error(`not a JSON object: ${stdout}`);
  const list = (parsed as Record<string, unknown>)['diagnostics'];
  if (!Array.isArray(list) || !list.every(isJsonDiagnostic))
    throw new Error(`no diagnostics: ${stdout}`);
  return list;
}

describe('file over 1 MiB (generated, never committed)', () => {
  it('is refused with FICHIER_TROP_VOLUMINEUX, without being parsed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-golden-'));
    try {
      const rel = '93/552046484/etat-93/v1.yaml';
      const path = join(dir, ...rel.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      const base = readFileSync(
        join(repo, 'rules', 'conventions', '93', '552046484', 'etat-93', 'v1.yaml'),
        'utf8',
      );
      const padding = '# remplissage : une convention réelle fait quelques kilo-octets\n'.repeat(
        20_000,
      );
      const content = `${base}${padding}`;
      writeFileSync(path, content);
      const size = Buffer.byteLength(content);
      expect(size).toBeGreaterThan(1024 * 1024);

      const text = check(dir, []);
      expect(text.status, text.stderr).toBe(1);
      expect(text.stdout).toMatch(
        /^93\/552046484\/etat-93\/v1\.yaml {2}erreur FICHIER_TROP_VOLUMINEUX {2}/m,
      );

      const json = check(dir, ['--json']);
      expect(json.status, json.stderr).toBe(1);
      const diagnostics = diagnosticsOf(json.stdout);
      expect(diagnostics.map((d) => d.code)).toEqual(['FICHIER_TROP_VOLUMINEUX']);
      expect(diagnostics[0]?.file).toBe(rel);
      expect(diagnostics[0]?.params['taille']).toBe(size);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
