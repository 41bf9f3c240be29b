/** `convflux check` on cotation grids, through the real CLI process. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers.js';

interface Diag {
  code: string;
  severity: string;
  line: number;
  column: number;
  pointer: string;
  file: string;
}

function check(paths: string[], cwd = repoRoot): { code: number; diagnostics: Diag[] } {
  const r = runCli(['check', '--json', ...paths], cwd);
  const out = JSON.parse(r.stdout) as { diagnostics: Diag[] };
  return { code: r.code, diagnostics: out.diagnostics };
}

/** A temporary folder with the Strasbourg grid's place, rules/cotation/246700488/. */
function dossierGrille(): { dir: string; folder: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cotation-check-'));
  const folder = join(dir, 'rules', 'cotation', '246700488');
  mkdirSync(folder, { recursive: true });
  return { dir, folder };
}

/** `convflux cotation` of `demandes` (in `dir`) with the grid `grille` at `date`. */
function coter(dir: string, grille: string, demandes: string, date: string) {
  return runCli(['cotation', '--grille', grille, '--demandes', demandes, '--date', date], dir);
}

/** A grid with one mistake of each kind the checks know, each on a line of its own. */
const BAD = `cotation: 1
epci: { siren: '246700488', nom: Test }
version: 2
en_vigueur_le: '2025-01-01'
anciennete: { points_par_mois: 1, depuis: date_depot, refus: remise_a_zero }
combinaison: multiplicative
champs:
  situation: { type: enum, libelle: S, valeurs: { a: A, b: B, c: C } }
  taux: { type: nombre, libelle: T, min: 0, max: 100 }
  motifs: { type: enum, multiple: true, libelle: M, valeurs: { x: X, y: Y } }
groupes:
  - id: g
    libelle: G
    coefficient: 1.3
    criteres:
      - id: enum_impossible
        libelle: E
        si: { situation: { dans: [a, b], hors: [a, b] } }
      - id: plage_impossible
        libelle: P
        si: { taux: { superieur_a: 50, inferieur_a: 40 } }
      - id: coefficient_bas
        libelle: C
        coefficient: 0.5
        si: { situation: { egal: c } }
      - id: champ_inconnu
        libelle: U
        si: { revenu: { au_moins: 3 } }
      - id: exclusives
        libelle: X
        si: { situation: { dans: [a, b] } }
        valeurs:
          - { id: v1, libelle: V1, coefficient: 1.8, si: { situation: { dans: [a, b] } } }
          - { id: v2, libelle: V2, coefficient: 1.3, si: { situation: { egal: b } } }
          - { id: v3, libelle: V3, coefficient: 1, si: { motifs: { egal: x } } }
          - { id: v4, libelle: V4, coefficient: 1, si: { motifs: { egal: y } } }
      - id: hors_schema
        libelle: H
        ponderation: 2
        si: { situation: { egal: a } }
refus: { texte: R }
`;

