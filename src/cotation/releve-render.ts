/**
 * Prints the relevé de cotation of a request, and the public grid document, through the same
 * pipeline as conventions: Handlebars templates of templates/cotation/ checked against their
 * view-model, self-contained HTML (fonts inline, no script), Chromium's print (src/render/).
 */
import { PDFDocument } from 'pdf-lib';
import { packagePath } from '../package-path.js';
import { PdfBrowser } from '../render/chromium.js';
import { headerFooter, htmlPage, warmupHtml } from '../render/html.js';
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

/** The PDFs of the views, printed by one Chromium, with fixed metadata (no clock). */
export async function cotationPdfs(
  views: readonly { view: CotationView; date: string }[],
  t: CotationTemplates,
): Promise<{ bytes: Uint8Array; pages: number }[]> {
  const browser = await PdfBrowser.launch({ warmup: warmupHtml(t.convention) });
  try {
    const out: { bytes: Uint8Array; pages: number }[] = [];
    for (const { view, date } of views) {
      const { header, footer } = headerFooter(t.convention, t.entete(view), t.pied(view));
      const raw = await browser.pdf(cotationHtml(view, t), { header, footer });
      const doc = await PDFDocument.load(raw, { updateMetadata: false });
      const day = new Date(`${date}T00:00:00Z`);
      doc.setTitle(view.titre, { showInWindowTitleBar: true });
      doc.setAuthor(view.grille.epci);
      doc.setSubject(
        view.releve
          ? `Relevé de cotation de la demande ${view.releve.numero}`
          : 'Grille de cotation de la demande de logement social',
      );
      doc.setProducer(`convflux ; ${browser.version} (Skia/PDF) ; pdf-lib`);
      doc.setCreator(
        `convflux cotation, modèle ${t.modele.nom} ${t.modele.version} (${t.modele.empreinte})`,
      );
      doc.setCreationDate(day);
      doc.setModificationDate(day);
      doc.setLanguage('fr-FR');
      out.push({ bytes: await doc.save({ useObjectStreams: false }), pages: doc.getPageCount() });
    }
    return out;
  } finally {
    await browser.close();
  }
}
