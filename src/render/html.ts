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

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function documentTitle(view: ConventionView): string {
  const rv = view.type.etat ? `l’État (${view.reservataire.nom})` : view.reservataire.nom;
  return `${view.document.titre} entre ${view.bailleur.nom} et ${rv} – version ${String(view.document.version)}`;
}

/** The whole document. */
export function conventionHtml(
  view: ConventionView,
  templates: ConventionTemplates,
  options: HtmlOptions = {},
): string {
  const body = typographierHtml(templates.document(view));
  const fonts = options.polices === false ? '/* polices intégrées au rendu */' : templates.polices;
  return [
    '<!DOCTYPE html>',
    '<html lang="fr">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta name="generator" content="convflux, modèle ${escapeHtml(templates.modele.nom)} ${escapeHtml(templates.modele.version)} (${templates.modele.empreinte})">`,
    `<title>${escapeHtml(typographierHtml(documentTitle(view)))}</title>`,
    `<style>\n${fonts}\n</style>`,
    `<style>\n${templates.css}</style>`,
    '</head>',
    `<body${view.document.projet ? ' class="projet"' : ''}>`,
    body.trim(),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Chromium's header and footer templates (rendered apart: they carry their own style and font). */
export function headerFooterHtml(
  view: ConventionView,
  templates: ConventionTemplates,
): { header: string; footer: string } {
  const style = `<style>${templates.policesPied}\n${templates.cssPied}</style>`;
  return {
    header: `${style}${typographierHtml(templates.entete(view))}`,
    footer: `${style}${typographierHtml(templates.pied(view))}`,
  };
}

/** A page with the document's fonts and stylesheet, to warm a browser page up before use. */
export function warmupHtml(templates: ConventionTemplates): string {
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><style>${templates.polices}</style><style>${templates.css}</style></head><body><h2>Article</h2><p><strong>30\u202f%</strong> <em>délai</em></p><table class="tableau"><tr><td>x</td></tr></table></body></html>`;
}
