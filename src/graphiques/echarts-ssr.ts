/**
 * Apache ECharts on the server (SVG renderer, `ssr`, `renderToSVGString`: no DOM, no script in the
 * output, no animation), shared by the PDF bilan and the web pages. Every chart leaves here with a
 * text alternative for screen readers (role="img", aria-label, <title> and <desc>) written by its
 * caller from the same figures, and the same numbers exist as a table (see graphique.ts).
 *
 * Same data, same bytes: ECharts numbers the CSS classes of each SVG per process (`zr0-cls-0`);
 * they are renamed after the chart's own key, so that the order in which charts are drawn (two
 * documents are built at once) does not change a document.
 */
import { createRequire } from 'node:module';
import { typographie, type LangueGraphique } from './langue-graphique.js';

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

/** The font of the documents and pages (declared by their stylesheets). */
export const POLICE = 'Convflux Sans';

const xml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The same SVG whatever ECharts drew before: its hover classes (`zr3-cls-7`, numbered per process)
 * renamed after the chart and numbered in order of appearance, so are its clip paths' ids
 * (`zr3-c0`, unique within a page through the chart's key); its `ecmeta_*` attributes (for
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
    .replace(/zr\d+-c(\d+)/g, (_, n: string) => `${cle}-clip-${n}`)
    .replace(/ ecmeta_\w+="[^"]*"/g, '');
}

/**
 * The SVG as an image for screen readers: role, label, title and description (ECharts' `aria`
 * needs a DOM), and its language when it is not the documents' French.
 */
function accessible(svg: string, r: Rendu): string {
  const alt = xml(r.alternatif);
  const langue = r.langue ?? 'fr';
  const lang = langue === 'fr' ? '' : ` lang="${langue}"`;
  return svg.replace(
    /<svg ([^>]*)>/,
    (_, attrs: string) =>
      `<svg class="graphique" role="img"${lang} aria-label="${alt}" ${attrs}><title>${xml(typographie(langue, r.titre))}</title><desc>${alt}</desc>`,
  );
}

export interface Rendu {
  /** Unique within a document or page (letters, digits, dashes): names the chart's CSS classes. */
  cle: string;
  titre: string;
  /** The text alternative (every value, in sentences). */
  alternatif: string;
  largeur: number;
  hauteur: number;
  /** The ECharts option (animation is turned off here). */
  option: object;
  /** The language of the title and the text alternative (default French). */
  langue?: LangueGraphique;
}

/** One chart drawn as an accessible, stable SVG string. */
export function rendreSvg(r: Rendu): string {
  const chart = echarts().init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: r.largeur,
    height: r.hauteur,
  });
  try {
    chart.setOption(r.option);
    return accessible(stable(chart.renderToSVGString(), r.cle), r);
  } finally {
    chart.dispose();
  }
}
