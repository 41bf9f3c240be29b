/**
 * The bailleur's own share of the bilan (« Bailleur (hors réservataires) »), through the real
 * process: flats of the flux attributed outside any réservataire's cycle — never oriented, taken
 * back for a round after the designation delay lapsed, or let by the bailleur after the
 * réservataire declined the flat with no new designation. Hand-computed on a small input.
 *
 * « Attribués » counts flats (I14): a flat counts once, for the party of its last attribution of
 * the year (lecture retenue par convflux); an earlier party keeps its CALEOL decision only. The
 * conventions' totals are `evaluate`'s `logements_attribues`, and the rows add up to the flats.
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
  'L6,552046484,93,93048,,false,T3,PLUS,1980,',
  'L7,552046484,93,93048,,false,T5,PLUS,1980,',
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
  // L6: attributed in Action Logement's cycle, refused by the household, no new designation in
  // time; oriented to the État, whose designee is attributed: the État's flat.
  'E16,2025-02-01,liberation,L6,,,,',
  'E17,2025-02-02,orientation,L6,action-logement,,,',
  'E18,2025-02-05,designation,L6,action-logement,,,1',
  'E19,2025-02-20,caleol,L6,,attribution,,',
  'E20,2025-02-25,refus,L6,,,candidat,',
  'E21,2025-03-20,orientation,L6,etat-93,,,',
  'E22,2025-03-25,designation,L6,etat-93,,,1',
  'E23,2025-04-10,caleol,L6,,attribution,,',
  // L7: attributed by the bailleur, refused by the household, then oriented to the État, whose
  // designee is attributed: the État's flat; the bailleur keeps its decision.
  'E24,2025-07-01,liberation,L7,,,,',
  'E25,2025-07-10,caleol,L7,,attribution,,',
  'E26,2025-07-15,refus,L7,,,candidat,',
  'E27,2025-07-20,orientation,L7,etat-93,,,',
  'E28,2025-07-25,designation,L7,etat-93,,,1',
  'E29,2025-08-10,caleol,L7,,attribution,,',
  'E30,2025-08-20,bail_signe,L7,,,,',
];
const RULES = [
  '--rules',
  'rules/conventions/93/552046484/etat-93',
  '--rules',
  'rules/conventions/93/552046484/action-logement',
];

interface Totaux {
  convention: string;
  attribues: number;
  decisions: number;
}
interface Sortie {
  documents: { totaux: Totaux[]; total: { attribues: number } }[];
}
interface Resultat {
  id: string;
  attributions: number;
  logements_attribues: number;
}

describe('convflux bilan: the bailleur’s own share', () => {
  it('holds every flat of the flux attributed outside a réservataire’s cycle', () => {
    const parc = join(tmp, 'logements.csv');
    const evenements = join(tmp, 'evenements.csv');
    writeFileSync(parc, PARC.join('\n') + '\n');
    writeFileSync(evenements, EVENEMENTS.join('\n') + '\n');
    const out = join(tmp, 'bilans');
    const inputs = [...RULES, '--parc', parc, '--events', evenements, '--annee', '2025'];
    const r = runCli(['bilan', ...inputs, '--out', out, '--html', '--json']);
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
      ['93048', 'T5', '0', '0'], // L7: its decision only (below)
    ]);
    const ligne = (l: string[]): string[] =>
      ['typologie', 'attribues', 'decisions_attribution', 'baux_signes'].map((k) => col(l, k));
    const de = (qui: string): string[][] =>
      lignes
        .slice(1)
        .filter((l) => col(l, 'reservataire') === qui)
        .map(ligne);
    // The bailleur's decision on L7 stays, the flat is the État's.
    expect(de('bailleur').filter((l) => l[0] === 'T5')).toEqual([['T5', '0', '1', '0']]);
    // Action Logement keeps its decisions on L3 and L6; the flats are the bailleur's and the État's.
    expect(de('action-logement')).toEqual([
      ['T2', '0', '1', '0'],
      ['T3', '0', '1', '0'],
    ]);
    expect(de('etat-93').filter((l) => l[1] !== '0')).toEqual([
      ['T3', '1', '1', '0'], // L6
      ['T5', '1', '1', '1'], // L7
    ]);

    // Reconciled with evaluate, and each flat attributed in the year counted once in the total.
    const document = (JSON.parse(r.stdout) as Sortie).documents[0];
    const evaluation = JSON.parse(runCli(['evaluate', ...inputs, '--json']).stdout) as {
      conventions: Resultat[];
    };
    for (const c of evaluation.conventions) {
      const t = document?.totaux.find((x) => x.convention === c.id);
      expect([t?.attribues, t?.decisions], c.id).toEqual([c.logements_attribues, c.attributions]);
    }
    const al = evaluation.conventions.find((c) => c.id === '93-552046484-action-logement');
    expect([al?.logements_attribues, al?.attributions]).toEqual([0, 2]);
    const somme = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    const attribuesPropres = somme(bailleur.map((b) => Number(b[2])));
    expect(document?.total.attribues).toBe(
      somme(document?.totaux.map((t) => t.attribues) ?? []) + attribuesPropres,
    );
    expect(document?.total.attribues).toBe(5); // L3, L4, L5, L6, L7
  });
});
