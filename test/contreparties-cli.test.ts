/**
 * `convflux check` on the keys of issue 10's « cause of every non-État reservation », « conversion
 * of stock rights » and « RPLS identifiers »: contreparties (B2), the loan-guarantee cap and its
 * global reading (I9), substitution (B3), the état des lieux against the parc (`--parc`, I11) and
 * the format-2 RPLS id (C10). Through the real CLI, on edited copies of the bundled examples;
 * each case asserts the code, the severity and the line:column of the key it points at.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { repoRoot, runCli } from './helpers.js';

const PARC = join(repoRoot, 'test/fixtures/exemple-93/logements.csv');
const SD = 'conventions/93/552046484/saint-denis/v1.yaml';
const MONTREUIL = 'conventions/93/552046484/montreuil/v1.yaml';

function exampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-contreparties-'));
  cpSync(join(repoRoot, 'rules', 'conventions'), join(dir, 'conventions'), { recursive: true });
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string): string {
  const path = join(dir, file);
  const text = change(readFileSync(path, 'utf8'));
  writeFileSync(path, text);
  return text;
}

/** 1-based line of the first line containing `needle` (after `after`, when given). */
function lineOf(text: string, needle: string, after = ''): number {
  const lines = text.split('\n');
  const start = after ? lines.findIndex((l) => l.includes(after)) : 0;
  return lines.findIndex((l, i) => i >= start && l.includes(needle)) + 1;
}

function check(dir: string, args: string[]): { code: number; diagnostics: Diagnostic[] } {
  const r = runCli(['check', '--json', ...args], dir);
  expect(r.stderr).toBe('');
  return {
    code: r.code,
    diagnostics: (JSON.parse(r.stdout) as { diagnostics: Diagnostic[] }).diagnostics,
  };
}

const only = (ds: Diagnostic[], code: string): Diagnostic[] => ds.filter((d) => d.code === code);

/** Removes the `contreparties:` block of an example (up to the blank line that ends it). */
const sansContreparties = (t: string): string =>
  t.replace(/\n# Contreparties[^\n]*\n(#[^\n]*\n)*contreparties:\n( {2}.*\n)+\n/, '\n');

describe('contreparties (B2)', () => {
  it('warns on a draft without contreparties, at the réservataire, citing L. 441-1', () => {
    const dir = exampleCopy();
    const text = edit(dir, MONTREUIL, sansContreparties);
    expect(text).not.toContain('contreparties:');
    const { code, diagnostics } = check(dir, [MONTREUIL]);
    expect(code).toBe(0);
    const [d, ...rest] = only(diagnostics, 'CONTREPARTIES_ABSENTES');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      severity: 'warning',
      line: lineOf(text, 'reservataire:'),
      column: 1,
      pointer: '/reservataire',
    });
    expect(d?.reference?.article).toBe('CCH art. L. 441-1');
  });

  it('is an error on a format-2 text frozen for signature (arretee)', () => {
    const dir = exampleCopy();
    const text = edit(dir, MONTREUIL, (t) =>
      sansContreparties(t).replace(/^statut: projet$/m, 'statut: arretee'),
    );
    expect(text).toMatch(/^format: 2\b/m);
    expect(text).toMatch(/^statut: arretee$/m);
    expect(text).not.toContain('contreparties:');
    const { code, diagnostics } = check(dir, [MONTREUIL]);
    expect(code).toBe(1);
    expect(only(diagnostics, 'CONTREPARTIES_ABSENTES').map((d) => d.severity)).toEqual(['error']);
  });

  it('the bundled non-État examples all state their contreparties', () => {
    const { diagnostics } = check(repoRoot, ['rules/']);
    expect(only(diagnostics, 'CONTREPARTIES_ABSENTES')).toEqual([]);
  });
});

