/**
 * Bad rows of the parc (`--parc`) through the real CLI: a SIREN with a wrong check digit, codes
 * absent from the official geography or inconsistent with each other, duplicate flat ids. Each
 * row is rejected with its file, line, column and reason, and rows in = used + rejected. A flat
 * whose bailleur has no convention is used, and counted as « hors conventions ».
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { Evaluation } from '../../src/engine/evaluation.js';
import { repoRoot, runCli, type CliRun } from '../helpers.js';

type EvaluationJson = Evaluation & { ok: boolean };

const RULES = join(repoRoot, 'rules', 'conventions', '93', '552046484', 'etat-93');
const HEADER =
  'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux';

/** One row per class of fault; `id`: the flat, [code, column] expected (none: used). */
const ROWS: { row: string; code?: string; field?: string }[] = [
  { row: 'OK1,552046484,93,93066,200057867,false,T3,PLUS,1980,' },
  {
    row: 'LUHN,552046485,93,93066,200057867,false,T3,PLUS,1980,',
    code: 'PARC_SIREN_INVALIDE',
    field: 'bailleur',
  },
  {
    row: 'COMINC,552046484,93,93999,200057867,false,T3,PLUS,1980,',
    code: 'PARC_COMMUNE_INCONNUE',
    field: 'commune',
  },
  {
    row: 'HORSDEP,552046484,93,94028,,false,T3,PLUS,1980,',
    code: 'PARC_COMMUNE_HORS_DEPARTEMENT',
    field: 'commune',
  },
  {
    row: 'EPCIINC,552046484,93,93066,123456789,false,T3,PLUS,1980,',
    code: 'PARC_EPCI_INCONNU',
    field: 'epci',
  },
  {
    row: 'HORSEPCI,552046484,93,93066,200057875,false,T3,PLUS,1980,',
    code: 'PARC_COMMUNE_HORS_EPCI',
    field: 'epci',
  },
  {
    row: 'DEP,552046484,96,93066,200057867,false,T3,PLUS,1980,',
    code: 'PARC_DEPARTEMENT_INCONNU',
    field: 'departement',
  },
  {
    row: 'FUSION,552046484,01,01340,,false,T3,PLUS,1980,',
    code: 'PARC_COMMUNE_FUSIONNEE',
    field: 'commune',
  },
  {
    row: 'OK1,552046484,93,93066,200057867,true,T2,PLAI,1990,',
    code: 'LOGEMENT_DOUBLON',
    field: 'logement',
  },
  // Valid, but no convention of this bailleur in the 93 / of any bailleur in the 75.
  { row: 'AUTRE,775663438,93,93066,200057867,false,T3,PLUS,1980,' },
  { row: 'PARIS,552046484,75,75111,200054781,false,T3,PLUS,1980,' },
];

/** 1-based column of `field` in a CSV row without quotes. */
function columnOf(row: string, field: string): number {
  const i = HEADER.split(',').indexOf(field);
  return row.split(',').slice(0, i).join(',').length + (i > 0 ? 2 : 1);
}

let dir: string;
let run: CliRun;
let result: EvaluationJson;

function evaluate(parc: string, events: string, ...extra: string[]): CliRun {
  return runCli([
    'evaluate',
    '--rules',
    RULES,
    '--parc',
    parc,
    '--events',
    events,
    '--annee',
    '2024',
    '--json',
    ...extra,
  ]);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'convflux-parc-'));
  writeFileSync(join(dir, 'logements.csv'), [HEADER, ...ROWS.map((r) => r.row), ''].join('\n'));
  writeFileSync(
    join(dir, 'evenements.csv'),
    [
      'id,date,type,logement,reservataire,motif,decision,par,candidats',
      'E1,2024-03-01,liberation,OK1,,,,,',
      'E2,2024-03-01,liberation,LUHN,,,,,',
      '',
    ].join('\n'),
  );
  run = evaluate(join(dir, 'logements.csv'), join(dir, 'evenements.csv'));
  result = JSON.parse(run.stdout) as EvaluationJson;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const parcRejets = (): Diagnostic[] =>
  result.rejets.filter((d) => d.file.endsWith('logements.csv'));

