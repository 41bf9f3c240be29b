/**
 * `node dist/bench/cotation-bench.js` on a small file: the rounds alternated, each printed, and
 * the verdict read off their median (the bench's figures are `npm run bench`'s; here its shape).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';

const bench = (args: string[]) =>
  spawnSync(process.execPath, ['dist/bench/cotation-bench.js', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });

describe('the cotation bench', () => {
  it('prints each round, then the median of the rounds’ ratios as the verdict', () => {
    const r = bench(['--rows', '3000', '--tours', '3']);
    expect(r.status).toBe(0);
    const rounds = r.stdout.split('\n').filter((l) => /^\s+[1-3]\s+[0-9]/.test(l));
    expect(rounds).toHaveLength(3);
    const ratios = rounds.map((l) => Number(/×([0-9]+,[0-9]+)/.exec(l)?.[1]?.replace(',', '.')));
    const median = [...ratios].sort((a, b) => a - b)[1];
    expect(r.stdout).toContain('3000 cotées, 0 rejetées par tour');
    const verdict = /médiane de 3 tours alternés = ×([0-9]+,[0-9]+)/.exec(r.stdout);
    expect(Number(verdict?.[1]?.replace(',', '.'))).toBe(median);
    expect(r.stdout).toMatch(/\(b\) pic mémoire .* à 3000/);
  });

  it('refuses a round count that is not a positive whole number (exit 2)', () => {
    const r = bench(['--rows', '10', '--tours', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--tours attend un entier positif (reçu : 0)');
  });
});