describe('loan-guarantee cap (I9)', () => {
  it('checks the guarantee-based share, points at it, and says which reading it applies', () => {
    const dir = exampleCopy();
    const text = edit(dir, SD, (t) =>
      t
        .replace('  part: 0.20 # plafond', '  part: 0.30 # plafond')
        .replace('part_garantie_emprunt: 0.20', 'part_garantie_emprunt: 0.25')
        .replace(/part: 0\.20\n(\s+indicatifs)/, 'part: 0.30\n$1'),
    );
    const { code, diagnostics } = check(dir, [SD]);
    expect(code).toBe(1);
    const line = lineOf(text, 'part_garantie_emprunt: 0.25');
    expect(only(diagnostics, 'GARANTIE_EMPRUNT_PART_FONDEE_MAX')).toMatchObject([
      { severity: 'error', line, column: 26, pointer: '/flux/part_garantie_emprunt' },
    ]);
    // The whole part (30 %) is above 20 %, but only the guarantee-based share is capped.
    expect(only(diagnostics, 'GARANTIE_EMPRUNT_PART_MAX')).toEqual([]);
    const [lecture] = only(diagnostics, 'GARANTIE_EMPRUNT_LECTURE');
    expect(lecture).toMatchObject({ severity: 'info', line });
    expect(lecture?.message).toContain('lecture retenue par convflux');
    expect(lecture?.message).toContain('« logements de chaque programme »');
  });

  it('without part_garantie_emprunt, applies the cap to the whole part and says so', () => {
    const dir = exampleCopy();
    const text = edit(dir, SD, (t) =>
      t
        .replace(/ {2}part_garantie_emprunt: .*\n/, '')
        .replace('  part: 0.20 # plafond', '  part: 0.25 # plafond')
        .replace(/part: 0\.20\n(\s+indicatifs)/, 'part: 0.25\n$1'),
    );
    const { diagnostics } = check(dir, [SD]);
    const line = lineOf(text, '  part: 0.25 # plafond');
    expect(only(diagnostics, 'GARANTIE_EMPRUNT_PART_MAX')).toMatchObject([
      { severity: 'error', line, column: 9, pointer: '/flux/part' },
    ]);
    expect(only(diagnostics, 'GARANTIE_EMPRUNT_LECTURE')[0]?.message).toContain('clé flux.part ');
  });

  it('a guarantee-based share above the part is an error', () => {
    const dir = exampleCopy();
    edit(dir, SD, (t) => t.replace('part_garantie_emprunt: 0.20', 'part_garantie_emprunt: 0.15'));
    expect(only(check(dir, [SD]).diagnostics, 'GARANTIE_PART_SUPERIEURE')).toEqual([]);
    edit(dir, SD, (t) => t.replace('  part: 0.20 # plafond', '  part: 0.10 # plafond'));
    expect(only(check(dir, [SD]).diagnostics, 'GARANTIE_PART_SUPERIEURE')).toMatchObject([
      { severity: 'error', pointer: '/flux/part_garantie_emprunt' },
    ]);
  });

  it('« globalement »: sums the guarantee-based shares of all guaranteeing collectivités per commune', () => {
    const dir = exampleCopy();
    // Plaine Commune (EPT of Saint-Denis) also guarantees the bailleur's loans, for 5 %.
    const folder = join(dir, 'conventions/93/552046484/plaine-commune');
    mkdirSync(folder);
    const pc = readFileSync(join(dir, 'conventions/93/552046484/est-ensemble/v1.yaml'), 'utf8')
      .replaceAll('est-ensemble', 'plaine-commune')
      .replace('Établissement public territorial Est Ensemble', 'EPT Plaine Commune')
      .replace('"200057875"', '"200057867"')
      .replace('garantie_emprunt: false', 'garantie_emprunt: true')
      .replace(/ {2}part: 0\.10\n/, '  part: 0.10\n  part_garantie_emprunt: 0.05\n');
    writeFileSync(join(folder, 'v1.yaml'), pc);
    const { diagnostics } = check(dir, ['conventions/']);
    const globale = only(diagnostics, 'GARANTIE_EMPRUNT_GLOBALE');
    expect(globale).toHaveLength(1);
    expect(globale[0]).toMatchObject({ severity: 'warning' });
    expect(globale[0]?.message).toContain('25');
    expect(globale[0]?.message).toContain('Saint-Denis');
    expect(globale[0]?.message).toContain('lecture retenue par convflux');
  });
});

