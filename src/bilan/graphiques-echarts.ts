/**
 * Bar charts of the annual bilan, drawn by Apache ECharts on the server (SVG renderer, `ssr`,
 * `renderToSVGString`: no DOM, no script in the output, no animation). Each chart carries a text
 * alternative for screen readers (role="img", aria-label, <title> and <desc>, written here in
 * French from the same figures) and sits beside the table that holds the same numbers.
 *
 * Same data, same bytes: ECharts numbers the CSS classes of each SVG per process (`zr0-cls-0`);
 * they are renamed after the chart's own key, so that the order in which charts are drawn (two
 * documents are built at once) does not change a document.
 */
import { createRequire } from 'node:module';
import { nombre, typographier } from '../render/typographie.js';

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
  /** Value labels (default: French number). */
  format?: (n: number) => string;
}

/** The part of ECharts' API used here (its typings do not resolve under NodeNext). */
interface EChartsInstance {
  setOption(option: object): void;
  renderToSVGString(): string;
  dispose(): void;
}
interface ECharts {
  init(
    dom: null,
    theme: null,
    options: { renderer: 'svg'; ssr: true; width: number; height: number },
  ): EChartsInstance;
}
let charge: ECharts | undefined;
/** ECharts, loaded on first use (its CommonJS build). */
function echarts(): ECharts {
  charge ??= createRequire(import.meta.url)('echarts') as ECharts;
  return charge;
}

const POLICE = 'Convflux Sans';
const HAUTEUR_BARRE = 13;
const ENTRE_GROUPES = 10;

const xml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The same SVG whatever ECharts drew before: its hover classes (`zr3-cls-7`, numbered per process)
 * renamed after the chart and numbered in order of appearance; its `ecmeta_*` attributes (for
 * client-side hydration) left out.
 */
function stable(svg: string, cle: string): string {
  const noms = new Map<string, string>();
  return svg
    .replace(/zr\d+-cls-\d+/g, (c) => {
      let nom = noms.get(c);
      if (nom === undefined) {
        nom = `${cle}-${String(noms.size)}`;
        noms.set(c, nom);
      }
      return nom;
    })
    .replace(/ ecmeta_\w+="[^"]*"/g, '');
}

/** The SVG as an image for screen readers: role, label, title and description (ECharts' `aria` needs a DOM). */
function accessible(svg: string, o: BarresOptions): string {
  const alt = xml(texteAlternatif(o));
  return svg.replace(
    /<svg ([^>]*)>/,
    (_, attrs: string) =>
      `<svg class="graphique" role="img" aria-label="${alt}" ${attrs}><title>${xml(typographier(o.titre))}</title><desc>${alt}</desc>`,
  );
}

/** The text alternative: every value, said as a sentence per series. */
export function texteAlternatif(o: BarresOptions): string {
  const format = o.format ?? ((n: number) => nombre(n));
  const parSerie = o.series.map(
    (s, i) =>
      `${s.nom} : ${o.categories.map((c) => `${c.libelle} ${format(c.valeurs[i] ?? 0)}`).join(', ')}`,
  );
  return typographier(`${o.titre}. ${parSerie.join(' ; ')}.`);
}

/** A horizontal grouped bar chart as an SVG string ('' when there is no category). */
export function graphiqueBarres(o: BarresOptions): string {
  if (!o.categories.length) return '';
  const format = o.format ?? ((n: number) => nombre(n));
  const largeur = o.largeur ?? 620;
  const groupe = o.series.length * HAUTEUR_BARRE + ENTRE_GROUPES;
  const hauteur = 40 + o.categories.length * groupe + 24;
  const etiquettes = Math.min(
    220,
    Math.max(60, ...o.categories.map((c) => c.libelle.length * 6 + 12)),
  );
  const chart = echarts().init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: largeur,
    height: hauteur,
  });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: POLICE, fontSize: 10 },
      legend: { top: 0, left: etiquettes, itemWidth: 12, itemHeight: 10 },
      grid: { left: etiquettes, right: 44, top: 28, bottom: 20, containLabel: false },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: format } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: o.categories.map((c) => typographier(c.libelle)),
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
    });
    return accessible(stable(chart.renderToSVGString(), o.cle), o);
  } finally {
    chart.dispose();
  }
}
