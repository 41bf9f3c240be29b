/**
 * `convflux previsionnel`: the forecast of year N of one bailleur × département (CCH art.
 * R. 441-5 I) as a PDF (or HTML), a CSV beside it (the flux per commune × typologie) and one per
 * other table, and an `.xlsx` workbook of every table. Printed through the bilan's pipeline:
 * the templates of templates/previsionnel/ on top of the convention's fonts and base
 * stylesheet, one Chromium with every request blocked, pdf-lib finishing with fixed metadata.
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { displayPath } from '../display-path.js';
import { ensureOutputDir, writeOutput } from '../output/write-output.js';
import { packagePath } from '../package-path.js';
import { territoires } from '../reference/territoires.js';
import { PdfBrowser } from '../render/chromium.js';
import { finishPdf } from '../render/finish-pdf.js';
import { headerFooter, htmlPage, warmupHtml } from '../render/html.js';
import { convfluxVersion } from '../render/render-conventions.js';
import { loadTemplateSet, type TemplateSet } from '../render/template-set.js';
import { typographierHtml } from '../render/typographie.js';
import {
  calculerPrevisionnel,
  type Previsionnel,
  type PrevisionnelOptions,
} from './calculer-previsionnel.js';
import { classeurPrevisionnel, tableauCsv } from './previsionnel-classeur.js';
import { tableauxPrevisionnel } from './previsionnel-tableaux.js';
import {
  buildPrevisionnelView,
  PREVISIONNEL_SHAPE,
  type PrevisionnelView,
} from './previsionnel-view.js';

export const PREVISIONNEL_TEMPLATES_DIR = packagePath('templates', 'previsionnel');

export type PrevisionnelTemplates = TemplateSet<PrevisionnelView>;

export function loadPrevisionnelTemplates(dir = PREVISIONNEL_TEMPLATES_DIR): PrevisionnelTemplates {
  return loadTemplateSet<PrevisionnelView>(dir, PREVISIONNEL_SHAPE);
}

export interface FichierEcrit {
  fichier: string;
  octets: number;
  sha256: string;
  lignes?: number;
  pages?: number;
}

export interface PrevisionnelResult {
  previsionnel?: Previsionnel;
  document?: FichierEcrit & { format: 'pdf' | 'html' };
  csv: FichierEcrit[];
  classeur?: FichierEcrit;
  diagnostics: Diagnostic[];
}

const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

/** The view of a forecast, with the communes' names and the département's. */
export function previsionnelView(
  p: Previsionnel,
  templates: PrevisionnelTemplates,
  o: { section?: boolean; numero?: string } = {},
): PrevisionnelView {
  const geo = territoires();
  return buildPrevisionnelView(p, {
    modele: templates.modele,
    generateur: `convflux ${convfluxVersion()}`,
    nomCommune: (code) => (geo.communes.get(code) ?? geo.anciens.get(code))?.nom ?? code,
    nomDepartement: geo.departements.get(p.departement) ?? p.departement,
    ...(o.section ? { section: true } : {}),
    ...(o.numero !== undefined ? { numero: o.numero } : {}),
  });
}

export function previsionnelHtml(
  view: PrevisionnelView,
  templates: PrevisionnelTemplates,
  options: { polices?: boolean } = {},
): string {
  const c = templates.convention;
  return htmlPage({
    modele: templates.modele,
    title: typographierHtml(`${view.document.titre} – ${view.bailleur.nom}`),
    polices: c.polices,
    options,
    styles: [c.css, templates.css],
    projet: false,
    body: typographierHtml(templates.document(view)),
  });
}

