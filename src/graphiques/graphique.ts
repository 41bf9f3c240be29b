/**
 * A chart as a page or an API answer carries it: the SVG, its text alternative, and the table of
 * the same numbers (for readers who would rather read, and for screen readers that skip images).
 */
import { graphiqueBarres, texteAlternatif, type BarresOptions } from './barres.js';
import { graphiqueLignes, texteAlternatifLignes, type LignesOptions } from './lignes.js';

export interface TableauGraphique {
  /** Heading of the first column (the categories). */
  entete: string;
  /** Headings of the other columns (the series). */
  colonnes: string[];
  /** One row per category: its label, then one value per series (null: sans objet). */
  lignes: { libelle: string; valeurs: (number | null)[] }[];
}

export interface Graphique {
  cle: string;
  titre: string;
  type: 'barres' | 'lignes';
  /** The SVG (role="img", aria-label, <title>, <desc>); '' when there is nothing to draw. */
  svg: string;
  /** The text alternative (also in the SVG's aria-label and <desc>). */
  texte: string;
  tableau: TableauGraphique;
}

/** A bar chart with its text alternative and its table (`entete`: what the categories are). */
export function barres(o: BarresOptions, entete: string): Graphique {
  return {
    cle: o.cle,
    titre: o.titre,
    type: 'barres',
    svg: graphiqueBarres(o),
    texte: texteAlternatif(o),
    tableau: {
      entete,
      colonnes: o.series.map((s) => s.nom),
      lignes: o.categories.map((c) => ({
        libelle: c.libelle,
        valeurs: o.series.map((_, i) => c.valeurs[i] ?? null),
      })),
    },
  };
}

/** A line chart with its text alternative and its table (one row per category). */
export function lignes(o: LignesOptions, entete: string): Graphique {
  return {
    cle: o.cle,
    titre: o.titre,
    type: 'lignes',
    svg: graphiqueLignes(o),
    texte: texteAlternatifLignes(o),
    tableau: {
      entete,
      colonnes: o.series.map((s) => s.nom),
      lignes: o.categories.map((libelle, i) => ({
        libelle,
        valeurs: o.series.map((s) => s.valeurs[i] ?? null),
      })),
    },
  };
}
