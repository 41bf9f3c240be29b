/** `convflux cotation` through the real process: outputs, bad input, personal data. */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/bench/cotation-bench.js';
import { main } from '../../src/cli/main.js';
import { repoRoot, runCli } from '../helpers.js';

const STRASBOURG = 'rules/cotation/246700488/v1.yaml';
const ADDITIVE = 'rules/cotation/244500468/v1.yaml';

function file(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cotation-cli-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const cotation = (args: string[]) => runCli(['cotation', ...args]);

describe('convflux cotation', () => {
  it('writes one CSV row per request scored, the seed’s example among them', () => {
    const d = file(
      'd.csv',
      'numero_unique;date_depot;dates_refus;logement_actuel;situation_professionnelle\n' +
        '0671 1190 0000 1;30/08/2024;28/02/2025;residence_sociale_foyer;cdd_stage_interim\n' +
        '0671119000002;2025-01-01;;;\n',
    );
    const r = cotation(['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30', '--csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^numero_unique,ligne,/);
    expect(lines[1]).toBe(
      '0671119000001,2,2025-02-28,refus,4,4,logement_precaire|situation_professionnelle_precaire,1.6,6.4,non_renseigne',
    );
    expect(lines[2]).toBe('0671119000002,3,2025-01-01,date_depot,5,5,,1,5,non_renseigne');
    expect(r.stderr).toContain('2 cotée(s), 0 rejetée(s)');
  });

  it('reads a code in capitals as the grid’s (« HOTEL », « CDD_Stage_Interim », « Demolition|DECOHABITATION »)', () => {
    const entete = 'numero_unique,date_depot,logement_actuel,situation_professionnelle,motifs\n';
    const minuscules = file(
      'm.csv',
      `${entete}0671119000001,2024-08-30,hotel,cdd_stage_interim,demolition|decohabitation\n`,
    );
    const majuscules = file(
      'M.csv',
      `${entete}0671119000001,2024-08-30,HOTEL,CDD_Stage_Interim,Demolition|DECOHABITATION\n`,
    );
    const args = (d: string) => [
      '--grille',
      STRASBOURG,
      '--demandes',
      d,
      '--date',
      '2025-06-30',
      '--csv',
    ];
    const attendu = cotation(args(minuscules));
    expect(attendu.stdout).toContain(
      'logement_precaire|situation_professionnelle_precaire|decohabitation',
    );
    const r = cotation(args(majuscules));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(attendu.stdout);
    // A code that is none in any case is still refused.
    const faux = file('f.csv', `${entete}0671119000001,2024-08-30,Chateau,,\n`);
    expect(cotation(args(faux)).stderr).toContain('COTATION_VALEUR_CHAMP');
  });

  it('scores as of a past date a request refused since: the later refusal is ignored, and said so', () => {
    // Filed 2024-08-30, refused 2025-02-28 and again 2025-08-28 (after --date): it was rejected
    // (COTATION_REFUS_POSTERIEUR) though seniority already ignored that refusal.
    const d = file(
      'd.csv',
      'numero_unique,date_depot,dates_refus,logement_actuel,situation_professionnelle\n' +
        '0671119000001,2024-08-30,2025-02-28|2025-08-28,residence_sociale_foyer,cdd_stage_interim\n',
    );
    const args = ['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30'];
    const r = cotation([...args, '--explain', '0671119000001']);
    expect(r.stderr).toContain('1 cotée(s), 0 rejetée(s)');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('4 mois entiers depuis le 2025-02-28');
    expect(r.stdout).toContain('Refus postérieur à la date de cotation, non compté : 2025-08-28');
    expect(r.stdout).toContain('Cotation : 6,4 points');
    const j = cotation([...args, '--json']);
    expect(j.code).toBe(0);
    const out = JSON.parse(j.stdout) as {
      cotations: { score: number; anciennete: { refus_posterieurs?: string[] } }[];
    };
    expect(out.cotations[0]?.score).toBe(6.4);
    expect(out.cotations[0]?.anciennete.refus_posterieurs).toEqual(['2025-08-28']);
    // The relevé says it too.
    const dossier = mkdtempSync(join(tmpdir(), 'cotation-cli-'));
    const rel = cotation([...args, '--releve', '0671119000001', '--html', '--out', dossier]);
    expect(rel.code).toBe(0);
    expect(readFileSync(join(dossier, 'releve-0671119000001.html'), 'utf8')).toMatch(
      /refus du 28\s+août\s+2025, postérieur à la date de cotation, non compté/,
    );
  });

  it('scores as of a past date a request renewed since: the later renewal is ignored, and said so', () => {
    // A renewal dated after --date rejected the row (COTATION_RENOUVELLEMENT_INCOHERENT) while a
    // refusal dated after it is ignored: the renewal had not happened on that date either.
    const dir = mkdtempSync(join(tmpdir(), 'cotation-cli-'));
    const folder = join(dir, 'rules', 'cotation', '244500468');
    mkdirSync(folder, { recursive: true });
    const grille = join(folder, 'v1.yaml');
    writeFileSync(
      grille,
      readFileSync(ADDITIVE, 'utf8').replace('depuis: date_depot', 'depuis: date_renouvellement'),
    );
    const csvText =
      'numero_unique,date_depot,date_renouvellement\n' +
      '0451119000001,2024-02-29,2025-02-28\n' +
      '0451119000002,2024-02-29,2025-08-28\n' +
      '0451119000003,2024-02-29,2024-01-31\n';
    const d = file('d.csv', csvText);
    const args = ['--grille', grille, '--demandes', d, '--date', '2025-06-30'];
    const csv = cotation([...args, '--csv']);
    expect(csv.stdout).toContain('0451119000001,2,2025-02-28,date_renouvellement,4,8,');
    // Renewed after the scoring date: counted from the filing, 16 months.
    expect(csv.stdout).toContain('0451119000002,3,2024-02-29,date_depot,16,32,');
    // A renewal before the filing stays an error.
    expect(csv.stderr).toContain('COTATION_RENOUVELLEMENT_INCOHERENT');
    expect(csv.stderr).toContain(
      'renouvellement daté du 2024-01-31, antérieur au dépôt (2024-02-29)',
    );
    expect(csv.stderr).toContain('2 cotée(s), 1 rejetée(s)');
    const e = cotation([...args, '--explain', '0451119000002']);
    expect(e.stdout).toContain(
      '16 mois entiers depuis le 2024-02-29 (date de dépôt de la demande)',
    );
    expect(e.stdout).toContain(
      'Renouvellement postérieur à la date de cotation, non compté : 2025-08-28',
    );
    const j = cotation([...args, '--json', '--explain', '0451119000002']);
    const out = JSON.parse(j.stdout) as {
      cotations: { anciennete: { renouvellement_posterieur?: string; motif: string } }[];
    };
    expect(out.cotations[0]?.anciennete).toMatchObject({
      motif: 'date_depot',
      renouvellement_posterieur: '2025-08-28',
    });
    const bons = file('b.csv', csvText.split('\n').slice(0, 3).join('\n') + '\n');
    const rel = cotation([
      ...['--grille', grille, '--demandes', bons, '--date', '2025-06-30'],
      ...['--releve', '0451119000002', '--html', '--out', dir],
    ]);
    expect(rel.code, rel.stderr).toBe(0);
    expect(readFileSync(join(dir, 'releve-0451119000002.html'), 'utf8')).toMatch(
      /renouvellement du 28\s+août\s+2025, postérieur à la date de cotation, non compté/,
    );
    // A grid counting from the filing: the renewal changes nothing, the row is scored.
    const s = cotation([
      '--grille',
      STRASBOURG,
      '--demandes',
      file(
        's.csv',
        'numero_unique,date_depot,date_renouvellement\n0671119000001,2024-08-30,2025-08-30\n',
      ),
      '--date',
      '2025-06-30',
      '--json',
    ]);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).not.toContain('renouvellement_posterieur');
  });

  it('reads a null in an NDJSON list as no value, as an empty cell', () => {
    // [« 2025-02-28 », null] was rejected: « dates_refus » vaut un texte de 4 caractères (« null »).
    const d = file(
      'd.ndjson',
      JSON.stringify({
        numero_unique: '0671119000001',
        date_depot: '2024-08-30',
        dates_refus: ['2025-02-28', null],
        communes_souhaitees: ['67482', null],
        logement_actuel: 'residence_sociale_foyer',
        situation_professionnelle: 'cdd_stage_interim',
        motifs: [null, 'decohabitation'],
      }) + '\n',
    );
    const r = cotation(['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30', '--csv']);
    expect(r.stderr).toContain('1 cotée(s), 0 rejetée(s)');
    expect(r.stdout).toContain('0671119000001,1,2025-02-28,refus,4,4,');
  });

  it('reads a numéro in lower case as the same request, written in capitals as the SNE does', () => {
    // « 02a1119000001 » and « 02A1119000001 » were two requests, both scored.
    const d = file(
      'd.csv',
      'numero_unique,date_depot,typologie,communes_souhaitees\n' +
        '02A1119000001,2024-08-30,t3,2A004\n' +
        '02a1119000001,2024-08-30,t3,2A004\n' +
        'bon 0000003,2024-08-30,t3,2A004\n',
    );
    const args = ['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30'];
    const r = cotation([...args, '--csv']);
    expect(r.code).toBe(1);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
    ).toEqual(['02A1119000001', 'BON0000003']);
    expect(r.stderr).toContain('COTATION_NUMERO_DOUBLE');
    expect(r.stderr).toContain('Demande 02A1119000001 déjà lue ligne 2');
    const e = cotation([...args, '--explain', 'bon0000003']);
    expect(e.stdout).toContain('Demande BON0000003 (ligne 4)');
    const a = cotation([...args, '--explain', '02a1119000001']);
    expect(a.stderr).toContain('COTATION_NUMERO_AMBIGU');
  });

  it('adds points with an additive grid, and reads NDJSON', () => {
    const d = file(
      'd.ndjson',
      JSON.stringify({
        numero_unique: 'ORL0000001',
        date_depot: '2024-06-30',
        logement_actuel: 'sans_abri',
        dalo: true,
        prioritaire_l441_1: true,
        occupants: 5,
        pieces_logement_actuel: 2,
      }) + '\n',
    );
    const r = cotation([
      '--grille',
      ADDITIVE,
      '--demandes',
      d,
      '--date',
      '2025-06-30',
      '--explain',
      'ORL0000001',
    ]);
    expect(r.code).toBe(0);
    // 12 months × 2 points = 24; + 200 (DALO) + 100 (prioritaire) + 60 (sans abri) + 30 (sur-occupation).
    expect(r.stdout).toContain('24 + 200 + 100 + 60 + 30 = 414');
    expect(r.stdout).toContain('Demande prioritaire : oui');
    // Each criterion's points after their figure, signed as the formula adds them (it said
    // « points 200 », the unit before the figure as for a coefficient).
    expect(r.stdout).toContain(
      '  - Publics prioritaires › Reconnu prioritaire et urgent (DALO) : + 200 points\n',
    );
    expect(r.stdout).toContain(
      '  - Situation de logement › Sans logement ou hébergé — Sans abri : + 60 points\n',
    );
    expect(r.stdout).not.toMatch(/: points \d/);
    const en = cotation([
      '--grille',
      ADDITIVE,
      '--demandes',
      d,
      '--date',
      '2025-06-30',
      '--explain',
      'ORL0000001',
      '--lang',
      'en',
    ]);
    expect(en.stdout).toContain(
      '  - Publics prioritaires › Reconnu prioritaire et urgent (DALO): + 200 points\n',
    );
  });

  it('rejects bad rows with their line and reason, and scores the others (exit 1)', () => {
    const d = file(
      'd.csv',
      'numero_unique,date_depot,date_renouvellement,dates_refus,logement_actuel,inconnue\n' +
        'BON0000001,2024-01-01,,,squat,x\n' +
        'DATE000001,2024-02-30,,,,\n' +
        'REFUS000001,2024-05-01,,2024-04-01,,\n' +
        'FUTUR000001,2025-07-01,,,,\n' +
        'ENUM000001,2024-01-01,,,chateau,\n' +
        'RENOUV0000001,2024-01-01,2023-01-01,,,\n' +
        ',2024-01-01,,,,\n',
    );
    const r = cotation(['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      cotations: { numero_unique: string }[];
      rejets: { code: string; line: number; column: number }[];
      diagnostics: { code: string; severity: string }[];
      entrees: { lignes: number; cotees: number; rejetees: number };
    };
    expect(out.cotations.map((c) => c.numero_unique)).toEqual(['BON0000001']);
    // FUTUR000001, filed after --date, is left out (not rejected): see the next test.
    expect(out.entrees).toMatchObject({ lignes: 7, cotees: 1, rejetees: 5, posterieures: 1 });
    expect(out.rejets.map((x) => [x.code, x.line])).toEqual([
      ['COTATION_DATE_INVALIDE', 3],
      ['COTATION_REFUS_AVANT_DEPOT', 4],
      ['COTATION_VALEUR_CHAMP', 6],
      ['COTATION_RENOUVELLEMENT_INCOHERENT', 7],
      ['COTATION_NUMERO_INVALIDE', 8],
    ]);
    for (const x of out.rejets) expect(x.column).toBeGreaterThan(0);
    expect(out.diagnostics.map((x) => x.code)).toEqual([
      'TABLE_COLONNE_INCONNUE',
      'COTATION_DEMANDES_POSTERIEURES',
    ]);
  });

  it('leaves out a request filed after --date (it did not exist then): counted and noted, not scored, ranked nor an error (exit 0)', () => {
    // Scoring 30 June 2025 on a later extract: requests filed in July… did not exist that day
    // (they were rejected as COTATION_DEPOT_POSTERIEUR and the run « failed », exit 1).
    const lignes = ['numero_unique,date_depot,date_renouvellement,dates_refus,typologie'];
    lignes.push('0671119000001,2024-08-30,,2025-02-28,t3');
    for (let k = 2; k <= 8; k++) lignes.push(`067111900000${String(k)},2025-07-0${String(k)},,,t3`);
    // Still impossible: a refusal before its (later) dépôt.
    lignes.push('0671119000009,2025-09-01,,2025-08-01,t3');
    const d = file('d.csv', `${lignes.join('\n')}\n`);
    const args = ['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30'];
    const j = cotation([...args, '--json']);
    expect(j.code).toBe(1);
    const out = JSON.parse(j.stdout) as {
      cotations: { numero_unique: string }[];
      rejets: { code: string; line: number }[];
      diagnostics: { code: string; severity: string; line: number; params: object }[];
      entrees: object;
    };
    expect(out.cotations.map((c) => c.numero_unique)).toEqual(['0671119000001']);
    expect(out.entrees).toEqual({
      lignes: 9,
      cotees: 1,
      rejetees: 1,
      posterieures: 7,
      non_lues: 0,
    });
    expect(out.rejets.map((x) => [x.code, x.line])).toEqual([['COTATION_REFUS_AVANT_DEPOT', 10]]);
    expect(out.diagnostics).toMatchObject([
      {
        code: 'COTATION_DEMANDES_POSTERIEURES',
        severity: 'info',
        line: 3,
        params: { nombre: 7, date: '2025-06-30', lignes: '3, 4, 5, 6, 7, …' },
      },
    ]);
    // Without the impossible row: exit 0, the note and the count on stderr.
    const ok = file('ok.csv', `${lignes.slice(0, -1).join('\n')}\n`);
    const t = cotation(['--grille', STRASBOURG, '--demandes', ok, '--date', '2025-06-30']);
    expect(t.code).toBe(0);
    expect(t.stdout.trim().split('\n')).toHaveLength(1);
    expect(t.stderr).toContain(
      '7 demande(s) déposée(s) après la date de cotation (2025-06-30), ni cotée(s) ni classée(s) : elles n’existaient pas à cette date (ligne(s) 3, 4, 5, 6, 7, …).',
    );
    expect(t.stderr).toContain(
      'Demandes : 8 ligne(s), 1 cotée(s), 0 rejetée(s), 7 déposée(s) après la date de cotation.',
    );
    // Explaining one of them says why it has no cotation.
    const e = cotation([
      '--grille',
      STRASBOURG,
      '--demandes',
      ok,
      '--date',
      '2025-06-30',
      '--explain',
      '0671119000004',
    ]);
    expect(e.code).toBe(1);
    expect(e.stderr).toContain(
      'La demande 0671119000004 (ligne 5) est déposée le 2025-07-04, après la date de cotation (2025-06-30) : elle n’existait pas à cette date, elle n’est ni cotée ni classée.',
    );
    // Its numéro is read all the same: given again, the file contradicts itself.
    const double = file(
      'dd.csv',
      `${lignes[0] ?? ''}\n0671119000002,2025-07-02,,,t3\n0671119000002,2024-07-02,,,t3\n`,
    );
    const dd = cotation([
      '--grille',
      STRASBOURG,
      '--demandes',
      double,
      '--date',
      '2025-06-30',
      '--json',
    ]);
    expect(dd.code).toBe(1);
    expect(
      (JSON.parse(dd.stdout) as { rejets: { code: string }[] }).rejets.map((x) => x.code),
    ).toEqual(['COTATION_NUMERO_DOUBLE']);
  });

  it('reads JJ/MM/AAAA dates through the one reader of evaluate and the imports: a month-first file is refused, never misread; an undecided date is ambiguous', () => {
    const entete = 'numero_unique,date_depot,dates_refus,typologie,communes_souhaitees\n';
    const args = (d: string) => ['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30'];
    // 08/30/2024 can only be 30 August: the file writes its dates month first, so 03/04/2024 is
    // March 4 — it was read day first, 3 April, and scored (15 months instead of 14).
    const us = file(
      'us.csv',
      `${entete}0671119000001,08/30/2024,02/28/2025,t3,67482\n0671119000002,03/04/2024,,t3,67482\n0671119000003,2024-03-04,,t3,67482\n`,
    );
    const u = cotation([...args(us), '--json']);
    expect(u.code).toBe(1);
    const out = JSON.parse(u.stdout) as {
      cotations: { numero_unique: string }[];
      rejets: { code: string; line: number; pointer: string; message: string }[];
    };
    expect(out.cotations.map((c) => c.numero_unique)).toEqual(['0671119000003']);
    expect(out.rejets.map((x) => [x.code, x.line, x.pointer])).toEqual([
      ['COTATION_DATE_MOIS_JOUR', 2, '/date_depot'],
      ['COTATION_DATE_MOIS_JOUR', 2, '/dates_refus'],
      ['COTATION_DATE_MOIS_JOUR', 3, '/date_depot'],
    ]);
    expect(out.rejets[2]?.message).toBe(
      'Demande 0671119000002 : « date_depot » vaut 03/04/2024, une date écrite mois d’abord : une date du fichier a un deuxième nombre supérieur à 12, ses dates écrites avec des « / » sont donc au format américain MM/JJ/AAAA, que convflux ne lit pas ; écrivez-les AAAA-MM-JJ (ou JJ/MM/AAAA).',
    );
    // Day first, told by a later row (30/08) and within a list of refusals (28/02): the rows
    // waiting are read in the file's order (the first of a numéro given twice is scored), and
    // a note says how the dates were read.
    const fr = file(
      'fr.csv',
      `${entete}0671119000002,03/04/2024,,t3,67482\n0671119000001,30/08/2024,01/02/2025|28/02/2025,t3,67482\n0671119000002,2024-01-01,,t3,67482\n0671119000009,31/02/2025,,t3,67482\n0671119000010,05/01/2025,,t3,67482\n`,
    );
    const f = cotation([...args(fr), '--json']);
    const lu = JSON.parse(f.stdout) as {
      cotations: { numero_unique: string; ligne: number; anciennete: { depuis: string } }[];
      rejets: { code: string; line: number; message: string }[];
      diagnostics: { code: string; params: object }[];
    };
    expect(lu.cotations.map((c) => [c.numero_unique, c.ligne, c.anciennete.depuis])).toEqual([
      ['0671119000002', 2, '2024-04-03'],
      ['0671119000001', 3, '2025-02-28'],
      ['0671119000010', 6, '2025-01-05'],
    ]);
    // A slashed date of a day-first file that is no date is quoted as written.
    expect(lu.rejets.map((x) => [x.code, x.line])).toEqual([
      ['COTATION_NUMERO_DOUBLE', 4],
      ['COTATION_DATE_INVALIDE', 5],
    ]);
    expect(lu.rejets[1]?.message).toContain(
      '« date_depot » vaut 31/02/2025, qui n’est pas une date',
    );
    // Five dates in four rows: the note counts dates (it said « ligne(s) »).
    expect(lu.diagnostics).toMatchObject([
      {
        code: 'TABLE_DATES_JJ_MM_AAAA',
        message: expect.stringContaining('(5 date(s))') as string,
      },
    ]);
    // Nothing tells: 03/04/2024 is 3 April or March 4, rejected as evaluate rejects it.
    const amb = file(
      'amb.csv',
      `${entete}0671119000004,03/04/2024,,t3,67482\n0671119000005,2024-01-01,,t3,67482\n`,
    );
    const a = cotation(args(amb));
    expect(a.code).toBe(1);
    expect(a.stdout).toContain('0671119000005 (ligne 3)');
    expect(a.stdout).not.toContain('0671119000004');
    expect(a.stderr).toContain(
      'amb.csv:2:15  erreur LIGNE_DATE_AMBIGUE  Date "03/04/2024" ambiguë dans « date_depot »',
    );
    // The attributions' dates alike: a month-first file is refused with the reason.
    const d = file('d.csv', `${entete}0671119000001,30/08/2024,28/02/2025,t3,67482\n`);
    const attr = file(
      'attr.csv',
      'typologie,commune,date_depot,date_attribution\nt3,67482,01/15/2024,03/04/2025\n',
    );
    const out2 = mkdtempSync(join(tmpdir(), 'cotation-releve-'));
    const r = cotation([
      ...args(d),
      '--releve',
      '0671119000001',
      '--attributions',
      attr,
      '--out',
      out2,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('COTATION_ATTRIBUTION_INVALIDE');
    expect(r.stderr).toContain('au format américain MM/JJ/AAAA');
  });

  it('rejects a date of an implausible year (0000, before 1900) like an impossible date, in requests and attributions', () => {
    // 0000-01-01 is in the calendar: it was scored with 2 000 years of seniority.
    const d = file(
      'd.csv',
      'numero_unique,date_depot,dates_refus,typologie,communes_souhaitees\n' +
        'BON0000002,2024-01-01,,t3,67482\n' +
        'ZERO000001,0000-01-01,,t3,67482\n' +
        'VIEUX000001,31/12/1899,,t3,67482\n' +
        'REFUS000002,2024-01-01,0001-05-01,t3,67482\n',
    );
    const r = cotation(['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      cotations: { numero_unique: string }[];
      rejets: { code: string; line: number; message: string }[];
    };
    expect(out.cotations.map((c) => c.numero_unique)).toEqual(['BON0000002']);
    expect(out.rejets.map((x) => [x.code, x.line])).toEqual([
      ['COTATION_DATE_INVALIDE', 3],
      ['COTATION_DATE_INVALIDE', 4],
      ['COTATION_DATE_INVALIDE', 5],
    ]);
    expect(out.rejets[0]?.message).toContain('0000-01-01');
    expect(out.rejets[0]?.message).toContain('année de 1900 à 2199');
    const a = file(
      'a.csv',
      'typologie,commune,date_depot,date_attribution\nt3,67482,0000-01-01,2025-01-01\nt3,67482,2024-01-01,2025-01-01\n',
    );
    const dossier = mkdtempSync(join(tmpdir(), 'cotation-cli-'));
    const rel = cotation([
      '--grille',
      STRASBOURG,
      '--demandes',
      d,
      '--date',
      '2025-06-30',
      '--releve',
      'BON0000002',
      '--attributions',
      a,
      '--html',
      '--out',
      dossier,
    ]);
    expect(rel.code).toBe(1);
    expect((rel.stdout + rel.stderr).match(/COTATION_ATTRIBUTION_INVALIDE/g)).toHaveLength(1);
    expect(rel.stdout + rel.stderr).toContain('0000-01-01');
  });

  it('ranks and times a request with those of its current commune: an arrondissement or a former code is its commune', () => {
    // 75111 and 75112 (arrondissements of Paris) and 75056 were three kinds, each request first
    // of its own; 01340 (merged into 01015, Arboys en Bugey) another kind than 01015.
    const d = file(
      'd.csv',
      'numero_unique,date_depot,typologie,communes_souhaitees\n' +
        'PARIS000001,2024-01-01,t3,75111\n' +
        'PARIS000002,2024-02-01,t3,75056\n' +
        'PARIS000003,2024-03-01,t3,75112\n' +
        'ARBOY000001,2024-03-01,t3,01340\n' +
        'ARBOY000002,2024-02-01,t3,01015\n',
    );
    const a = file(
      'a.csv',
      'typologie,commune,date_depot,date_attribution\nt3,75056,2023-01-01,2025-01-01\n',
    );
    const releve = (numero: string): string => {
      const dossier = mkdtempSync(join(tmpdir(), 'cotation-cli-'));
      const r = cotation([
        '--grille',
        STRASBOURG,
        '--demandes',
        d,
        '--date',
        '2025-06-30',
        '--releve',
        numero,
        '--attributions',
        a,
        '--html',
        '--out',
        dossier,
      ]);
      expect(r.code).toBe(0);
      return readFileSync(join(dossier, `releve-${numero}.html`), 'utf8');
    };
    const paris = releve('PARIS000003');
    expect(paris).toMatch(/3e<\/sup> sur 3 demandes|3e sur 3 demandes/);
    expect(paris).toContain('75112'); // the code as written
    expect(paris).toContain('24\u00a0mois (1 attribution');
    expect(releve('ARBOY000001')).toMatch(/2e<\/sup> sur 2 demandes|2e sur 2 demandes/);
  });

  it('lists every score with its formula in text mode (it printed only the counts)', () => {
    const d = file(
      'd.csv',
      'numero_unique;date_depot;dates_refus;logement_actuel;situation_professionnelle;prioritaire_l441_1\n' +
        '0671119000001;30/08/2024;28/02/2025;residence_sociale_foyer;cdd_stage_interim;non\n' +
        '0671119000002;2025-01-01;;;;oui\n',
    );
    const r = cotation(['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      '0671119000001 (ligne 2) : 6,4 point(s) — 4 × (1 + 0,3 + 0,3) = 4 × 1,6 = 6,4',
      '0671119000002 (ligne 3) : 5 point(s) — 5 × 1 = 5 — prioritaire',
    ]);
    expect(r.stderr).toContain('2 cotée(s), 0 rejetée(s)');
  });

  it('says a priority the file does not give « non renseigné », not « non »: no column, an empty cell, an NDJSON row without the key or with null', async () => {
    // A file without prioritaire_l441_1 said nothing of the priority: « Non » was made up.
    const sans = file('sans.csv', 'numero_unique,date_depot\n0671119000001,2024-08-30\n');
    const args = (d: string, ...more: string[]) => [
      '--grille',
      STRASBOURG,
      '--demandes',
      d,
      '--date',
      '2025-06-30',
      ...more,
    ];
    const explain = cotation(args(sans, '--explain', '0671119000001'));
    expect(explain.code, explain.stderr).toBe(0);
    expect(explain.stdout).toContain(
      'Demande prioritaire : non renseigné (le fichier des demandes ne donne pas prioritaire_l441_1, que lit la règle de priorité de la grille, pour cette demande : pas de colonne ou une cellule vide)',
    );
    expect(cotation(args(sans, '--explain', '0671119000001', '--lang', 'en')).stdout).toContain(
      'Priority request: not given (the requests file gives no prioritaire_l441_1, which the grid’s priority rule reads, for this request: no column or an empty cell)',
    );
    expect(cotation(args(sans, '--csv')).stdout).toMatch(/,10,non_renseigne\n$/);
    const json = JSON.parse(cotation(args(sans, '--json')).stdout) as {
      cotations: { prioritaire: boolean | null }[];
    };
    expect(json.cotations.map((c) => c.prioritaire)).toEqual([null]);
    // The column given: « non », « oui » as it says; an empty cell (or one of spaces) says nothing
    // of that request: « non renseigné » as without the column (it said « non »).
    const priorites = (d: string): (string | undefined)[] =>
      cotation(args(d, '--csv'))
        .stdout.trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',').at(-1));
    const avec = file(
      'avec.csv',
      'numero_unique,date_depot,prioritaire_l441_1\n' +
        'A000000001,2024-08-30,non\nA000000002,2024-08-30,\nA000000003,2024-08-30,oui\n' +
        'A000000004,2024-08-30,  \n',
    );
    expect(priorites(avec)).toEqual(['non', 'non_renseigne', 'oui', 'non_renseigne']);
    expect(cotation(args(avec, '--explain', 'A000000001')).stdout).toContain(
      'Demande prioritaire : non\n',
    );
    expect(cotation(args(avec, '--explain', 'A000000002')).stdout).toContain(
      'Demande prioritaire : non renseigné (le fichier des demandes ne donne pas prioritaire_l441_1',
    );
    const avecJson = JSON.parse(cotation(args(avec, '--json')).stdout) as {
      cotations: { prioritaire: boolean | null }[];
    };
    expect(avecJson.cotations.map((c) => c.prioritaire)).toEqual([false, null, true, null]);
    // The same with dates JJ/MM/AAAA: the first rows wait for the file's order (DatesEnOrdre), which
    // hands them on without their empty cells; each row is told by its own cell (an empty first
    // cell made every request « non renseigné » once, commit ccd22a2).
    const jjMm = file(
      'avec-jj-mm.csv',
      'numero_unique,date_depot,prioritaire_l441_1\n' +
        'B000000001,03/04/2024,\nB000000002,30/08/2024,non\nB000000003,05/09/2024,oui\n',
    );
    expect(priorites(jjMm)).toEqual(['non_renseigne', 'non', 'oui']);
    // NDJSON: each row says it or not (no key, null or "" says nothing).
    const nd = file(
      'd.ndjson',
      '{"numero_unique":"N000000001","date_depot":"2024-08-30"}\n' +
        '{"numero_unique":"N000000002","date_depot":"2024-08-30","prioritaire_l441_1":false}\n' +
        '{"numero_unique":"N000000003","date_depot":"2024-08-30","prioritaire_l441_1":null}\n' +
        '{"numero_unique":"N000000004","date_depot":"2024-08-30","prioritaire_l441_1":""}\n',
    );
    expect(priorites(nd)).toEqual(['non_renseigne', 'non', 'non_renseigne', 'non_renseigne']);
    // A workbook: an empty cell (none written, or an empty text) as in CSV.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Demandes');
    ws.addRow(['numero_unique', 'date_depot', 'prioritaire_l441_1']);
    ws.addRow(['X000000001', '2024-08-30', 'non']);
    ws.addRow(['X000000002', '2024-08-30']);
    ws.addRow(['X000000003', '2024-08-30', '']);
    ws.addRow(['X000000004', '2024-08-30', 'oui']);
    const x = file('d.xlsx', '');
    await wb.xlsx.writeFile(x);
    expect(priorites(x)).toEqual(['non', 'non_renseigne', 'non_renseigne', 'oui']);
  });

  it('gives --explain N as N’s CSV row with --csv (no French text under a CSV header)', () => {
    const d = file(
      'd.csv',
      'numero_unique;date_depot;dates_refus;logement_actuel;situation_professionnelle\n' +
        '0671119000002;2025-01-01;;;\n' +
        '0671119000001;30/08/2024;28/02/2025;residence_sociale_foyer;cdd_stage_interim\n',
    );
    const r = cotation([
      '--grille',
      STRASBOURG,
      '--demandes',
      d,
      '--date',
      '2025-06-30',
      '--csv',
      '--explain',
      '0671119000001',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'numero_unique,ligne,anciennete_depuis,anciennete_motif,mois,points_anciennete,criteres,facteur,score,prioritaire',
      '0671119000001,3,2025-02-28,refus,4,4,logement_precaire|situation_professionnelle_precaire,1.6,6.4,non_renseigne',
    ]);
  });

  it('explains in English with English punctuation (--lang en)', () => {
    const d = file(
      'd.csv',
      'numero_unique,date_depot,labellisation_acdi_agi\n0671119000001,2023-06-01,oui\n0671119000002,2024-01-29,\n',
    );
    const r = runCli([
      '--lang',
      'en',
      'cotation',
      '--grille',
      STRASBOURG,
      '--demandes',
      d,
      '--date',
      '2024-02-29',
      '--explain',
      '0671119000001',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Computation (multiplicative): 8 × (1 + 0.3) = 8 × 1.3 = 10.4');
    // A criterion met was listed « ACDI/AGI : coefficient 1.3 », French spacing in English.
    expect(r.stdout).toContain('  - Critères sociaux › ACDI/AGI: coefficient 1.3');
    expect(r.stdout).not.toMatch(/ :/);
    // One point is « 1 point » (it printed « Score: 1 points », and « Cotation : 1 points »).
    const un = (lang: string) =>
      runCli([
        '--lang',
        lang,
        'cotation',
        '--grille',
        STRASBOURG,
        '--demandes',
        d,
        '--date',
        '2024-02-29',
        '--explain',
        '0671119000002',
      ]).stdout;
    expect(un('en')).toContain('Score: 1 point\n');
    // « Written : releve-….html » in English: the relevé's path too.
    const releve = runCli([
      '--lang',
      'en',
      'cotation',
      '--grille',
      STRASBOURG,
      '--demandes',
      d,
      '--date',
      '2024-02-29',
      '--releve',
      '0671119000002',
      '--html',
      '--out',
      join(d, '..', 'en'),
    ]);
    expect(releve.code).toBe(0);
    expect(releve.stdout).toMatch(/^Written: .*releve-0671119000002\.html$/m);
    expect(un('fr')).toContain('Cotation : 1 point\n');
  });

  it('says where it wrote the relevé and the grid document as the other commands do: relative to the current folder', () => {
    // « Écrit : /tmp/…/rel/releve-….pdf » for --out rel: the absolute path, unlike render or bilan.
    const dir = mkdtempSync(join(tmpdir(), 'cotation-ecrit-'));
    writeFileSync(join(dir, 'd.csv'), 'numero_unique,date_depot\n0671119000001,2024-08-30\n');
    const grille = join(repoRoot, STRASBOURG);
    const releve = runCli(
      [
        'cotation',
        ...['--grille', grille, '--demandes', 'd.csv', '--date', '2025-06-30'],
        ...['--releve', '0671119000001', '--html', '--out', 'rel'],
      ],
      dir,
    );
    expect(releve.code, releve.stderr).toBe(0);
    expect(releve.stdout).toBe('Écrit : rel/releve-0671119000001.html\n');
    const doc = runCli(
      ['cotation', '--grille', grille, '--document-grille', '--html', '--out', './doc', '--json'],
      dir,
    );
    expect(doc.code, doc.stderr).toBe(0);
    expect((JSON.parse(doc.stdout) as { document: { fichier: string } }).document.fichier).toBe(
      'doc/grille-246700488-v1.html',
    );
  });

  it('names the column a misspelt header was probably meant to be (ignored, it leaves its criteria unmet)', () => {
    // « taux_efort » was « Colonne inconnue …, ignorée » among 17 expected columns: the request
    // was scored 10 instead of 13, exit 0, with nothing pointing at the slip.
    const d = file(
      'd.csv',
      'numero_unique,date_depot,taux_efort,Logement_Actuelle,couleur\n0671119000001,2024-08-30,40,hotel,bleu\n',
    );
    const r = cotation(['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'd.csv:1:26  avertissement COTATION_COLONNE_PROCHE  Colonne inconnue « taux_efort », ignorée : vouliez-vous « taux_effort » ? Une demande sans « taux_effort » ne remplit aucun des critères de la grille qui le lisent.',
    );
    expect(r.stderr).toContain(
      'COTATION_COLONNE_PROCHE  Colonne inconnue « Logement_Actuelle », ignorée : vouliez-vous « logement_actuel » ?',
    );
    // Nothing near: the unknown column as before.
    expect(r.stderr).toContain('TABLE_COLONNE_INCONNUE  Colonne inconnue « couleur »');
    const en = cotation([
      '--grille',
      STRASBOURG,
      '--demandes',
      d,
      '--date',
      '2025-06-30',
      '--lang',
      'en',
    ]);
    expect(en.stderr).toContain(
      'Unknown column "taux_efort", ignored: did you mean "taux_effort"?',
    );
  });

  it('reads a cell of spaces as an empty cell: no criterion met, not a 0 nor a bad code', () => {
    // « reste_a_vivre » of spaces was read as 0 € and met « inférieur à 10 € » (× 1,3); pieces of
    // spaces was 0 (an écart of 4 with 4 occupants); an enum or yes/no of spaces was rejected.
    const d = file(
      'd.csv',
      'numero_unique,date_depot,reste_a_vivre,occupants,pieces_logement_actuel,logement_actuel,logement_adapte,typologie\n' +
        'VIDE000001,2024-01-01, ,4,  ,   , , \n' +
        'VIDE000002,2024-01-01,"  ",,,,,\n',
    );
    const r = cotation(['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30', '--csv']);
    expect(r.stderr).toContain('2 cotée(s), 0 rejetée(s)');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').slice(1)).toEqual([
      'VIDE000001,2,2024-01-01,date_depot,17,17,,1,17,non_renseigne',
      'VIDE000002,3,2024-01-01,date_depot,17,17,,1,17,non_renseigne',
    ]);
  });

  it('reads figures as written: decimal comma or point, not hexadecimal, binary or octal', () => {
    // Number() read « 0x2F » as 47 (> 33: the taux d'effort criterion met), « 0b111111 » as 63.
    const d = file(
      'd.csv',
      'numero_unique;date_depot;taux_effort\n' +
        'TAUX000001;2024-01-01;33,5\n' +
        'TAUX000002;2024-01-01;0x2F\n' +
        'TAUX000003;2024-01-01;0b111111\n' +
        'TAUX000004;2024-01-01;0O77\n' +
        'TAUX000005;2024-01-01;0.5\n',
    );
    const r = cotation(['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      cotations: { numero_unique: string; score: number }[];
      rejets: { code: string; line: number }[];
    };
    expect(out.cotations.map((c) => [c.numero_unique, c.score])).toEqual([
      ['TAUX000001', 22.1],
      ['TAUX000005', 17],
    ]);
    expect(out.rejets.map((x) => [x.code, x.line])).toEqual([
      ['COTATION_VALEUR_CHAMP', 3],
      ['COTATION_VALEUR_CHAMP', 4],
      ['COTATION_VALEUR_CHAMP', 5],
    ]);
  });

  it('rejects a numéro unique read twice, quoting both lines; the first row stays scored', () => {
    const d = file(
      'd.csv',
      'numero_unique,date_depot\n' +
        'DOUBLE0000001,2024-01-01\n' +
        'AUTRE000001,2024-01-01\n' +
        'DOUBLE 0000001,2023-01-01\n' +
        'DOUBLE0000001,2022-01-01\n',
    );
    const r = cotation(['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30', '--csv']);
    expect(r.code).toBe(1);
    const rows = r.stdout.trim().split('\n').slice(1);
    expect(rows.map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'DOUBLE0000001,2,2024-01-01',
      'AUTRE000001,3,2024-01-01',
    ]);
    expect(r.stderr).toMatch(/d\.csv:4:1 .*COTATION_NUMERO_DOUBLE/);
    expect(r.stderr).toContain('Demande DOUBLE0000001 déjà lue ligne 2');
    expect(r.stderr).toMatch(/d\.csv:5:1 .*COTATION_NUMERO_DOUBLE/);
    expect(r.stderr).toContain('4 ligne(s), 2 cotée(s), 2 rejetée(s)');
    // No relevé for a numéro the file gives twice: which row is the request is unknown.
    const releve = cotation([
      '--grille',
      STRASBOURG,
      '--demandes',
      d,
      '--date',
      '2025-06-30',
      '--releve',
      'DOUBLE0000001',
      '--out',
      join(d, '..', 'out'),
      '--html',
    ]);
    expect(releve.code).toBe(1);
    expect(releve.stdout).not.toContain('releve-DOUBLE0000001');
    expect(releve.stderr).toContain('COTATION_NUMERO_DOUBLE');
  });

  it('says why --explain N has nothing to explain: N unknown, N’s row rejected, N given twice (even after a rejected row)', () => {
    const d = file(
      'd.csv',
      'numero_unique,date_depot,dates_refus\n' +
        'A000000001,2024-08-30,\n' +
        'B000000002,2024-08-30,2024-07-01\n' + // refused before its filing
        'C000000003,2024-08-30,\n' +
        'C000000003,2024-01-30,\n' +
        'D000000004,2024-02-30,\n' +
        'D000000004,2024-01-30,\n',
    );
    const explain = (n: string, ...more: string[]) =>
      cotation([
        '--grille',
        STRASBOURG,
        '--demandes',
        d,
        '--date',
        '2025-06-30',
        '--explain',
        n,
        ...more,
      ]);
    const premiere = (r: { stderr: string }) => r.stderr.split('\n')[0] ?? '';
    const inconnu = explain('ZZZ0000009');
    expect(inconnu.code).toBe(1);
    expect(premiere(inconnu)).toContain('COTATION_NUMERO_ABSENT');
    // It said « Aucune demande B000000002 parmi les demandes cotées », as for an unknown numéro.
    const rejete = explain('B000000002');
    expect(rejete.code).toBe(1);
    expect(premiere(rejete)).toContain('La demande B000000002 (ligne 3) est rejetée');
    // It explained line 4 as if it were the request, while --releve refused the numéro.
    for (const [n, lignes] of [
      ['C000000003', '4, 5'],
      ['D 000000004', '6, 7'],
    ] as const) {
      const r = explain(n);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(premiere(r)).toContain(`est donnée plusieurs fois (lignes ${lignes})`);
      const j = JSON.parse(explain(n, '--json').stdout) as { cotations: unknown[] };
      expect(j.cotations).toEqual([]);
      expect(explain(n, '--csv').stdout.trim().split('\n')).toHaveLength(1);
    }
    // Line 7 was scored alone: its numéro's row 6 was rejected (30 February), so not « read ».
    const tout = cotation(['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30']);
    expect(tout.stdout).not.toContain('D000000004');
    expect(tout.stderr).toMatch(/d\.csv:7:1 .*COTATION_NUMERO_DOUBLE .*déjà lue ligne 6/);
  });

  it('never scores a numéro unique that lost its leading zero (an Excel or JSON number): the row is rejected', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Demandes');
    ws.addRow(['numero_unique', 'date_depot', 'communes_souhaitees']);
    ws.addRow([671119000001, '2024-08-30', 67482]); // typed as a number: 0 lost
    ws.addRow([671119000002, '2024-08-30', '67482']).getCell(1).numFmt = '0000000000000';
    ws.addRow(['0671119000003', '2024-08-30', '67482']);
    ws.addRow([671119000004, '2024-08-30', '67482']).getCell(1).numFmt = '@';
    const x = file('d.xlsx', '');
    await wb.xlsx.writeFile(x);
    const r = cotation(['--grille', STRASBOURG, '--demandes', x, '--date', '2025-06-30', '--csv']);
    expect(r.code).toBe(1);
    // Shown 0671119000002 by its zero-padded format: the numéro as Excel shows it.
    expect(
      r.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
    ).toEqual(['0671119000002', '0671119000003']);
    expect(r.stdout).not.toMatch(/^671119/m);
    expect(r.stderr).toMatch(
      /d\.xlsx:2:1 .*TABLE_CELLULE_NOMBRE .*« numero_unique » est un nombre Excel/,
    );
    expect(r.stderr).toMatch(/d\.xlsx:5:1 .*TABLE_CELLULE_NOMBRE/);
    expect(r.stderr).toContain('4 ligne(s), 2 cotée(s), 2 rejetée(s)');

    const n = file(
      'd.ndjson',
      '{"numero_unique":671119000001,"date_depot":"2024-08-30"}\n' +
        '{"numero_unique":"0671119000002","date_depot":"2024-08-30"}\n',
    );
    const j = cotation(['--grille', STRASBOURG, '--demandes', n, '--date', '2025-06-30', '--csv']);
    expect(j.code).toBe(1);
    expect(j.stdout).not.toMatch(/^671119/m);
    expect(j.stdout).toContain('0671119000002,2,');
    expect(j.stderr).toMatch(/d\.ndjson:1:\d+ .*COTATION_NUMERO_NOMBRE/);
  });

  it('reads a workbook whose header is below a title row (an SNE extract): the rows above are ignored, and said so', async () => {
    // « Liste des demandes au 30/06/2025 », a blank row, then the header: the title was taken for
    // the header, the file refused for missing columns and the title quoted in the message.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Demandes');
    ws.addRow(['Liste des demandes au 30/06/2025']);
    ws.addRow([]);
    ws.addRow(['numero_unique', 'date_depot', 'logement_actuel']);
    ws.addRow(['0671119000001', '2024-08-30', 'hotel']);
    ws.addRow(['0671119000002', '2025-01-01', '']);
    const x = file('d.xlsx', '');
    await wb.xlsx.writeFile(x);
    const r = cotation(['--grille', STRASBOURG, '--demandes', x, '--date', '2025-06-30', '--csv']);
    expect(r.code, r.stderr).toBe(0);
    // Line numbers stay the sheet's: the requests are on rows 4 and 5.
    expect(
      r.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',').slice(0, 2).join(',')),
    ).toEqual(['0671119000001,4', '0671119000002,5']);
    expect(r.stderr).toMatch(
      /TABLE_EN_TETE_DECALE .*En-tête lu ligne 3 .*les 2 ligne\(s\) au-dessus de l’en-tête sont ignorées/,
    );
    expect(r.stderr).toContain('2 cotée(s), 0 rejetée(s)');
    expect(r.stderr).not.toContain('Liste des demandes');

    // No header among the rows below the title: refused, the title told by its length only.
    const sans = new ExcelJS.Workbook();
    const feuille = sans.addWorksheet('Demandes');
    feuille.addRow(['Liste des demandes au 30/06/2025']);
    feuille.addRow(['numero', 'depot']);
    feuille.addRow(['0671119000001', '2024-08-30']);
    const y = file('d.xlsx', '');
    await sans.xlsx.writeFile(y);
    const refus = cotation(['--grille', STRASBOURG, '--demandes', y, '--date', '2025-06-30']);
    expect(refus.code).not.toBe(0);
    expect(refus.stderr).toMatch(
      /d\.xlsx:1:1 .*TABLE_CELLULE_TITRE .*Cellule de 32 caractère\(s\)/,
    );
    expect(refus.stderr).toContain('TABLE_COLONNE_MANQUANTE');
    expect(refus.stderr).not.toContain('Liste des demandes');
  });

  it('reads a percentage cell of a workbook as Excel shows it: 35 % is 35, not 0.35', async () => {
    // A taux d'effort typed « 35 % » is the number 0.35 under a percent format: it was read 0.35,
    // so « taux d'effort supérieur à 33 » was not met and the score silently lower.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Demandes');
    ws.addRow(['numero_unique', 'date_depot', 'taux_effort', 'reste_a_vivre']);
    ws.addRow(['0671119000001', '2024-08-30', 0.35, 5]).getCell(3).numFmt = '0%';
    ws.addRow(['0671119000002', '2024-08-30', 0.3312, 20]).getCell(3).numFmt = '0.00 %';
    // A literal « % » between quotes is no percent format: 32 is 32.
    ws.addRow(['0671119000003', '2024-08-30', 32, 20]).getCell(3).numFmt = '0" %"';
    ws.addRow(['0671119000004', '2024-08-30', 0.2, 20]);
    const x = file('d.xlsx', '');
    await wb.xlsx.writeFile(x);
    const r = cotation(['--grille', STRASBOURG, '--demandes', x, '--date', '2025-06-30', '--csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) =>
          l
            .split(',')
            .slice(0, 7)
            .join(',')
            .replace(/^.*,date_depot,10,10,/, ''),
        ),
    ).toEqual(['taux_effort|reste_a_vivre', 'taux_effort', '', '']);
  });

  it('reads a percentage or grouped thousands in a CSV as a spreadsheet writes them', () => {
    // A workbook's « 35 % » saved as CSV is « 35 % » or « 35% », its « 1 234,50 » keeps its
    // spaces: each row was rejected (« taux_effort » vaut une valeur invalide).
    const d = file(
      'd.csv',
      'numero_unique;date_depot;taux_effort;reste_a_vivre\n' +
        '0671119000001;2024-08-30;35 %;1 234,50\n' +
        '0671119000002;2024-08-30;33,5%;-1\u00a0234\n' +
        '0671119000003;2024-08-30;32\u202f%;5\n' +
        '0671119000004;2024-08-30;35 %%;1 23\n',
    );
    const r = cotation(['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30', '--csv']);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) =>
          l
            .split(',')
            .slice(0, 7)
            .join(',')
            .replace(/,2024-08-30,date_depot,10,10,/, ' '),
        ),
    ).toEqual([
      '0671119000001,2 taux_effort',
      '0671119000002,3 taux_effort|reste_a_vivre',
      '0671119000003,4 reste_a_vivre',
    ]);
    // Anything else stays a value to correct.
    expect(r.stderr).toMatch(/d\.csv:5:\d+ .*« taux_effort » vaut une valeur invalide/);
    expect(r.stderr).toMatch(/d\.csv:5:\d+ .*« reste_a_vivre » vaut une valeur invalide/);
  });

  it('reads a commune typed as a number in a workbook (1053) with its leading zero, and names the slip in a CSV', async () => {
    // 01053 (Bourg-en-Bresse) typed as a number is 1053: the row was rejected as an unknown commune.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Demandes');
    ws.addRow([
      'numero_unique',
      'date_depot',
      'typologie',
      'communes_souhaitees',
      'commune_actuelle',
    ]);
    ws.addRow(['0011119000001', '2024-08-30', 't3', 1053, 1053]);
    ws.addRow(['0011119000002', '2024-08-30', 't3', 123, '']);
    const x = file('d.xlsx', '');
    await wb.xlsx.writeFile(x);
    const args = ['--date', '2025-06-30', '--json'];
    const r = cotation(['--grille', STRASBOURG, '--demandes', x, ...args]);
    const out = JSON.parse(r.stdout) as {
      cotations: { numero_unique: string; commune?: string }[];
      rejets: { code: string; line: number; message: string }[];
    };
    expect(out.cotations.map((c) => [c.numero_unique, c.commune])).toEqual([
      ['0011119000001', '01053'],
    ]);
    // Only four digits are read so: 123 is no commune's.
    expect(out.rejets.map((d) => [d.code, d.line])).toEqual([['COTATION_COMMUNE_INCONNUE', 3]]);
    const n = file(
      'd.ndjson',
      '{"numero_unique":"0011119000001","date_depot":"2024-08-30","communes_souhaitees":[1053],"commune_actuelle":1053}\n',
    );
    const j = cotation(['--grille', STRASBOURG, '--demandes', n, ...args]);
    expect(j.code).toBe(0);
    expect(
      (JSON.parse(j.stdout) as { cotations: { commune: string }[] }).cotations[0]?.commune,
    ).toBe('01053');
    // In a CSV, 1053 is text: rejected, the reading proposed, never taken silently.
    const c = file(
      'd.csv',
      'numero_unique,date_depot,communes_souhaitees,commune_actuelle\n0011119000001,2024-08-30,1053,\n',
    );
    const t = cotation(['--grille', STRASBOURG, '--demandes', c, '--date', '2025-06-30']);
    expect(t.code).toBe(1);
    expect(t.stderr).toContain(
      'COTATION_COMMUNE_SANS_ZERO  Demande 0011119000001 : « communes_souhaitees » vaut 1053, qui n’est pas un code commune INSEE : écrit comme un nombre : 1053, vouliez-vous 01053 ?',
    );
  });

  it('prints no relevé when the attributions file has errors (exit 1)', () => {
    const d = file('d.csv', 'numero_unique,date_depot\nA000000001,2024-01-01\n');
    const r = cotation([
      '--grille',
      STRASBOURG,
      '--demandes',
      d,
      '--date',
      '2025-06-30',
      '--attributions',
      d,
      '--releve',
      'A000000001',
      '--out',
      join(d, '..', 'out'),
      '--html',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/d\.csv:1 .*TABLE_COLONNE_MANQUANTE/);
    expect(r.stdout).not.toContain('releve-A000000001');
    // A bad row says it stops the relevé (it said « Attribution ignorée », while no relevé was
    // printed), and an attribution before its filing says so with the filing's date.
    const a = file(
      'a.csv',
      'typologie,commune,date_depot,date_attribution\nt3,67482,2025-01-10,2024-07-01\n',
    );
    const mauvaise = cotation([
      '--grille',
      STRASBOURG,
      '--demandes',
      d,
      '--date',
      '2025-06-30',
      '--attributions',
      a,
      '--releve',
      'A000000001',
      '--out',
      join(d, '..', 'out'),
    ]);
    expect(mauvaise.code).toBe(1);
    expect(mauvaise.stdout).toBe('');
    expect(mauvaise.stderr).toContain(
      'a.csv:2:21  erreur COTATION_ATTRIBUTION_INVALIDE  Attribution invalide : « date_attribution » vaut 2024-07-01 ; attendu : une date d’attribution au plus tôt celle du dépôt (2025-01-10) : une demande n’est pas attribuée avant d’être déposée. Aucun relevé n’est imprimé : le délai d’attente moyen serait faux.',
    );
  });

  it('finds numéros read twice among 12 000 requests (the table grows past its first size)', () => {
    const numero = (i: number) => `N${String(i).padStart(9, '0')}`;
    const rows = Array.from({ length: 12_000 }, (_, i) => `${numero(i)},2024-01-01`);
    rows.push(
      `${numero(0)},2024-01-01`,
      `${numero(9_999)},2024-01-01`,
      `${numero(12_000)},2024-01-01`,
    );
    const d = file('d.csv', `numero_unique,date_depot\n${rows.join('\n')}\n`);
    // CSV: 12 000 explained cotations in JSON pass the test runner's 1 MB pipe buffer.
    const r = cotation(['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30', '--csv']);
    expect(r.code).toBe(1);
    const doubles = r.stderr.split('\n').filter((l) => l.includes('COTATION_NUMERO_DOUBLE'));
    expect(doubles).toHaveLength(2);
    expect(doubles[0]).toMatch(/d\.csv:12002:1 .*Demande N000000000 déjà lue ligne 2 /);
    expect(doubles[1]).toMatch(/d\.csv:12003:1 .*Demande N000009999 déjà lue ligne 10001 /);
    expect(r.stderr).toContain('12003 ligne(s), 12001 cotée(s), 2 rejetée(s)');
  });

  it('refuses, as usage mistakes, options given without the relevé they serve', () => {
    // --attributions without --releve, and --explain with it, were ignored without a word.
    const d = file('d.csv', 'numero_unique,date_depot\nA000000001,2024-01-01\n');
    const a = file('a.csv', 'typologie,commune,date_depot,date_attribution\n');
    const base = ['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30'];
    const sans = cotation([...base, '--attributions', a]);
    expect(sans.code).toBe(2);
    expect(sans.stderr).toContain('--attributions ne sert qu’au relevé');
    expect(sans.stdout).toBe('');
    const out = mkdtempSync(join(tmpdir(), 'cotation-cli-'));
    const avec = cotation([
      ...base,
      '--releve',
      'A000000001',
      '--explain',
      'A000000001',
      '--out',
      out,
    ]);
    expect(avec.code).toBe(2);
    expect(avec.stderr).toContain('--explain et --releve s’excluent');
    // The grid document reads the grid only: scoring options given with it were ignored.
    const doc = cotation([
      '--grille',
      STRASBOURG,
      '--document-grille',
      '--out',
      out,
      '--date',
      '2025-06-30',
      '--csv',
    ]);
    expect(doc.code).toBe(2);
    expect(doc.stderr).toContain('ne lit que la grille : retirez --date, --csv');
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses a grid with errors, and usage mistakes (exit 2)', () => {
    const g = file('v1.yaml', 'cotation: 1\nepci: { siren: "246700488" }\n');
    const d = file('d.csv', 'numero_unique,date_depot\nA000000001,2024-01-01\n');
    const bad = cotation(['--grille', g, '--demandes', d, '--date', '2025-06-30']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('SCHEMA_CLE_MANQUANTE');
    expect(cotation(['--grille', STRASBOURG, '--demandes', d]).code).toBe(2);
    expect(cotation(['--grille', STRASBOURG, '--demandes', d, '--date', '2025-02-30']).code).toBe(
      2,
    );
    const absent = cotation([
      '--grille',
      STRASBOURG,
      '--demandes',
      d,
      '--date',
      '2025-06-30',
      '--explain',
      'ZZZ9999999',
    ]);
    expect(absent.code).toBe(1);
    expect(absent.stderr).toContain('COTATION_NUMERO_ABSENT');
  });
});

