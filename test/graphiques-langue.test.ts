/**
 * Charts in English (issue 15): the caller's English title, names and categories, and what the
 * chart library says itself (numbers, « sans objet », punctuation) in English; French stays the
 * default, byte for byte. The dashboard's charts say English everywhere when asked.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { barres, lignes } from '../src/graphiques/graphique.js';
import { evaluerPilotage } from '../src/pilotage/evaluer-pilotage.js';
import { graphiquesPilotage } from '../src/pilotage/graphiques-pilotage.js';
import type { TableauDeBord } from '../src/pilotage/tableau-de-bord.js';
import { repoRoot } from './helpers.js';

/** The visible texts of an SVG (its <text>, <title> and <desc> elements). */
const textes = (svg: string): string[] =>
  [...svg.matchAll(/<(text|title|desc)\b[^>]*>([^<]*)</g)].map((m) => m[2] ?? '');

const ligne = (langue: 'fr' | 'en') =>
  lignes(
    {
      cle: 'essai',
      langue,
      titre: langue === 'en' ? 'Achieved month by month' : 'Réalisé mois par mois',
      categories: langue === 'en' ? ['Jan', 'Feb'] : ['janv.', 'févr.'],
      series: [
        {
          nom: langue === 'en' ? 'achieved' : 'réalisé',
          couleur: '#2f6f47',
          valeurs: [1300.5, null],
        },
      ],
    },
    langue === 'en' ? 'End of month' : 'Fin du mois',
  );

describe('a chart in English', () => {
  it('says its title, axis, legend and text alternative in English', () => {
    const g = ligne('en');
    expect(g.texte).toBe('Achieved month by month. achieved: Jan 1,300.5, Feb no value.');
    expect(g.svg).toMatch(/^<svg class="graphique" role="img" lang="en" aria-label="Achieved/);
    const vus = textes(g.svg);
    expect(vus).toContain('Achieved month by month');
    expect(vus).toContain('Jan');
    expect(vus).toContain('achieved');
    expect(vus).toContain(g.texte);
    expect(vus.join(' ')).not.toMatch(/sans objet|\u202f|,\d\b/);
  });

  it('keeps French as the default (same bytes as without a language)', () => {
    const fr = ligne('fr');
    expect(fr.texte).toBe(
      'Réalisé mois par mois. réalisé\u00a0: janv. 1\u202f300,5, févr. sans objet.',
    );
    expect(fr.svg).not.toContain('lang=');
    const b = (langue?: 'fr') =>
      barres(
        {
          cle: 'b',
          titre: 'Dû par commune',
          series: [{ nom: 'dû', couleur: '#5f6b7a' }],
          categories: [{ libelle: 'Bobigny', valeurs: [2.25] }],
          ...(langue ? { langue } : {}),
        },
        'Commune',
      );
    expect(b('fr')).toEqual(b());
  });
});

describe('the dashboard’s charts in English', () => {
  let tableau: TableauDeBord;
  beforeAll(async () => {
    const exemple = join(repoRoot, 'test/fixtures/exemple-93');
    ({ tableau } = await evaluerPilotage({
      rules: [join(repoRoot, 'rules')],
      parc: join(exemple, 'logements.csv'),
      evenements: join(exemple, 'evenements.csv'),
      annee: 2025,
      cwd: repoRoot,
    }));
  }, 120_000);

  it('have English titles, legends, months, tables and text alternatives', () => {
    const fr = graphiquesPilotage(tableau);
    const en = graphiquesPilotage(tableau, 'en');
    expect(en.map((g) => g.cle)).toEqual(fr.map((g) => g.cle));
    const francais =
      /(?<!\p{L})(dû|réalisée?|mois|janv\.|févr\.|réservataires?|souhaitée|plancher|Fin du)(?!\p{L})/iu;
    for (const g of en) {
      for (const t of [g.titre, g.texte, g.tableau.entete, ...g.tableau.colonnes, ...textes(g.svg)])
        expect(t, g.cle).not.toMatch(francais);
    }
    const mensuel = en[0];
    const months = tableau.mois.map((d) =>
      new Date(`${d}T00:00:00Z`).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' }),
    );
    expect(mensuel?.tableau.lignes.map((l) => l.libelle)).toEqual(months);
    // Same numbers in both languages.
    expect(en.map((g) => g.tableau.lignes.map((l) => l.valeurs))).toEqual(
      fr.map((g) => g.tableau.lignes.map((l) => l.valeurs)),
    );
  });
});
