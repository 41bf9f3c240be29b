import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath } from '../helpers.js';

/** The real CLI with a bound: a start-up that hangs fails the test instead of the run. */
function serve(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliPath, 'serve', '--port', '0', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '' },
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('convflux serve --data that cannot be used', () => {
  const dossier = mkdtempSync(join(tmpdir(), 'convflux-serve-data-'));
  const fichier = join(dossier, 'un-fichier');
  writeFileSync(fichier, 'x');

  it('stops with exit 2 and a French message, never hangs (/proc looped in mkdir)', () => {
    for (const [data, attendu] of [
      ['/proc/nope', 'impossible de créer le dossier « /proc/nope »'],
      [join(fichier, 'sous', 'dossier'), `« ${fichier} » n’est pas un dossier`],
      [fichier, `« ${fichier} » n’est pas un dossier`],
    ] as const) {
      const r = serve(['--data', data]);
      expect(r.code, data).toBe(2);
      expect(r.stderr, data).toContain(`serve : impossible de démarrer (--data : `);
      expect(r.stderr, data).toContain(attendu);
      expect(r.stderr, data).not.toMatch(/ENOTDIR: not a directory|\n\s+at /);
    }
    const en = serve(['--data', join(fichier, 'x'), '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain(`serve: cannot start (--data: "${fichier}" is not a folder)`);
  });
});