describe('evaluate: rows of the parc checked against SIREN and geography', () => {
  it('exits 1 (rows rejected, no --tolerant)', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(result.ok).toBe(false);
  });

  for (const [i, r] of ROWS.entries()) {
    if (!r.code) continue;
    const line = i + 2;
    it(`line ${String(line)}: ${r.code} at column « ${r.field ?? ''} »`, () => {
      const found = parcRejets().filter((d) => d.line === line);
      expect(found.map((d) => d.code)).toEqual([r.code]);
      const d = found[0] as Diagnostic;
      expect(d.column).toBe(columnOf(r.row, r.field ?? ''));
      expect(d.pointer).toBe(`/${r.field ?? ''}`);
      expect(d.severity).toBe('error');
      if (r.code !== 'LOGEMENT_DOUBLON') {
        expect(d.params['champ']).toBe(r.field);
        expect(d.message).toContain(`« ${r.field ?? ''} »`);
        expect(d.message).toContain('logement ignoré');
      }
    });
  }

  it('names the line of the first occurrence of a duplicate id', () => {
    const d = parcRejets().find((x) => x.code === 'LOGEMENT_DOUBLON');
    expect(d?.params).toMatchObject({ logement: 'OK1', premiere: 2 });
  });

  it('tells why: the real département of a commune, the current code of a merged one', () => {
    const horsDep = parcRejets().find((x) => x.code === 'PARC_COMMUNE_HORS_DEPARTEMENT');
    expect(horsDep?.message).toMatch(
      /Créteil \(94028\) est dans le département 94, pas dans le 93/,
    );
    const fusion = parcRejets().find((x) => x.code === 'PARC_COMMUNE_FUSIONNEE');
    expect(fusion?.params['actuel']).toBe('01015');
    const epci = parcRejets().find((x) => x.code === 'PARC_COMMUNE_HORS_EPCI');
    expect(epci?.message).toContain('Est Ensemble');
  });

  it('counts rows in = used + rejected, and the flats outside every convention', () => {
    const l = result.entrees.logements;
    const rejected = ROWS.filter((r) => r.code).length;
    expect(l.lignes).toBe(ROWS.length);
    expect(l.rejetees).toBe(rejected);
    expect(l.utilisees).toBe(ROWS.length - rejected);
    expect(l.utilisees + l.rejetees).toBe(l.lignes);
    expect(new Set(parcRejets().map((d) => d.line)).size).toBe(rejected);
    expect(l.hors_conventions).toBe(2);
    expect(l.bailleurs_hors_conventions).toEqual([
      { bailleur: '552046484', departement: '75', logements: 1 },
      { bailleur: '775663438', departement: '93', logements: 1 },
    ]);
  });

  it('the rejected flat enters no flux, and its events name the rejected row', () => {
    const etat = result.conventions.find((c) => c.id === '93-552046484-etat-93');
    expect(etat?.flux_annuel).toBe(1);
    const ev = result.rejets.filter((d) => d.file.endsWith('evenements.csv'));
    expect(ev.map((d) => [d.code, d.line])).toEqual([['LOGEMENT_REJETE', 3]]);
    expect(ev[0]?.params).toMatchObject({ logement: 'LUHN', ligne: 3 });
  });

  it('a row with a schema fault and a bad SIREN lists both, and counts once', () => {
    const parc = join(dir, 'deux.csv');
    writeFileSync(parc, `${HEADER}\nX,552046485,93,93066,200057867,false,T9,PLUS,1980,\n`);
    const r = evaluate(parc, join(dir, 'evenements.csv'), '--tolerant');
    expect(r.code, r.stderr).toBe(0);
    const e = JSON.parse(r.stdout) as EvaluationJson;
    const codes = e.rejets.filter((d) => d.file.endsWith('deux.csv')).map((d) => d.code);
    expect(codes.sort()).toEqual(['LIGNE_VALEUR_INCONNUE', 'PARC_SIREN_INVALIDE']);
    expect(e.entrees.logements).toMatchObject({ lignes: 1, rejetees: 1, utilisees: 0 });
  });

  it('NDJSON rows too, with the column of the value, in English with --lang en', () => {
    const parc = join(dir, 'logements.ndjson');
    const line =
      '{"logement":"N1","bailleur":"552046484","departement":"93","commune":"93999","qpv":false,"typologie":"T3","financement":"PLUS","annee_construction":1980}';
    writeFileSync(parc, `${line}\n`);
    const r = evaluate(parc, join(dir, 'evenements.csv'), '--lang', 'en');
    expect(r.code, r.stderr).toBe(1);
    const e = JSON.parse(r.stdout) as EvaluationJson;
    const d = e.rejets.find((x) => x.code === 'PARC_COMMUNE_INCONNUE');
    expect(d).toMatchObject({ line: 1, column: line.indexOf('"93999"') + 1 });
    expect(d?.message).toMatch(/^Column "commune": commune "93999"/);
  });

  it('the text output lists the flats outside every convention', () => {
    const r = runCli([
      'evaluate',
      '--rules',
      RULES,
      '--parc',
      join(dir, 'logements.csv'),
      '--events',
      join(dir, 'evenements.csv'),
      '--annee',
      '2024',
      '--tolerant',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('8 rejeté(s), 2 hors conventions');
    expect(r.stdout).toContain('552046484 (75) 1, 775663438 (93) 1');
    expect(r.stdout).toContain('PARC_SIREN_INVALIDE');
  });
});
