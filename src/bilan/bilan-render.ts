import type { StatutConvention } from '../convention/convention.js';
/**
 * `convflux bilan`: the annual bilan of CCH art. R. 441-5-1, one per convention in force in the
 * year (bailleur × réservataire × département, or territory): a PDF (or HTML) and a CSV of the
 * flats proposed and attributed by typologie × financement × QPV × commune × période de
 * construction. The year is evaluated once by the flux engine (`evaluerBilan`); the documents go
 * through the convention's PDF pipeline (one Chromium, every request blocked, pdf-lib finishing
 * with fixed metadata). Same inputs → same bytes: every date comes from the evaluation date.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ensureOutputDir, writeOutput } from '../output/write-output.js';
import { readCheckedSource } from '../source/read-source.js';
import { basename, join, resolve } from 'node:path';
import { exclusionsAssiette } from '../convention/clauses.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { displayPath } from '../display-path.js';
import { versionDeReference } from '../engine/aggregate.js';
import type { ConventionResultat, Evaluation } from '../engine/evaluation.js';
import { EvaluateUsageError } from '../engine/evaluate.js';
import { diagnosticsCsv } from '../explain/evaluation-csv.js';
import { STDIN, STDIN_NAME } from '../input/table-source.js';
import { territoires } from '../reference/territoires.js';
import { PdfBrowser, type RequestLog } from '../render/chromium.js';
import { finishPdf } from '../render/finish-pdf.js';
import { headerFooter, htmlPage, warmupHtml } from '../render/html.js';
import { convfluxVersion, prepareConvention } from '../render/render-conventions.js';
import { typographierHtml } from '../render/typographie.js';
import type { ConventionView } from '../render/view-model.js';
import { bilanCsv } from './bilan-csv.js';
import { loadBilanTemplates, type BilanTemplates } from './bilan-templates.js';
import { buildBilanView, type BilanView, type FichierView } from './bilan-view.js';
import type { VentilationConvention } from './collecte.js';
import { evaluerBilan } from './evaluer-bilan.js';

export interface BilanOptions {
  rules: readonly string[];
  parc: string;
  evenements: string;
  annee: number;
  date?: string;
  /** Folder of the documents (created when missing). */
  out: string;
  /** Write the HTML instead of the PDF (no browser needed). */
  html?: boolean;
  signees?: boolean;
  /** Language of the engine's messages (rejected rows); the documents are in French. */
  lang?: Lang;
  cwd?: string;
  /** A running browser to reuse (tests); otherwise one is started and closed. */
  browser?: PdfBrowser;
  /** Called after each document (for a progress bar). */
  onProgress?: (done: number, total: number, id: string) => void;
  /**
   * Only the bilans of these réservataires and/or conventions (ids). An id that names no
   * convention in force in the year is a usage error that lists the ones that do.
   */
  selection?: { reservataires?: readonly string[]; conventions?: readonly string[] };
}

export interface BilanTotaux {
  flux_annuel: number;
  du: number;
  realise: number;
  taux: number | null;
  proposes: number;
  attribues: number;
  baux: number;
  points: number;
  hors_assiette: number;
}

export interface BilanDocument {
  convention: string;
  version: number;
  statut: StatutConvention;
  /** The PDF (or HTML) written, as shown to the user. */
  document: {
    fichier: string;
    format: 'pdf' | 'html';
    octets: number;
    sha256: string;
    pages?: number;
  };
  csv: { fichier: string; lignes: number; octets: number; sha256: string };
  totaux: BilanTotaux;
  objectifs: { total: number; atteints: number; non_atteints: number };
  alertes: number;
}

export interface BilanResult {
  annee: number;
  date: string;
  documents: BilanDocument[];
  /** Input rows not used (file, line, code: never the row's content). */
  rejets: Diagnostic[];
  /** The CSV of the rows not used and of the files' problems, written beside the bilans (when any). */
  rejetsCsv?: string;
  /** How many rows of each input were used, rejected, not read. */
  entrees: Evaluation['entrees'];
  /** Conventions that could not be loaded. */
  diagnostics: Diagnostic[];
  requests: RequestLog;
  timings: { totalMs: number; evaluationMs: number; documentsMs: number };
}

const sha256 = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

/**
 * SHA-256 of an input that is a regular file; undefined otherwise (a missing path, a FIFO or a
 * device: the evaluation reports it, and a FIFO must not be opened).
 */
async function sha256Input(path: string): Promise<string | undefined> {
  try {
    if (!(await stat(path)).isFile()) return undefined;
    return await sha256File(path);
  } catch {
    return undefined;
  }
}

function sha256File(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => {
        resolvePromise(hash.digest('hex'));
      });
  });
}

