/**
 * What every benchmark script shares: a scratch folder (kept with --keep), a failed measure
 * (BenchError) said in one line with exit 2, and the exit code set when the bench ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A bench that cannot measure what it promised (not a slow result: that is a verdict). */
export class BenchError extends Error {}

/** A figure in French notation with `digits` decimals (« 1 234,5 »), as every bench prints them. */
export const fr = (n: number, digits = 0): string =>
  n.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The median of measures (the mean of the middle two for an even count). */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

/** A positive integer option, or a message saying what was expected. */
export function entierOption(
  name: string,
  value: string,
  options: { positif?: boolean } = {},
): number | string {
  const n = Number(value);
  if (!Number.isInteger(n) || (options.positif === true && n < 1))
    return `--${name} attend un entier${options.positif === true ? ' positif' : ''} (reçu : ${value})`;
  return n;
}

/**
 * Runs `bench` in a fresh scratch folder (`prefix`), removed at the end unless `keep`; sets the
 * process exit code: the bench's, 2 when it fails or throws.
 */
export function runBench(
  prefix: string,
  keep: boolean,
  bench: (root: string) => Promise<number>,
): void {
  const run = async (): Promise<number> => {
    const root = mkdtempSync(join(tmpdir(), prefix));
    try {
      return await bench(root);
    } catch (error) {
      if (error instanceof BenchError) {
        console.error(`\nÉCHEC du banc : ${error.message}`);
        return 2;
      }
      throw error;
    } finally {
      if (keep) console.log(`\nconservé : ${root}`);
      else rmSync(root, { recursive: true, force: true });
    }
  };
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    },
  );
}