describe('check on cotation grids', () => {
  it('passes the two shipped grids, and check rules/ reads rules/cotation/', () => {
    const grids = check(['rules/cotation/']);
    expect(grids.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(grids.code).toBe(0);
    const all = runCli(['check', 'rules/']);
    expect(all.stdout).toMatch(/dans 1[0-9] fichiers/);
  });

  it('says what tests a field that is not a number takes when a range is put on it', () => {
    const { dir, folder } = dossierGrille();
    const grille = BAD.replace(
      'si: { situation: { egal: c } }',
      'si: { situation: { au_moins: 2 } }',
    ).replace('        ponderation: 2\n', '');
    writeFileSync(join(folder, 'v2.yaml'), grille);
    for (const [lang, attendu] of [
      [
        'fr',
        'Le test « au_moins » compare des nombres : il ne s’applique pas à un champ de type enum, qui se teste avec egal, dans ou hors.',
      ],
      [
        'en',
        'The test "au_moins" compares numbers: it does not apply to a field of type enum, which is tested with egal, dans or hors.',
      ],
    ] as const) {
      const r = runCli(['check', '--json', '--lang', lang, 'rules/'], dir);
      const out = JSON.parse(r.stdout) as { diagnostics: (Diag & { message: string })[] };
      const d = out.diagnostics.filter((x) => x.code === 'COTATION_TEST_INAPPLICABLE');
      expect(d.map((x) => [x.pointer, x.message])).toEqual([
        ['/groupes/0/criteres/2/si/situation/au_moins', attendu],
      ]);
    }
  });

  it('finds every kind of mistake with its line and pointer', () => {
    const { dir, folder } = dossierGrille();
    writeFileSync(join(folder, 'v1.yaml'), BAD);
    const { code, diagnostics } = check(['rules/'], dir);
    expect(code).toBe(1);
    const lines = BAD.split('\n');
    const at = (c: string): Diag[] => diagnostics.filter((d) => d.code === c);
    const lineOf = (d: Diag | undefined): string => lines[(d?.line ?? 0) - 1] ?? '';
    // An unknown key does not hide the rest: every finding comes in the same run.
    expect(lineOf(at('SCHEMA_CLE_INCONNUE')[0])).toContain('ponderation: 2');
    const second = diagnostics;
    const find = at;
    const text = lineOf;
    expect(find('COTATION_VERSION_INCOHERENTE')).toHaveLength(1);
    const impossible = find('COTATION_CONDITION_IMPOSSIBLE');
    expect(impossible.map((d) => d.pointer)).toEqual([
      '/groupes/0/criteres/0/si/situation',
      '/groupes/0/criteres/1/si/taux',
    ]);
    expect(text(impossible[0])).toContain('hors: [a, b]');
    expect(text(impossible[1])).toContain('inferieur_a: 40');
    expect(text(find('COTATION_COEFFICIENT_HORS_BORNES')[0])).toContain('coefficient: 0.5');
    expect(find('COTATION_CHAMP_INCONNU')[0]?.pointer).toBe('/groupes/0/criteres/3/si/revenu');
    // v1 and v2 overlap (b); v3 and v4 read a multi-valued field a request may hold both of;
    // v1 against v3: nothing tells a situation from a motif, so they overlap too.
    const overlaps = find('COTATION_VALEURS_CHEVAUCHANTES').map((d) => d.pointer);
    expect(overlaps).toContain('/groupes/0/criteres/4/valeurs/1/si');
    expect(overlaps).toContain('/groupes/0/criteres/4/valeurs/3/si');
    for (const d of second) expect(d.line).toBeGreaterThan(0);
  });

  it('stops at the schema when a value has the wrong type (no check on what it cannot read)', () => {
    const { dir, folder } = dossierGrille();
    writeFileSync(
      join(folder, 'v1.yaml'),
      BAD.replace('coefficient: 1.3', 'coefficient: beaucoup'),
    );
    const { code, diagnostics } = check(['rules/'], dir);
    expect(code).toBe(1);
    const codes = new Set(diagnostics.map((d) => d.code));
    expect(codes.has('SCHEMA_CLE_INCONNUE')).toBe(true);
    expect([...codes].filter((c) => c.startsWith('COTATION_'))).toEqual([]);
  });

  it('accepts exclusive values told apart by one field (the Strasbourg mobility)', () => {
    const grid = readFileSync(join(repoRoot, 'rules/cotation/246700488/v1.yaml'), 'utf8');
    expect(grid).toContain('coefficient: 1.8');
    const { diagnostics } = check(['rules/cotation/246700488/v1.yaml']);
    expect(diagnostics.filter((d) => d.code === 'COTATION_VALEURS_CHEVAUCHANTES')).toEqual([]);
  });

  it('reads a value’s condition together with its criterion’s', () => {
    // A value applies when both hold: `dans_epci` under a criterion that asks for
    // `meme_commune` never applies (check passed it), and two values that meet only where the
    // criterion does not hold (an effort rate under 30 % when it asks for 50 % or more) do not
    // overlap (check said they did).
    const { dir, folder } = dossierGrille();
    const grid = readFileSync(join(repoRoot, 'rules/cotation/246700488/v1.yaml'), 'utf8')
      .replace(
        'si: { motifs: { dans: [mobilite_professionnelle] } }',
        'si: { motifs: { dans: [mobilite_professionnelle] }, localisation_actuelle: { hors: [dans_epci] } }',
      )
      .replace(
        '        si: { taux_effort: { superieur_a: 33 } }\n',
        [
          '        si: { taux_effort: { au_moins: 50 } }',
          '        valeurs:',
          '          - { id: fort, libelle: F, si: { une_de: [{ taux_effort: { inferieur_a: 30 } }, { occupants: { au_moins: 5 } }] } }',
          '          - { id: faible, libelle: f, si: { une_de: [{ taux_effort: { inferieur_a: 30 } }, { occupants: { au_plus: 2 } }] } }',
          '',
        ].join('\n'),
      );
    writeFileSync(join(folder, 'v1.yaml'), grid);
    const { code, diagnostics } = check(['rules/'], dir);
    expect(code).toBe(1);
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['COTATION_VALEUR_IMPOSSIBLE', '/groupes/1/criteres/1/valeurs/1/si'],
    ]);
    const line = grid.split('\n')[(diagnostics[0]?.line ?? 0) - 1] ?? '';
    expect(line).toContain('egal: dans_epci');
    expect(line.indexOf('si:') + 1).toBe(diagnostics[0]?.column);
  });

  it('warns of negative points (a malus, lawful but a sign slip is costly) and of a grid citing no legal reference', () => {
    // Both passed without a word: -20 points lowered every request meeting the criterion, and
    // the public document of a grid without references had no « Références » at all.
    const dir = mkdtempSync(join(tmpdir(), 'cotation-check-'));
    const folder = join(dir, 'rules', 'cotation', '244500468');
    mkdirSync(folder, { recursive: true });
    const shipped = readFileSync(join(repoRoot, 'rules/cotation/244500468/v1.yaml'), 'utf8');
    const malus = shipped
      .replace('        points: 20\n', '        points: -20\n')
      .replace(/^references:\n(?: {2}.*\n| {4}.*\n)*/m, '');
    expect(malus).toContain('points: -20');
    expect(malus).not.toContain('references:');
    writeFileSync(join(folder, 'v1.yaml'), malus);
    const { code, diagnostics } = check(['rules/'], dir);
    expect(code).toBe(0);
    expect(diagnostics.map((d) => [d.code, d.severity, d.pointer])).toEqual([
      ['COTATION_SANS_REFERENCES', 'warning', ''],
      ['COTATION_POINTS_NEGATIFS', 'warning', '/groupes/1/criteres/1/points'],
    ]);
    expect(malus.split('\n')[(diagnostics[1]?.line ?? 0) - 1]).toContain('points: -20');
    // An empty list is no better than none.
    writeFileSync(
      join(folder, 'v1.yaml'),
      shipped.replace(/^references:\n(?: {2}.*\n| {4}.*\n)*/m, 'references: []\n'),
    );
    expect(check(['rules/'], dir).diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['COTATION_SANS_REFERENCES', '/references'],
    ]);
    // The malus is applied as the grid states it: 10 months × 2 points − 20.
    writeFileSync(join(folder, 'v1.yaml'), malus);
    writeFileSync(
      join(dir, 'd.csv'),
      'numero_unique,date_depot,taux_effort\n0451119000001,2024-08-30,40\n',
    );
    const r = coter(dir, join(folder, 'v1.yaml'), 'd.csv', '2025-06-30');
    expect(r.code).toBe(0);
    // Subtracted as written, never « 20 + −20 » (nor « + −20 pts » in the documents).
    expect(r.stdout).toContain('0451119000001 (ligne 2) : 0 point(s) — 20 − 20 = 0');
    const doc = runCli(
      [
        'cotation',
        '--grille',
        join(folder, 'v1.yaml'),
        '--document-grille',
        '--html',
        '--out',
        'doc',
      ],
      dir,
    );
    expect(doc.code).toBe(0);
    const html = readFileSync(join(dir, 'doc', 'grille-244500468-v1.html'), 'utf8');
    expect(html).toContain('<td class="poids">− 20 pts</td>');
    expect(html).not.toContain('+ −');
    // No references: no « Références » heading over an empty list.
    expect(html).not.toContain('<h2>Références</h2>');
  });

  it('refuses a weight finer than the thousandths the scores are computed in', () => {
    // A coefficient of 1,2345 was passed, shown as 1,2345 in the JSON and the grid documents,
    // and scored as 1,235 (9 × 1,235 = 11,115); 0,0004 point was scored as 0.
    const { dir, folder } = dossierGrille();
    // The social group's 1,3 made 1,2345; the mobility's 1,3 made 1,301 (a thousandth: fine).
    const fine = readFileSync(join(repoRoot, 'rules/cotation/246700488/v1.yaml'), 'utf8')
      .replace(
        '    coefficient: 1.3\n    texte_source: CRITERES SOCIAUX',
        '    coefficient: 1.2345\n    texte_source: CRITERES SOCIAUX',
      )
      .replace(
        '            coefficient: 1.3\n            si: { localisation_actuelle: { egal: dans_epci } }',
        '            coefficient: 1.301\n            si: { localisation_actuelle: { egal: dans_epci } }',
      );
    expect(fine).toContain('coefficient: 1.2345');
    expect(fine).toContain('coefficient: 1.301');
    writeFileSync(join(folder, 'v1.yaml'), fine);
    const { code, diagnostics } = check(['rules/'], dir);
    expect(code).toBe(1);
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['COTATION_POIDS_PRECISION', '/groupes/0/coefficient'],
    ]);
    expect(fine.split('\n')[(diagnostics[0]?.line ?? 0) - 1]).toContain('coefficient: 1.2345');
    writeFileSync(
      join(dir, 'd.csv'),
      'numero_unique,date_depot,labellisation_acdi_agi\n0671119000001,2024-08-31,oui\n',
    );
    const r = coter(dir, join(folder, 'v1.yaml'), 'd.csv', '2025-06-29');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('COTATION_POIDS_PRECISION');
    expect(r.stdout).not.toContain('11,115');
    // Additive: points finer than a thousandth too.
    const folder2 = join(dir, 'rules', 'cotation', '244500468');
    mkdirSync(folder2, { recursive: true });
    const additive = readFileSync(join(repoRoot, 'rules/cotation/244500468/v1.yaml'), 'utf8');
    expect(additive).toContain('points: 20\n');
    writeFileSync(join(folder2, 'v1.yaml'), additive.replace('points: 20\n', 'points: 0.0004\n'));
    const second = check(['rules/cotation/244500468/'], dir);
    expect(second.diagnostics.map((d) => d.code)).toEqual(['COTATION_POIDS_PRECISION']);
  });

  it('reads membership and range tests together on a number field', () => {
    // `dans` on a number was « inapplicable »: a list of values and a range that no value
    // satisfies together went unnoticed as such; a list within the range is a fine condition.
    const { dir, folder } = dossierGrille();
    const grid = readFileSync(join(repoRoot, 'rules/cotation/246700488/v1.yaml'), 'utf8')
      .replace(
        '{ labellisation_acdi_agi: { egal: true } }',
        '{ occupants: { dans: [1, 2], au_moins: 3 } }',
      )
      .replace(
        '{ taux_effort: { superieur_a: 33 } }',
        '{ occupants: { dans: [2, 5], hors: [2, 5] } }',
      )
      .replace('{ reste_a_vivre: { inferieur_a: 10 } }', '{ occupants: { dans: [40] } }')
      .replace(
        '{ logement_adapte: { egal: true } }',
        '{ occupants: { dans: [1, 2, 6], superieur_a: 1.5, hors: [2] } }',
      );
    writeFileSync(join(folder, 'v1.yaml'), grid);
    const { code, diagnostics } = check(['rules/'], dir);
    expect(code).toBe(1);
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['COTATION_CONDITION_IMPOSSIBLE', '/groupes/0/criteres/0/si/occupants'],
      ['COTATION_CONDITION_IMPOSSIBLE', '/groupes/0/criteres/1/si/occupants'],
      ['COTATION_CONDITION_IMPOSSIBLE', '/groupes/0/criteres/2/si/occupants'],
    ]);
    // Scored as written: 6 occupants meet the fourth (dans 1, 2, 6; above 1,5; not 2).
    writeFileSync(
      join(dir, 'd.csv'),
      'numero_unique,date_depot,occupants\nOCC0000001,2024-01-01,6\nOCC0000002,2024-01-01,2\n',
    );
    const fixed = grid
      .replace('{ occupants: { dans: [1, 2], au_moins: 3 } }', '{ occupants: { dans: [1, 2] } }')
      .replace('{ occupants: { dans: [2, 5], hors: [2, 5] } }', '{ occupants: { hors: [2, 5] } }')
      .replace('{ occupants: { dans: [40] } }', '{ occupants: { dans: [30] } }');
    writeFileSync(join(folder, 'v1.yaml'), fixed);
    expect(check(['rules/'], dir).diagnostics).toEqual([]);
    const r = runCli(
      [
        'cotation',
        '--grille',
        join(folder, 'v1.yaml'),
        '--demandes',
        'd.csv',
        '--date',
        '2025-06-30',
        '--csv',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').slice(1)).toEqual([
      'OCC0000001,2,2024-01-01,date_depot,17,17,taux_effort|handicap,1.6,27.2,non_renseigne',
      'OCC0000002,3,2024-01-01,date_depot,17,17,acdi_agi,1.3,22.1,non_renseigne',
    ]);
  });

  it('says a computed field is a number', () => {
    // Declared as a yes/no, a difference never met `egal: true`; declared whole from a decimal
    // field, `superieur_a: 5, inferieur_a: 6` was « impossible » though 8,5 − 3 meets it.
    const { dir, folder } = dossierGrille();
    const grid = readFileSync(join(repoRoot, 'rules/cotation/246700488/v1.yaml'), 'utf8').replace(
      'champs:\n',
      [
        'champs:',
        '  ecart_oui: { type: booleen, libelle: E, calcul: { ecart_absolu: [occupants, pieces_logement_actuel] } }',
        '  effort_moins_occupants: { type: entier, libelle: F, calcul: { difference: [taux_effort, occupants] } }',
        '  occupants_moins_pieces: { type: entier, libelle: G, calcul: { difference: [occupants, pieces_logement_actuel] } }',
        '',
      ].join('\n'),
    );
    writeFileSync(join(folder, 'v1.yaml'), grid);
    const { code, diagnostics } = check(['rules/'], dir);
    expect(code).toBe(1);
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['COTATION_CALCUL_TYPE', '/champs/ecart_oui/type'],
      ['COTATION_CALCUL_TYPE', '/champs/effort_moins_occupants/type'],
    ]);
    expect(grid.split('\n')[(diagnostics[0]?.line ?? 0) - 1]).toContain('ecart_oui:');
  });

  it('finds a priority condition no request can meet', () => {
    // Each alternative contradicts the test beside it: only a criterion's was found impossible.
    const { dir, folder } = dossierGrille();
    const grid = readFileSync(join(repoRoot, 'rules/cotation/246700488/v1.yaml'), 'utf8').replace(
      '  si: { prioritaire_l441_1: { egal: true } }\n',
      '  si: { prioritaire_l441_1: { egal: true }, une_de: [{ prioritaire_l441_1: { egal: false } }, { occupants: { au_moins: 2, au_plus: 1 } }] }\n',
    );
    expect(grid).toContain('une_de: [{ prioritaire_l441_1');
    writeFileSync(join(folder, 'v1.yaml'), grid);
    const { code, diagnostics } = check(['rules/'], dir);
    expect(code).toBe(1);
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['COTATION_CONDITION_IMPOSSIBLE', '/priorite/si/une_de/1/occupants'],
    ]);
    writeFileSync(join(folder, 'v1.yaml'), grid.replace('au_moins: 2, au_plus: 1', 'au_moins: 2'));
    const second = check(['rules/'], dir);
    expect(second.diagnostics.map((d) => [d.code, d.pointer])).toEqual([]);
    writeFileSync(
      join(folder, 'v1.yaml'),
      grid.replace(
        '{ occupants: { au_moins: 2, au_plus: 1 } }',
        '{ prioritaire_l441_1: { hors: [true] } }',
      ),
    );
    const third = check(['rules/'], dir);
    expect(third.code).toBe(1);
    expect(third.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['COTATION_CRITERE_IMPOSSIBLE', '/priorite/si'],
    ]);
  });

  it('knows an absolute difference is never negative', () => {
    const { dir, folder } = dossierGrille();
    const grid = readFileSync(join(repoRoot, 'rules/cotation/246700488/v1.yaml'), 'utf8').replace(
      '{ ecart_occupation: { au_moins: 2 } }',
      '{ ecart_occupation: { inferieur_a: 0 } }',
    );
    writeFileSync(join(folder, 'v1.yaml'), grid);
    const { code, diagnostics } = check(['rules/'], dir);
    expect(code).toBe(1);
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['COTATION_CONDITION_IMPOSSIBLE', '/groupes/1/criteres/0/si/ecart_occupation'],
    ]);
  });

  it('refuses a grid field named like a name or an address', () => {
    // Declared, `nom_demandeur` was read from the requests file (a declared column is never
    // refused as personal).
    const { dir, folder } = dossierGrille();
    const grid = readFileSync(join(repoRoot, 'rules/cotation/246700488/v1.yaml'), 'utf8').replace(
      'champs:\n',
      'champs:\n  nom_demandeur: { type: enum, libelle: N, valeurs: { a: A } }\n',
    );
    writeFileSync(join(folder, 'v1.yaml'), grid);
    const { code, diagnostics } = check(['rules/'], dir);
    expect(code).toBe(1);
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['COTATION_CHAMP_PERSONNEL', '/champs/nom_demandeur'],
    ]);
    expect(grid.split('\n')[(diagnostics[0]?.line ?? 0) - 1]).toContain('nom_demandeur:');
  });

  it('refuses a grid field named like a column every request has, or a built-in field', () => {
    // Declared as a yes/no, `typologie` was read with two meanings (t1…t6 and oui/non) and
    // `date_depot` as a date and a yes/no: check passed, then every row was rejected.
    const { dir, folder } = dossierGrille();
    const grid = readFileSync(join(repoRoot, 'rules/cotation/246700488/v1.yaml'), 'utf8')
      .replace(
        'champs:\n',
        'champs:\n  typologie: { type: booleen, libelle: T }\n  date_depot: { type: booleen, libelle: D }\n' +
          '  commune_actuelle: { type: entier, libelle: C }\n',
      )
      .replace('{ labellisation_acdi_agi: { egal: true } }', '{ typologie: { egal: true } }');
    writeFileSync(join(folder, 'v1.yaml'), grid);
    const { code, diagnostics } = check(['rules/'], dir);
    expect(code).toBe(1);
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['COTATION_CHAMP_RESERVE', '/champs/typologie'],
      ['COTATION_CHAMP_RESERVE', '/champs/date_depot'],
      ['COTATION_CHAMP_RESERVE', '/champs/commune_actuelle'],
    ]);
    const lines = grid.split('\n');
    expect(lines[(diagnostics[0]?.line ?? 0) - 1]).toContain('typologie: { type: booleen');
    expect(diagnostics[0]?.column).toBe(3);
    // Scoring with it: the grid's error, no row read.
    writeFileSync(
      join(dir, 'd.csv'),
      'numero_unique,date_depot,typologie\n0671119000001,2024-08-30,t3\n',
    );
    const r = coter(dir, join(folder, 'v1.yaml'), 'd.csv', '2025-06-30');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('COTATION_CHAMP_RESERVE');
    expect(r.stdout).not.toContain('0671119000001');
  });

  it('checks a grid as a grid wherever it lives, saying where it should be', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cotation-check-'));
    const grid = readFileSync(join(repoRoot, 'rules/cotation/246700488/v1.yaml'), 'utf8');
    // Under rules/cotation/ but misnamed: it was checked as a convention (25 schema errors).
    mkdirSync(join(dir, 'rules', 'cotation', 'strasbourg'), { recursive: true });
    writeFileSync(join(dir, 'rules', 'cotation', 'strasbourg', 'grille.yaml'), grid);
    // Anywhere else, known by its `cotation:` key, with an impossible condition.
    writeFileSync(
      join(dir, 'ma-grille.yaml'),
      grid.replace(
        'taux_effort: { superieur_a: 33 }',
        'taux_effort: { superieur_a: 50, inferieur_a: 40 }',
      ),
    );
    const rules = check(['rules/'], dir);
    expect(rules.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['COTATION_HORS_ARBORESCENCE', 'warning'],
    ]);
    expect(rules.code).toBe(0);
    const ailleurs = check(['ma-grille.yaml'], dir);
    expect(ailleurs.diagnostics.map((d) => d.code)).toEqual([
      'COTATION_HORS_ARBORESCENCE',
      'COTATION_CONDITION_IMPOSSIBLE',
    ]);
    expect(ailleurs.diagnostics[1]?.pointer).toBe('/groupes/0/criteres/1/si/taux_effort');
    expect(ailleurs.code).toBe(1);
  });

  it('says an empty grid file is an empty grid, not an empty convention', () => {
    const { dir, folder } = dossierGrille();
    writeFileSync(join(folder, 'v1.yaml'), '');
    const { code, diagnostics } = check(['rules/'], dir);
    expect(code).toBe(1);
    expect(diagnostics.map((d) => d.code)).toEqual(['COTATION_FICHIER_VIDE']);
    const r = runCli(
      [
        'cotation',
        '--grille',
        'rules/cotation/246700488/v1.yaml',
        '--document-grille',
        '--out',
        'p',
      ],
      dir,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('COTATION_FICHIER_VIDE');
    expect(r.stderr).toContain('une grille de cotation est attendue');
    expect(r.stderr).not.toContain('convention');
  });

  it('says in French what the schema asks, never in the validator’s English', () => {
    // `cotation: 2`, a calcul of three fields or of two kinds were « Valeur non conforme au
    // schéma : must be equal to constant » (must NOT have more than 2 items / 1 properties).
    const { dir, folder } = dossierGrille();
    const grid = readFileSync(join(repoRoot, 'rules/cotation/246700488/v1.yaml'), 'utf8');
    const ecart = 'calcul: { ecart_absolu: [occupants, pieces_logement_actuel] }';
    expect(grid).toContain(ecart);
    writeFileSync(
      join(folder, 'v1.yaml'),
      grid
        .replace('cotation: 1\n', 'cotation: 2\n')
        .replace(ecart, 'calcul: { ecart_absolu: [occupants, pieces_logement_actuel, occupants] }'),
    );
    const r = runCli(['check', 'rules/'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('SCHEMA_VALEUR_INCONNUE  Valeur 2 inconnue. Valeurs permises : 1.');
    expect(r.stdout).toContain('Valeur non conforme au schéma : au plus 2 élément(s) attendu(s).');
    writeFileSync(
      join(folder, 'v1.yaml'),
      grid.replace(
        ecart,
        'calcul: { ecart_absolu: [occupants, pieces_logement_actuel], difference: [occupants, pieces_logement_actuel] }',
      ),
    );
    const second = runCli(['check', 'rules/'], dir);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain(
      'Valeur non conforme au schéma : au plus 1 clé(s) attendue(s).',
    );
    for (const out of [r.stdout, second.stdout]) expect(out).not.toMatch(/\bmust\b/);
  });

  it('scores with the version of the grid in force on the date, and checks the versions’ dates', () => {
    // A grid not yet in force, or replaced by a later version, scored every request without a
    // word; v2 in force before (or the same day as) v1 passed check.
    const { dir, folder } = dossierGrille();
    const v1 = readFileSync(join(repoRoot, 'rules/cotation/246700488/v1.yaml'), 'utf8');
    expect(v1).toContain("version: 1\nen_vigueur_le: '2019-01-01'\n");
    const v2 = (date: string): string =>
      v1.replace(
        "version: 1\nen_vigueur_le: '2019-01-01'\n",
        `version: 2\nen_vigueur_le: '${date}'\n`,
      );
    writeFileSync(join(folder, 'v1.yaml'), v1);
    writeFileSync(join(folder, 'v2.yaml'), v2('2025-01-01'));
    writeFileSync(
      join(dir, 'd.csv'),
      'numero_unique,date_depot,dates_refus,typologie,communes_souhaitees,commune_actuelle,logement_actuel,situation_professionnelle\n' +
        '0671119000001,2024-08-30,2025-02-28,t3,67482,67482,residence_sociale_foyer,cdd_stage_interim\n' +
        '0671117000001,2017-08-30,,t3,67482,67482,,\n',
    );
    expect(check(['rules/'], dir).code).toBe(0);
    const v1Path = join('rules', 'cotation', '246700488', 'v1.yaml');
    const v2Path = join('rules', 'cotation', '246700488', 'v2.yaml');
    // v1 on a date v2 already applies: not scored, v2 named.
    const remplacee = coter(dir, v1Path, 'd.csv', '2025-06-30');
    expect(remplacee.code).toBe(1);
    expect(remplacee.stdout).toBe('');
    expect(remplacee.stderr).toContain(
      `${v1Path}:13:16  erreur COTATION_GRILLE_REMPLACEE  La grille (version 1) est remplacée à la date de cotation (2025-06-30) par la version 2, en vigueur depuis le 2025-01-01 (${v2Path}) : aucune demande n’est cotée avec une grille qui ne s’applique plus. Cotez avec la version 2.`,
    );
    // The relevé neither.
    const releve = runCli(
      [
        'cotation',
        '--grille',
        v1Path,
        '--demandes',
        'd.csv',
        '--date',
        '2025-06-30',
        '--releve',
        '0671119000001',
        '--out',
        'rel',
      ],
      dir,
    );
    expect(releve.code).toBe(1);
    expect(releve.stderr).toContain('COTATION_GRILLE_REMPLACEE');
    expect(existsSync(join(dir, 'rel'))).toBe(false);
    // v1 the day before v2: scored (the seed's example).
    const avant = coter(dir, v1Path, 'd.csv', '2024-12-31');
    expect(avant.code).toBe(0);
    expect(avant.stdout).toContain('0671117000001 (ligne 3)');
    // v2 on a date it applies: scored; before it: not yet in force.
    expect(coter(dir, v2Path, 'd.csv', '2025-06-30').stdout).toContain(
      '0671119000001 (ligne 2) : 6,4 point(s) — 4 × (1 + 0,3 + 0,3) = 4 × 1,6 = 6,4',
    );
    const pasEncore = runCli(
      [
        'cotation',
        '--grille',
        v2Path,
        '--demandes',
        'd.csv',
        '--date',
        '2024-12-31',
        '--lang',
        'en',
      ],
      dir,
    );
    expect(pasEncore.code).toBe(1);
    expect(pasEncore.stdout).toBe('');
    expect(pasEncore.stderr).toContain(
      `${v2Path}:13:16  error COTATION_GRILLE_PAS_EN_VIGUEUR  The grid (version 2) comes into force on 2025-01-01, after the scoring date (2024-12-31): it did not apply yet, no request is scored.`,
    );
    // The versions' dates must increase: v2 the same day as v1, found whether v2 or the folder
    // is checked (v1 is read as context), at v2's en_vigueur_le.
    writeFileSync(join(folder, 'v2.yaml'), v2('2019-01-01'));
    for (const paths of [['rules/'], [v2Path]]) {
      const { code, diagnostics } = check(paths, dir);
      expect(code).toBe(1);
      expect(diagnostics.map((d) => [d.code, d.file, d.line, d.column, d.pointer])).toEqual([
        ['COTATION_VERSION_DATE_ORDRE', v2Path, 13, 16, '/en_vigueur_le'],
      ]);
    }
    // Checked alone, v1 has nothing to say.
    expect(check([v1Path], dir).code).toBe(0);
  });

  it('says what an impossible test takes away where it is: a criterion, a case of une_de, a value, the priority', () => {
    // Every such message said « le critère ne serait jamais rempli », also of a case of une_de
    // (the criterion is still met by the others), of a value and of the priority; and the
    // priority's whole condition was « la condition du critère « priorite » ».
    const { dir, folder } = dossierGrille();
    const v1 = readFileSync(join(repoRoot, 'rules/cotation/246700488/v1.yaml'), 'utf8');
    const grid = v1
      .replace(
        '- { logement_actuel: { egal: chez_parents_enfants } }',
        '- { logement_actuel: { egal: chez_parents_enfants } }\n            - { occupants: { superieur_a: 2, inferieur_a: 3 } }',
      )
      .replace(
        'coefficient: 1.8\n            si: { localisation_actuelle: { egal: hors_epci } }',
        'coefficient: 1.8\n            si: { localisation_actuelle: { egal: hors_epci }, taux_effort: { superieur_a: 1000 } }',
      )
      .replace(
        '  si: { prioritaire_l441_1: { egal: true } }\n',
        '  si: { prioritaire_l441_1: { egal: true, hors: [true] } }\n',
      );
    expect(grid).not.toBe(v1);
    writeFileSync(join(folder, 'v1.yaml'), grid);
    const r = runCli(['check', 'rules/'], dir);
    expect(r.code).toBe(1);
    const messages = r.stdout.split('\n').filter((l) => l.includes('IMPOSSIBLE'));
    expect(messages.map((l) => l.replace(/^.*IMPOSSIBLE {2}/, ''))).toEqual([
      'Aucune valeur du champ « prioritaire_l441_1 » ne satisfait tous ces tests ensemble : aucune demande ne serait prioritaire par cette condition.',
      'Aucune valeur du champ « taux_effort » (nombre de 0 à 1000) ne satisfait tous ces tests ensemble : cette valeur ne s’appliquerait jamais.',
      'Aucune valeur du champ « occupants » (nombre entier de 1 à 30) ne satisfait tous ces tests ensemble : ce cas de une_de ne serait jamais vrai, seuls les autres cas compteraient.',
    ]);
    const en = runCli(['check', 'rules/', '--lang', 'en'], dir);
    expect(en.stdout).toContain(
      'No value of the field "occupants" (whole number from 1 to 30) satisfies all these tests together: this case of une_de would never hold, only the other cases would count.',
    );
    // The priority's whole condition is named as such.
    const priorite = (uneDe: string): string =>
      v1.replace(
        '  si: { prioritaire_l441_1: { egal: true } }\n',
        `  si: { prioritaire_l441_1: { egal: true }, une_de: [${uneDe}] }\n`,
      );
    writeFileSync(
      join(folder, 'v1.yaml'),
      priorite('{ prioritaire_l441_1: { egal: false } }, { prioritaire_l441_1: { hors: [true] } }'),
    );
    expect(runCli(['check', 'rules/'], dir).stdout).toContain(
      'COTATION_CRITERE_IMPOSSIBLE  Aucune demande ne peut remplir la condition de priorité (chaque cas combine des tests incompatibles).',
    );
    // A une_de of one condition is not « vide » (it said « Valeur vide : au moins un élément est
    // attendu. » of a list of one).
    writeFileSync(join(folder, 'v1.yaml'), priorite('{ prioritaire_l441_1: { egal: false } }'));
    const un = runCli(['check', 'rules/'], dir);
    expect(un.stdout).toContain(
      'SCHEMA_INVALIDE  Valeur non conforme au schéma : au moins 2 éléments attendus, 1 donné(s).',
    );
    expect(runCli(['check', 'rules/', '--lang', 'en'], dir).stdout).toContain(
      'Value does not match the schema: at least 2 items expected, 1 given.',
    );
  });

  it('says a coefficient above 3 or not above 0 is out of convflux’s bounds, and checks the rest of the grid', () => {
    // 11 (or 0) was a schema error « Valeur 11 hors bornes : attendu un coefficient
    // multiplicateur, nombre décimal avec un point (ex. 1.3) », which named no bound and stopped
    // every other check; 3,5 was COTATION_COEFFICIENT_HORS_BORNES (1 à 3).
    const { dir, folder } = dossierGrille();
    const v1 = readFileSync(join(repoRoot, 'rules/cotation/246700488/v1.yaml'), 'utf8');
    for (const [valeur, montre] of [
      ['11', '11'],
      ['0', '0'],
      ['3.5', '3,5'],
    ] as const) {
      const grid = v1
        .replace(
          '    coefficient: 1.3\n    texte_source: CRITERES SOCIAUX',
          `    coefficient: ${valeur}\n    texte_source: CRITERES SOCIAUX`,
        )
        .replace(
          '{ ecart_occupation: { au_moins: 2 } }',
          '{ ecart_occupation: { inferieur_a: 0 } }',
        );
      writeFileSync(join(folder, 'v1.yaml'), grid);
      const r = runCli(['check', 'rules/'], dir);
      expect(r.code, valeur).toBe(1);
      expect(r.stdout, valeur).toContain(
        `erreur COTATION_COEFFICIENT_HORS_BORNES  Coefficient ${montre} hors des bornes retenues par convflux (1 à 3)`,
      );
      expect(r.stdout, valeur).toContain('COTATION_CONDITION_IMPOSSIBLE');
      expect(r.stdout, valeur).not.toContain('SCHEMA_');
    }
  });
});
