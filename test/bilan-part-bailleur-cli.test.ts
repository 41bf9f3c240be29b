/**
 * The bailleur's own share of the bilan (« Bailleur (hors réservataires) »), through the real
 * process: flats of the flux attributed outside any réservataire's cycle — never oriented, taken
 * back for a round after the designation delay lapsed, or let by the bailleur after the
 * réservataire declined the flat with no new designation. Hand-computed on a small input.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'convflux-bilan-bailleur-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const PARC = [
  'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux',
  'L3,552046484,93,93048,,true,T2,PLAI,1970,',
  'L4,552046484,93,93048,,false,T4,PLUS,1970,',
  'L5,552046484,93,93066,200057867,false,T1,PLUS,2020,',
];
const EVENEMENTS = [
  'id,date,type,logement,reservataire,decision,par,candidats',
  // L3: Action Logement (15 days to designate again after the household's refusal) does not
  // designate again; the flat goes back to the bailleur for one letting, which it attributes.
  'E1,2025-03-01,liberation,L3,,,,',
  'E2,2025-03-02,orientation,L3,action-logement,,,',
  'E3,2025-03-05,designation,L3,action-logement,,,3',
  'E4,2025-03-20,caleol,L3,,attribution,,',
  'E5,2025-03-25,refus,L3,,,candidat,',
  'E6,2025-04-10,caleol,L3,,attribution,,',
  'E7,2025-04-20,bail_signe,L3,,,,',
  // L4: never oriented, let by the bailleur.
  'E8,2025-06-01,liberation,L4,,,,',
  'E9,2025-06-20,caleol,L4,,attribution,,',
  'E10,2025-06-25,bail_signe,L4,,,,',
  // L5: the État declines the flat (no new designation): the bailleur lets it.
  'E11,2025-05-01,liberation,L5,,,,',
  'E12,2025-05-02,orientation,L5,etat-93,,,',
  'E13,2025-05-03,refus,L5,,,reservataire,',
  'E14,2025-05-20,caleol,L5,,attribution,,',
  'E15,2025-05-25,bail_signe,L5,,,,',
];

describe('convflux bilan: the bailleur’s own share', () => {
  it('holds every flat of the flux attributed outside a réservataire’s cycle', () => {
    const parc = join(tmp, 'logements.csv');
    const evenements = join(tmp, 'evenements.csv');
    writeFileSync(parc, PARC.join('\n') + '\n');
    writeFileSync(evenements, EVENEMENTS.join('\n') + '\n');
    const out = join(tmp, 'bilans');
    const r = runCli([
      'bilan',
      '--rules',
      'rules/conventions/93/552046484/etat-93',
      '--rules',
      'rules/conventions/93/552046484/action-logement',
      '--parc',
      parc,
      '--events',
      evenements,
      '--annee',
      '2025',
      '--out',
      out,
      '--html',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const lignes = readFileSync(join(out, '93-552046484-bilan-2025.csv'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    const entete = lignes[0] ?? [];
    const col = (ligne: string[], nom: string): string => ligne[entete.indexOf(nom)] ?? '';
    const bailleur = lignes
      .slice(1)
      .filter((l) => col(l, 'reservataire') === 'bailleur')
      .map((l) => [
        col(l, 'commune'),
        col(l, 'typologie'),
        col(l, 'attribues'),
        col(l, 'baux_signes'),
      ]);
    expect(bailleur).toEqual([
      ['93066', 'T1', '1', '1'], // L5, declined by the État
      ['93048', 'T2', '1', '1'], // L3, taken back for a round
      ['93048', 'T4', '1', '1'], // L4, never oriented
    ]);
    // Action Logement keeps its own decision on L3 (one flat, one decision, no lease).
    const al = lignes.slice(1).filter((l) => col(l, 'reservataire') === 'action-logement');
    expect(
      al.map((l) => [col(l, 'attribues'), col(l, 'decisions_attribution'), col(l, 'baux_signes')]),
    ).toEqual([['1', '1', '0']]);
  });
});
