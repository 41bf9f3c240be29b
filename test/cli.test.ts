import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { repoRoot, runCli } from './helpers.js';

interface JsonOutput {
  ok: boolean;
  diagnostics: Diagnostic[];
}

/** A private copy of the bundled example tree, to edit freely. */
function exampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-cli-'));
  cpSync(join(repoRoot, 'rules', 'conventions'), join(dir, 'conventions'), { recursive: true });
  return dir;
}

describe('convflux check', () => {
  it('finds the bundled example set clean (exit 0)', () => {
    const r = runCli(['check', 'rules/']);
    expect(r.stderr).toBe('');
    // Only notes: the guarantee caps of Saint-Denis (93) and Rennes (35) are checked on
    // convflux's reading, and say so.
    const heads = r.stdout.split('\n').filter((l) => /^\S+:\d+:\d+ {2}/.test(l));
    expect(heads.map((l) => `${l.split(':')[0] ?? ''} ${l.split(/ {2}/)[1] ?? ''}`)).toEqual([
      'rules/conventions/35/353017015/rennes/v1.yaml info GARANTIE_EMPRUNT_LECTURE',
      'rules/conventions/93/552046484/saint-denis/v1.yaml info GARANTIE_EMPRUNT_LECTURE',
    ]);
    expect(r.stdout.trim().split('\n').pop()).toBe('0 erreur, 0 avertissement dans 12 fichiers.'); // 10 conventions and arrêtés, 2 cotation grids
    expect(r.code).toBe(0);
  });

  it('prints { ok, diagnostics } with --json', () => {
    const r = runCli(['check', 'rules/', '--json']);
    const out = JSON.parse(r.stdout) as JsonOutput;
    expect(out.ok).toBe(true);
    expect(out.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual([
      'info GARANTIE_EMPRUNT_LECTURE',
      'info GARANTIE_EMPRUNT_LECTURE',
    ]);
  });

  it('reports every mistake at once, positioned, in French, with the article, exit 1', () => {
    const dir = exampleCopy();
    const file = join(dir, 'conventions/93/552046484/montreuil/v1.yaml');
    const text = readFileSync(file, 'utf8')
      .replace(/^ {2}part: 0\.15/m, '  part: 0.15\n  dont_agents_etat: 0.01')
      .replace(/^statut: projet/m, 'statut: projet\nstatu: projet')
      .replace(/siren: "552046484"/, 'siren: "552046485"');
    writeFileSync(file, text);
    const r = runCli(['check', 'conventions/93/552046484/montreuil/v1.yaml'], dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n').filter((l) => /^\S+:\d+:\d+ {2}/.test(l));
    const line = (key: string): number => text.split('\n').findIndex((l) => l.includes(key)) + 1;
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `^conventions/93/552046484/montreuil/v1.yaml:${line('statu: projet')}:1 {2}erreur SCHEMA_CLE_INCONNUE {2}Clé inconnue « statu »`,
          ),
        ),
        expect.stringMatching(
          new RegExp(`v1.yaml:${line('552046485')}:\\d+ {2}erreur SIREN_INVALIDE`),
        ),
        expect.stringMatching(
          new RegExp(
            `v1.yaml:${line('dont_agents_etat')}:21 {2}erreur AGENTS_ETAT_HORS_ETAT .*\\(CCH art\\. R\\. 441-5-2 I\\)$`,
          ),
        ),
      ]),
    );
    expect(r.stdout).toContain('pointeur : /flux/dont_agents_etat');
  });

  it('speaks English with --lang en', () => {
    const dir = exampleCopy();
    const file = join(dir, 'conventions/93/552046484/montreuil/v1.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(/^statut: projet/m, 'statut: brouillon'),
    );
    const r = runCli(['check', dir, '--lang', 'en', '--json']);
    const out = JSON.parse(r.stdout) as JsonOutput;
    expect(r.code).toBe(1);
    // The notes of Rennes (35) and Saint-Denis (93) on the guarantee cap reading are
    // infos, in English too.
    const notes = out.diagnostics.filter((d) => d.severity === 'info');
    expect(notes.map((d) => d.code)).toEqual([
      'GARANTIE_EMPRUNT_LECTURE',
      'GARANTIE_EMPRUNT_LECTURE',
    ]);
    for (const note of notes) expect(note.message).toContain('convflux’s reading');
    out.diagnostics = out.diagnostics.filter((d) => d.severity !== 'info');
    expect(out.diagnostics).toHaveLength(1);
    expect(out.diagnostics[0]).toMatchObject({
      code: 'SCHEMA_VALEUR_INCONNUE',
      severity: 'error',
      pointer: '/statut',
      message: 'Unknown value "brouillon". Allowed values: projet, arretee, signee.',
    });
  });

  it('gives a diagnostic for a missing path', () => {
    const r = runCli(['check', 'nulle/part', '--json']);
    const out = JSON.parse(r.stdout) as JsonOutput;
    expect(r.code).toBe(1);
    expect(out.diagnostics[0]).toMatchObject({ code: 'CHEMIN_INTROUVABLE', file: 'nulle/part' });
  });

  it('exits 2 on usage errors', () => {
    expect(runCli(['verifier']).code).toBe(2);
    expect(runCli(['check', '--lang', 'de']).code).toBe(2);
    const r = runCli(['check', '--inconnue']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Voir `convflux help check`.');
  });

  it('--strict turns warnings into failures', () => {
    const dir = exampleCopy();
    writeFileSync(join(dir, 'conventions', 'notes.yaml'), 'a: 1\n');
    const plain = runCli(['check', join(dir, 'conventions', '93'), '--strict']);
    expect(plain.code).toBe(0);
    const r = runCli(['check', join(dir, 'conventions'), '--json']);
    const out = JSON.parse(r.stdout) as JsonOutput;
    expect(out.diagnostics.map((d) => d.code)).toContain('HORS_ARBORESCENCE');
  });
});

