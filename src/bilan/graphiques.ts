/**
 * Bar charts of the annual bilan as inline SVG, drawn here in TypeScript: no script, no external
 * resource, no measurement by the browser. The same data give the same bytes (coordinates are
 * rounded to a hundredth, labels are typeset with the French number format). Text widths are
 * estimated from the font size (Convflux Sans averages about half an em per character), which is
 * enough to size the label column and cut a label that would not fit.
 */
import { nombre, typographier } from '../render/typographie.js';

export interface SerieGraphique {
  nom: string;
  /** Fill colour (#rrggbb). */
  couleur: string;
}

export interface CategorieGraphique {
  libelle: string;
  /** One value per series (negative values are drawn as 0). */
  valeurs: number[];
  /** Per-series fill overriding the series' colour (e.g. a status). */
  couleurs?: (string | undefined)[];
}

export interface GraphiqueOptions {
  /** Accessible title (SVG <title> and aria-label): what the chart shows. */
  titre: string;
  series: SerieGraphique[];
  categories: CategorieGraphique[];
  /** Value labels (default: French number, two decimals at most). */
  format?: (n: number) => string;
  /** Lowest upper bound of the scale (e.g. 1 for shares). */
  minimum?: number;
  /** Extra legend entries (e.g. what the override colours mean). */
  legende?: SerieGraphique[];
  /** Width of the drawing in SVG units (default 620: the full text width at 1:1). */
  largeur?: number;
  /** Values are counts (whole steps on the scale; default true). */
  entiers?: boolean;
  /** Font size in SVG units (default 10.5); bars are as thick as the font is high. */
  police?: number;
}

const LARGEUR_PAR_DEFAUT = 620;
const POLICE = 10.5;
const ENTRE_BARRES = 2;
const ENTRE_GROUPES = 7;
const MARGE_VALEURS = 50;
const POLICE_FAMILLE = 'Convflux Sans';

const f = (n: number): string => String(Math.round(n * 100) / 100);

function xml(text: string): string {
  return typographier(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Estimated width of a text in the chart's font. */
export function largeurTexte(text: string, taille = POLICE): number {
  let w = 0;
  for (const ch of text) w += /[\u00a0\u202f ]/.test(ch) ? 0.28 : /[A-ZÉÈÀÂ]/.test(ch) ? 0.6 : 0.5;
  return w * taille;
}

function couper(text: string, max: number, taille: number): string {
  if (largeurTexte(text, taille) <= max) return text;
  const chars = Array.from(text);
  while (chars.length > 1 && largeurTexte(`${chars.join('')}…`, taille) > max) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** The smallest of 1, 2, 5 × 10^k at least `x`. */
function pasRond(x: number): number {
  const puissance = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5]) if (m * puissance >= x - 1e-12) return m * puissance;
  return 10 * puissance;
}

/**
 * The scale of a chart: about five round steps (1, 2 or 5 × 10^k) up to the first step at or
 * above `max`. Counts of flats (`entiers`) never get a step below one.
 */
export function echelle(max: number, entiers = true): { haut: number; pas: number } {
  if (!(max > 0)) return { haut: 1, pas: entiers ? 1 : 0.2 };
  let pas = pasRond(max / 5);
  if (entiers) pas = Math.max(1, pas);
  const haut = Math.ceil(max / pas - 1e-9) * pas;
  return { haut: Math.round(haut * 1e9) / 1e9, pas };
}

/** Horizontal bars, one group per category and one bar per series, with a legend and a scale. */
export function barresHorizontales(o: GraphiqueOptions): string {
  const format = o.format ?? ((n: number) => nombre(n));
  const legende = [...o.series, ...(o.legende ?? [])];
  const max = Math.max(
    o.minimum ?? 0,
    ...o.categories.flatMap((c) => c.valeurs.map((v) => Math.max(0, v))),
  );
  const { haut, pas } = echelle(max, o.entiers ?? true);
  const largeur = o.largeur ?? LARGEUR_PAR_DEFAUT;
  const police = o.police ?? POLICE;
  const barre = Math.round(police * 0.95 * 100) / 100;
  const libelles = Math.min(
    Math.max(60, ...o.categories.map((c) => largeurTexte(c.libelle, police) + 10)),
    largeur * 0.4,
  );
  const x0 = libelles;
  const x1 = largeur - MARGE_VALEURS;
  const x = (v: number): number => x0 + ((x1 - x0) * Math.max(0, v)) / haut;
  const out: string[] = [];

  // Legend, one row.
  let y = 0;
  if (legende.length > 1 || o.legende?.length) {
    const pas = (nom: string): number => police * 1.35 + largeurTexte(nom, police) + police * 1.7;
    const total = legende.reduce((t, s) => t + pas(s.nom), 0);
    // From the plot's left edge, or from the label column's when it would not fit.
    let lx = x0 + total <= largeur ? x0 : 0;
    for (const s of legende) {
      out.push(
        `<rect x="${f(lx)}" y="2" width="${f(police)}" height="${f(police)}" fill="${s.couleur}"/>`,
        `<text x="${f(lx + police * 1.35)}" y="${f(police + 1)}">${xml(s.nom)}</text>`,
      );
      lx += pas(s.nom);
    }
    y = police * 2.1;
  }

  const groupe = o.series.length * barre + (o.series.length - 1) * ENTRE_BARRES;
  const hautTrace = o.categories.length * (groupe + ENTRE_GROUPES) + ENTRE_GROUPES;
  const yTrace = y;
  // Scale: vertical grid lines, the ticks' labels below the plot.
  const graduations: string[] = [];
  const nPas = Math.round(haut / pas);
  for (let i = 0; i <= nPas; i++) {
    const v = i * pas;
    const gx = x(v);
    graduations.push(
      `<line x1="${f(gx)}" y1="${f(yTrace)}" x2="${f(gx)}" y2="${f(yTrace + hautTrace)}" stroke="${i === 0 ? '#3a3f46' : '#d5dae1'}" stroke-width="${i === 0 ? '0.8' : '0.5'}"/>`,
      `<text x="${f(gx)}" y="${f(yTrace + hautTrace + police + 3)}" text-anchor="middle" fill="#3a3f46">${xml(format(v))}</text>`,
    );
  }
  out.push(...graduations);

  y = yTrace + ENTRE_GROUPES;
  for (const c of o.categories) {
    out.push(
      `<text x="${f(x0 - 6)}" y="${f(y + groupe / 2 + police * 0.35)}" text-anchor="end">${xml(couper(c.libelle, libelles - 10, police))}</text>`,
    );
    o.series.forEach((s, i) => {
      const v = c.valeurs[i] ?? 0;
      const by = y + i * (barre + ENTRE_BARRES);
      const w = x(v) - x0;
      const fill = c.couleurs?.[i] ?? s.couleur;
      if (w > 0)
        out.push(
          `<rect x="${f(x0)}" y="${f(by)}" width="${f(w)}" height="${f(barre)}" fill="${fill}"/>`,
        );
      out.push(
        `<text x="${f(x(v) + 3)}" y="${f(by + barre * 0.82)}" fill="#111">${xml(format(v))}</text>`,
      );
    });
    y += groupe + ENTRE_GROUPES;
  }
  const hauteur = yTrace + hautTrace + police + 6;
  return [
    `<svg class="graphique" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${String(largeur)} ${f(hauteur)}" role="img" aria-label="${xml(o.titre)}" font-family="${POLICE_FAMILLE}" font-size="${f(police)}" fill="#111">`,
    `<title>${xml(o.titre)}</title>`,
    ...out,
    '</svg>',
  ].join('');
}
