import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  ConversionStock,
  LogementReserve,
  Typologie,
} from '../../src/convention/convention.js';
import {
  convertirStock,
  dureeRestante,
  enCentiemes,
  repartir,
  tauxApplicable,
} from '../../src/convention/conversion-stock.js';
import { catalogueConversion } from '../../src/diagnostics/catalogue-conversion.js';
import { territoires } from '../../src/reference/territoires.js';
import { repoRoot } from '../helpers.js';

const t = territoires();
const SAINT_DENIS = '93066';
const MONTREUIL = '93048';
const PLAINE_COMMUNE = '200057867';

function logement(
  rpls: string,
  commune: string,
  typologie: Typologie,
  fin_droits: string,
): LogementReserve {
  return {
    rpls,
    adresse: '1 rue de l’Exemple',
    commune,
    typologie,
    financement: 'PLUS',
    convention_origine: 'Convention de 1990',
    fin_droits,
  };
}

function stock(
  etat_des_lieux: LogementReserve[],
  consommation: ConversionStock['consommation'] = { mode: 'proportion_flux' },
  taux_rotation: ConversionStock['taux_rotation'] = [{ taux: 0.1 }],
  date_conversion = '2024-01-01',
): ConversionStock {
  return { date_conversion, taux_rotation, consommation, etat_des_lieux };
}

const duree = { debut: '2024-01-01', fin: '2026-12-31' };

describe('durée restante of a droit de suite', () => {
  it('counts calendar months up to the day after fin_droits, in years', () => {
    expect(dureeRestante('2024-01-01', '2041-06-30')).toBe(17.5);
    expect(dureeRestante('2024-01-01', '2024-12-31')).toBe(1);
    // 31 January + 1 month = 29 February (calendar-month rule): exactly one month
    expect(dureeRestante('2024-01-31', '2024-02-28')).toBe(1 / 12);
    // 15 days of January, a 31-day month
    expect(dureeRestante('2024-01-01', '2024-01-15')).toBeCloseTo(15 / 31 / 12, 12);
  });

  it('keeps the one day of a right ending on the conversion day, and nothing before', () => {
    expect(dureeRestante('2024-01-01', '2024-01-01')).toBeCloseTo(1 / 31 / 12, 12);
    expect(dureeRestante('2024-01-01', '2023-12-31')).toBe(0);
    expect(dureeRestante('2024-01-01', '2020-06-30')).toBe(0);
  });

  it('never decreases when fin_droits moves later', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (jours) => {
        const fin = new Date(Date.UTC(2024, 0, 1 + jours)).toISOString().slice(0, 10);
        const lendemain = new Date(Date.UTC(2024, 0, 2 + jours)).toISOString().slice(0, 10);
        expect(dureeRestante('2024-01-01', lendemain)).toBeGreaterThan(
          dureeRestante('2024-01-01', fin),
        );
      }),
    );
  });
});