describe('convflux seal', () => {
  it('seals a frozen version, keeps the seal through the signatures, then detects an edit', () => {
    const dir = exampleCopy();
    const rel = 'conventions/93/552046484/saint-denis/v1.yaml';
    const file = join(dir, rel);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^statut: projet/m, 'statut: arretee'));
    const unsealed = JSON.parse(runCli(['check', rel, '--json'], dir).stdout) as JsonOutput;
    expect(unsealed.ok).toBe(false);
    expect(unsealed.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code)).toEqual([
      'ARRETEE_SANS_EMPREINTE',
    ]);
    const sealed = runCli(['seal', rel], dir);
    expect(sealed.code).toBe(0);
    expect(sealed.stdout).toMatch(/scellé \(sha256:[0-9a-f]{64}\)/);
    expect(readFileSync(file, 'utf8')).toMatch(
      /^statut: arretee\nempreinte: sha256:[0-9a-f]{64}$/m,
    );
    expect(runCli(['check', rel], dir).code).toBe(0);
    // Format 2: recording the signatures and moving to « signee » keep the seal.
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace(/^statut: arretee/m, 'statut: signee')
        .replace(
          /^(empreinte: .*)$/m,
          '$1\nsignatures:\n  - { partie: bailleur, date: 2024-03-04 }\n  - { partie: reservataire, date: 2024-03-18 }',
        ),
    );
    expect(runCli(['check', rel], dir).code).toBe(0);
    // A comment is not an edit; a value is.
    writeFileSync(file, `# relu le 2 mars\n${readFileSync(file, 'utf8')}`);
    expect(runCli(['check', rel], dir).code).toBe(0);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/candidats: 3/, 'candidats: 2'));
    const edited = runCli(['check', rel], dir);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain('SIGNEE_MODIFIEE');
    // Re-sealing an edited signed version needs --force.
    expect(runCli(['seal', rel], dir).code).toBe(1);
    expect(runCli(['seal', rel, '--force'], dir).code).toBe(0);
  });

  it('refuses to seal a draft', () => {
    const r = runCli(['seal', 'rules/conventions/93/552046484/montreuil/v1.yaml', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: false,
      diagnostics: [{ code: 'SCELLEMENT_PROJET' }],
    });
  });
});
