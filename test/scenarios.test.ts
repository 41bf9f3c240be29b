import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarioFile } from '../src/scenario/run-scenarios.js';
import { repoRoot, runCli } from './helpers.js';

const dir = join(repoRoot, 'test', 'scenarios');
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('scénarios YAML', () => {
  it('there are scenario files', () => {
    expect(files.length).toBeGreaterThan(2);
  });
  for (const file of files) {
    describe(file, async () => {
      const run = await runScenarioFile(join(dir, file), { cwd: repoRoot });
      it('is a valid scenario file', () => {
        expect(run.diagnostics).toEqual([]);
      });
      for (const outcome of run.outcomes) {
        it(outcome.nom, () => {
          expect(outcome.differences).toEqual([]);
        });
      }
    });
  }
});

describe('convflux test (CLI)', () => {
  it('reports a failing scenario with its line and exits 1', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const tmp = mkdtempSync(join(tmpdir(), 'convflux-scn-'));
    const base = join(repoRoot, 'rules/conventions/93/552046484/montreuil/v1.yaml');
    writeFileSync(
      join(tmp, 'faux.yaml'),
      [
        'scenarios:',
        '  - nom: attend à tort une erreur',
        '    entrees:',
        `      convention: { base: "${base}" }`,
        '    sorties:',
        '      diagnostics: [{ code: ETAT_PART_MAX }]',
        '',
      ].join('\n'),
    );
    const r = runCli(['test', tmp]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('faux.yaml:2  attend à tort une erreur');
    expect(r.stdout).toContain('attendu, absent : ETAT_PART_MAX');
    expect(r.stdout.trim().split('\n').pop()).toBe('0 passed, 1 failed');
  });

  it('rejects an invalid scenario file with a positioned diagnostic', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const tmp = mkdtempSync(join(tmpdir(), 'convflux-scn-'));
    writeFileSync(
      join(tmp, 'invalide.yaml'),
      'scenarios:\n  - nom: x\n    entree: {}\n    sorties: { diagnostics: [] }\n',
    );
    const r = runCli(['test', tmp]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /invalide\.yaml:3:5 {2}erreur SCHEMA_CLE_INCONNUE {2}Clé inconnue « entree »/,
    );
  });
});
