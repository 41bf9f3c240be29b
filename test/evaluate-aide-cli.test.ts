/**
 * What `convflux help evaluate` and `help bilan` say of `--out` and `--workers`, through the real
 * CLI (dist/, bin/convflux.js): the files listed are the files `evaluate --out` writes, and the
 * default threads are said with their cap (`defaultWorkers`: one per core, at most 4).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTREES_EXEMPLE_93, repoRoot, runCli } from './helpers.js';

const ligne = (aide: string, option: string): string =>
  aide.split('\n').find((l) => l.trimStart().startsWith(`--${option} `)) ?? '';

describe('convflux help evaluate', () => {
  it('lists under --out every file evaluate --out writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-aide-out-'));
    try {
      const r = runCli(['evaluate', ...ENTREES_EXEMPLE_93, '--out', dir]);
      expect(r.code, r.stderr).toBe(0);
      const ecrits = readdirSync(dir).sort();
      expect(ecrits).toContain('conversion.csv');
      for (const lang of ['fr', 'en']) {
        const out = ligne(runCli(['help', 'evaluate', '--lang', lang]).stdout, 'out');
        const listes = (out.match(/[a-z_]+\.(?:csv|json)/g) ?? []).sort();
        expect(listes, `${lang}: ${out}`).toEqual(ecrits);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('says the default threads are at most 4, as defaultWorkers caps them', () => {
    for (const commande of ['evaluate', 'bilan']) {
      expect(ligne(runCli(['help', commande]).stdout, 'workers')).toContain(
        'un par cœur, au plus 4',
      );
      expect(ligne(runCli(['help', commande, '--lang', 'en']).stdout, 'workers')).toContain(
        'one per core, at most 4',
      );
    }
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    expect(readme).toContain('| `--workers N` | worker threads (default: one per core, at most 4,');
  });
});
