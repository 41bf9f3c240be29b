/**
 * The text of `convflux evaluate` prints the dû, the réalisé and the objectives' cible and écart as
 * the alerts say them: 25 % of 5 flats freed is 1,25 in the table and in « (écart 1,25) », not
 * 1,3 beside 1,25. Through the real process, hand-computed on the conventions of the 35.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'convflux-decimales-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const FLATS = ['L1', 'L2', 'L3', 'L4', 'L5'];

describe('convflux evaluate: fractions of a flat', () => {
  it('prints 1,25 and 0,75 in the tables as in the alerts', () => {
    const parc = join(tmp, 'parc.csv');
    const events = join(tmp, 'evenements.csv');
    writeFileSync(
      parc,
      [
        'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux',
        ...FLATS.map((l) => `${l},353017015,35,35238,243500139,false,T3,PLUS,1990,`),
        '',
      ].join('\n'),
    );
    // Five flats of Rennes freed in 2025: Action Logement (25 %) is due 1,25, the commune
    // of Rennes (15 %) 0,75, Rennes Métropole (10 %) 0,5; nothing is attributed.
    writeFileSync(
      events,
      [
        'id,date,type,logement',
        ...FLATS.map((l, i) => `E${String(i + 1)},2025-0${String(i + 1)}-01,liberation,${l}`),
        '',
      ].join('\n'),
    );
    const r = runCli([
      'evaluate',
      '--rules',
      'rules/conventions/35',
      '--parc',
      parc,
      '--events',
      events,
      '--annee',
      '2025',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const ligne = (debut: string): string =>
      r.stdout.split('\n').find((l) => l.trimStart().startsWith(debut)) ?? '';
    expect(ligne('35-353017015-action-logement ')).toMatch(/ 5 +1,25 +0 +0 %/);
    expect(ligne('35-353017015-rennes ')).toMatch(/ 5 +0,75 +0 +0 %/);
    expect(ligne('35-353017015-rennes-metropole ')).toMatch(/ 5 +0,5 +0 +0 %/);
    expect(r.stdout).toMatch(/Ille-et-Vilaine +contractuel +1,25 +0 +1,25 +non atteint/);
    expect(r.stdout).toMatch(/Rennes +contractuel +0,75 +0 +0,75 +non atteint/);
    expect(r.stdout).toContain('0 réalisé pour 1,25 attendu (écart 1,25)');
  });
});
