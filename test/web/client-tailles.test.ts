/**
 * The browser bundles built by `npm run build` (src/web/construire-client.ts), built here again
 * into a temporary folder: each under its gzip budget (300 KB, the issue's figure for the
 * dashboard), the size report equal to the bundles' own sizes, and each bundle a script the
 * browser can parse (ES2020, no `import` left).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { construireClient, pointsEntree } from '../../src/web/construire-client.js';

const BUDGET_GZIP = 300 * 1024;

describe('the browser bundles', () => {
  it('are each under 300 KB compressed, as the size report says', async () => {
    const sortie = mkdtempSync(join(tmpdir(), 'convflux-client-'));
    const tailles = await construireClient(sortie);
    const noms = pointsEntree().map((e) => /([^/]+)\.ts$/.exec(e)?.[1]);
    expect(tailles.map((t) => t.nom)).toEqual(noms);
    expect(noms).toContain('editeur');
    const rapport = JSON.parse(readFileSync(join(sortie, 'tailles.json'), 'utf8')) as unknown;
    expect(rapport).toEqual(tailles);
    for (const t of tailles) {
      const js = readFileSync(join(sortie, `${t.nom}.js`));
      expect(t.octets).toBe(js.length);
      expect(t.gzip).toBe(gzipSync(js, { level: 9 }).length);
      expect(t.gzip, `${t.nom}.js : ${String(t.gzip)} octets compressés`).toBeLessThan(BUDGET_GZIP);
      // A classic script: parses as one (no top-level import/export left), not run here.
      expect(() => new Script(js.toString('utf8'))).not.toThrow();
    }
  }, 120_000);
});
