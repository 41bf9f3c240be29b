import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers.js';

const conventions = readdirSync(join(repoRoot, 'rules/conventions'), {
  recursive: true,
  encoding: 'utf8',
})
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => join(repoRoot, 'rules/conventions', f));

describe('editor completion', () => {
  it('every example convention points its yaml-language-server header at the schema', () => {
    expect(conventions.length).toBeGreaterThanOrEqual(6);
    for (const file of conventions) {
      const first = readFileSync(file, 'utf8').split('\n')[0] ?? '';
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(m, file).not.toBeNull();
      expect(resolve(dirname(file), m?.[1] ?? '')).toBe(
        join(repoRoot, 'schemas', 'convention.schema.json'),
      );
    }
  });

  it('the schemas are valid draft-07 JSON Schemas with French descriptions', () => {
    const ajv = new Ajv({ strict: false });
    for (const name of ['convention', 'regle', 'parametre', 'scenario']) {
      const schema = JSON.parse(
        readFileSync(join(repoRoot, 'schemas', `${name}.schema.json`), 'utf8'),
      ) as object;
      expect(ajv.validateSchema(schema), name).toBe(true);
    }
    const convention = JSON.parse(
      readFileSync(join(repoRoot, 'schemas/convention.schema.json'), 'utf8'),
    ) as {
      properties: Record<string, { description?: string }>;
    };
    for (const [key, prop] of Object.entries(convention.properties))
      expect(prop.description, key).toBeTruthy();
  });

  it('convflux schema prints the ready-to-paste line, relative to the file given', () => {
    const r = runCli(['schema', 'rules/conventions/93/552046484/nouvelle/v1.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(
      '# yaml-language-server: $schema=../../../../../schemas/convention.schema.json',
    );
    const absolute = runCli(['schema']);
    expect(absolute.stdout.trim()).toBe(
      `# yaml-language-server: $schema=${join(repoRoot, 'schemas', 'convention.schema.json')}`,
    );
  });
});