describe('the applicable turnover rate', () => {
  const taux = [
    { taux: 0.05 },
    { territoire: '93', taux: 0.06 },
    { territoire: PLAINE_COMMUNE, taux: 0.07 },
    { territoire: SAINT_DENIS, taux: 0.08 },
    { territoire: PLAINE_COMMUNE, typologie: ['T1' as const], taux: 0.09 },
    { typologie: ['T6' as const], taux: 0.02 },
  ];

  it('is the most specific territory first, then the typologie', () => {
    // commune beats the EPT's typologie-specific rate
    expect(tauxApplicable(taux, { commune: SAINT_DENIS, typologie: 'T1' }, t)).toEqual({
      index: 3,
      taux: 0.08,
    });
    // Aubervilliers is in Plaine Commune: EPT, and its T1 rate over its general one
    expect(tauxApplicable(taux, { commune: '93001', typologie: 'T1' }, t)?.taux).toBe(0.09);
    expect(tauxApplicable(taux, { commune: '93001', typologie: 'T3' }, t)?.taux).toBe(0.07);
    // Montreuil is not in Plaine Commune: the département's rate, even for a T6
    expect(tauxApplicable(taux, { commune: MONTREUIL, typologie: 'T6' }, t)?.taux).toBe(0.06);
    // outside the département: the T6 rate over the rate for everything
    expect(tauxApplicable(taux, { commune: '75056', typologie: 'T6' }, t)?.taux).toBe(0.02);
    expect(tauxApplicable(taux, { commune: '75056', typologie: 'T2' }, t)?.taux).toBe(0.05);
  });

  it('may be missing, and keeps the first of two equally specific rates', () => {
    expect(
      tauxApplicable(
        [{ typologie: ['T1'], taux: 0.1 }],
        { commune: MONTREUIL, typologie: 'T2' },
        t,
      ),
    ).toBeUndefined();
    expect(
      tauxApplicable([{ taux: 0.1 }, { taux: 0.2 }], { commune: MONTREUIL, typologie: 'T2' }, t),
    ).toEqual({ index: 0, taux: 0.1 });
  });
});

describe('rounding', () => {
  it('rounds each flat half up to the hundredth, through binary noise', () => {
    expect(1.005 * 100).toBeLessThan(100.5); // 100.49999999999999
    expect(enCentiemes(1.005)).toBe(101);
    expect(enCentiemes(5.5 * 0.09)).toBe(50);
    expect(enCentiemes(0.875)).toBe(88);
    expect(enCentiemes(0.8749)).toBe(87);
  });

  it('splits by the largest remainder, always adding up', () => {
    expect(repartir(421, [366, 365, 365])).toEqual([141, 140, 140]);
    expect(repartir(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(repartir(5, [0, 0])).toEqual([0, 0]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 366 }), { minLength: 1, maxLength: 12 }),
        (total, poids) => {
          const parts = repartir(total, poids);
          if (poids.some((p) => p > 0)) expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((p, i) => {
            if (poids[i] === 0) expect(p).toBe(0);
          });
        },
      ),
    );
  });
});

