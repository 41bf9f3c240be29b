/**
 * The dashboard's library (src/pilotage/) on the example of Seine-Saint-Denis: its year-end
 * figures are `evaluate`'s own, its monthly points are `evaluate` at the end of each month (one
 * pinned by hand from the events file), and its charts carry their text alternative and table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, type Evaluation } from '../src/index.js';
import { evaluerPilotage } from '../src/pilotage/evaluer-pilotage.js';
import { graphiquesPilotage } from '../src/pilotage/graphiques-pilotage.js';
import { finsDeMois } from '../src/pilotage/mois.js';
import type { TableauDeBord } from '../src/pilotage/tableau-de-bord.js';
import { repoRoot } from './helpers.js';

const exemple = join(repoRoot, 'test/fixtures/exemple-93');
const options = {
  rules: [join(repoRoot, 'rules')],
  parc: join(exemple, 'logements.csv'),
  evenements: join(exemple, 'evenements.csv'),
  annee: 2025,
  cwd: repoRoot,
};

/** The rows of a CSV file of the example (no quoted commas in these files). */
function csv(fichier: string): Record<string, string>[] {
  const [entete = '', ...lignes] = readFileSync(join(exemple, fichier), 'utf8').trim().split('\n');
  const cols = entete.split(',');
  return lignes.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i] ?? '', v])));
}

describe('the months of a dashboard', () => {
  it('end every month up to the evaluation date, the last one being that date', () => {
    expect(finsDeMois(2025)).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
      '2025-04-30',
      '2025-05-31',
      '2025-06-30',
      '2025-07-31',
      '2025-08-31',
      '2025-09-30',
      '2025-10-31',
      '2025-11-30',
      '2025-12-31',
    ]);
    expect(finsDeMois(2024, '2024-03-10')).toEqual(['2024-01-31', '2024-02-29', '2024-03-10']);
    expect(finsDeMois(2024, '2024-01-31')).toEqual(['2024-01-31']);
  });
});

