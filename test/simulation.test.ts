/**
 * `simuler` (src/simulation/) on the bundled example (rules/ + test/fixtures/exemple-93/): an
 * unchanged draft gives exactly evaluate's figures; a part change moves the dû by the amount
 * computed by hand from the events file; a shorter delay and a lower objective flip objectives
 * and make alerts appear and vanish.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../src/engine/evaluate.js';
import type { ConventionResultat, Evaluation } from '../src/engine/evaluation.js';
import { simuler, type SimulateOptions } from '../src/simulation/simuler.js';
import { repoRoot } from './helpers.js';
import { projetsInchanges } from './simulation-drafts.js';

const BASE: SimulateOptions = {
  rules: ['rules/'],
  parc: 'test/fixtures/exemple-93/logements.csv',
  evenements: 'test/fixtures/exemple-93/evenements.csv',
  annee: 2025,
  cwd: repoRoot,
};
const MONTREUIL = '93-552046484-montreuil';
const EST_ENSEMBLE = '93-552046484-est-ensemble';

/** What a year says of a convention, apart from which version said it. */
export function chiffres(c: ConventionResultat): unknown {
  return {
    flux: c.flux_annuel,
    part: c.part,
    du: c.du,
    realise: c.realise,
    taux: c.taux,
    orientations: c.orientations,
    attributions: c.attributions,
    baux: c.baux,
    refus: c.refus,
    reprises: c.reprises,
    objectifs: c.objectifs,
    alertes: c.alertes
      .filter((a) => a.code !== 'CONVENTION_NON_SIGNEE')
      .map((a) => [a.code, a.logement, a.date, a.line]),
    cumul: c.cumul,
    publics: c.publics,
  };
}

let reference: Evaluation;
beforeAll(async () => {
  reference = (await evaluate({ ...BASE, workers: 0 })).evaluation;
}, 120_000);

describe('simuler: an unchanged draft', () => {
  it('gives exactly evaluate’s figures for every convention, on both sides', async () => {
    const projets = await projetsInchanges();
    expect(projets.length).toBe(reference.conventions.length);
    const r = await simuler({ ...BASE, projets });
    expect(r.simulation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.simulation.projets).toHaveLength(projets.length);
    const { en_vigueur, projet } = r.evaluations ?? {};
    for (const c of reference.conventions) {
      const avant = en_vigueur?.conventions.find((x) => x.id === c.id);
      const apres = projet?.conventions.find((x) => x.id === c.id);
      expect(avant && chiffres(avant), c.id).toEqual(chiffres(c));
      expect(apres && chiffres(apres), c.id).toEqual(chiffres(c));
    }
    expect(projet?.alertes.map((a) => [a.code, a.logement])).toEqual(
      reference.alertes.map((a) => [a.code, a.logement]),
    );
    for (const c of r.simulation.conventions) {
      expect(c.ecart, c.id).toEqual({ du: 0, realise: 0 });
      expect(
        c.objectifs.filter((o) => o.bascule),
        c.id,
      ).toEqual([]);
      expect(c.projet.version).toBe(c.en_vigueur.version + 1);
    }
    expect(r.simulation.alertes).toEqual({ apparues: [], disparues: [], libelles_alertes: {} });
  }, 120_000);
});

