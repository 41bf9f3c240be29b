/**
 * ConventionView → the HTML of the document, and of Chromium's page header and footer. The HTML
 * is self-contained: stylesheet and fonts inline (data: URLs), no script, no external resource.
 */
import { typographierHtml } from './typographie.js';
import type { ConventionTemplates } from './templates.js';
import type { ConventionView } from './view-model.js';

export interface HtmlOptions {
  /**
   * Inline the fonts (default). Golden snapshots leave them out: they are the same bytes for
   * every document and would only bury the text under base64.
   */
  polices?: boolean;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * A self-contained page: the fonts (unless left out for a golden snapshot) and stylesheets
 * inline, the template set named in a generator tag, a class on the body for drafts. Every
 * document convflux prints (convention, avenant, bilan) is assembled here.
 */
export function htmlPage(page: {
  modele: { nom: string; version: string; empreinte: string };
  /** Already typeset. */
  title: string;
  /** @font-face rules. */
  polices: string;
  options: HtmlOptions;
  styles: readonly string[];
  projet: boolean;
  body: string;
}): string {
  const fonts = page.options.polices === false ? '/* polices intégrées au rendu */' : page.polices;
  const { nom, version, empreinte } = page.modele;
  return [
    '<!DOCTYPE html>',
    '<html lang="fr">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta name="generator" content="convflux, modèle ${escapeHtml(nom)} ${escapeHtml(version)} (${empreinte})">`,
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>\n${fonts}\n</style>`,
    ...page.styles.map((css) => `<style>\n${css}</style>`),
    '</head>',
    `<body${page.projet ? ' class="projet"' : ''}>`,
    page.body.trim(),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export function documentTitle(view: ConventionView): string {
  const rv = view.type.etat ? `l’État (${view.reservataire.nom})` : view.reservataire.nom;
  const consolidee = view.edition.consolidee ? ' consolidée à titre d’information' : '';
  return `${view.document.titre} entre ${view.bailleur.nom} et ${rv} – version ${String(view.document.version)}${consolidee}`;
}

/** The whole document. */
export function conventionHtml(
  view: ConventionView,
  templates: ConventionTemplates,
  options: HtmlOptions = {},
): string {
  return htmlPage({
    modele: templates.modele,
    title: typographierHtml(documentTitle(view)),
    polices: templates.polices,
    options,
    styles: [templates.css],
    projet: view.document.projet,
    body: typographierHtml(templates.document(view)),
  });
}

/** Chromium's header and footer templates (rendered apart: they carry their own style and font). */
export function headerFooterHtml(
  view: ConventionView,
  templates: ConventionTemplates,
): { header: string; footer: string } {
  return headerFooter(templates, templates.entete(view), templates.pied(view));
}

/**
 * Chromium's header and footer from their rendered templates, with the footer font and
 * stylesheet of the convention's templates (every document convflux prints shares them).
 */
export function headerFooter(
  convention: Pick<ConventionTemplates, 'policesPied' | 'cssPied'>,
  entete: string,
  pied: string,
): { header: string; footer: string } {
  const style = `<style>${convention.policesPied}\n${convention.cssPied}</style>`;
  return {
    header: `${style}${typographierHtml(entete)}`,
    footer: `${style}${typographierHtml(pied)}`,
  };
}

/**
 * A page with the document's head (fonts and stylesheet) and a few lines of text in its faces, to
 * warm a browser page up before use: the first convention then only swaps its body in.
 */
export function warmupHtml(templates: ConventionTemplates): string {
  return htmlPage({
    modele: templates.modele,
    title: '',
    polices: templates.polices,
    options: {},
    styles: [templates.css],
    projet: false,
    body: '<h2>Article</h2><p><strong>30\u202f%</strong> <em>délai</em></p><table class="tableau"><tr><td>x</td></tr></table>',
  });
}
