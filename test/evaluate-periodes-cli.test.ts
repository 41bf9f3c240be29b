/**
 * `convflux evaluate` through the real CLI (compiled dist/) on what issue 11 adds to a
 * convention's year: the periods of the year of an avenant (I16, the example's État convention
 * has version 2 from 1 July 2025), the agents de l'État line (I6) and the consumption of the
 * droits uniques of Saint-Denis' conversion_stock.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConventionResultat, Evaluation } from '../src/engine/evaluation.js';
import { type CliRun, ENTREES_EXEMPLE_93, repoRoot, runCli } from './helpers.js';

const EXAMPLE = ['evaluate', ...ENTREES_EXEMPLE_93];
const ETAT = '93-552046484-etat-93';

let tmp: string;
let json: Evaluation;
let text: CliRun;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'convflux-periodes-'));
  const r = runCli([...EXAMPLE, '--json', '--tolerant', '--out', join(tmp, 'out')]);
  expect(r.code, r.stderr).toBe(0);
  json = JSON.parse(r.stdout) as Evaluation;
  text = runCli([...EXAMPLE, '--tolerant']);
}, 120_000);
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const convention = (id: string): ConventionResultat => {
  const c = json.conventions.find((x) => x.id === id);
  if (!c) throw new Error(`${id} absent`);
  return c;
};
const sum = (xs: number[]): number => Math.round(xs.reduce((a, b) => a + b, 0) * 1e6) / 1e6;

describe('the year of an avenant (I16)', () => {
  it('--json: one period per version in force, whose flux, dû and réalisé add up to the year’s', () => {
    const c = convention(ETAT);
    const periodes = c.periodes ?? [];
    expect(periodes.map((p) => [p.version, p.debut, p.fin])).toEqual([
      [1, '2025-01-01', '2025-06-30'],
      [2, '2025-07-01', '2025-12-31'],
    ]);
    expect(sum(periodes.map((p) => p.flux))).toBe(c.flux_annuel);
    expect(sum(periodes.map((p) => p.du))).toBe(c.du);
    expect(sum(periodes.map((p) => p.realise))).toBe(c.realise);
    // Both periods saw flats: the split is not all on one side.
    expect(periodes.every((p) => p.flux > 0)).toBe(true);
  });

  it('conventions with one version in the year have no periods', () => {
    for (const c of json.conventions.filter((x) => x.id !== ETAT))
      expect(c.periodes, c.id).toBeUndefined();
  });

  it(
    'an evaluation date before the avenant sees version 1 only: no periods',
    { timeout: 60_000 },
    () => {
      const r = runCli([...EXAMPLE, '--date', '2025-06-30', '--json', '--tolerant']);
      const e = JSON.parse(r.stdout) as Evaluation;
      expect(e.conventions.find((x) => x.id === ETAT)?.periodes).toBeUndefined();
    },
  );

  it('the text output lists both periods under their own heading', () => {
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('Périodes de l’année'));
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 2]).toMatch(new RegExp(`^  ${ETAT} +1  2025-01-01  2025-06-30  30 %`));
    expect(lines[at + 3]).toMatch(/^ +2 {2}2025-07-01 {2}2025-12-31 {2}30 %/);
  });

  it('--out periodes.csv: the same rows as the JSON', () => {
    const csv = readFileSync(join(tmp, 'out', 'periodes.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('annee,convention,version,debut,fin,part,flux,du,realise');
    const rows = (convention(ETAT).periodes ?? []).map((p) =>
      [2025, ETAT, p.version, p.debut, p.fin, p.part, p.flux, p.du, p.realise].join(','),
    );
    expect(csv.slice(1)).toEqual(rows);
  });
});

describe('agents de l’État (I6)', () => {
  it('the État’s line: 5 % of each flat of its flux is due to the agents', () => {
    const a = convention(ETAT).agents;
    expect(a?.part).toBe(0.05);
    expect(a?.du).toBeCloseTo(0.05 * convention(ETAT).flux_annuel, 6);
    // The example's events name no designation for the agents.
    expect(a?.realise).toBe(0);
    expect(readFileSync(join(tmp, 'out', 'agents.csv'), 'utf8')).toContain(
      `2025,${ETAT},0.05,${String(a?.du)},0,0`,
    );
  });

  it('no agents line for a réservataire other than the État', () => {
    expect(convention('93-552046484-action-logement').agents).toBeUndefined();
  });

  it(
    'a designation for the agents by Action Logement is rejected at its line (exit 1)',
    { timeout: 60_000 },
    () => {
      const parc = join(tmp, 'agents-parc.csv');
      const events = join(tmp, 'agents-evenements.csv');
      writeFileSync(
        parc,
        'logement,bailleur,departement,commune,qpv,typologie,financement,annee_construction\n' +
          'L1,552046484,93,93066,false,T3,PLUS,1980\n',
      );
      writeFileSync(
        events,
        'id,date,type,logement,reservataire,candidats,contingent\n' +
          'E1,2025-03-01,liberation,L1,,,\n' +
          'E2,2025-03-02,orientation,L1,action-logement,,\n' +
          'E3,2025-03-05,designation,L1,action-logement,3,agents_etat\n',
      );
      const r = runCli([
        'evaluate',
        '--parc',
        parc,
        '--events',
        events,
        '--annee',
        '2025',
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(1);
      const e = JSON.parse(r.stdout) as Evaluation;
      expect(e.rejets.map((d) => [d.code, d.line, d.pointer])).toEqual([
        ['CONTINGENT_AGENTS_HORS_ETAT', 4, '/contingent'],
      ]);
      expect(e.rejets[0]?.message).toContain('seule la convention de l’État');
      expect(e.conventions.find((c) => c.id === '93-552046484-action-logement')?.designations).toBe(
        0,
      );
    },
  );
});

describe('conversion of stock rights consumed', () => {
  it('Saint-Denis: volume at 1 January, consumed and remaining add up; the schedule is stated', () => {
    const x = convention('93-552046484-saint-denis').conversion;
    expect(x).toBeDefined();
    if (!x) return;
    expect(x.volume_initial).toBeGreaterThan(0);
    expect(Math.round((x.consomme + x.restant) * 100) / 100).toBe(x.debut_annee);
    // With imputation sur la part, the year's réalisé consumes the volume, up to what is left.
    expect(x.consomme).toBe(
      Math.min(x.debut_annee, convention('93-552046484-saint-denis').realise),
    );
    expect(x.attendu).toBeDefined();
    expect(x.en_retard).toBe(x.restant - (x.attendu ?? 0) >= 1);
  });

  it('only the conventions that convert a stock have the line', () => {
    expect(json.conventions.filter((c) => c.conversion).map((c) => c.id)).toEqual([
      '93-552046484-saint-denis',
    ]);
  });

  it('the README states the consumption evaluate reports, not a limit it no longer has', () => {
    expect(convention('93-552046484-saint-denis').conversion?.consomme).toBeGreaterThan(0);
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const limites = readme.slice(readme.indexOf('\n## Known limits')).split('\n## ')[1] ?? '';
    expect(limites).toContain('Prefectoral arrêtés of derogation');
    expect(limites.replace(/\s+/g, ' ')).not.toMatch(
      /not yet consumed|not deducted from the volume/,
    );
    expect(readme).toContain('`evaluate` reports their consumption (`conversion`)');
  });

  it('the text output has the conversion table', () => {
    expect(text.stdout).toMatch(
      /Droits uniques de la conversion du stock :\n {2}convention +volume +au 1er janvier +consommés +restants +attendus +retard\n {2}93-552046484-saint-denis /,
    );
  });
});
