import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  loadReglementation,
  REGLEMENTATION_DIR,
  type LoadOptions,
} from '../../src/reglementation/load-reglementation.js';
import {
  reglementationCache,
  writeReglementationCache,
  type CacheLookup,
} from '../../src/reglementation/reglementation-cache.js';

const tmp = mkdtempSync(join(tmpdir(), 'convflux-reglementation-cache-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** The shipped regulation's files (rules and parameters), counted rather than written down. */
const yamls = (sub: string): number =>
  readdirSync(join(REGLEMENTATION_DIR, sub)).filter((f) => f.endsWith('.yaml')).length;
const PARAMETRES = yamls('parametres');
const FICHIERS = yamls('regles') + PARAMETRES;

/** A copy of the shipped regulation to edit. */
function copie(name: string): string {
  const dir = join(tmp, name);
  cpSync(REGLEMENTATION_DIR, dir, { recursive: true });
  return dir;
}

/** The cache built from the shipped files, and a lookup counting what it found. */
function built(): { lookup: () => { cache: CacheLookup; hits: () => number }; path: string } {
  const collect: NonNullable<LoadOptions['collect']> = [];
  loadReglementation('fr', copie('source'), { cache: false, collect });
  const path = join(tmp, `cache-${String(Math.random()).slice(2)}.json`);
  writeReglementationCache(collect, path);
  return {
    path,
    lookup: () => {
      const inner = reglementationCache(path);
      let hits = 0;
      return {
        cache: (bytes, schema) => {
          const data = inner(bytes, schema);
          if (data !== undefined) hits++;
          return data;
        },
        hits: () => hits,
      };
    },
  };
}

const sansMoteurs = (r: ReturnType<typeof loadReglementation>) => ({
  regles: r.regles,
  parametres: r.parametres,
  diagnostics: r.diagnostics,
});

describe('regulation parsed at build time (reglementation-cache.ts)', () => {
  const cache = built();

  it('gives exactly the regulation parsed from the files, without parsing any', () => {
    const dir = copie('identique');
    const { cache: lookup, hits } = cache.lookup();
    const fromCache = loadReglementation('fr', dir, { cache: lookup });
    expect(hits()).toBe(FICHIERS);
    expect(sansMoteurs(fromCache)).toEqual(
      sansMoteurs(loadReglementation('fr', dir, { cache: false })),
    );
    expect(fromCache.regles).toHaveLength(16);
  });

  it('parses an edited file as usual (its diagnostics, at their line), the others from the cache', () => {
    const dir = copie('modifiee');
    const file = join(dir, 'regles', 'etat-part-max.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^severite: .*$/m, 'severite: fatale'));
    const { cache: lookup, hits } = cache.lookup();
    const r = loadReglementation('fr', dir, { cache: lookup });
    expect(hits()).toBe(FICHIERS - 1);
    const d = r.diagnostics.find((x) => x.file.endsWith('etat-part-max.yaml'));
    expect(d?.code).toMatch(/^SCHEMA_/);
    expect(d?.line).toBeGreaterThan(0);
  });

  it('locates a later diagnostic in a file taken from the cache (parsed only then)', () => {
    const dir = copie('parametre-retire');
    rmSync(join(dir, 'parametres', 'etat_part_max.yaml'));
    const { cache: lookup, hits } = cache.lookup();
    const r = loadReglementation('fr', dir, { cache: lookup });
    expect(hits()).toBe(FICHIERS - 1);
    const d = r.diagnostics.find((x) => x.code === 'PARAMETRE_INCONNU');
    expect(d?.file).toMatch(/etat-part-max\.yaml$/);
    expect(d?.line).toBeGreaterThan(0);
    expect(d?.excerpt).toContain('etat_part_max');
  });

  it('is ignored when made by another parser or against another schema, damaged or missing', () => {
    const json = JSON.parse(readFileSync(cache.path, 'utf8')) as {
      yaml: string;
      schemas: Record<string, string>;
    };
    const dir = copie('autres');
    const essai = (content: string): number => {
      const path = join(tmp, `essai-${String(Math.random()).slice(2)}.json`);
      writeFileSync(path, content);
      let hits = 0;
      const inner = reglementationCache(path);
      loadReglementation('fr', dir, {
        cache: (b, s) => {
          const data = inner(b, s);
          if (data !== undefined) hits++;
          return data;
        },
      });
      return hits;
    };
    expect(essai(JSON.stringify({ ...json, yaml: '0.0.1' }))).toBe(0);
    expect(
      essai(JSON.stringify({ ...json, schemas: { ...json.schemas, 'regle.schema.json': 'x' } })),
    ).toBe(PARAMETRES); // the rules' schema changed: only the parameters are taken from it
    expect(essai('{"format":1,')).toBe(0);
    expect(
      reglementationCache(join(tmp, 'absent.json'))(new Uint8Array(), 'regle.schema.json'),
    ).toBe(undefined);
  });

  it('the cache written by `npm run build` is the shipped regulation', () => {
    const builtFile = join(
      import.meta.dirname,
      '../../dist/reglementation/reglementation-cache.json',
    );
    expect(existsSync(builtFile), 'npm run build writes it').toBe(true);
    expect(JSON.parse(readFileSync(builtFile, 'utf8'))).toEqual(
      JSON.parse(readFileSync(cache.path, 'utf8')),
    );
  });
});
