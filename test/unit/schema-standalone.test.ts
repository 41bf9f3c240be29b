import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ValidateFunction } from 'ajv';
import { compiledValidator, loadStandalone, schemaText } from '../../src/schema/load-schemas.js';
import { repoRoot } from '../helpers.js';

const builtDir = join(repoRoot, 'dist', 'schema', 'validators');
const schemas = readdirSync(join(repoRoot, 'schemas')).filter((f) => f.endsWith('.schema.json'));

/** Every YAML file below `dir` that parses, as data. */
function yamlData(dir: string): unknown[] {
  const out: unknown[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    try {
      // `logLevel: 'error'`: the golden cases' unknown tags are not warned about on the console.
      out.push(
        parse(readFileSync(join(entry.parentPath, entry.name), 'utf8'), { logLevel: 'error' }),
      );
    } catch {
      // broken on purpose (golden cases of the loader)
    }
  }
  return out;
}

/** Each document, then each with one top-level key removed or given a value of another type. */
function mutations(docs: unknown[]): unknown[] {
  const out = [...docs];
  for (const doc of docs) {
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) continue;
    for (const key of Object.keys(doc)) {
      out.push(Object.fromEntries(Object.entries(doc).filter(([k]) => k !== key)));
      for (const value of ['x', 42, -1, 0.5, null, [], {}, true])
        out.push({ ...(doc as Record<string, unknown>), [key]: value });
    }
  }
  return out;
}

/** CSV rows as objects of strings (what the readers hand over before typing them), 60 at most. */
function csvRows(file: string): Record<string, string>[] {
  const [header = '', ...lines] = readFileSync(join(repoRoot, file), 'utf8').trim().split('\n');
  const keys = header.split(',');
  return lines
    .slice(0, 60)
    .map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i] ?? '', v])));
}

const corpus: Record<string, unknown[]> = {
  'logement.schema.json': mutations(csvRows('test/fixtures/exemple-93/logements.csv')),
  'evenement.schema.json': mutations(csvRows('test/fixtures/exemple-93/evenements.csv')),
  'convention.schema.json': mutations([
    ...yamlData(join(repoRoot, 'rules', 'conventions')),
    ...yamlData(join(repoRoot, 'test', 'golden')),
  ]),
  'regle.schema.json': mutations(yamlData(join(repoRoot, 'rules', 'reglementation', 'regles'))),
  'parametre.schema.json': mutations(
    yamlData(join(repoRoot, 'rules', 'reglementation', 'parametres')),
  ),
  'scenario.schema.json': mutations(yamlData(join(repoRoot, 'test', 'scenarios'))),
  // The forecast files of `convflux previsionnel` (the example and the test fixture).
  'previsionnel.schema.json': mutations(
    ['exemple-93/previsionnel-2026.yaml', 'previsionnel-mini/prevision-2026.yaml'].map(
      (f) => parse(readFileSync(join(repoRoot, 'test', 'fixtures', f), 'utf8')) as unknown,
    ),
  ),
  // The cotation grids (Strasbourg's and the additive one of our making).
  'cotation.schema.json': mutations(yamlData(join(repoRoot, 'rules', 'cotation'))),
  // The example arrêté (not in rules/: it would change the État's due of the examples).
  'arrete.schema.json': mutations(
    yamlData(join(repoRoot, 'test', 'fixtures', 'derogation-93', 'arretes')),
  ),
};

function same(built: ValidateFunction, compiled: ValidateFunction, value: unknown): void {
  const a = built(value);
  const b = compiled(value);
  expect(a).toBe(b);
  expect(built.errors ?? null).toEqual(compiled.errors ?? null);
}

describe('standalone validators (written by npm run build) ≡ validators compiled now', () => {
  for (const name of schemas) {
    it(`${name}: same verdict and same errors (pointer, params, schema) on real and generated data`, () => {
      const path = join(builtDir, name.replace(/\.json$/, '.cjs'));
      expect(existsSync(path), 'npm run build writes it').toBe(true);
      // Generated from the current schema by the installed ajv (else schemaValidator ignores it).
      const built = loadStandalone(path, schemaText(name));
      expect(built, `${path} : schéma ou ajv changé depuis la compilation`).toBeDefined();
      if (!built) return;
      // A schema edited since the build: its validator is compiled, not taken from there.
      expect(loadStandalone(path, `${schemaText(name)} `)).toBeUndefined();
      const compiled = compiledValidator(name);
      expect(built.schema).toEqual(compiled.schema);
      const real = corpus[name] ?? [];
      expect(real.length, `données réelles pour ${name}`).toBeGreaterThan(50);
      for (const value of real) same(built, compiled, value);
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue(), fc.constantFrom(...real, {})), (value) => {
          same(built, compiled, value);
        }),
        { numRuns: 300, seed: 2020 },
      );
    });
  }
});
