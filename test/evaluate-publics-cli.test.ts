/**
 * `convflux evaluate` through the real CLI process: attributions by public (I7), flats attributed
 * apart from CALEOL decisions (I14), and alerts that say their threshold. Small files written as a
 * bailleur exports them (« ; » separator, a `publics` column), the Montreuil example convention.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evaluation } from '../src/engine/evaluation.js';
import { runCli, type CliRun } from './helpers.js';

const RULES = 'rules/conventions/93/552046484/montreuil/v1.yaml';
const ID = '93-552046484-montreuil';

const PARC = [
  'logement;bailleur;departement;commune;epci;qpv;typologie;financement;annee_construction',
  ...['L1', 'L2', 'L3', 'L4', 'L5'].map(
    (l) => `${l};552046484;93;93048;200057875;${l === 'L5' ? 'true' : 'false'};T3;PLUS;1980`,
  ),
];
/** Line numbers are the file's: the header is line 1. */
const EVENTS = [
  'id;date;type;logement;reservataire;decision;par;candidats;publics',
  'e1;2025-02-01;orientation;L1;montreuil;;;;', // 2
  'e2;2025-02-05;designation;L1;montreuil;;;1;', // 3
  'e3;2025-02-20;caleol;L1;;attribution;;;dalo', // 4
  'e4;2025-02-25;refus;L1;;;candidat;;', // 5
  'e5;2025-03-01;designation;L1;montreuil;;;1;', // 6
  'e6;2025-03-10;caleol;L1;;attribution;;;prioritaire+premier_quartile_hors_qpv', // 7
  'e7;2025-04-01;orientation;L2;montreuil;;;;', // 8
  'e8;2025-04-05;designation;L2;montreuil;;;1;dalo', // 9: a flag off an attribution
  'e9;2025-04-20;caleol;L2;;attribution;;;', // 10
  'e10;2025-05-01;orientation;L3;montreuil;;;;', // 11
  'e11;2025-05-05;designation;L3;montreuil;;;1;', // 12
  'e12;2025-05-20;caleol;L3;;attribution;;;', // 13
  'e13;2025-06-01;orientation;L4;montreuil;;;;', // 14
  'e14;2025-06-05;designation;L4;montreuil;;;1;', // 15
  'e15;2025-06-20;caleol;L4;;attribution;;;', // 16
  'e16;2025-07-01;caleol;L5;;attribution;;;dalo', // 17: outside any cycle
];

let dir = '';
let args: string[] = [];
let json: CliRun;
let evaluation: Evaluation;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'convflux-publics-'));
  writeFileSync(join(dir, 'logements.csv'), `${PARC.join('\n')}\n`);
  writeFileSync(join(dir, 'evenements.csv'), `${EVENTS.join('\n')}\n`);
  args = [
    'evaluate',
    '--rules',
    RULES,
    '--parc',
    join(dir, 'logements.csv'),
    '--events',
    join(dir, 'evenements.csv'),
    '--annee',
    '2025',
  ];
  json = runCli([...args, '--json']);
  evaluation = JSON.parse(json.stdout) as Evaluation;
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const montreuil = () => {
  const c = evaluation.conventions.find((x) => x.id === ID);
  if (!c) throw new Error(`${ID} absent`);
  return c;
};

