import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendAll } from '../../src/engine/append-all.js';
import { readRegularFile } from '../../src/source/read-regular-file.js';
import { MAX_YAML_DEPTH, yamlDepthExcess } from '../../src/source/yaml-depth.js';

const dir = mkdtempSync(join(tmpdir(), 'convflux-es-unit-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('readRegularFile', () => {
  it('reads a regular file, and caps while reading (the size of stat is not trusted)', async () => {
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'x'.repeat(100));
    const read = await readRegularFile(file, 100);
    expect(read.ok && read.bytes.length).toBe(100);
    expect(await readRegularFile(file, 99)).toEqual({
      ok: false,
      refus: 'trop_volumineux',
      taille: 100,
      limite: 99,
    });
  });

  it('refuses a device, through a symlink too, and a folder; a missing file is an errno', async () => {
    const link = join(dir, 'zero.yaml');
    symlinkSync('/dev/zero', link);
    for (const path of ['/dev/zero', link])
      expect(await readRegularFile(path, 10)).toEqual({
        ok: false,
        refus: 'non_regulier',
        nature: 'peripherique',
      });
    expect(await readRegularFile(dir, 10)).toMatchObject({ nature: 'dossier' });
    expect(await readRegularFile(join(dir, 'absent'), 10)).toEqual({
      ok: false,
      refus: 'errno',
      errno: 'ENOENT',
    });
  });
});

describe('yamlDepthExcess', () => {
  const nested = (n: number): string => `a: ${'['.repeat(n)}${']'.repeat(n)}\n`;

  it('accepts what a convention writes: apostrophes, brackets in quotes and comments', () => {
    const text = [
      'nom: Commune d’Épinay',
      "titre: l'État [voir article 3",
      "note: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['",
      '# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
      'flux:',
      '  - part: 0.3',
      '    communes: [93066, 93048]',
      '',
    ].join('\n');
    expect(yamlDepthExcess(text)).toBe(-1);
    expect(yamlDepthExcess(nested(MAX_YAML_DEPTH - 1))).toBe(-1);
  });

  it('finds where flow, block and `- - -` nesting cross the limit', () => {
    expect(yamlDepthExcess(nested(MAX_YAML_DEPTH))).toBe(3 + MAX_YAML_DEPTH - 1);
    const block = Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    const at = yamlDepthExcess(block);
    expect(block.slice(0, at).split('\n').length).toBe(MAX_YAML_DEPTH + 1);
    expect(yamlDepthExcess(`v:\n${'- '.repeat(70)}x\n`)).toBeGreaterThan(0);
  });
});

describe('appendAll', () => {
  it('appends half a million items (push(...items) overflows the stack there)', () => {
    const into = [1];
    const from = Array.from({ length: 500_000 }, (_, i) => i);
    expect(() => {
      into.push(...from);
    }).toThrow(RangeError);
    into.length = 1;
    appendAll(into, from);
    expect(into.length).toBe(500_001);
    expect(into.at(-1)).toBe(499_999);
  });
});
