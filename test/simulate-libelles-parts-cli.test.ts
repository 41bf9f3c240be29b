/**
 * `simulate --json` and `--out`'s alertes.csv named the alerts that appear or vanish by their bare
 * code, while the text tables and `evaluate --explain --json` give their words: `alertes` now has
 * `libelles_alertes` (code → words of the one catalogue, in the language asked, by code) and
 * alertes.csv a `libelle` column. And `simulate --reorienter --json` listed each flat's `parts` in
 * the order the conventions were read (that of --rules): by réservataire id now, the bailleur last,
 * so two orders of --rules give the same plan, byte for byte.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LIBELLES_ALERTES } from '../src/diagnostics/libelles-alertes.js';
import type { ResultatSimulation } from '../src/simulation/resultat-simulation.js';
import { ENTREES_EXEMPLE_93, repoRoot, runCli } from './helpers.js';

const INPUTS = ENTREES_EXEMPLE_93;
const SIM = ['simulate', ...INPUTS, '--reorienter'];
const tmp = mkdtempSync(join(tmpdir(), 'convflux-simulate-libelles-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('convflux simulate: the alerts’ words in --json and alertes.csv; a stable order of parts', () => {
  it('gives each alert code’s words beside the codes in --json, French and English', () => {
    for (const lang of ['fr', 'en'] as const) {
      const r = runCli([...SIM, '--json', '--lang', lang]);
      expect(r.code, r.stderr).toBe(0);
      const { apparues, disparues, libelles_alertes } = (JSON.parse(r.stdout) as ResultatSimulation)
        .alertes;
      const codes = [...new Set([...apparues, ...disparues].map((a) => a.code))].sort();
      expect(codes.length).toBeGreaterThan(1);
      expect(Object.keys(libelles_alertes)).toEqual(codes);
      for (const c of codes) expect(libelles_alertes[c], c).toBe(LIBELLES_ALERTES[c]?.[lang]);
    }
  });

  it('puts the words in a libelle column of --out’s alertes.csv', () => {
    const out = join(tmp, 'out');
    const r = runCli([...SIM, '--out', out, '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    const [entete, ...lignes] = readFileSync(join(out, 'alertes.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(entete).toBe('changement,code,libelle,convention,logement,date,fichier,ligne,message');
    expect(lignes.length).toBeGreaterThan(0);
    for (const l of lignes) {
      const [, code = '', libelle = ''] = l.split(',');
      expect(libelle, code).toBe(LIBELLES_ALERTES[code]?.en);
    }
  });

  it('orders each flat’s parts by réservataire, the bailleur last, whatever the order of --rules', () => {
    const dir = 'rules/conventions/93/552046484';
    const reservataires = readdirSync(join(repoRoot, dir)).sort();
    const plan = (ordre: readonly string[]): string => {
      const r = runCli([...SIM, '--json', ...ordre.flatMap((x) => ['--rules', `${dir}/${x}`])]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.stringify((JSON.parse(r.stdout) as ResultatSimulation).reorientation);
    };
    const croissant = plan(reservataires);
    expect(plan([...reservataires].reverse())).toBe(croissant);
    const logements = (JSON.parse(croissant) as NonNullable<ResultatSimulation['reorientation']>)
      .logements;
    expect(logements.length).toBeGreaterThan(0);
    for (const l of logements) {
      const ids = Object.keys(l.parts);
      expect(ids.at(-1)).toBe('bailleur');
      expect(ids.slice(0, -1)).toEqual([...ids.slice(0, -1)].sort());
    }
  });
});
