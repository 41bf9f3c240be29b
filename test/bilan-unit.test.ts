/**
 * The bilan's parts without a browser: construction periods, the breakdown collector against the
 * engine's own counts (in-process), the ECharts SVG charts, the view of the optional results
 * (section 5, from an Evaluation built here: the engine fills those fields in other branches),
 * and the template check (a template that reads an unknown field fails when they are loaded).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBilanTemplates } from '../src/bilan/bilan-templates.js';
import { tableauxComplements } from '../src/bilan/bilan-complements.js';
import { bilanHtml } from '../src/bilan/bilan-render.js';
import type { MembreBilan } from '../src/bilan/bilan-tableaux.js';
import { buildBilanView, decouper } from '../src/bilan/bilan-view.js';
import { compareLignes } from '../src/bilan/collecte.js';
import { evaluerBilan } from '../src/bilan/evaluer-bilan.js';
import { graphiqueBarres } from '../src/graphiques/barres.js';
import type { ConventionResultat } from '../src/engine/evaluation.js';
import { PERIODES_CONSTRUCTION, periodeConstruction } from '../src/bilan/periodes.js';
import { TemplateError } from '../src/render/check-template.js';
import { repoRoot } from './helpers.js';

describe('construction periods', () => {
  it('put every year in exactly one documented period', () => {
    const cases: [number, string][] = [
      [1850, 'avant_1949'],
      [1948, 'avant_1949'],
      [1949, '1949_1974'],
      [1974, '1949_1974'],
      [1975, '1975_1989'],
      [1989, '1975_1989'],
      [1990, '1990_2004'],
      [2004, '1990_2004'],
      [2005, '2005_et_apres'],
      [2030, '2005_et_apres'],
    ];
    for (const [annee, code] of cases)
      expect(periodeConstruction(annee).code, String(annee)).toBe(code);
    for (let annee = 1800; annee <= 2100; annee++) {
      const n = PERIODES_CONSTRUCTION.filter(
        (p) =>
          (p.debut === undefined || annee >= p.debut) && (p.fin === undefined || annee <= p.fin),
      ).length;
      expect(n, String(annee)).toBe(1);
    }
  });
});

describe('the breakdown collector', () => {
  it('sums to the evaluation of the same run, and adds the hors-assiette categories', async () => {
    const bilan = await evaluerBilan({
      rules: [join(repoRoot, 'rules')],
      parc: join(repoRoot, 'test/fixtures/exemple-93/logements.csv'),
      evenements: join(repoRoot, 'test/fixtures/exemple-93/evenements.csv'),
      annee: 2025,
      cwd: repoRoot,
      detail: true,
    });
    expect(bilan.evaluation.conventions.length).toBeGreaterThanOrEqual(5);
    for (const c of bilan.evaluation.conventions) {
      const v = bilan.ventilation(c.id);
      const sum = (k: 'proposes' | 'attribues' | 'decisions' | 'baux' | 'points'): number =>
        v.lignes.reduce((s, l) => s + l[k], 0);
      expect(sum('proposes'), c.id).toBe(c.orientations);
      expect(sum('decisions'), c.id).toBe(c.attributions);
      // Flats, not decisions (I14): never more flats than decisions.
      expect(sum('attribues'), c.id).toBe(c.logements_attribues ?? sum('attribues'));
      expect(sum('attribues'), c.id).toBeLessThanOrEqual(c.attributions);
      expect(sum('baux'), c.id).toBe(c.baux);
      expect(sum('points'), c.id).toBeCloseTo(c.realise, 6);
      const ha = Object.values(v.horsAssiette.logements).reduce((s, x) => s + x, 0);
      expect(ha, c.id).toBe(c.hors_assiette);
      expect(v.lignes).toEqual([...v.lignes].sort(compareLignes));
      // The addressee's annex: the same counts, flat by flat.
      const d = bilan.detail(c.id);
      expect(
        d.reduce((s, l) => s + l.proposes, 0),
        c.id,
      ).toBe(c.orientations);
      expect(
        d.reduce((s, l) => s + l.attribues, 0),
        c.id,
      ).toBe(sum('attribues'));
      expect(new Set(d.map((l) => l.logement)).size).toBe(d.length);
    }
    // The État sees a flat attributed twice (refused, attributed again): one flat, two decisions.
    const etat = bilan.ventilation('93-552046484-etat-93').lignes;
    expect(etat.reduce((s, l) => s + l.decisions - l.attribues, 0)).toBe(2);
    // The example's three hors-assiette flats (one per motif), each attributed, seen by the État.
    expect(bilan.ventilation('93-552046484-etat-93').horsAssiette).toEqual({
      logements: {
        mutation_interne: 1,
        relogement_renouvellement_urbain: 1,
        relogement_habitat_indigne: 1,
      },
      attributions: {
        mutation_interne: 1,
        relogement_renouvellement_urbain: 1,
        relogement_habitat_indigne: 1,
      },
    });
    // The bailleur's own share: flats of the flux attributed outside any réservataire's cycle;
    // the events of 2024 in the input give last year's hors-assiette attributions.
    const propre = bilan.ventilationBailleur('552046484', '93');
    expect(propre.lignes.reduce((s, l) => s + l.attribues, 0)).toBeGreaterThan(0);
    expect(propre.lignes.every((l) => l.proposes === 0 && l.points === 0)).toBe(true);
    expect(propre.attributionsHorsAssiette).toEqual({
      mutation_interne: 1,
      relogement_renouvellement_urbain: 1,
      relogement_habitat_indigne: 1,
    });
    expect(bilan.ventilation('inconnue')).toEqual({
      lignes: [],
      horsAssiette: { logements: {}, attributions: {} },
    });
    expect(bilan.detail('inconnue')).toEqual([]);
  });
});

describe('charts (Apache ECharts, server-side SVG)', () => {
  const options = {
    cle: 'essai',
    titre: 'Logements <proposés> & attribués',
    series: [
      { nom: 'proposés', couleur: '#14233c' },
      { nom: 'attribués', couleur: '#6b93c4' },
    ],
    categories: [
      { libelle: 'T1', valeurs: [2, 1] },
      { libelle: 'T2', valeurs: [0, 3.5] },
    ],
  };

  it('are deterministic SVG with no script, classes named after the chart', () => {
    const svg = graphiqueBarres(options);
    expect(graphiqueBarres(options)).toBe(svg);
    expect(svg).toMatch(/^<svg class="graphique" role="img" /);
    expect(svg).not.toMatch(/<script|href=|NaN|Infinity|zr\d+-cls/);
    expect(svg).toContain('class="essai-0"');
    expect(svg).not.toContain('ecmeta_');
    expect(svg).toContain('#14233c');
    expect(graphiqueBarres({ ...options, categories: [] })).toBe('');
  });

  it('carry a French text alternative with every value, escaped', () => {
    const svg = graphiqueBarres(options);
    const label = /aria-label="([^"]*)"/.exec(svg)?.[1] ?? '';
    expect(label).toContain('Logements &lt;proposés&gt; &amp; attribués.');
    expect(label).toContain('proposés\u00a0: T1 2, T2 0\u202f; attribués\u00a0: T1 1, T2 3,5.');
    expect(svg).toContain('<title>Logements &lt;proposés&gt; &amp; attribués</title>');
    expect(svg).toContain(`<desc>${label}</desc>`);
  });
});

/** A convention's year as `evaluate` gives it, with every optional field of issue 11. */
function resultat(id: string, optionnels: Partial<ConventionResultat>): ConventionResultat {
  return {
    id,
    version: 1,
    versions: [1],
    statut: 'signee',
    fichier: `${id}.yaml`,
    reservataire: { id: `r-${id}`, type: 'commune', nom: `Commune ${id}` },
    bailleur: { siren: '552046484', nom: 'Exemple Habitat' },
    departement: '93',
    part: 0.2,
    flux_annuel: 50,
    du: 10,
    realise: 8,
    taux: 0.8,
    orientations: 9,
    designations: 9,
    attributions: 9,
    baux: 8,
    refus: { candidat: 0, caleol: 0, reservataire: 0, bailleur: 0 },
    reprises: 0,
    hors_assiette: 0,
    objectifs: [],
    alertes: [],
    ...optionnels,
  };
}