describe('substitution of the prior stock conventions (B3)', () => {
  it('warns for each converted convention the substitution does not list, at its état des lieux line', () => {
    const dir = exampleCopy();
    const text = edit(dir, SD, (t) =>
      t.replace('    - Convention du 14 octobre 1999 (garantie d’emprunt)\n', ''),
    );
    const { code, diagnostics } = check(dir, [SD]);
    expect(code).toBe(0);
    expect(only(diagnostics, 'SUBSTITUTION_CONVENTION_ABSENTE')).toMatchObject([
      {
        severity: 'warning',
        line: lineOf(text, 'Convention du 14 octobre 1999', 'etat_des_lieux:'),
        column: 27,
        pointer: '/conversion_stock/etat_des_lieux/4/convention_origine',
      },
    ]);
  });

  it('is an error on a format-2 signed text', () => {
    const dir = exampleCopy();
    const text = edit(dir, SD, (t) =>
      t
        .replace(/\nsubstitution:\n( {2}.*\n)+/, '\n')
        .replace(/^statut: projet$/m, 'statut: arretee'),
    );
    expect(text).toMatch(/^format: 2\b/m);
    expect(text).toMatch(/^statut: arretee$/m);
    expect(text).not.toMatch(/^substitution:/m);
    const found = only(check(dir, [SD]).diagnostics, 'SUBSTITUTION_CONVENTION_ABSENTE');
    expect(found).toHaveLength(4);
    expect(new Set(found.map((d) => d.severity))).toEqual(new Set(['error']));
  });
});

