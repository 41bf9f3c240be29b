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

/** Est Ensemble, an EPT of Seine-Saint-Denis. */
const EST_ENSEMBLE = '200057875';

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
    // Communes and groupements are lazily filled Map subclasses (MapParMorceaux): compared as Maps.
    expect({
      ...read,
      communes: new Map(read?.communes),
      groupements: new Map(read?.groupements),
    }).toEqual(source);
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

  it('parses only its first line when read: former codes and each groupement when first asked', () => {
    const path = join(dir, 'sections.jsonl');
    writeTerritoiresIndex(source, version, path);
    const lignes = readFileSync(path, 'utf8').split('\n');
    const codes = [...source.groupements.keys()];
    const garde = codes.indexOf(EST_ENSEMBLE);
    expect(garde).toBeGreaterThanOrEqual(0);
    // Damaged lines of former codes and of every groupement but one: reading does not see them…
    const abimees = lignes.map((l, i) =>
      i === 1 || (i >= 2 && i < 2 + codes.length && i !== 2 + garde) ? '[' : l,
    );
    writeFileSync(path, abimees.join('\n'));
    const read = readTerritoiresIndex(version, path);
    if (!read) throw new Error('index illisible');
    expect(read.departements).toEqual(source.departements);
    expect(read.communes.get('93048')).toEqual(source.communes.get('93048'));
    // …nor asking for the groupement whose line is whole, or for an unknown code…
    expect(read.groupements.get(EST_ENSEMBLE)).toEqual(source.groupements.get(EST_ENSEMBLE));
    expect(read.groupements.has('000000000')).toBe(false);
    // …asking for the others does.
    expect(() => read.anciens).toThrow(SyntaxError);
    expect(() => read.groupements.get(codes[garde === 0 ? 1 : 0] ?? '')).toThrow(SyntaxError);
    expect(() => read.groupements.size).toThrow(SyntaxError);
  });

  it('builds groupements one by one when asked, and all of them in the eager order when iterated', () => {
    const path = join(dir, 'groupements.jsonl');
    writeTerritoiresIndex(source, version, path);
    const read = readTerritoiresIndex(version, path);
    if (!read) throw new Error('index illisible');
    const estEnsemble = read.groupements.get(EST_ENSEMBLE);
    expect(estEnsemble).toEqual(source.groupements.get(EST_ENSEMBLE));
    expect([...read.groupements.keys()]).toEqual([...source.groupements.keys()]);
    expect(read.groupements.get(EST_ENSEMBLE)).toBe(estEnsemble);
    expect(new Map(read.groupements)).toEqual(source.groupements);
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