function membre(r: ConventionResultat): MembreBilan {
  return {
    resultat: r,
    ventilation: { lignes: [], horsAssiette: { logements: {}, attributions: {} } },
    libelle: r.reservataire.nom,
  };
}

describe('section 5: the optional results, printed only when present', () => {
  const complet = resultat('a', {
    logements_attribues: 7,
    decisions_caleol: { attribution: 9, refus: 2, ajournement: 1 },
    publics: {
      attributions: 9,
      par_public: { dalo: 3, prioritaire: 2 },
      non_renseigne: 4,
      obligations: [
        {
          code: 'QUART_DALO',
          libelle: 'Un quart des attributions aux ménages DALO',
          part_cible: 0.25,
          base: 9,
          realise: 3,
          taux: 0.333,
          statut: 'atteint',
          reference: 'CCH, art. L. 441-1',
        },
      ],
    },
    agents: { part: 0.05, du: 2.5, realise: 1, taux: 0.4 },
    conversion: {
      volume_initial: 40,
      debut_annee: 30,
      consomme: 6,
      restant: 24,
      attendu: 20,
      en_retard: true,
    },
    periodes: [
      {
        version: 1,
        debut: '2025-01-01',
        fin: '2025-06-30',
        part: 0.2,
        flux: 20,
        du: 4,
        realise: 3,
      },
      {
        version: 2,
        debut: '2025-07-01',
        fin: '2025-12-31',
        part: 0.25,
        flux: 30,
        du: 7.5,
        realise: 5,
      },
    ],
    cumul: { depuis: '2024-01-01', annees: [2024, 2025], du: 21, realise: 17, retard: 4 },
    regularisation: { logements: 2, points: -0.5 },
  });
  const nu = resultat('b', {});

  it('turns each field into its table, one row per convention that carries it', () => {
    const t = tableauxComplements([membre(complet), membre(nu)]);
    expect(t.map((x) => [x.numero, x.id])).toEqual([
      ['5.1', 'decisions'],
      ['5.2', 'publics'],
      ['5.3', 'obligations-publics'],
      ['5.4', 'agents'],
      ['5.5', 'conversion'],
      ['5.6', 'periodes'],
      ['5.7', 'cumul'],
      ['5.8', 'regularisation'],
    ]);
    const par = (id: string) => t.find((x) => x.id === id)?.lignes;
    expect(par('decisions')).toEqual([['Commune a', 7, 9, 2, 1]]);
    expect(par('periodes')?.map((l) => l[1])).toEqual([1, 2]);
    expect(par('conversion')).toEqual([['Commune a', 40, 30, 6, 24, 20, 'oui']]);
    expect(par('publics')?.at(-1)).toEqual(['Commune a', 'Total', 9]);
    expect(tableauxComplements([membre(nu)])).toEqual([]);
  });

  it('prints them in the document, and nothing (no empty table) when absent', () => {
    const templates = loadBilanTemplates();
    const html = (membres: MembreBilan[]): string =>
      bilanHtml(
        buildBilanView({
          annee: 2025,
          date: '2025-12-31',
          bailleur: { nom: 'Exemple Habitat', siren: '552046484' },
          departement: '93',
          membres,
          tableaux: tableauxComplements(membres),
          identification: {
            id: 'identification',
            numero: 'A',
            titre: 'Identification des données',
            feuille: 'Identification',
            chapeau: '',
            colonnes: [{ libelle: 'Rôle', format: 'texte' }],
            lignes: [],
          },
          modele: templates.modele,
          generateur: 'convflux test',
        }),
        templates,
        { polices: false },
      );
    const avec = html([membre(complet), membre(nu)]);
    for (const titre of [
      'Autres résultats de l’année',
      'Logements attribués et décisions de la commission',
      'Un quart des attributions aux ménages DALO',
      'Agents civils et militaires de l’État',
      'Consommation des droits de la conversion du stock',
      'Périodes de l’année (avenant)',
      '1<sup>er</sup>\u00a0juillet\u00a02025',
      'Atteinte depuis le début de la convention',
      'Régularisation des décomptes provisoires',
    ])
      expect(avec, titre).toContain(titre);
    expect(avec).toContain('<td class="nombre">−0,5</td>');
    const sans = html([membre(nu)]);
    expect(sans).not.toContain('Autres résultats de l’année');
    expect(sans).not.toContain('Agents civils');
  });
});