async function previsionnelPdf(
  view: PrevisionnelView,
  templates: PrevisionnelTemplates,
  browser: PdfBrowser,
  donnees: string,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const { header, footer } = headerFooter(
    templates.convention,
    templates.entete(view),
    templates.pied(view),
  );
  const raw = await browser.pdf(previsionnelHtml(view, templates), { header, footer });
  const modele = `${templates.modele.nom} ${templates.modele.version} (${templates.modele.empreinte})`;
  const an = view.document.annee;
  return finishPdf(
    raw,
    { signatures: { blocs: [], exemplaires: '' } },
    {
      title: `${view.document.titre} – ${view.bailleur.nom}`,
      author: view.bailleur.nom,
      subject: `Prévisionnel ${an} du flux et des logements déduits de l’assiette (CCH, art. R. 441-5 I)`,
      keywords: [
        'prévisionnel',
        'R. 441-5',
        'gestion en flux',
        `année ${an}`,
        `donnees:${donnees}`,
      ].join(' ; '),
      producer: `convflux ${convfluxVersion()} ; ${browser.version} (Skia/PDF) ; pdf-lib`,
      creator: `convflux previsionnel, modèle ${modele}, année ${an}, données ${donnees.slice(0, 16)}`,
      // The document's date is the start of the year forecast (never the clock).
      date: `${an}-01-01`,
      custom: { yamlSha256: donnees, annee: an, donnees, modele },
    },
  );
}

async function ecrire(path: string, contenu: Uint8Array | string, lang: Lang, cwd: string) {
  await writeOutput(path, contenu, { lang, cwd });
  const octets = typeof contenu === 'string' ? Buffer.byteLength(contenu) : contenu.length;
  return { fichier: displayPath(path, cwd), octets, sha256: sha256(contenu) };
}

export interface PrevisionnelDocumentsOptions extends PrevisionnelOptions {
  out: string;
  html?: boolean;
  /** A running browser to reuse (tests); otherwise one is started and closed. */
  browser?: PdfBrowser;
}

/** Computes the forecast and writes its documents (nothing is written when an input has an error). */
export async function previsionnelDocuments(
  o: PrevisionnelDocumentsOptions,
): Promise<PrevisionnelResult> {
  const lang = o.lang ?? 'fr';
  const cwd = o.cwd ?? process.cwd();
  const outDir = resolve(cwd, o.out);
  await ensureOutputDir(outDir, { lang, cwd });
  const { previsionnel: p, diagnostics } = await calculerPrevisionnel(o);
  if (!p) return { diagnostics, csv: [] };
  const templates = loadPrevisionnelTemplates();
  const view = previsionnelView(p, templates);
  const geo = territoires();
  const nom = (code: string): string => geo.communes.get(code)?.nom ?? code;
  const base = join(outDir, `previsionnel-${p.bailleur.siren}-${p.departement}-${String(p.annee)}`);
  const tableaux = tableauxPrevisionnel(p, nom);
  const csv = await Promise.all(
    tableaux.map(async (t) => ({
      ...(await ecrire(`${base}${t.suffixe}.csv`, tableauCsv(t), lang, cwd)),
      lignes: t.lignes.length,
    })),
  );
  const classeur = await ecrire(
    `${base}.xlsx`,
    await classeurPrevisionnel(tableaux, view.methode.phrases, {
      titre: view.document.titre,
      auteur: p.bailleur.nom,
      date: `${String(p.annee)}-01-01`,
    }),
    lang,
    cwd,
  );
  const donnees = sha256(p.fichiers.map((f) => f.sha256).join('|'));
  let document: PrevisionnelResult['document'];
  if (o.html) {
    const html = previsionnelHtml(view, templates);
    document = { ...(await ecrire(`${base}.html`, html, lang, cwd)), format: 'html' };
  } else {
    const browser =
      o.browser ?? (await PdfBrowser.launch({ warmup: warmupHtml(templates.convention) }));
    try {
      const pdf = await previsionnelPdf(view, templates, browser, donnees);
      document = {
        ...(await ecrire(`${base}.pdf`, pdf.bytes, lang, cwd)),
        format: 'pdf',
        pages: pdf.pages,
      };
    } finally {
      if (!o.browser) await browser.close();
    }
  }
  return { previsionnel: p, document, csv, classeur, diagnostics };
}