describe('the dashboard of the example (2025)', () => {
  let tableau: TableauDeBord;
  let annuelle: Evaluation;
  beforeAll(async () => {
    ({ tableau } = await evaluerPilotage(options));
    annuelle = (await evaluate(options)).evaluation;
  }, 120_000);

  it('shows evaluate’s own year: dû, réalisé, taux, objectives and alerts of every convention', () => {
    expect(tableau.date).toBe('2025-12-31');
    expect(tableau.mois).toHaveLength(12);
    expect(tableau.conventions.map((c) => c.convention)).toEqual(
      annuelle.conventions.map((c) => c.id),
    );
    for (const c of annuelle.conventions) {
      const l = tableau.conventions.find((x) => x.convention === c.id);
      expect(l, c.id).toBeDefined();
      if (!l) continue;
      expect([l.du, l.realise, l.taux]).toEqual([c.du, c.realise, c.taux]);
      expect(l.mensuel.at(-1)).toEqual({
        date: '2025-12-31',
        du: c.du,
        realise: c.realise,
        taux: c.taux,
      });
      expect(l.objectifs).toEqual(c.objectifs.filter((o) => o.nature === 'contractuel'));
      expect(l.parts_indicatives).toEqual(c.objectifs.filter((o) => o.nature === 'indicatif'));
      expect(l.alertes).toEqual(c.alertes);
      expect(l.logements_manquants).toBe(Math.max(0, Math.ceil(c.du - c.realise - 1e-9)));
    }
    const etat = tableau.conventions.find((c) => c.convention === '93-552046484-etat-93');
    // 19,8 dû, 18 réalisé: 1,8 flat short, that is 2 flats to orient.
    expect([etat?.ecart, etat?.logements_manquants]).toEqual([-1.8, 2]);
    expect(tableau.alertes).toEqual(annuelle.alertes);
    const du = annuelle.conventions.reduce((s, c) => s + c.du, 0);
    expect(tableau.totaux.du).toBeCloseTo(du, 6);
  });

  it('groups the communal objectives by commune and keeps the État’s hors-QPV floor', () => {
    const communales = annuelle.conventions.flatMap((c) =>
      c.objectifs.filter((o) => o.nature === 'contractuel' && o.echelle === 'commune'),
    );
    const saintDenis = communales.filter((o) => o.territoire === '93066');
    expect(saintDenis.length).toBe(2); // État and the commune of Saint-Denis
    const ligne = tableau.communes.find((c) => c.commune === '93066');
    expect(ligne?.du).toBeCloseTo(
      saintDenis.reduce((s, o) => s + o.cible, 0),
      6,
    );
    expect(ligne?.realise).toBeCloseTo(
      saintDenis.reduce((s, o) => s + o.realise, 0),
      6,
    );
    expect(tableau.communes.flatMap((c) => c.objectifs)).toHaveLength(communales.length);
    const planchers = annuelle.conventions.flatMap((c) =>
      c.objectifs
        .filter((o) => o.nature === 'plancher_hors_qpv')
        .map((o) => [c.id, o.cible, o.realise]),
    );
    expect(planchers.map((p) => p[0])).toContain('93-552046484-etat-93');
    expect(tableau.hors_qpv.map((h) => [h.convention, h.cible, h.realise])).toEqual(planchers);
    expect(tableau.typologies.length).toBeGreaterThan(0);
    for (const t of tableau.typologies) expect(t.typologies.length).toBeGreaterThan(0);
  });

  it('counts Montreuil’s January as the events file says', () => {
    // Flats of Montreuil (93048) freed in January 2025, outside the stock: its flux at 31 January.
    const parc = new Map(csv('logements.csv').map((l) => [l['logement'], l]));
    const liberes = csv('evenements.csv').filter((e) => {
      const l = parc.get(e['logement']);
      return (
        e['type'] === 'liberation' &&
        e['date']?.startsWith('2025-01') &&
        l?.['commune'] === '93048' &&
        !l['hors_flux']
      );
    });
    const montreuil = tableau.conventions.find((c) => c.convention === '93-552046484-montreuil');
    const janvier = montreuil?.mensuel[0];
    expect(janvier?.date).toBe('2025-01-31');
    // Part of the commune: 15 % (rules/conventions/93/552046484/montreuil/v1.yaml).
    expect(janvier?.du).toBeCloseTo(0.15 * liberes.length, 6);
    // E00027 orients flat 00415 to Montreuil on 15 January, E00036 records the commune's refusal
    // on the 23rd: its convention counts a réservataire's refusal (refus.reservataire.decompte:
    // true), one flat. Nothing else of Montreuil's before 1 February.
    expect(janvier?.realise).toBe(1);
    // April: E00108 orients flat 00439 on 16 April (orientation weighs 0.5; its CALEOL attribution
    // comes on 2 May).
    expect(montreuil?.mensuel[3]).toMatchObject({ date: '2025-04-30', realise: 1.5 });
  });

  it('draws every chart with its text alternative and the table of the same numbers', () => {
    const graphiques = graphiquesPilotage(tableau);
    expect(graphiques.map((g) => g.cle)).toEqual([
      ...tableau.conventions.map((c) => `mensuel-${c.convention}`),
      'communes',
      'typologies',
      'hors-qpv',
    ]);
    for (const g of graphiques) {
      expect(g.svg, g.cle).toMatch(/^<svg class="graphique" role="img" aria-label="[^"]{40,}"/);
      expect(g.svg).toContain('<title>');
      expect(g.svg).toContain('<desc>');
      expect(g.svg).not.toMatch(/zr\d+-cls/);
      expect(g.texte.length).toBeGreaterThan(40);
    }
    const etat = graphiques.find((g) => g.cle === 'mensuel-93-552046484-etat-93');
    const ligne = tableau.conventions.find((c) => c.convention === '93-552046484-etat-93');
    expect(etat?.tableau.lignes.map((l) => l.valeurs)).toEqual(
      ligne?.mensuel.map((p) => [p.du, p.realise]),
    );
    expect(etat?.tableau.lignes[0]?.libelle).toBe('janv.');
    // Same figures, same bytes (the classes are named after each chart, not the process).
    expect(graphiquesPilotage(tableau).map((g) => g.svg)).toEqual(graphiques.map((g) => g.svg));
  });
});
