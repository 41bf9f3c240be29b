/**
 * Bad inputs of `convflux init` (the skeleton of a convention): every one is a located
 * diagnostic with exit 2, never a crash, and an existing file is never overwritten.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

interface Sortie {
  ok: boolean;
  diagnostics: { code: string; message: string }[];
}

const json = (stdout: string): Sortie => JSON.parse(stdout) as Sortie;

describe('convflux init, bad inputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-init-robuste-'));

  it('refuses an unknown type, a missing type and a malformed département (usage, exit 2)', () => {
    for (const args of [
      ['init', 'mairie'],
      ['init'],
      ['init', 'etat', '--departement', '930'],
      ['init', 'etat', 'commune'],
    ]) {
      const r = runCli([...args, '--json']);
      expect(r.code, args.join(' ')).toBe(2);
      const [d] = json(r.stdout).diagnostics;
      expect(d?.code).toBe('USAGE');
      expect(d?.message).not.toMatch(/undefined|Error/);
    }
    const r = runCli(['init', 'mairie']);
    expect(r.stderr).toContain('type de réservataire inconnu « mairie »');
    expect(r.stderr).toContain('etat, commune, epci');
  });

  it('never overwrites an existing file', () => {
    const file = join(dir, 'existant.yaml');
    writeFileSync(file, 'contenu à garder\n');
    const r = runCli(['init', 'etat', '--out', file, '--json']);
    expect(r.code).toBe(2);
    expect(json(r.stdout).diagnostics.map((d) => d.code)).toEqual(['INIT_FICHIER_EXISTANT']);
    expect(readFileSync(file, 'utf8')).toBe('contenu à garder\n');
    const en = runCli(['init', 'etat', '--out', file, '--lang', 'en']);
    expect(en.stderr).toContain('already exists');
    // A folder is not overwritten either.
    expect(runCli(['init', 'etat', '--out', dir]).code).toBe(2);
  });

  it('names the output problem when the folder does not exist', () => {
    const r = runCli(['init', 'etat', '--out', join(dir, 'absent', 'v1.yaml'), '--json']);
    expect(r.code).toBe(2);
    const [d] = json(r.stdout).diagnostics;
    expect(d?.code).toBe('SORTIE_IMPOSSIBLE');
    expect(d?.message).toContain('chemin introuvable');
  });
});
