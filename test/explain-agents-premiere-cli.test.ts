/**
 * Two wordings of `convflux evaluate`, through the real CLI: `--explain` names the agents de
 * l'État contingent on the steps of a cycle whose designation carries it (I6), and the vacancy
 * alert of a first letting in the flux says the flat was put into service, not freed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evaluation } from '../src/engine/evaluation.js';
import { runCli } from './helpers.js';

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'convflux-explain-agents-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const write = (name: string, text: string): string => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};

describe('--explain and the agents de l’État contingent (I6)', () => {
  const args = (): string[] => {
    const parc = write(
      'parc-93.csv',
      'logement,bailleur,departement,commune,qpv,typologie,financement,annee_construction\n' +
        'L1,552046484,93,93066,false,T3,PLUS,1980\n' +
        'L2,552046484,93,93066,false,T3,PLUS,1980\n',
    );
    const events = write(
      'evenements-93.csv',
      'id,date,type,logement,reservataire,decision,candidats,contingent\n' +
        'E1,2025-03-01,liberation,L1,,,,\n' +
        'E2,2025-03-02,orientation,L1,etat-93,,,\n' +
        'E3,2025-03-05,designation,L1,etat-93,,3,agents_etat\n' +
        'E4,2025-03-20,caleol,L1,etat-93,attribution,,\n' +
        'E5,2025-03-01,liberation,L2,,,,\n' +
        'E6,2025-03-02,orientation,L2,etat-93,,,\n' +
        'E7,2025-03-05,designation,L2,etat-93,,3,\n' +
        'E8,2025-03-20,caleol,L2,etat-93,attribution,,\n',
    );
    return [
      'evaluate',
      '--rules',
      'rules/conventions/93/',
      '--parc',
      parc,
      '--events',
      events,
      '--annee',
      '2025',
    ];
  };

  it('the designation and the attribution show the contingent; another flat shows none', () => {
    const r = runCli([...args(), '--explain', 'L1']);
    expect(r.code, r.stderr).toBe(0);
    const etapes = r.stdout.split('\n\n');
    const designation = etapes.find((s) => / designation /.test(s)) ?? '';
    const caleol = etapes.find((s) => / caleol /.test(s)) ?? '';
    const orientation = etapes.find((s) => / orientation /.test(s)) ?? '';
    expect(designation).toContain('contingent : agents_etat (agents civils et militaires');
    expect(caleol).toContain('contingent : agents_etat');
    // Before the designation the cycle carries no contingent.
    expect(orientation).not.toContain('contingent');
    const autre = runCli([...args(), '--explain', 'L2']);
    expect(autre.code, autre.stderr).toBe(0);
    expect(autre.stdout).not.toContain('contingent');
  });

  it('--json: the steps carry `contingent`; the agents line counts the flat', () => {
    const r = runCli([...args(), '--explain', 'L1', '--json', '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { etapes: { type: string; contingent?: string }[] };
    expect(j.etapes.filter((e) => e.contingent).map((e) => [e.type, e.contingent])).toEqual([
      ['designation', 'agents_etat'],
      ['caleol', 'agents_etat'],
      // The cycle is still open (no lease yet) at the evaluation date.
      ['evaluation', 'agents_etat'],
    ]);
    const e = runCli([...args(), '--json']);
    const etat = (JSON.parse(e.stdout) as Evaluation).conventions.find(
      (c) => c.id === '93-552046484-etat-93',
    );
    expect(etat?.agents?.realise).toBe(1);
  });
});

describe('vacancy alert of a first letting in the flux', () => {
  const args = (lang: string): string[] => {
    const parc = write(
      'parc-35.csv',
      'logement,bailleur,departement,commune,qpv,typologie,financement,annee_construction\n' +
        'N1,353017015,35,35238,false,T3,PLUS,2025\n',
    );
    const events = write(
      'evenements-35.csv',
      'id,date,type,logement\nE1,2025-09-01,mise_en_service,N1\n',
    );
    return [
      'evaluate',
      '--rules',
      'rules/conventions/35/',
      '--parc',
      parc,
      '--events',
      events,
      '--annee',
      '2025',
      '--json',
      '--lang',
      lang,
    ];
  };

  it('says « mis en service le », never « libéré le » (FR and EN)', () => {
    for (const [lang, attendu, jamais] of [
      ['fr', 'Logement N1 mis en service le 2025-09-01', 'libéré'],
      ['en', 'Flat N1 put into service on 2025-09-01', 'freed'],
    ] as const) {
      const r = runCli(args(lang));
      expect(r.code, r.stderr).toBe(0);
      const e = JSON.parse(r.stdout) as Evaluation;
      const vacances = e.alertes.filter((a) => a.code.startsWith('VACANCE_SANS_ORIENTATION'));
      expect(vacances.map((a) => a.code)).toEqual(['VACANCE_SANS_ORIENTATION_MISE_EN_SERVICE']);
      expect(vacances[0]?.message).toContain(attendu);
      expect(vacances[0]?.message).not.toContain(jamais);
    }
  });
});
