import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decoupageVersion, territoiresFromSource } from '../../src/reference/territoires.js';
import {
  compactTerritoires,
  readTerritoiresIndex,
  writeTerritoiresIndex,
} from '../../src/reference/territoires-index.js';

const dir = mkdtempSync(join(tmpdir(), 'convflux-territoires-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('compact geography index (build time)', () => {
  const source = territoiresFromSource();
  const version = decoupageVersion();

  it('reads back exactly the geography built from the package', () => {
    const path = join(dir, 'index.json');
    writeTerritoiresIndex(source, version, path);
    const read = readTerritoiresIndex(version, path);
    expect(read).toEqual(source);
    // Former codes point at the same commune objects as the communes map, as in the source.
    const [ancien, commune] = [...(read?.anciens ?? [])][0] ?? [];
    expect(ancien).toBeDefined();
    expect(read?.communes.get(commune?.code ?? '')).toBe(commune);
    // …and it is much smaller than the package's 12 MB.
    expect(readFileSync(path).length).toBeLessThan(3_000_000);
  });

  it('is ignored when made from another version of the data, damaged or missing', () => {
    const path = join(dir, 'old.json');
    writeTerritoiresIndex(source, '0.0.1', path);
    expect(readTerritoiresIndex(version, path)).toBeUndefined();
    writeFileSync(path, '{"format":1,');
    expect(readTerritoiresIndex(version, path)).toBeUndefined();
    expect(readTerritoiresIndex(version, join(dir, 'absent.json'))).toBeUndefined();
  });

  it('the index written by `npm run build` matches the installed data', () => {
    const built = join(import.meta.dirname, '../../dist/reference/territoires-index.json');
    expect(existsSync(built), 'npm run build writes dist/reference/territoires-index.json').toBe(
      true,
    );
    expect(JSON.parse(readFileSync(built, 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(compactTerritoires(source, version))),
    );
  });
});