/** French typography on the text of the HTML, charts left as drawn (their text is typeset). */
function typographierHorsGraphiques(html: string): string {
  return html
    .split(/(<svg[\s\S]*?<\/svg>)/)
    .map((part, i) => (i % 2 === 1 ? part : typographierHtml(part)))
    .join('');
}

export function bilanTitle(view: BilanView): string {
  return `${view.document.titre} – ${view.bailleur.nom} / ${view.etat ? `État (${view.reservataire.nom})` : view.reservataire.nom} – convention ${view.document.id}`;
}

/** The whole document (self-contained: stylesheets and fonts inline, no script). */
export function bilanHtml(
  view: BilanView,
  templates: BilanTemplates,
  options: { polices?: boolean } = {},
): string {
  const c = templates.convention;
  return htmlPage({
    modele: templates.modele,
    title: typographierHtml(bilanTitle(view)),
    polices: c.polices,
    options,
    styles: [c.css, templates.css],
    projet: view.document.projet,
    body: typographierHorsGraphiques(templates.document(view)),
  });
}

export function bilanHeaderFooter(
  view: BilanView,
  templates: BilanTemplates,
): { header: string; footer: string } {
  return headerFooter(templates.convention, templates.entete(view), templates.pied(view));
}

/** The PDF of one bilan, finished (fixed metadata; no signature field: a bilan is not signed). */
export async function bilanPdf(
  view: BilanView,
  convention: ConventionView,
  templates: BilanTemplates,
  browser: PdfBrowser,
  donnees: string,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const { header, footer } = bilanHeaderFooter(view, templates);
  const raw = await browser.pdf(bilanHtml(view, templates), { header, footer });
  const modele = `${templates.modele.nom} ${templates.modele.version} (${templates.modele.empreinte})`;
  const d = view.document;
  // finishPdf turns the convention's signature zones into fields: a bilan has none.
  const sansSignature: ConventionView = {
    ...convention,
    signatures: { blocs: [], exemplaires: '' },
  };
  const { bytes, pages } = await finishPdf(raw, sansSignature, {
    title: bilanTitle(view),
    author: view.bailleur.nom,
    subject: `Bilan annuel des logements proposés et attribués (CCH, art. R. 441-5-1), année ${d.annee}, convention de réservation en flux ${d.id}`,
    keywords: [
      'bilan annuel',
      'R. 441-5-1',
      'gestion en flux',
      d.id,
      `année ${d.annee}`,
      `version ${String(d.version)}`,
      `yaml-sha256:${d.yamlSha256}`,
      `contenu:${d.empreinte}`,
      `donnees:${donnees}`,
    ].join(' ; '),
    producer: `convflux ${convfluxVersion()} ; ${browser.version} (Skia/PDF) ; pdf-lib`,
    creator: `convflux bilan, modèle ${modele}, année ${d.annee} au ${d.dateArretIso}, données ${donnees.slice(0, 16)}`,
    date: d.dateArretIso,
    custom: {
      yamlSha256: d.yamlSha256,
      id: d.id,
      version: String(d.version),
      empreinte: d.empreinte,
      statut: d.projet ? 'projet' : 'signee',
      annee: d.annee,
      date: d.dateArretIso,
      donnees,
      modele,
    },
  });
  return { bytes, pages };
}

function totaux(c: ConventionResultat, v: VentilationConvention): BilanTotaux {
  const sum = (k: 'proposes' | 'attribues' | 'baux' | 'points'): number =>
    v.lignes.reduce((s, l) => s + l[k], 0);
  return {
    flux_annuel: c.flux_annuel,
    du: c.du,
    realise: c.realise,
    taux: c.taux,
    proposes: sum('proposes'),
    attribues: sum('attribues'),
    baux: sum('baux'),
    points: Math.round(sum('points') * 1e6) / 1e6,
    hors_assiette: Object.values(v.horsAssiette.logements).reduce((s, x) => s + x, 0),
  };
}

/**
 * The conventions asked for (--reservataire, --convention); unknown ids, and filters that select
 * nothing together, are usage errors.
 */