describe('simuler: a part change, computed by hand', () => {
  // Montreuil (93048) flats freed in 2025 (evenements.csv): 01-12, 01-23, 02-13, 03-24, 04-11,
  // 04-14, 05-01 (00357, hors_assiette mutation_interne: out of the flux), 05-25 before 1 July
  // (7 in the flux), then 10-12, 10-15, 11-18, 11-27 (4). Signed part 15 %: 0.15 × 11 = 1.65.
  it('--projet (20 % from 1 July): 0.15 × 7 + 0.20 × 4 = 1.85, +0.20', async () => {
    const r = await simuler({
      ...BASE,
      projets: ['test/fixtures/exemple-93/projet-montreuil-v2.yaml'],
    });
    const c = r.simulation.conventions.find((x) => x.id === MONTREUIL);
    expect(c?.avec_projet).toBe(true);
    expect(c?.en_vigueur.du).toBeCloseTo(1.65, 9);
    expect(c?.projet.du).toBeCloseTo(1.85, 9);
    expect(c?.ecart.du).toBeCloseTo(0.2, 9);
    expect(c?.ecart.realise).toBe(0);
    expect(r.simulation.projets).toEqual([
      expect.objectContaining({ convention: MONTREUIL, version: 2, date_effet: '2025-07-01' }),
    ]);
    // The other conventions are not touched.
    for (const o of r.simulation.conventions.filter((x) => x.id !== MONTREUIL))
      expect(o.ecart, o.id).toEqual({ du: 0, realise: 0 });
  }, 120_000);

  it('--set montreuil:flux.part=0.25 from 1 January: 0.25 × 11 = 2.75, +1.10', async () => {
    const r = await simuler({ ...BASE, surcharges: ['montreuil:flux.part=0.25'] });
    const c = r.simulation.conventions.find((x) => x.id === MONTREUIL);
    expect(c?.projet.du).toBeCloseTo(2.75, 9);
    expect(c?.ecart.du).toBeCloseTo(1.1, 9);
    expect(r.simulation.projets[0]).toMatchObject({
      date_effet: '2025-01-01',
      base_version: 1,
      version: 2,
      surcharges: [{ cle: 'flux.part', avant: 0.15, apres: 0.25 }],
    });
  }, 120_000);
});

describe('simuler: objectives that flip, alerts that appear and vanish', () => {
  // Montreuil's orientations of 2025 and their designation: 00415 oriented 01-15, declined
  // 01-23 without designation; 00439 04-16 → 04-25 (9 days); 00438 05-30 → 06-22; 00436
  // 10-13 → 10-18 (5 days); 00340 11-30 → 12-21. With 5 days, four flats miss the delay.
  it('designation.delai 5 jours: four DESIGNATION_HORS_DELAI appear, Montreuil’s objective flips', async () => {
    const r = await simuler({ ...BASE, surcharges: ['montreuil:designation.delai=5 jours'] });
    const apparues = r.simulation.alertes.apparues.filter(
      (a) => a.code === 'DESIGNATION_HORS_DELAI',
    );
    expect(apparues.map((a) => a.logement).sort()).toEqual([
      '93-552046484-00340',
      '93-552046484-00415',
      '93-552046484-00438',
      '93-552046484-00439',
    ]);
    expect(apparues.every((a) => a.convention === MONTREUIL)).toBe(true);
    const c = r.simulation.conventions.find((x) => x.id === MONTREUIL);
    const objectif = c?.objectifs.find((o) => o.libelle === 'Montreuil');
    expect(objectif?.en_vigueur?.statut).toBe('atteint');
    expect(objectif?.projet?.statut).toBe('non_atteint');
    expect(objectif?.bascule).toBe(true);
  }, 120_000);

  it('Est Ensemble’s objective at 4 %: it flips to atteint and its alert vanishes', async () => {
    const avant = reference.conventions.find((x) => x.id === EST_ENSEMBLE);
    expect(avant?.alertes.some((a) => a.code === 'OBJECTIF_NON_ATTEINT')).toBe(true);
    const r = await simuler({
      ...BASE,
      surcharges: ['est-ensemble:objectifs.contractuels.0.part=0.04'],
    });
    const c = r.simulation.conventions.find((x) => x.id === EST_ENSEMBLE);
    const objectif = c?.objectifs.find((o) => o.libelle === 'Est Ensemble');
    expect(objectif?.en_vigueur?.statut).toBe('non_atteint');
    expect(objectif?.projet?.statut).toBe('atteint');
    expect(r.simulation.alertes.disparues).toEqual([
      expect.objectContaining({ code: 'OBJECTIF_NON_ATTEINT', convention: EST_ENSEMBLE }),
    ]);
    expect(r.simulation.alertes.apparues).toEqual([]);
  }, 120_000);
});
