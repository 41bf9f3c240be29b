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
    // The communes are a lazily filled Map subclass (CommunesParesseuses): compared as a Map.
    expect({ ...read, communes: new Map(read?.communes) }).toEqual(source);
    // Former codes point at the same commune objects as the communes map, as in the source.
    const [ancien, commune] = [...(read?.anciens ?? [])][0] ?? [];
    expect(ancien).toBeDefined();
    expect(read?.communes.get(commune?.code ?? '')).toBe(commune);
    // …and it is much smaller than the package's 12 MB.
    expect(readFileSync(path).length).toBeLessThan(3_000_000);
  });

  it('builds communes per chunk when asked, and all of them in the eager order when iterated', () => {
    const path = join(dir, 'paresseux.json');
    writeTerritoiresIndex(source, version, path);
    const read = readTerritoiresIndex(version, path);
    if (!read) throw new Error('index illisible');
    // Asked before any iteration: the same answers as the source, for found and absent codes.
    for (const code of ['93066', '75105', '2A004', '97105', '01001', '99999', 'ZZ123', ''])
      expect(read.communes.get(code), code).toEqual(source.communes.get(code));
    expect(read.communes.has('93066')).toBe(true);
    expect(read.communes.has('93999')).toBe(false);
    const montreuil = read.communes.get('93048');
    const ancien = read.anciens.get('04082');
    expect(ancien).toEqual(source.anciens.get('04082'));
    // Iterated afterwards: every commune, in the source's order, the objects already handed out kept.
    expect([...read.communes.keys()]).toEqual([...source.communes.keys()]);
    expect(read.communes.size).toBe(source.communes.size);
    expect(read.communes.get('93048')).toBe(montreuil);
    expect(read.communes.get(ancien?.code ?? '')).toBe(ancien);
    expect(new Map(read.communes)).toEqual(source.communes);
  });

  it('refuses to write communes whose code prefixes are not contiguous (their order would be lost)', () => {
    const [a, b, c] = ['01001', '93066', '01002'].map((code) => ({
      code,
      nom: code,
      departement: '',
    }));
    if (!a || !b || !c) throw new Error('communes');
    const melange = { ...source, communes: new Map([a, b, c].map((x) => [x.code, x])) };
    expect(() => compactTerritoires(melange, version)).toThrow(/non contiguës/);
  });

  it('is ignored when made from another version of the data, damaged or missing', () => {
    const path = join(dir, 'old.json');
    writeTerritoiresIndex(source, '0.0.1', path);
    expect(readTerritoiresIndex(version, path)).toBeUndefined();
    writeFileSync(path, '{"format":3,');
    expect(readTerritoiresIndex(version, path)).toBeUndefined();
    expect(readTerritoiresIndex(version, join(dir, 'absent.json'))).toBeUndefined();
  });

  it('the index written by `npm run build` matches the installed data', () => {
    const built = join(import.meta.dirname, '../../dist/reference/territoires-index.jsonl');
    expect(existsSync(built), 'npm run build writes dist/reference/territoires-index.jsonl').toBe(
      true,
    );
    const path = join(dir, 'attendu.jsonl');
    writeTerritoiresIndex(source, version, path);
    expect(readFileSync(built, 'utf8')).toBe(readFileSync(path, 'utf8'));
  });

  it('parses only its first line when read: former codes and groupements when first asked', () => {
    const path = join(dir, 'sections.jsonl');
    writeTerritoiresIndex(source, version, path);
    const lignes = readFileSync(path, 'utf8').split('\n');
    // Damaged lines of former codes and groupements: reading the index does not see them…
    writeFileSync(path, [lignes[0], '[', '[', ...lignes.slice(3)].join('\n'));
    const read = readTerritoiresIndex(version, path);
    if (!read) throw new Error('index illisible');
    expect(read.departements).toEqual(source.departements);
    expect(read.communes.get('93048')).toEqual(source.communes.get('93048'));
    // …asking for them does.
    expect(() => read.anciens).toThrow(SyntaxError);
    expect(() => read.groupements).toThrow(SyntaxError);
  });

  it('is not read when cut short (a line or its last end of line missing)', () => {
    const path = join(dir, 'coupe.jsonl');
    writeTerritoiresIndex(source, version, path);
    const texte = readFileSync(path, 'utf8');
    writeFileSync(path, texte.slice(0, -1));
    expect(readTerritoiresIndex(version, path)).toBeUndefined();
    writeFileSync(path, texte.slice(0, texte.lastIndexOf('\n', texte.length - 2) + 1));
    expect(readTerritoiresIndex(version, path)).toBeUndefined();
    writeFileSync(path, texte);
    expect(readTerritoiresIndex(version, path)).toBeDefined();
  });
});
