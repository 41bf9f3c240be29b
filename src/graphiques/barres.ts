/**
 * Horizontal grouped bar charts (the bilan's tables, the dashboard's communes, typologies and
 * hors-QPV balance), drawn by ECharts on the server (echarts-ssr.ts). Each chart carries a text
 * alternative for screen readers, written here from the same figures in the chart's language
 * (French by default), and sits beside the table that holds the same numbers.
 */
import { POLICE, rendreSvg } from './echarts-ssr.js';
import {
  deuxPoints,
  nombreGraphique,
  typographie,
  type LangueGraphique,
} from './langue-graphique.js';

export interface SerieBarres {
  nom: string;
  /** Fill colour (#rrggbb). */
  couleur: string;
}

export interface CategorieBarres {
  libelle: string;
  /** One value per series. */
  valeurs: number[];
}

export interface BarresOptions {
  /** Unique within a document (letters, digits, dashes): names the chart's CSS classes. */
  cle: string;
  /** What the chart shows (also the start of its text alternative). */
  titre: string;
  series: SerieBarres[];
  categories: CategorieBarres[];
  /** Width in px (default 620: the text width). */
  largeur?: number;
  /** Least width in px of the category names (default 60): a short name in capitals fits whole. */
  etiquettesMin?: number;
  /** Value labels (default: a number in the chart's language). */
  format?: (n: number) => string;
  /** CSS font family (default: the documents' font; pages pass their own). */
  police?: string;
  /** The language of the title, names and labels given (default French). */
  langue?: LangueGraphique;
}

const HAUTEUR_BARRE = 13;
const ENTRE_GROUPES = 10;

/** The text alternative: every value, said as a sentence per series. */
export function texteAlternatif(o: BarresOptions): string {
  const langue = o.langue ?? 'fr';
  const format = formatDe(o);
  const parSerie = o.series.map(
    (s, i) =>
      `${s.nom}${deuxPoints(langue)} ${o.categories.map((c) => `${c.libelle} ${format(c.valeurs[i] ?? 0)}`).join(', ')}`,
  );
  return typographie(langue, `${o.titre}. ${parSerie.join(langue === 'en' ? '; ' : ' ; ')}.`);
}

/** The value labels: the caller's format, else a number in the chart's language. */
const formatDe = (o: BarresOptions) =>
  o.format ?? ((n: number) => nombreGraphique(o.langue ?? 'fr', n));

/** A horizontal grouped bar chart as an SVG string ('' when there is no category). */
export function graphiqueBarres(o: BarresOptions): string {
  if (!o.categories.length) return '';
  const langue = o.langue ?? 'fr';
  const format = formatDe(o);
  const largeur = o.largeur ?? 620;
  const groupe = o.series.length * HAUTEUR_BARRE + ENTRE_GROUPES;
  const hauteur = 40 + o.categories.length * groupe + 24;
  const etiquettes = Math.min(
    220,
    Math.max(o.etiquettesMin ?? 60, ...o.categories.map((c) => c.libelle.length * 6 + 12)),
  );
  return rendreSvg({
    cle: o.cle,
    titre: o.titre,
    alternatif: texteAlternatif(o),
    langue,
    largeur,
    hauteur,
    option: {
      animation: false,
      textStyle: { fontFamily: o.police ?? POLICE, fontSize: 10 },
      legend: { top: 0, left: etiquettes, itemWidth: 12, itemHeight: 10 },
      grid: { left: etiquettes, right: 44, top: 28, bottom: 20, containLabel: false },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: format } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: o.categories.map((c) => typographie(langue, c.libelle)),
        axisLabel: { width: etiquettes - 8, overflow: 'truncate' },
      },
      series: o.series.map((s, i) => ({
        type: 'bar',
        name: s.nom,
        itemStyle: { color: s.couleur },
        barMaxWidth: HAUTEUR_BARRE - 2,
        label: {
          show: true,
          position: 'right',
          formatter: (p: { value: unknown }) => format(Number(p.value)),
        },
        data: o.categories.map((c) => c.valeurs[i] ?? 0),
      })),
    },
  });
}
