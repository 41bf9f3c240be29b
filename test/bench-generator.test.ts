/**
 * The benchmark's conventions tree (src/bench/generate-conventions.ts) is written in format 2,
 * parties complete: `convflux check` finds neither an error nor a warning in it, so that the
 * check bench times clean files (a warning per file would be printed and timed too).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRegion } from '../src/bench/generate-conventions.js';
import { runCli } from './helpers.js';

describe('the generated benchmark tree', () => {
  it('is format 2, signed versions with their signatures, and checks without a warning', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'convflux-bench-gen-')), 'conventions');
    const r = generateRegion(dir, { bailleurs: 4 });
    expect(r.files.length).toBeGreaterThan(20);
    expect(r.sealed).toBeGreaterThan(0);
    for (const f of r.files) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).toMatch(/^format: 2$/m);
      if (/^statut: signee$/m.test(text))
        expect(text, f).toMatch(/^signatures:\n {2}- partie: bailleur/m);
    }
    const check = runCli(['check', dir, '--json']);
    const out = JSON.parse(check.stdout) as {
      stats: { errors: number; warnings: number };
      diagnostics: { code: string }[];
    };
    expect(out.diagnostics.filter((d) => d.code !== 'GARANTIE_EMPRUNT_LECTURE')).toEqual([]);
    expect(out.stats).toMatchObject({ errors: 0, warnings: 0 });
  }, 120_000);
});