describe('convertirStock', () => {
  const flats = [
    logement('A', SAINT_DENIS, 'T2', '2041-06-30'), // 17.5 years
    logement('B', MONTREUIL, 'T3', '2029-12-31'), // 6 years
    logement('C', SAINT_DENIS, 'T4', '2024-01-01'), // one day
    logement('D', MONTREUIL, 'T1', '2030-06-30'), // 6.5 years
  ];
  const taux = [{ taux: 0.05 }, { territoire: SAINT_DENIS, typologie: ['T2' as const], taux: 0.1 }];

  it('converts each flat and aggregates per commune, totals adding up', () => {
    const r = convertirStock({ duree, conversion_stock: stock(flats, undefined, taux) }, t);
    expect(r.lignes.map((l) => [l.logement.rpls, l.taux, l.droitsCentiemes])).toEqual([
      ['A', 0.1, 175],
      ['B', 0.05, 30],
      ['C', 0.05, 0],
      ['D', 0.05, 33], // 0.325 → 0.33
    ]);
    expect(r.communes).toEqual([
      { commune: MONTREUIL, logements: 2, droitsCentiemes: 63 },
      { commune: SAINT_DENIS, logements: 2, droitsCentiemes: 175 },
    ]);
    expect(r.totalCentiemes).toBe(238);
  });

  it('proportion_flux: each year of the period gets its share of days', () => {
    const r = convertirStock(
      {
        duree,
        conversion_stock: stock(flats, { mode: 'proportion_flux' }, taux, '2024-07-01'),
      },
      t,
    );
    // from 1 July 2024: 184 days in 2024, 365 in 2025 and 2026
    expect(r.periode).toEqual({ debut: '2024-07-01', fin: '2026-12-31' });
    const total = r.totalCentiemes;
    expect(r.echeancier.map((a) => a.annee)).toEqual([2024, 2025, 2026]);
    expect(r.echeancier.map((a) => a.centiemes)).toEqual(repartir(total, [184, 365, 365]));
    expect(r.echeancier[0]?.centiemes).toBeLessThan(r.echeancier[1]?.centiemes ?? 0);
    expect(r.resteCentiemes).toBe(0);
  });

  it('volume_annuel: a fixed number a year, the rest left at the end of the term', () => {
    const conversion = stock(flats, { mode: 'volume_annuel', volume_annuel: 0.5 }, taux);
    const r = convertirStock({ duree, conversion_stock: conversion }, t);
    expect(r.echeancier).toEqual([
      { annee: 2024, centiemes: 50 },
      { annee: 2025, centiemes: 50 },
      { annee: 2026, centiemes: 50 },
    ]);
    expect(r.resteCentiemes).toBe(r.totalCentiemes - 150);
    const large = stock(flats, { mode: 'volume_annuel', volume_annuel: 2 }, taux);
    const l = convertirStock({ duree, conversion_stock: large }, t);
    expect(l.echeancier.map((a) => a.centiemes)).toEqual([200, l.totalCentiemes - 200, 0]);
    expect(l.resteCentiemes).toBe(0);
  });

  it('annees_identifiees: equal shares over the identified years of the period', () => {
    const conversion = stock(flats, { mode: 'annees_identifiees', annees: [2026, 2024] }, taux);
    const r = convertirStock({ duree, conversion_stock: conversion }, t);
    expect(r.echeancier).toEqual([
      { annee: 2024, centiemes: 119 },
      { annee: 2026, centiemes: 119 },
    ]);
    const dehors = stock(flats, { mode: 'annees_identifiees', annees: [2030] }, taux);
    const d = convertirStock({ duree, conversion_stock: dehors }, t);
    expect(d.echeancier).toEqual([]);
    expect(d.resteCentiemes).toBe(d.totalCentiemes);
  });

  it('printed totals always add up, whatever the flats', () => {
    const flat = fc.record({
      commune: fc.constantFrom(SAINT_DENIS, MONTREUIL, '93001'),
      typologie: fc.constantFrom<Typologie>('T1', 'T2', 'T3', 'T4', 'T5', 'T6'),
      jours: fc.integer({ min: 0, max: 15_000 }),
    });
    const mode = fc.constantFrom<ConversionStock['consommation']>(
      { mode: 'proportion_flux' },
      { mode: 'volume_annuel', volume_annuel: 1.5 },
      { mode: 'annees_identifiees', annees: [2025] },
    );
    fc.assert(
      fc.property(fc.array(flat, { minLength: 1, maxLength: 30 }), mode, (rows, consommation) => {
        const etat = rows.map((r, i) =>
          logement(
            String(i),
            r.commune,
            r.typologie,
            new Date(Date.UTC(2024, 0, 1 + r.jours)).toISOString().slice(0, 10),
          ),
        );
        const r = convertirStock({ duree, conversion_stock: stock(etat, consommation, taux) }, t);
        const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
        expect(sum(r.lignes.map((l) => l.droitsCentiemes))).toBe(r.totalCentiemes);
        expect(sum(r.communes.map((c) => c.droitsCentiemes))).toBe(r.totalCentiemes);
        expect(sum(r.communes.map((c) => c.logements))).toBe(rows.length);
        expect(sum(r.echeancier.map((a) => a.centiemes)) + r.resteCentiemes).toBe(r.totalCentiemes);
      }),
    );
  });
});

describe('the checks of conversion_stock', () => {
  it('every CONVERSION_* diagnostic is expected by a scenario', () => {
    const dir = join(repoRoot, 'test/scenarios');
    const text = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const codes = Object.keys(catalogueConversion);
    expect(codes.length).toBeGreaterThanOrEqual(8);
    for (const code of codes)
      expect(text, `no scenario expects ${code}`).toContain(`code: ${code}`);
  });
});