function selectionner(
  conventions: readonly ConventionResultat[],
  selection: BilanOptions['selection'],
  annee: number,
): ConventionResultat[] {
  const reservataires = selection?.reservataires ?? [];
  const ids = selection?.conventions ?? [];
  const an = String(annee);
  const inconnus = (
    demandes: readonly string[],
    connus: string[],
    option: string,
    quoi: { fr: string; en: string },
  ): void => {
    const absents = demandes.filter((x) => !connus.includes(x));
    const liste = [...new Set(connus)].sort().join(', ');
    if (absents.length)
      throw new EvaluateUsageError(
        `${option} ${absents.join(', ')} : aucune convention en vigueur en ${an} ` +
          `(${quoi.fr} : ${liste || 'aucun'})`,
        `${option} ${absents.join(', ')}: no convention in force in ${an} ` +
          `(${quoi.en}: ${liste || 'none'})`,
      );
  };
  inconnus(
    reservataires,
    conventions.map((c) => c.reservataire.id),
    '--reservataire',
    {
      fr: 'réservataires des conventions en vigueur',
      en: 'réservataires of the conventions in force',
    },
  );
  inconnus(
    ids,
    conventions.map((c) => c.id),
    '--convention',
    {
      fr: 'conventions en vigueur',
      en: 'conventions in force',
    },
  );
  const choisies = conventions.filter(
    (c) =>
      (!reservataires.length || reservataires.includes(c.reservataire.id)) &&
      (!ids.length || ids.includes(c.id)),
  );
  if (!choisies.length && reservataires.length && ids.length) {
    const des = conventions
      .filter((c) => reservataires.includes(c.reservataire.id))
      .map((c) => c.id)
      .sort()
      .join(', ');
    const r = reservataires.join(', ');
    const c = ids.join(', ');
    throw new EvaluateUsageError(
      `--reservataire ${r} et --convention ${c} ne sélectionnent ensemble aucune convention : ` +
        `${c} n’est pas une convention de ${r} (conventions de ${r} en vigueur en ${an} : ${des})`,
      `--reservataire ${r} and --convention ${c} select no convention together: ` +
        `${c} is not a convention of ${r} (conventions of ${r} in force in ${an}: ${des})`,
    );
  }
  return choisies;
}

const lignesDe = (n: number): string => `${String(n)} ligne${n > 1 ? 's' : ''}`;
const nonLues = (n: number): string => (n ? `, ${String(n)} non lue(s)` : '');

