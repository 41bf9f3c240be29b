import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogue, type CatalogueEntry } from '../../src/diagnostics/catalogue.js';

const folder = fileURLToPath(new URL('../../src/diagnostics/', import.meta.url));
const parts = readdirSync(folder)
  .filter((f) => /^catalogue-.+\.ts$/.test(f))
  .map((f) => f.replace(/\.ts$/, ''));

async function partEntries(file: string): Promise<Record<string, CatalogueEntry>> {
  const module = (await import(
    /* @vite-ignore */ pathToFileURL(`${folder}${file}.ts`).href
  )) as Record<string, unknown>;
  const found = Object.entries(module).find(([name]) => name.startsWith('catalogue'));
  if (!found) throw new Error(`${file} exports no catalogue`);
  return found[1] as Record<string, CatalogueEntry>;
}

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{([a-zA-Z_][a-zA-Z0-9_]*)%?\}/g)].map((m) => m[1] ?? '').sort();

describe('diagnostic catalogue', () => {
  it('has its parts in separate files, none of whose codes is defined twice', async () => {
    expect(parts.length).toBeGreaterThan(2);
    const owner = new Map<string, string>();
    for (const file of parts) {
      for (const [code, entry] of Object.entries(await partEntries(file))) {
        expect(owner.get(code), `${code} in ${file} and ${owner.get(code)}`).toBeUndefined();
        owner.set(code, file);
        // Not overridden by the main catalogue or by a later part.
        expect(catalogue[code], `${code} of ${file} is overridden`).toBe(entry);
      }
    }
  });

  it('gives every code a French and an English message with the same parameters', () => {
    for (const [code, entry] of Object.entries(catalogue)) {
      expect(entry.fr.trim(), code).not.toBe('');
      expect(entry.en.trim(), code).not.toBe('');
      expect(placeholders(entry.en), code).toEqual(placeholders(entry.fr));
    }
  });
});
