/**
 * `convflux diff A.yaml B.yaml` through the real process (bin/convflux.js): the lines a negotiator
 * reads, derived here by reading both YAML files of the bundled État pair (v1 → v2: the weight of
 * an orientation 0.5 → 0.25, the delay after a candidate's refusal 1 mois → 15 jours, one
 * indicative objective added, the modalités written with their default values), --json, the
 * exit codes (0 no change in effect, 1 changes, 2 bad input) and bad input.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Changement } from '../src/compare/changement.js';
import { runCli } from './helpers.js';

const NBSP = '\u00a0';
const FINE = '\u202f';
const D = 'rules/conventions/93/552046484';
const V1 = `${D}/etat-93/v1.yaml`;
const V2 = `${D}/etat-93/v2.yaml`;
const AU = `à compter du 1er${NBSP}juillet${NBSP}2025`;
const tmp = (): string => mkdtempSync(join(tmpdir(), 'convflux-diff-'));

describe('convflux diff', () => {
  it('the État example v1 → v2: three changes in effect, and the modalités made explicit', () => {
    const r = runCli(['diff', V1, V2]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      `Convention 93-552046484-etat-93 : version 1 (signée, effet au 1er${NBSP}janvier${NBSP}2024) → version 2 (projet, effet au 1er${NBSP}juillet${NBSP}2025)`,
      '3 changements :',
      `  Pondération d’une orientation : 0,5 → 0,25 ${AU} (article 6)`,
      `  Délai de nouvelle désignation après refus du candidat : 1 mois → 15 jours ${AU} (article 9)`,
      `  Objectif indicatif ajouté : Logements récents hors QPV (hors QPV ; construits de 2000 à 2024), part 15${FINE}% ${AU} (article 5, annexe 1)`,
      'Sans effet (valeurs par défaut écrites ou retirées) :',
      '  Modalités d’échange et de mise en œuvre : inchangé (valeurs par défaut explicitées)',
      '',
    ]);
  });

  it('--json gives the change list, each with its pointer, values, date and articles', () => {
    const r = runCli(['diff', V1, V2, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      ok: boolean;
      meme_convention: boolean;
      nouvelle: { version: number; date_effet: string };
      changements: Changement[];
      diagnostics: unknown[];
    };
    expect(out.ok).toBe(true);
    expect(out.meme_convention).toBe(true);
    expect(out.nouvelle).toMatchObject({ version: 2, date_effet: '2025-07-01' });
    expect(out.diagnostics).toEqual([]);
    expect(
      out.changements.map((c) => [c.pointeur, c.nature, c.ancien ?? null, c.nouveau ?? null]),
    ).toEqual([
      ['/decompte/ponderation/orientation', 'modifie', 0.5, 0.25],
      ['/refus/candidat/delai', 'modifie', '1 mois', '15 jours'],
      ['/modalites', 'defaut_explicite', null, expect.objectContaining({ gestion: 'directe' })],
      [
        '/objectifs/indicatifs/3',
        'ajoute',
        null,
        {
          libelle: 'Logements récents hors QPV',
          criteres: { qpv: false, periode_construction: { debut: 2000, fin: 2024 } },
          part: 0.15,
        },
      ],
    ]);
    expect(out.changements.every((c) => c.date_effet === '2025-07-01')).toBe(true);
    expect(out.changements[0]?.parties).toEqual(['articles/decompte']);
    expect(out.changements[3]?.parties).toEqual(['articles/objectifs', 'annexes/objectifs']);
    // The numbers the avenant of this pair amends (articles 5, 6 and 9, annex 1); the modalités,
    // written with their default values, belong to article 7, which does not change.
    expect(out.changements.map((c) => c.articles ?? [])).toEqual([
      ['article 6'],
      ['article 9'],
      ['article 7'],
      ['article 5', 'annexe 1'],
    ]);
  });

  it('in English with --lang en (values as written in the file)', () => {
    const r = runCli(['diff', V1, V2, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '  Weight of an orientation: 0.5 → 0.25 from 2025-07-01 (article 6)\n',
    );
    expect(r.stdout).toContain('  Indicative objective added: Logements récents hors QPV');
    // English punctuation: no space before the colon or the semicolon (it wrote « etat-93 : » and
    // « outside QPV ; built »); the objective's label stays as written in the file.
    expect(r.stdout.split('\n')[0]).toBe(
      'Convention 93-552046484-etat-93: version 1 (signed, effective 2024-01-01) → version 2 (draft, effective 2025-07-01)',
    );
    expect(r.stdout).toContain(
      '  Indicative objective added: Logements récents hors QPV (outside QPV; built 2000 to 2024), share 15 % from 2025-07-01 (article 5, annex 1)\n',
    );
    expect(r.stdout).not.toMatch(/ [:;] /);
  });

  it('v2 → v1: the same changes the other way, the objective removed', () => {
    const r = runCli(['diff', V2, V1]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `  Objectif indicatif supprimé : Logements récents hors QPV (hors QPV ; construits de 2000 à 2024), part 15${FINE}% à compter du 1er${NBSP}janvier${NBSP}2024 (article 5, annexe 1)\n`,
    );
    expect(r.stdout).toContain(
      '  Modalités d’échange et de mise en œuvre : inchangé (valeurs par défaut, qui ne sont plus écrites)\n',
    );
  });

  it('exit 0 when nothing changes in effect: the same text, or only defaults written', () => {
    const same = runCli(['diff', V1, V1]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('\nAucun changement en effet.\n');
    // A draft of the same version (not in the layout) that only writes a default.
    const dir = tmp();
    const draft = join(dir, 'projet.yaml');
    writeFileSync(
      draft,
      readFileSync(V1, 'utf8')
        .replace(/^statut: signee$/m, 'statut: projet')
        .replace(/^empreinte:.*\n/m, '')
        .replace(/^signatures:.*\n(?:[ ]+.*\n)*/m, '')
        .replace(/^objectifs:/m, 'juridiction:\n  nature_contrat: administratif\n\nobjectifs:'),
    );
    const r = runCli(['diff', V1, draft]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Aucun changement en effet.\nSans effet');
  });

  it('two different conventions: a warning on the id (file:line:column), compared anyway', () => {
    const r = runCli(['diff', V1, `${D}/montreuil/v1.yaml`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${D}/montreuil/v1.yaml:5:5  avertissement DIFF_CONVENTIONS_DIFFERENTES`,
    );
    expect(r.stdout).toContain(`  Part du flux : 30${FINE}% → 15${FINE}%`);
  });

  it('bad input: diagnostics with file, line and column, exit 2, never a stack trace', () => {
    const dir = tmp();
    const syntax = join(dir, 'syntaxe.yaml');
    writeFileSync(syntax, 'id: x\n  bad: [\n');
    const invalid = join(dir, 'invalide.yaml');
    writeFileSync(
      invalid,
      readFileSync(V1, 'utf8')
        .replace(/^statut: signee$/m, 'statut: projet')
        .replace(/^empreinte:.*\n/m, '')
        .replace(/^signatures:.*\n(?:[ ]+.*\n)*/m, '')
        .replace(/^ {2}part: 0\.30.*$/m, '  part: trente'),
    );
    for (const [file, attendu] of [
      [syntax, `${syntax}:1:5  erreur YAML_SYNTAXE`],
      [invalid, `${invalid}:28:9  erreur SCHEMA_TYPE`],
      [join(dir, 'absent.yaml'), 'erreur CHEMIN_INTROUVABLE'],
    ] as const) {
      const r = runCli(['diff', V1, file]);
      expect(r.code, r.stdout + r.stderr).toBe(2);
      expect(r.stdout).toContain(attendu);
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    }
    const json = JSON.parse(runCli(['diff', V1, syntax, '--json']).stdout) as {
      ok: boolean;
      diagnostics: { code: string; line: number }[];
    };
    expect(json.ok).toBe(false);
    expect(json.diagnostics.map((d) => [d.code, d.line])).toEqual([['YAML_SYNTAXE', 1]]);
  });

  it('usage: two files, not a folder (exit 2)', () => {
    const one = runCli(['diff', V1]);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('diff attend deux fichiers de convention');
    const folder = runCli(['diff', `${D}/etat-93`, V1]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('pas un dossier');
  });
});
