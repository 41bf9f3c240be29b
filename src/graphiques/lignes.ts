/**
 * Line charts over ordered categories (the months of the year): the dashboard's attainment month
 * by month. Drawn by ECharts on the server (echarts-ssr.ts) with a text alternative in the chart's
 * language (French by default) that says every value; a missing value (null) leaves a gap and is
 * said « sans objet » ("no value").
 */
import { POLICE, rendreSvg } from './echarts-ssr.js';
import {
  deuxPoints,
  nombreGraphique,
  sansValeur,
  typographie,
  type LangueGraphique,
} from './langue-graphique.js';

export interface SerieLignes {
  nom: string;
  /** Line colour (#rrggbb). */
  couleur: string;
  /** One value per category (null: no value, a gap in the line). */
  valeurs: (number | null)[];
  /** Dashed line (a target rather than an achievement). */
  pointilles?: boolean;
}

export interface LignesOptions {
  /** Unique within a page (letters, digits, dashes): names the chart's CSS classes. */
  cle: string;
  /** What the chart shows (also the start of its text alternative). */
  titre: string;
  /** The x axis, in order (e.g. « janv. », « févr. »…). */
  categories: string[];
  series: SerieLignes[];
  /** Width in px (default 620). */
  largeur?: number;
  /** Height in px (default 260). */
  hauteur?: number;
  /** Value labels (default: a number in the chart's language). */
  format?: (n: number) => string;
  /** CSS font family (default: the documents' font; pages pass their own). */
  police?: string;
  /** The language of the title, names and categories given (default French). */
  langue?: LangueGraphique;
}

/** The value labels: the caller's format, else a number in the chart's language. */
const formatDe = (o: LignesOptions) =>
  o.format ?? ((n: number) => nombreGraphique(o.langue ?? 'fr', n));

/** The text alternative: every value, said as a sentence per series. */
export function texteAlternatifLignes(o: LignesOptions): string {
  const langue = o.langue ?? 'fr';
  const format = formatDe(o);
  const parSerie = o.series.map(
    (s) =>
      `${s.nom}${deuxPoints(langue)} ${o.categories
        .map((c, i) => {
          const v = s.valeurs[i];
          return `${c} ${v === null || v === undefined ? sansValeur(langue) : format(v)}`;
        })
        .join(', ')}`,
  );
  return typographie(langue, `${o.titre}. ${parSerie.join(langue === 'en' ? '; ' : ' ; ')}.`);
}

/** A line chart as an SVG string ('' when there is no category or no series). */
export function graphiqueLignes(o: LignesOptions): string {
  if (!o.categories.length || !o.series.length) return '';
  const format = formatDe(o);
  return rendreSvg({
    cle: o.cle,
    titre: o.titre,
    alternatif: texteAlternatifLignes(o),
    langue: o.langue ?? 'fr',
    largeur: o.largeur ?? 620,
    hauteur: o.hauteur ?? 260,
    option: {
      animation: false,
      textStyle: { fontFamily: o.police ?? POLICE, fontSize: 11 },
      legend: { top: 0, left: 48, itemWidth: 18, itemHeight: 10 },
      grid: { left: 48, right: 24, top: 36, bottom: 28, containLabel: false },
      xAxis: { type: 'category', boundaryGap: false, data: o.categories },
      yAxis: { type: 'value', axisLabel: { formatter: format } },
      series: o.series.map((s) => ({
        type: 'line',
        name: s.nom,
        data: s.valeurs.map((v) => (v === null ? '-' : v)),
        connectNulls: false,
        symbol: 'circle',
        symbolSize: 5,
        itemStyle: { color: s.couleur },
        lineStyle: { color: s.couleur, width: 2, type: s.pointilles ? 'dashed' : 'solid' },
      })),
    },
  });
}
