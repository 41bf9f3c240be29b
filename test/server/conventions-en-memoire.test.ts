/**
 * The service's convention index is read from memory (`loadConventionSources`, the rows of
 * `convention_version`), the CLI's from files (`loadConventions`): the same texts under the
 * same names must give the same index and the same diagnostics (file, line, code).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConventionIndex } from '../../src/engine/convention-index.js';
import {
  loadConventions,
  loadConventionSources,
  type SourceConvention,
} from '../../src/engine/load-conventions.js';

const RACINE = join(import.meta.dirname, '..', '..');

/** The convention files under rules/conventions, named as from the repository's root. */
function sources(): SourceConvention[] {
  const dir = join(RACINE, 'rules', 'conventions');
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => join(e.parentPath, e.name))
    .map((f) => ({
      file: relative(RACINE, f).split(sep).join('/'),
      text: readFileSync(f, 'utf8'),
    }));
}

/** What the engine reads of an index, in its order. */
const vue = (index: ConventionIndex) =>
  index.entries.map((e) => ({
    id: e.id,
    bailleur: e.bailleur,
    departement: e.departement,
    reservataire: e.reservataire,
    perimetre: e.perimetre ? [...e.perimetre].sort() : undefined,
    arretes: e.arretes?.length,
    versions: e.versions.map((v) => ({ file: v.file, convention: v.convention, rules: v.rules })),
  }));

const diagnostics = (ds: readonly { code: string; file: string; line: number }[]) =>
  ds.map((d) => `${d.file}:${String(d.line)} ${d.code}`).sort();

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** The sources written as files under a temp folder, read back by the CLI's loader. */
async function depuisFichiers(s: readonly SourceConvention[]) {
  const dossier = mkdtempSync(join(tmpdir(), 'convflux-conv-memoire-'));
  temps.push(dossier);
  for (const x of s) {
    const f = join(dossier, ...x.file.split('/'));
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, x.text);
  }
  return loadConventions([join('rules', 'conventions')], { lang: 'fr', cwd: dossier });
}

describe('conventions lues en mémoire', () => {
  it('gives the index the files give (same entries, versions, order)', async () => {
    const s = sources();
    expect(s.length).toBeGreaterThan(3);
    const disque = await depuisFichiers(s);
    // Any order in: the index follows the names, as a folder walk does.
    const memoire = await loadConventionSources([...s].reverse(), { lang: 'fr' });
    expect(memoire.diagnostics).toEqual([]);
    expect(disque.diagnostics).toEqual([]);
    expect(memoire.files).toBe(disque.files);
    expect(vue(memoire.index)).toEqual(vue(disque.index));
  });

  it('reports a broken version with the file and line the files give, and leaves it out', async () => {
    const s = sources();
    const cible = s.findIndex((x) => x.text.includes('\nduree:\n'));
    const x = s[cible];
    if (!x) throw new Error('no convention with a duree block');
    const casses = s.map((y, i) =>
      i === cible
        ? { ...y, text: y.text.replace('\nduree:\n', '\nduree:\n  inconnue: 1\n') }
        : i === cible + 1
          ? { ...y, text: `${y.text}\n  : [mal formé\n` }
          : y,
    );
    const disque = await depuisFichiers(casses);
    const memoire = await loadConventionSources(casses, { lang: 'fr' });
    expect(disque.diagnostics.length).toBeGreaterThan(0);
    expect(disque.diagnostics.some((d) => d.file === x.file && d.line > 0)).toBe(true);
    expect(diagnostics(memoire.diagnostics)).toEqual(diagnostics(disque.diagnostics));
    expect(vue(memoire.index)).toEqual(vue(disque.index));
  });
});