describe('check --parc: the état des lieux against the parc (I11)', () => {
  it('the bundled Saint-Denis état des lieux matches the parc', () => {
    const r = runCli(['check', '--parc', PARC, 'rules/']);
    expect(r.stdout).not.toMatch(/ETAT_DES_LIEUX_/);
    expect(r.code).toBe(0);
  });

  it('a défense flat, a wrong typologie and an unknown flat are errors, positioned', () => {
    const dir = exampleCopy();
    const text = edit(dir, SD, (t) =>
      t
        .replace(
          '    - logement: 93-552046484-00031\n',
          [
            '    - logement: 93-552046484-00017',
            '      adresse: 8 rue de la République',
            '      commune: "93066"',
            '      typologie: T3',
            '      financement: PLS',
            '      convention_origine: Convention du 21 novembre 2008 (garantie d’emprunt)',
            '      fin_droits: 2035-12-31',
            '    - logement: 93-552046484-99999',
            '      adresse: 1 rue Inconnue',
            '      commune: "93066"',
            '      typologie: T3',
            '      financement: PLUS',
            '      convention_origine: Convention du 21 novembre 2008 (garantie d’emprunt)',
            '      fin_droits: 2035-12-31',
            '    - logement: 93-552046484-00031',
            '',
          ].join('\n'),
        )
        .replace(
          /(logement: 93-552046484-00019\n(?: {6}.*\n){2}) {6}typologie: T2/,
          '$1      typologie: T4',
        ),
    );
    const { code, diagnostics } = check(dir, ['--parc', PARC, SD]);
    expect(code).toBe(1);
    expect(only(diagnostics, 'ETAT_DES_LIEUX_HORS_FLUX')).toMatchObject([
      {
        severity: 'error',
        line: lineOf(text, '- logement: 93-552046484-00017'),
        column: 7,
        pointer: '/conversion_stock/etat_des_lieux/2',
      },
    ]);
    expect(only(diagnostics, 'ETAT_DES_LIEUX_HORS_FLUX')[0]?.message).toContain('defense');
    expect(only(diagnostics, 'ETAT_DES_LIEUX_LOGEMENT_INCONNU')).toMatchObject([
      {
        line: lineOf(text, '93-552046484-99999'),
        column: 17,
        pointer: '/conversion_stock/etat_des_lieux/3/logement',
      },
    ]);
    expect(only(diagnostics, 'ETAT_DES_LIEUX_ECART')).toMatchObject([
      {
        line: lineOf(text, 'typologie: T4', '00019'),
        pointer: '/conversion_stock/etat_des_lieux/1/typologie',
        params: { champ: 'typologie', valeur: 'T4', parc: 'T2' },
      },
    ]);
    // Without --parc none of this is known.
    expect(check(dir, [SD]).diagnostics.filter((d) => d.code.startsWith('ETAT_DES'))).toEqual([]);
  });

  it('format 1: rpls holds the parc id and is looked up as such', () => {
    const dir = exampleCopy();
    const text = edit(dir, SD, (t) =>
      t
        .replace(/^format: 2\b.*$/m, 'format: 1')
        .replaceAll('    - logement: 93-552046484-', '    - rpls: 93-552046484-'),
    );
    expect(text).toMatch(/^format: 1$/m);
    expect(text.match(/ {4}- rpls: 93-552046484-/g)).toHaveLength(5);
    const { code, diagnostics } = check(dir, ['--parc', PARC, SD]);
    expect(diagnostics.filter((d) => d.code.startsWith('ETAT_DES'))).toEqual([]);
    expect(code).toBe(0);
  });

  it('format 2: the 10-character RPLS id is checked without a parc and against the parc', () => {
    const dir = exampleCopy();
    const parc = join(dir, 'parc.csv');
    writeFileSync(
      parc,
      readFileSync(PARC, 'utf8')
        .replace(/^logement,/, 'logement,rpls,')
        .replace(/\n(93-552046484-(\d{5})),/g, (_, id: string, n: string) => `\n${id},93000${n},`),
    );
    const text = edit(dir, SD, (t) =>
      t
        .replace(
          '    - logement: 93-552046484-00008\n',
          '    - logement: 93-552046484-00008\n      rpls: "9300000008"\n',
        )
        .replace(
          '    - logement: 93-552046484-00019\n',
          '    - logement: 93-552046484-00019\n      rpls: "9300000099"\n',
        )
        .replace(
          '    - logement: 93-552046484-00031\n',
          '    - logement: 93-552046484-00031\n      rpls: "93-00031"\n',
        ),
    );
    expect(text).toMatch(/^format: 2\b/m);
    expect(text.match(/ {6}rpls: "/g)).toHaveLength(3);
    const sansParc = check(dir, [SD]).diagnostics;
    expect(only(sansParc, 'CONVERSION_RPLS_INVALIDE')).toMatchObject([
      { severity: 'error', line: lineOf(text, 'rpls: "93-00031"'), column: 13 },
    ]);
    const avecParc = check(dir, ['--parc', parc, SD]).diagnostics;
    expect(only(avecParc, 'ETAT_DES_LIEUX_ECART')).toMatchObject([
      { params: { logement: '93-552046484-00019', champ: 'rpls', parc: '9300000019' } },
      { params: { logement: '93-552046484-00031', champ: 'rpls', parc: '9300000031' } },
    ]);
  });

  it('a parc that cannot be read is said once, not as unknown flats', () => {
    const { code, diagnostics } = check(repoRoot, ['--parc', 'absent.csv', 'rules/']);
    expect(code).toBe(1);
    expect(diagnostics.filter((d) => d.code.startsWith('ETAT_DES'))).toEqual([]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toHaveLength(1);
  });
});