/** Evaluates the year and writes one bilan (PDF or HTML, and CSV) per convention. */
export async function bilanDocuments(o: BilanOptions): Promise<BilanResult> {
  const started = performance.now();
  const cwd = o.cwd ?? process.cwd();
  const lang = o.lang ?? 'fr';
  const templates = loadBilanTemplates();
  // The browser starts while the year is evaluated (its launch is the slowest step).
  const ownBrowser = !o.browser && !o.html;
  const browserPromise: Promise<PdfBrowser> | undefined = o.browser
    ? Promise.resolve(o.browser)
    : o.html
      ? undefined
      : PdfBrowser.launch({ warmup: warmupHtml(templates.convention) });
  browserPromise?.catch(() => undefined);
  let browser: PdfBrowser | undefined;
  try {
    const parc = o.parc === STDIN ? STDIN : resolve(cwd, o.parc);
    const evenements = o.evenements === STDIN ? STDIN : resolve(cwd, o.evenements);
    // The output folder first: a wrong --out is said before the year is evaluated.
    const outDir = resolve(cwd, o.out);
    await ensureOutputDir(outDir, { lang, cwd });
    const [bilan, parcShaFichier, evenementsShaFichier] = await Promise.all([
      evaluerBilan({
        rules: o.rules,
        parc,
        evenements,
        annee: o.annee,
        lang,
        cwd,
        ...(o.date !== undefined ? { date: o.date } : {}),
        ...(o.signees ? { signees: true } : {}),
      }),
      parc === STDIN ? undefined : sha256Input(parc),
      evenements === STDIN ? undefined : sha256Input(evenements),
    ]);
    const parcSha = parcShaFichier ?? bilan.empreintes.parc ?? '';
    const evenementsSha = evenementsShaFichier ?? bilan.empreintes.evenements ?? '';
    const evaluationMs = performance.now() - started;
    const e: Evaluation = bilan.evaluation;
    const choisies = selectionner(e.conventions, o.selection, e.annee);
    if (choisies.length && !o.html) browser = await browserPromise;
    const geo = territoires();
    const nomCommune = (code: string): string =>
      (geo.communes.get(code) ?? geo.anciens.get(code))?.nom ?? code;
    const generateur = `convflux ${convfluxVersion()}`;
    const entrees = e.entrees;
    const fichiersEntree: FichierView[] = [
      {
        role: 'Parc de logements',
        nom: parc === STDIN ? STDIN_NAME : basename(parc),
        sha256: parcSha,
        detail: `${lignesDe(entrees.logements.lignes)}, ${String(entrees.logements.rejetees)} rejetée(s)${nonLues(entrees.logements.non_lues)}`,
      },
      {
        role: 'Événements du flux',
        nom: evenements === STDIN ? STDIN_NAME : basename(evenements),
        sha256: evenementsSha,
        detail: `${lignesDe(entrees.evenements.lignes)}, ${String(entrees.evenements.rejetees)} rejetée(s), ${String(entrees.evenements.hors_periode)} postérieure(s) à la date d’arrêté${nonLues(entrees.evenements.non_lues)}`,
      },
    ];
    const donnees = sha256(`${parcSha}|${evenementsSha}`);
    const documents: BilanDocument[] = [];
    const t0 = performance.now();
    let done = 0;
    const queue = [...choisies];
    const worker = async (): Promise<void> => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const entry = bilan.entrees.get(c.id);
        const version =
          entry?.versions.find((v) => v.convention.version === c.version) ??
          (entry ? versionDeReference(entry, e.date) : undefined);
        if (!entry || !version) throw new Error(`${c.id} : convention introuvable`);
        const yaml = await readCheckedSource(version.absolutePath, lang, version.file);
        const { view: cv } = prepareConvention(yaml, version.file, templates.convention, 'fr');
        const ventilation = bilan.ventilation(c.id);
        const base = `${c.id}-bilan-${String(e.annee)}`;
        const csv = bilanCsv(e.annee, c.id, ventilation.lignes, nomCommune);
        const csvSha = sha256(csv);
        const view = buildBilanView(c, ventilation, {
          annee: e.annee,
          date: e.date,
          convention: cv,
          exclusions: exclusionsAssiette(version.convention),
          nomCommune,
          modele: templates.modele,
          generateur,
          fichiers: [
            {
              role: 'Convention',
              nom: cv.document.fichier,
              sha256: cv.document.yamlSha256,
              detail: `version ${String(c.version)}`,
            },
            ...fichiersEntree,
            {
              role: 'Ventilation détaillée (jointe)',
              nom: `${base}.csv`,
              sha256: csvSha,
              detail: lignesDe(ventilation.lignes.length),
            },
          ],
          rejets: entrees.logements.rejetees + entrees.evenements.rejetees,
        });
        let content: Uint8Array;
        let pages: number | undefined;
        const format = browser ? 'pdf' : 'html';
        if (browser) {
          const pdf = await bilanPdf(view, cv, templates, browser, donnees);
          content = pdf.bytes;
          pages = pdf.pages;
        } else content = Buffer.from(bilanHtml(view, templates), 'utf8');
        const documentPath = join(outDir, `${base}.${format}`);
        const csvPath = join(outDir, `${base}.csv`);
        await Promise.all([
          writeOutput(documentPath, content, { lang, cwd }),
          writeOutput(csvPath, csv, { lang, cwd }),
        ]);
        const objectifs = c.objectifs.filter((x) => x.statut !== 'sans_objet');
        documents.push({
          convention: c.id,
          version: c.version,
          statut: c.statut,
          document: {
            fichier: displayPath(documentPath, cwd),
            format,
            octets: content.length,
            sha256: sha256(content),
            ...(pages !== undefined ? { pages } : {}),
          },
          csv: {
            fichier: displayPath(csvPath, cwd),
            lignes: ventilation.lignes.length,
            octets: Buffer.byteLength(csv),
            sha256: csvSha,
          },
          totaux: totaux(c, ventilation),
          objectifs: {
            total: objectifs.length,
            atteints: objectifs.filter((x) => x.statut === 'atteint').length,
            non_atteints: objectifs.filter((x) => x.statut !== 'atteint').length,
          },
          alertes: c.alertes.length,
        });
        o.onProgress?.(++done, choisies.length, c.id);
      }
    };
    await Promise.all([worker(), worker()]);
    // The rows not used, named: where and why (never a row's content).
    const nonUtilises = [...e.diagnostics, ...e.rejets];
    const rejetsPath = join(outDir, `rejets-${String(e.annee)}.csv`);
    if (nonUtilises.length)
      await writeOutput(rejetsPath, diagnosticsCsv(nonUtilises), { lang, cwd });
    documents.sort((a, b) =>
      a.convention < b.convention ? -1 : a.convention > b.convention ? 1 : 0,
    );
    return {
      annee: e.annee,
      date: e.date,
      documents,
      rejets: e.rejets,
      ...(nonUtilises.length ? { rejetsCsv: displayPath(rejetsPath, cwd) } : {}),
      entrees: e.entrees,
      diagnostics: e.diagnostics,
      requests: browser
        ? { allowed: browser.requests.allowed, blocked: [...browser.requests.blocked] }
        : { allowed: 0, blocked: [] },
      timings: {
        totalMs: performance.now() - started,
        evaluationMs,
        documentsMs: performance.now() - t0,
      },
    };
  } finally {
    if (ownBrowser) {
      const b = browser ?? (await browserPromise?.catch(() => undefined));
      await b?.close();
    }
  }
}