describe('convflux cotation --json on a large file', () => {
  it('prints, piece by piece, exactly the JSON text of every cotation (no whole string)', async () => {
    // 4 000 requests of the bench's generator: about 3 million characters of JSON, written in
    // pieces of about a million; 736 000 make 817 MB, more than a string may hold (that run
    // ended in ERREUR_INTERNE « Invalid string length » before).
    const dir = mkdtempSync(join(tmpdir(), 'cotation-json-'));
    const d = join(dir, 'demandes.csv');
    await generate(d, 4000);
    const args = ['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30', '--json'];
    const r = runCli(['cotation', ...args], undefined, 64 << 20);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(3 * (1 << 20));
    const sortie = JSON.parse(r.stdout) as { entrees: { cotees: number }; cotations: unknown[] };
    expect(sortie.entrees.cotees).toBe(4000);
    expect(sortie.cotations).toHaveLength(4000);
    expect(r.stdout).toBe(`${JSON.stringify(sortie, null, 2)}\n`);

    // The same command in-process, its writes counted: pieces of about a million characters.
    const ecrits: string[] = [];
    const io = {
      out: (t: string) => ecrits.push(t),
      err: () => undefined,
      isTTY: false,
      cwd: repoRoot,
    };
    expect(await main(['cotation', ...args], io)).toBe(0);
    expect(ecrits.length).toBeGreaterThan(2);
    expect(Math.max(...ecrits.map((t) => t.length))).toBeLessThan(1.1 * (1 << 20));
    expect(`${ecrits.join('\n')}\n`).toBe(r.stdout);
  });
});