describe('convflux evaluate: attributions by public and flats attributed', () => {
  it('--json: one flat attributed twice is one flat and two decisions', () => {
    expect(json.code).toBe(0);
    const c = montreuil();
    expect(c.attributions).toBe(5);
    expect(c.decisions_caleol).toEqual({ attribution: 5, refus: 0, ajournement: 0 });
    expect(c.logements_attribues).toBe(4);
  });

  it('--json: the shares by public, with the flags of each flat’s last attribution', () => {
    const p = montreuil().publics;
    expect(p?.attributions).toBe(4);
    expect(p?.par_public).toEqual({ prioritaire: 1, premier_quartile_hors_qpv: 1 });
    expect(p?.non_renseigne).toBe(3);
    expect(p?.obligations.map((o) => [o.code, o.base, o.realise, o.taux, o.statut])).toEqual([
      ['dalo_ou_prioritaires', 4, 1, 0.25, 'atteint'],
      ['premier_quartile_hors_qpv', 4, 1, 0.25, 'atteint'],
    ]);
    for (const o of p?.obligations ?? []) {
      expect(o.part_cible).toBe(0.25);
      expect(o.reference).toBe('CCH art. L. 441-1 (résumé : rédaction en vigueur non lue)');
    }
  });

  it('--json: a misplaced flag is an alert pointing at its row', () => {
    const alertes = [
      ...montreuil().alertes.map((a) => [a.code, a.line, a.file]),
      ...evaluation.alertes.map((a) => [a.code, a.line, a.file]),
    ].filter(([code]) => String(code).startsWith('PUBLIC_'));
    const file = join(dir, 'evenements.csv');
    expect(alertes).toEqual([
      ['PUBLIC_HORS_ATTRIBUTION', 9, file],
      ['PUBLIC_HORS_CONTINGENT', 17, file],
    ]);
  });

  it('text: flats and decisions in two columns, the shares by public in a table', () => {
    const r = runCli(args);
    expect(r.code).toBe(0);
    const header = r.stdout.split('\n').find((l) => l.startsWith('convention')) ?? '';
    expect(header).toMatch(/logts attr\.\s+déc\. attr\./);
    const row = r.stdout.split('\n').find((l) => l.startsWith(ID)) ?? '';
    expect(row).toMatch(/\s4\s+5\s/);
    expect(r.stdout).toContain('logements attribués (un logement attribué deux fois');
    expect(r.stdout).toContain(
      'Attributions par public (CCH art. L. 441-1, résumé : rédaction en vigueur non lue) :',
    );
    expect(r.stdout).toMatch(
      /ménages DALO ou, à défaut, prioritaires\s+25 %\s+4\s+1\s+25 %\s+3\s+atteint/,
    );
  });

  it('--csv and --out: the new columns and publics.csv', () => {
    const csv = runCli([...args, '--csv']);
    const [head = '', row = ''] = csv.stdout.split('\n');
    const cells = Object.fromEntries(head.split(',').map((k, i) => [k, row.split(',')[i]]));
    expect(cells).toMatchObject({
      attributions: '5',
      logements_attribues: '4',
      public_dalo: '0',
      public_prioritaire: '1',
      public_premier_quartile_hors_qpv: '1',
      public_non_renseigne: '3',
    });
    const out = join(dir, 'out');
    expect(runCli([...args, '--out', out]).code).toBe(0);
    expect(readdirSync(out)).toContain('publics.csv');
    expect(readFileSync(join(out, 'publics.csv'), 'utf8').split('\n').slice(0, 2)).toEqual([
      'convention,obligation,part_cible,base,realise,taux,statut,reference',
      `${ID},dalo_ou_prioritaires,0.25,4,1,0.25,atteint,CCH art. L. 441-1 (résumé : rédaction en vigueur non lue)`,
    ]);
  });

  it('an unknown public is a rejected row with its line and column (exit 1)', () => {
    const bad = join(dir, 'mauvais.csv');
    writeFileSync(
      bad,
      `${[EVENTS[0], 'x1;2025-02-01;caleol;L1;;attribution;;;dalo+handicap'].join('\n')}\n`,
    );
    const r = runCli([...args.slice(0, 5), '--events', bad, '--annee', '2025', '--json']);
    expect(r.code).toBe(1);
    const e = JSON.parse(r.stdout) as Evaluation;
    expect(e.rejets.map((d) => [d.code, d.line, d.column, d.params['champ']])).toEqual([
      // column: the character where the `publics` cell starts
      ['LIGNE_VALEUR_INCONNUE', 2, 'x1;2025-02-01;caleol;L1;;attribution;;;'.length + 1, 'public'],
    ]);
    expect(e.rejets[0]?.message).toContain('handicap');
  });

  it('the objective alerts say their threshold: behind by at least one flat', () => {
    const r = runCli([
      'evaluate',
      '--parc',
      'test/fixtures/exemple-93/logements.csv',
      '--events',
      'test/fixtures/exemple-93/evenements.csv',
      '--annee',
      '2025',
    ]);
    expect(r.stdout).toContain(
      'Objectif « Est Ensemble » non atteint sur l’année, d’au moins un logement : 2 réalisé pour 4,1 attendu (écart 2,1).',
    );
    // A gap below one flat is « non atteint » in the table, with no alert, and the table says so.
    expect(r.stdout).toMatch(/Bobigny\s+contractuel\s+3,3\s+3\s+0,3\s+non atteint/);
    expect(r.stdout).toContain('alerte à partir d’un logement d’écart');
  });
});
