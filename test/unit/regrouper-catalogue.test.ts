/**
 * The build rewrites the compiled catalogue as one module (regrouper-catalogue.ts): the same
 * entries and hints as the sources, none of the catalogue-*.js left to load, and the same result
 * when rewritten again from a fresh compilation.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogue, hints } from '../../src/diagnostics/catalogue.js';
import { regrouperCatalogue } from '../../src/diagnostics/regrouper-catalogue.js';
import { repoRoot } from '../helpers.js';

const compile = join(repoRoot, 'dist', 'diagnostics');

describe('the compiled catalogue as one module', () => {
  it('holds the sources’ entries and imports none of the catalogue-*.js (npm run build)', async () => {
    const texte = readFileSync(join(compile, 'catalogue.js'), 'utf8');
    expect(texte).not.toMatch(/from ["']\.\/catalogue-/);
    const built = (await import(pathToFileURL(join(compile, 'catalogue.js')).href)) as {
      catalogue: unknown;
      hints: unknown;
    };
    expect(built.catalogue).toEqual(catalogue);
    expect(built.hints).toEqual(hints);
  });

  it('bundles a compiled catalogue and its parts, leaving other imports as they are', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-catalogue-'));
    writeFileSync(
      join(dir, 'catalogue.js'),
      "import { a } from './catalogue-a.js';\nimport { x } from '../ailleurs/x.js';\nexport const catalogue = { ...a, X: x };\n",
    );
    writeFileSync(join(dir, 'catalogue-a.js'), "export const a = { A: 'a' };\n");
    expect(await regrouperCatalogue(join(dir, 'catalogue.js'))).toBe(2);
    const texte = readFileSync(join(dir, 'catalogue.js'), 'utf8');
    expect(texte).not.toContain('./catalogue-a.js');
    expect(texte).toContain('"../ailleurs/x.js"');
    expect(texte).toContain('A: "a"');
    // Unused here, but kept: the compiled parts stay where the compiler wrote them.
    expect(readdirSync(dir).sort()).toEqual(['catalogue-a.js', 'catalogue.js', 'catalogue.js.map']);
  });
});
