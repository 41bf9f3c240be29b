/**
 * The bilan's parts without a browser: construction periods, the breakdown collector against the
 * engine's own counts (in-process), the SVG charts, and the template check (a template that
 * reads an unknown field fails when the templates are loaded).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBilanTemplates } from '../src/bilan/bilan-templates.js';
import { compareLignes } from '../src/bilan/collecte.js';
import { evaluerBilan } from '../src/bilan/evaluer-bilan.js';
import { barresHorizontales, echelle } from '../src/bilan/graphiques.js';
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
    });
    expect(bilan.evaluation.conventions.length).toBeGreaterThanOrEqual(5);
    for (const c of bilan.evaluation.conventions) {
      const v = bilan.ventilation(c.id);
      const sum = (k: 'proposes' | 'attribues' | 'baux' | 'points'): number =>
        v.lignes.reduce((s, l) => s + l[k], 0);
      expect(sum('proposes'), c.id).toBe(c.orientations);
      expect(sum('attribues'), c.id).toBe(c.attributions);
      expect(sum('baux'), c.id).toBe(c.baux);
      expect(sum('points'), c.id).toBeCloseTo(c.realise, 6);
      const ha = Object.values(v.horsAssiette.logements).reduce((s, x) => s + x, 0);
      expect(ha, c.id).toBe(c.hors_assiette);
      const sorted = [...v.lignes].sort(compareLignes);
      expect(v.lignes).toEqual(sorted);
    }
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
    expect(bilan.ventilation('inconnue')).toEqual({
      lignes: [],
      horsAssiette: { logements: {}, attributions: {} },
    });
  });
});

describe('charts', () => {
  it('choose round scales, whole steps for counts', () => {
    expect(echelle(19.8)).toEqual({ haut: 20, pas: 5 });
    expect(echelle(6)).toEqual({ haut: 6, pas: 2 });
    expect(echelle(4)).toEqual({ haut: 4, pas: 1 });
    expect(echelle(1)).toEqual({ haut: 1, pas: 1 });
    expect(echelle(0)).toEqual({ haut: 1, pas: 1 });
    expect(echelle(1, false)).toEqual({ haut: 1, pas: 0.2 });
    expect(echelle(1.333, false)).toEqual({ haut: 1.5, pas: 0.5 });
  });

  it('are deterministic inline SVG, with a title, escaped and typeset text', () => {
    const options = {
      titre: 'Logements <proposés> & attribués',
      series: [
        { nom: 'proposés', couleur: '#14233c' },
        { nom: 'attribués', couleur: '#6b93c4' },
      ],
      categories: [
        { libelle: 'T1', valeurs: [2, 1] },
        { libelle: 'Un libellé beaucoup trop long pour tenir dans la colonne', valeurs: [0, 3.5] },
      ],
    };
    const svg = barresHorizontales(options);
    expect(barresHorizontales(options)).toBe(svg);
    expect(svg).toMatch(
      /^<svg class="graphique" xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 620 [\d.]+" role="img"/,
    );
    expect(svg).toContain('<title>Logements &lt;proposés&gt; &amp; attribués</title>');
    expect(svg).toContain('>3,5</text>');
    expect(svg).toContain('…</text>');
    expect(svg).not.toMatch(/<script|href=|NaN|Infinity/);
    // Two bars drawn (the zero is a label only) plus the two legend squares.
    expect((svg.match(/<rect /g) ?? []).length).toBe(5);
  });
});

describe('bilan templates', () => {
  it('are checked against the view when loaded: an unknown field fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-bilan-templates-'));
    cpSync(join(repoRoot, 'templates', 'bilan'), dir, { recursive: true });
    expect(loadBilanTemplates(dir).modele.nom).toBe('bilan');
    const file = join(dir, 'sections', 'synthese.hbs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('{{libelle}}', '{{libele}}'));
    const broken = mkdtempSync(join(tmpdir(), 'convflux-bilan-templates-'));
    cpSync(dir, broken, { recursive: true });
    expect(() => loadBilanTemplates(broken)).toThrow(TemplateError);
    expect(() => loadBilanTemplates(broken)).toThrow(/champ inconnu « libele »/);
  });
});