describe('personal data never reaches the output, logs or errors', () => {
  const NOM = 'Dupont-Sentinelle';
  const RUE = '12 rue des Sentinelles';
  it('refuses name and address columns without reading them', () => {
    const d = file(
      'd.csv',
      `numero_unique,Nom,Prénom,Adresse,date_depot,logement_actuel\nNOM0000001,${NOM},Jeanne,"${RUE}",2024-01-01,squat\n`,
    );
    for (const mode of [[], ['--json'], ['--csv'], ['--explain', 'NOM0000001']]) {
      const r = cotation([
        '--grille',
        STRASBOURG,
        '--demandes',
        d,
        '--date',
        '2025-06-30',
        ...mode,
      ]);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain('COTATION_COLONNE_PERSONNELLE');
      expect(r.stdout + r.stderr).not.toContain('Sentinelle');
      expect(r.stdout + r.stderr).not.toContain('Jeanne');
    }
  });
  it('refuses name and address columns under other headers (English, word inside)', () => {
    const refusees = [
      'name',
      'Last Name',
      'first_name',
      'address',
      'phone',
      'date_of_birth',
      'demandeur_nom',
      'Nom de famille',
      'lieu_naissance',
      'date_naiss',
      'adresse2',
      'patronyme',
      // Contact details and the rest of an address were warned of and ignored, their cells read.
      'telephone_portable',
      'Téléphone 2',
      'num_tel',
      'email_demandeur',
      'Courriel du demandeur',
      'code_postal',
      'numero_allocataire',
      'Mobile',
      'IBAN',
    ];
    for (const colonne of refusees) {
      const d = file(
        'd.csv',
        `numero_unique,date_depot,${colonne}\nNOM0000006,2024-01-01,${NOM}\n`,
      );
      const r = cotation([
        '--grille',
        STRASBOURG,
        '--demandes',
        d,
        '--date',
        '2025-06-30',
        '--csv',
      ]);
      expect(r.stderr, colonne).toContain('COTATION_COLONNE_PERSONNELLE');
      expect(r.code, colonne).toBe(1);
      expect(r.stdout + r.stderr).not.toContain('Sentinelle');
    }
    // Words that only contain « nom »: a grid field, not a name.
    const d = file(
      'd.csv',
      'numero_unique,date_depot,nombre_enfants,economie,hotel,telemetrie\nNOM0000007,2024-01-01,2,3,4,5\n',
    );
    const r = cotation(['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30', '--csv']);
    expect(r.stderr).not.toContain('COTATION_COLONNE_PERSONNELLE');
    expect(r.code).toBe(0);
  });

  it('never quotes a misplaced name, in CSV or NDJSON', () => {
    const csv = file(
      'd.csv',
      `numero_unique,date_depot,logement_actuel,situation_professionnelle\nNOM0000002,2024-01-01,${NOM},${RUE}\n`,
    );
    const ndjson = file(
      'd.ndjson',
      JSON.stringify({ numero_unique: 'NOM0000003', date_depot: NOM, taux_effort: RUE }) + '\n',
    );
    for (const d of [csv, ndjson])
      for (const mode of [[], ['--json']]) {
        const r = cotation([
          '--grille',
          STRASBOURG,
          '--demandes',
          d,
          '--date',
          '2025-06-30',
          ...mode,
        ]);
        expect(r.code).toBe(1);
        expect(r.stdout + r.stderr).toMatch(/NOM000000[23]/);
        expect(r.stdout + r.stderr).not.toContain('Sentinelle');
      }
  });
  it('refuses a name or an address given to --explain or --releve, without writing it back (exit 2)', () => {
    // « Aucune demande JEANNESENTINELLE parmi les demandes cotées. » wrote the name back, in
    // capitals, in the text, the JSON and the relevé's diagnostics.
    const d = file('d.csv', 'numero_unique,date_depot\n0671119000001,2024-08-30\n');
    const base = ['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30'];
    for (const valeur of ['Jeanne Sentinelle', 'sentinelle7', '12 rue de la Paix'])
      for (const mode of [
        ['--explain', valeur],
        ['--explain', valeur, '--json'],
        ['--releve', valeur, '--out', join(d, '..', 'rel')],
        ['--releve', valeur, '--out', join(d, '..', 'rel'), '--lang', 'en'],
      ]) {
        const r = cotation([...base, ...mode]);
        expect(r.code, mode.join(' ')).toBe(2);
        expect(r.stdout + r.stderr).toMatch(/(--explain|--releve) (attend|expects)/);
        expect((r.stdout + r.stderr).toLowerCase()).not.toMatch(/sentinelle|rue de la/);
      }
    // A numéro written with spaces or in lower case is still one.
    const r = cotation([...base, '--explain', '0671 1190 0000 1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Demande 0671119000001 (ligne 2)');
    expect(cotation([...base, '--explain', '02a1119000001']).stderr).toContain(
      'Aucune demande 02A1119000001 parmi les demandes cotées.',
    );
  });

  it('rejects a name written in the numéro unique column (no digit), without quoting it', () => {
    // Spaces are ignored in a numéro: « Jeanne Sentinelle » read as JeanneSentinelle was scored
    // and written as a numéro in every output.
    const d = file(
      'd.csv',
      'numero_unique,date_depot\nJeanne Sentinelle,2024-01-01\nNOM0000004,2024-01-01\n',
    );
    for (const mode of [['--csv'], ['--json']]) {
      const r = cotation([
        '--grille',
        STRASBOURG,
        '--demandes',
        d,
        '--date',
        '2025-06-30',
        ...mode,
      ]);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain('COTATION_NUMERO_INVALIDE');
      expect(r.stdout + r.stderr).toContain('NOM0000004');
      expect(r.stdout + r.stderr).not.toContain('Sentinelle');
    }
  });
  it('rejects a name or an address with a number written in the numéro unique column', () => {
    // Spaces removed, « 12 rue de la Paix » read as 12ruedelaPaix has a digit: it was scored
    // and written out as a numéro; a numéro written in groups (02A 1119 000001) still is one.
    const d = file(
      'd.csv',
      'numero_unique,date_depot\n12 rue de la Paix,2024-01-01\nJean Sentinelle 7,2024-01-01\n' +
        '02A 1119 000001,2024-01-01\nNOM 0000005,2024-01-01\n',
    );
    for (const mode of [[], ['--csv'], ['--json']]) {
      const r = cotation([
        '--grille',
        STRASBOURG,
        '--demandes',
        d,
        '--date',
        '2025-06-30',
        ...mode,
      ]);
      expect(r.code).toBe(1);
      const out = r.stdout + r.stderr;
      expect(out.match(/COTATION_NUMERO_INVALIDE/g)).toHaveLength(2);
      expect(out).toContain('02A1119000001');
      expect(out).toContain('NOM0000005');
      expect(out).not.toMatch(/Paix|Sentinelle/);
    }
  });
  it('rejects a name with a number written in the numéro unique column (mostly letters)', () => {
    // « dupont7 » (a letter group and a digit, 6 to 24 characters) was scored and written out as
    // a numéro in every output; a numéro unique is mostly digits, a desk's letters at most.
    const d = file(
      'd.csv',
      'numero_unique,date_depot\ndupont7,2024-01-01\nmartin2024,2024-01-01\n' +
        'Jean Dupont 123,2024-01-01\nDUPONT123456,2024-01-01\n' +
        '0671119000001GDPUB,2024-01-01\n02A 1119 000001,2024-01-01\n',
    );
    for (const mode of [[], ['--csv'], ['--json']]) {
      const r = cotation([
        '--grille',
        STRASBOURG,
        '--demandes',
        d,
        '--date',
        '2025-06-30',
        ...mode,
      ]);
      expect(r.code).toBe(1);
      const out = r.stdout + r.stderr;
      expect(out.match(/COTATION_NUMERO_INVALIDE/g)).toHaveLength(4);
      expect(out).toContain('plus de chiffres que de lettres');
      expect(out).toContain('0671119000001GDPUB');
      expect(out).toContain('02A1119000001');
      expect(out).not.toMatch(/dupont|martin/i);
    }
  });
  it('describes a one-letter cell in the singular', () => {
    // « vaut un texte de 1 caractères ».
    const d = file('d.csv', 'numero_unique,date_depot,logement_adapte\nUN00000001,2024-01-01,x\n');
    const r = cotation(['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('« logement_adapte » vaut un texte de 1 caractère ; attendu');
  });
  it('never quotes a name misplaced in the attributions file', () => {
    const d = file(
      'd.csv',
      'numero_unique,date_depot,typologie,communes_souhaitees\nNOM0000005,2024-01-01,t3,67482\n',
    );
    const a = file(
      'a.csv',
      `typologie,commune,date_depot,date_attribution\nt3,67482,${NOM},2025-01-01\nt3,67482,2024-01-01,Mme Sentinelle\nt3,67482,2025-01-01,2024-12-31\n`,
    );
    const out = mkdtempSync(join(tmpdir(), 'cotation-cli-'));
    for (const mode of [[], ['--json']]) {
      const r = cotation([
        '--grille',
        STRASBOURG,
        '--demandes',
        d,
        '--date',
        '2025-06-30',
        '--releve',
        'NOM0000005',
        '--attributions',
        a,
        '--html',
        '--out',
        out,
        ...mode,
      ]);
      expect(r.code).toBe(1);
      expect((r.stdout + r.stderr).match(/COTATION_ATTRIBUTION_INVALIDE/g)).toHaveLength(3);
      expect(r.stdout + r.stderr).not.toContain('Sentinelle');
      expect(r.stdout + r.stderr).not.toContain('Mme');
      // A date is still quoted: it says what is wrong.
      expect(r.stdout + r.stderr).toContain('2024-12-31');
    }
  });
  it('rejects an attribution whose typologie or commune no request can have', () => {
    // t9, 99999 and a town's name were taken as kinds of their own: the rows counted for
    // nobody, the file passed as good and the relevé printed a waiting time without them.
    const d = file(
      'd.csv',
      'numero_unique,date_depot,typologie,communes_souhaitees\nTYP0000001,2024-01-01,t3,67482\n',
    );
    const a = file(
      'a.csv',
      'typologie,commune,date_depot,date_attribution\nt9,67482,2024-01-01,2025-01-01\n' +
        't3,99999,2024-01-01,2025-01-01\nt3,Sentinelleville,2024-01-01,2025-01-01\n' +
        'T3,67482,2024-01-01,2025-01-01\n',
    );
    const out = mkdtempSync(join(tmpdir(), 'cotation-cli-'));
    const args = ['--grille', STRASBOURG, '--demandes', d, '--date', '2025-06-30'];
    const r = cotation([
      ...args,
      '--releve',
      'TYP0000001',
      '--attributions',
      a,
      '--html',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code).toBe(1);
    const diags = (
      JSON.parse(r.stdout) as { diagnostics: { code: string; line: number; column: number }[] }
    ).diagnostics.filter((x) => x.code === 'COTATION_ATTRIBUTION_INVALIDE');
    expect(diags.map((x) => [x.line, x.column])).toEqual([
      [2, 1],
      [3, 4],
      [4, 4],
    ]);
    expect(r.stdout + r.stderr).not.toContain('Sentinelle');
    expect(existsSync(join(out, 'releve-TYP0000001.html'))).toBe(false);
    // A name or an address column: refused as in the requests file (it was a warning).
    writeFileSync(
      a,
      'typologie,commune,date_depot,date_attribution,adresse\nt3,67482,2024-01-01,2025-01-01,12 rue Sentinelle\n',
    );
    const perso = cotation([
      ...args,
      '--releve',
      'TYP0000001',
      '--attributions',
      a,
      '--html',
      '--out',
      out,
    ]);
    expect(perso.code).toBe(1);
    expect(perso.stderr).toMatch(
      /a\.csv:1:\d+ +erreur COTATION_COLONNE_PERSONNELLE +Colonne « adresse » refusée/,
    );
    expect(perso.stderr).not.toContain('Sentinelle');
    expect(existsSync(join(out, 'releve-TYP0000001.html'))).toBe(false);
    // The good row alone (T3 read as t3): 12 months.
    writeFileSync(
      a,
      'typologie,commune,date_depot,date_attribution\nT3,67482,2024-01-01,2025-01-01\n',
    );
    const ok = cotation([
      ...args,
      '--releve',
      'TYP0000001',
      '--attributions',
      a,
      '--html',
      '--out',
      out,
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    const html = readFileSync(join(out, 'releve-TYP0000001.html'), 'utf8').replace(
      /[\u00a0\u202f]/g,
      ' ',
    );
    expect(html).toContain('12 mois (1 attribution');
  });
});
