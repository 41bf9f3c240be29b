import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attenduEn } from '../../src/schema/attendu-en.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { repoRoot, runCli } from '../helpers.js';

/** Every `x-attendu` string of a JSON schema, wherever it stands. */
function hints(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) hints(item, found);
  else if (node && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if (key === 'x-attendu' && typeof value === 'string') found.push(value);
      else hints(value, found);
    }
  return found;
}

describe('x-attendu hints of the schemas', () => {
  it('each has its English, so English messages carry no French hint', () => {
    const folder = join(repoRoot, 'schemas');
    const all = readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => hints(JSON.parse(readFileSync(join(folder, f), 'utf8'))));
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((h) => attenduEn[h] === undefined)).toEqual([]);
  });
});

describe('convflux check --lang en', () => {
  it('says what was expected in English (the schema hint translated)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-attendu-'));
    const file = join(dir, 'v1.yaml');
    writeFileSync(file, 'id: 93-552046484-x\nversion: 1\ndepartement: 93\n');
    const en = runCli(['check', file, '--lang', 'en']);
    expect(en.code).toBe(1);
    expect(en.stdout).toContain('Expected: a département code in quotes (e.g. "93", "2A", "974")');
    const fr = runCli(['check', file]);
    expect(fr.stdout).toContain('un code de département entre guillemets (ex. "93", "2A", "974")');
  });
});
