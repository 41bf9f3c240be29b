/**
 * Prints the relevé de cotation of a request, and the public grid document, through the same
 * pipeline as conventions: Handlebars templates of templates/cotation/ checked against their
 * view-model, self-contained HTML (fonts inline, no script), Chromium's print (src/render/).
 */
import { createHash } from 'node:crypto';
import { packagePath } from '../package-path.js';
import { PdfBrowser } from '../render/chromium.js';
import { finishPdf } from '../render/finish-pdf.js';
import { headerFooter, htmlPage, warmupHtml } from '../render/html.js';
import { convfluxVersion } from '../render/render-conventions.js';
import { loadTemplateSet, type TemplateSet } from '../render/template-set.js';
import { typographierHtml } from '../render/typographie.js';
import { COTATION_SHAPE, type CotationView } from './releve-view.js';

export type CotationTemplates = TemplateSet<CotationView>;

export const COTATION_TEMPLATES_DIR = packagePath('templates', 'cotation');

export function loadCotationTemplates(dir = COTATION_TEMPLATES_DIR): CotationTemplates {
  return loadTemplateSet<CotationView>(dir, COTATION_SHAPE);
}

export function cotationHtml(view: CotationView, t: CotationTemplates): string {
  const c = t.convention;
  return htmlPage({
    modele: t.modele,
    title: typographierHtml(view.titre),
    polices: c.polices,
    options: {},
    styles: [c.css, t.css],
    projet: false,
    body: typographierHtml(t.document(view)),
  });
}

/** What a printed document comes from: its date (no clock) and the grid file's SHA-256. */
export interface CotationSource {
  view: CotationView;
  date: string;
  grilleSha256: string;
}

/**
 * The PDFs of the views, printed by one Chromium and finished like conventions (finishPdf:
 * fixed metadata dated by `date`, structure ids renumbered, a file identifier derived from the
 * grid and the content): the same input gives the same bytes.
 */
export async function cotationPdfs(
  sources: readonly CotationSource[],
  t: CotationTemplates,
): Promise<{ bytes: Uint8Array; pages: number }[]> {
  const browser = await PdfBrowser.launch({ warmup: warmupHtml(t.convention) });
  try {
    const out: { bytes: Uint8Array; pages: number }[] = [];
    for (const { view, date, grilleSha256 } of sources) {
      const { header, footer } = headerFooter(t.convention, t.entete(view), t.pied(view));
      const html = cotationHtml(view, t);
      const raw = await browser.pdf(html, { header, footer });
      const contenu = createHash('sha256').update(html).digest('hex');
      const modele = `${t.modele.nom} ${t.modele.version} (${t.modele.empreinte})`;
      const grille = `${view.grille.epci} v${view.grille.version}`;
      const { bytes, pages } = await finishPdf(
        raw,
        { signatures: { blocs: [], exemplaires: '' } },
        {
          title: view.titre,
          author: view.grille.epci,
          subject: view.releve
            ? `Relevé de cotation de la demande ${view.releve.numero}`
            : 'Grille de cotation de la demande de logement social',
          keywords: ['cotation de la demande', 'R. 441-2-10', grille].join(' ; '),
          producer: `convflux ${convfluxVersion()} ; ${browser.version} (Skia/PDF) ; pdf-lib`,
          // The content's hash makes each relevé's file identifier its own.
          creator: `convflux cotation, modèle ${modele}, contenu ${contenu.slice(0, 16)}`,
          date,
          custom: { yamlSha256: grilleSha256, grille, contenuSha256: contenu, modele },
        },
      );
      out.push({ bytes, pages });
    }
    return out;
  } finally {
    await browser.close();
  }
}
