import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const cliPath = fileURLToPath(new URL('../bin/convflux.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI (compiled dist/, as users get it) in a child process. */
export function runCli(args: string[], cwd = repoRoot, maxBuffer = 1 << 20): CliRun {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The État v1 of the examples is signed: it prints as a copy, without signature fields. Tests that
 * sign use its text as it was before signing: `statut: arretee`, no recorded signatures (both
 * outside the seal, which still holds), in a folder of their own.
 */
export function etatV1AvantSignature(): string {
  const example = readFileSync(join(repoRoot, 'rules/conventions/93/552046484/etat-93/v1.yaml'));
  const folder = join(
    mkdtempSync(join(tmpdir(), 'convflux-sign-v1-')),
    'conventions/93/552046484/etat-93',
  );
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'v1.yaml');
  const arretee = example
    .toString('utf8')
    .replace(/^statut: signee$/m, 'statut: arretee')
    .replace(/^signatures:.*\n(?:[ ]+.*\n)*/m, '');
  writeFileSync(file, arretee);
  return file;
}

/**
 * The bundled example's parc, events and year (test/fixtures/exemple-93), as `evaluate` and
 * `simulate` take them (the conventions are found beside them, or given with --rules).
 */
export const ENTREES_EXEMPLE_93: readonly string[] = [
  '--parc',
  'test/fixtures/exemple-93/logements.csv',
  '--events',
  'test/fixtures/exemple-93/evenements.csv',
  '--annee',
  '2025',
];