describe('a table too wide for the page', () => {
  it('is printed in parts of whole column groups, each with the leading columns', () => {
    const groupes = ['A', 'B', 'C', 'Total'];
    const t = {
      id: 'x',
      numero: '2.1',
      titre: 'Par typologie',
      feuille: 'x',
      chapeau: 'chapeau',
      colonnes: [
        { libelle: 'Typologie', format: 'texte' as const },
        ...groupes.flatMap((g) => [
          { libelle: 'P', format: 'entier' as const, groupe: g },
          { libelle: 'A', format: 'entier' as const, groupe: g },
        ]),
      ],
      lignes: [['T1', 1, 2, 3, 4, 5, 6, 9, 12]],
      total: ['Total', 1, 2, 3, 4, 5, 6, 9, 12],
      legende: 'légende',
    };
    expect(decouper(t, 4)).toEqual([t]);
    const parts = decouper(t, 3);
    expect(parts.map((p) => [p.id, p.titre, p.chapeau, p.legende])).toEqual([
      ['x-1', 'Par typologie (1/2)', 'chapeau', undefined],
      ['x-2', 'Par typologie (2/2)', '', 'légende'],
    ]);
    expect(parts[0]?.lignes).toEqual([['T1', 1, 2, 3, 4, 5, 6]]);
    expect(parts[1]?.lignes).toEqual([['T1', 9, 12]]);
    expect(parts[1]?.colonnes.map((c) => c.groupe)).toEqual([undefined, 'Total', 'Total']);
  });
});

describe('bilan templates', () => {
  it('are checked against the view when loaded: an unknown field fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-bilan-templates-'));
    cpSync(join(repoRoot, 'templates', 'bilan'), dir, { recursive: true });
    expect(loadBilanTemplates(dir).modele.nom).toBe('bilan');
    const file = join(dir, 'partiels', 'tableau.hbs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('{{legende}}', '{{legend}}'));
    const broken = mkdtempSync(join(tmpdir(), 'convflux-bilan-templates-'));
    cpSync(dir, broken, { recursive: true });
    expect(() => loadBilanTemplates(broken)).toThrow(TemplateError);
    expect(() => loadBilanTemplates(broken)).toThrow(/champ inconnu « legend »/);
  });
});
