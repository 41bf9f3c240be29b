/**
 * A convention whose only figure of the year is a CALEOL decision (a flat oriented to it the year
 * before, attributed in its cycle, refused by the household, then let by the bailleur) keeps its
 * row in the bilan: the breakdown left out every row without a proposal, a flat, a lease or a
 * point, so its decision was lost and the bilan's « Décisions d’attribution » (0) no longer
 * reconciled with `evaluate`'s attributions (1). The real CLI, on a hand-made year.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BilanDocument } from '../src/bilan/bilan-render.js';
import type { Evaluation } from '../src/engine/evaluation.js';
import { runCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'convflux-decision-seule-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const L = '93-552046484-00301';
const AL = '93-552046484-action-logement';

describe('bilan: a decision with nothing else', () => {
  it('keeps the convention’s row, and the bilan’s decisions are evaluate’s attributions', () => {
    writeFileSync(
      join(dir, 'parc.csv'),
      'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux\n' +
        `${L},552046484,93,93048,200057875,false,T4,PLS,1991,\n`,
    );
    writeFileSync(
      join(dir, 'evenements.csv'),
      [
        'id,date,type,logement,reservataire,decision,par,candidats',
        `A1,2024-12-01,liberation,${L},,,,`,
        `A2,2024-12-03,orientation,${L},action-logement,,,`,
        `A3,2024-12-10,designation,${L},action-logement,,,3`,
        `A4,2025-01-10,caleol,${L},,attribution,,`,
        `A5,2025-01-15,refus,${L},,,candidat,`,
        `A6,2025-01-20,reprise,${L},,,,`,
        `A7,2025-02-10,caleol,${L},,attribution,,`,
        `A8,2025-02-20,bail_signe,${L},,,,`,
      ].join('\n') + '\n',
    );
    const entrees = [
      '--rules',
      'rules/conventions/93/552046484',
      '--parc',
      join(dir, 'parc.csv'),
      '--events',
      join(dir, 'evenements.csv'),
      '--annee',
      '2025',
      '--json',
    ];
    const e = runCli(['evaluate', ...entrees]);
    expect(e.code, e.stderr).toBe(0);
    const al = (JSON.parse(e.stdout) as Evaluation).conventions.find((c) => c.id === AL);
    expect([al?.orientations, al?.logements_attribues, al?.attributions]).toEqual([0, 0, 1]);

    const out = join(dir, 'bilans');
    const b = runCli(['bilan', ...entrees, '--out', out, '--html']);
    expect(b.code, b.stderr).toBe(0);
    const t = (JSON.parse(b.stdout) as { documents: BilanDocument[] }).documents[0]?.totaux.find(
      (x) => x.convention === AL,
    );
    expect([t?.attribues, t?.decisions]).toEqual([0, 1]);
    const csv = readFileSync(join(out, '93-552046484-bilan-2025.csv'), 'utf8').trim().split('\n');
    const entete = csv[0]?.split(',') ?? [];
    const lignes = csv.slice(1).map((l) => l.split(','));
    const col = (l: string[], k: string): string => l[entete.indexOf(k)] ?? '';
    expect(
      lignes.map((l) => [
        col(l, 'reservataire'),
        col(l, 'attribues'),
        col(l, 'decisions_attribution'),
      ]),
    ).toEqual([
      ['action-logement', '0', '1'],
      ['bailleur', '1', '1'],
    ]);
  });
});
