/**
 * `convflux bilan`: the annual bilan of CCH art. R. 441-5-1, one per bailleur × département, sent
 * to all its réservataires: a PDF (or HTML), the CSV of the full cross-tabulation and a workbook
 * (.xlsx). `--reservataire` writes that réservataire's copy, with the annex of its flats. The year
 * is evaluated once by the flux engine (`evaluerBilan`); the documents go through the
 * convention's PDF pipeline (one Chromium, every request blocked, pdf-lib finishing with fixed
 * metadata). Same inputs → same PDF and CSV bytes: every date comes from the evaluation date.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { EvaluateUsageError } from '../engine/evaluate.js';
import { listeEvenements } from '../engine/fichiers-evenements.js';
import type { Evaluation } from '../engine/evaluation.js';
import { diagnosticsCsv } from '../explain/evaluation-csv.js';
import { STDIN, STDIN_NAME } from '../input/table-source.js';
import { ensureOutputDir, writeOutput } from '../output/write-output.js';
import { displayPath } from '../display-path.js';
import { territoires } from '../reference/territoires.js';
import { PdfBrowser, type RequestLog } from '../render/chromium.js';
import { finishPdf } from '../render/finish-pdf.js';
import { headerFooter, htmlPage, warmupHtml } from '../render/html.js';
import { convfluxVersion } from '../render/render-conventions.js';
import { typographierHtml } from '../render/typographie.js';
import type { ConventionView } from '../render/view-model.js';
import { ecrireCopie, type ContexteEcriture } from './bilan-copie.js';
import { grouperBilans, selectionnerCopies, type CopieBilan } from './bilan-groupes.js';
import {
  previsionCss,
  previsionDuBilan,
  previsionSansBilan,
  type PrevisionBilan,
  type PrevisionBilanOptions,
} from './bilan-prevision.js';
import { loadBilanTemplates, type BilanTemplates } from './bilan-templates.js';
import type { BilanView } from './bilan-view.js';
import { evaluerBilan } from './evaluer-bilan.js';
import { copiesPrevues, EcrivainsCopies, filsCopies } from './copies-paralleles.js';

export interface BilanOptions {
  rules: readonly string[];
  parc: string;
  /** One events file or several (`--events` repeated, as `evaluate`). */
  evenements: string | readonly string[];
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
   * `reservataires`: those réservataires' copies (with their annex); `conventions`: the bilans
   * that hold these conventions. An id that names no convention in force in the year is a usage
   * error that lists the ones that do.
   */
  selection?: { reservataires?: readonly string[]; conventions?: readonly string[] };
  /**
   * The bailleur's forecast file for year N+1 (schemas/previsionnel.schema.json): its forecast
   * is printed as section 7 of the bilan of that bailleur × département. A file in error: no
   * bilan written, the diagnostics say where.
   */
  prevision?: string;
  /**
   * Worker threads evaluating the year (each a share of the flats, as `evaluate`; default from a
   * 20 MB parc on) and writing the documents (one copy at a time each, with its own Chromium in
   * PDF mode; default from COPIES_PARALLELES_MIN bailleurs × départements on; never with
   * `browser`). 0 or 1: in-process.
   */
  workers?: number;
}

/** One convention's totals in a bilan (they reconcile with `evaluate`). */
export interface BilanTotaux {
  convention: string;
  reservataire: string;
  flux_annuel: number;
  du: number;
  realise: number;
  taux: number | null;
  /** Σ of the breakdown: = orientations. */
  proposes: number;
  /** Σ of the breakdown: flats attributed (= logements_attribues, or attributions). */
  attribues: number;
  /** Σ of the breakdown: CALEOL attribution decisions (= attributions). */
  decisions: number;
  baux: number;
  points: number;
  hors_assiette: number;
}

export interface FichierEcrit {
  fichier: string;
  octets: number;
  sha256: string;
}

export interface BilanDocument {
  /** `<département>-<SIREN>`. */
  bilan: string;
  departement: string;
  bailleur: { siren: string; nom: string };
  /** The réservataire this copy is addressed to (with its annex); absent: the copy for all. */
  destinataire?: string;
  conventions: string[];
  projet: boolean;
  /** The PDF (or HTML) written, as shown to the user. */
  document: FichierEcrit & { format: 'pdf' | 'html'; pages?: number };
  csv: FichierEcrit & { lignes: number };
  xlsx: FichierEcrit & { feuilles: string[] };
  /** One row per convention, then the bailleur's own share (`convention` ''). */
  totaux: BilanTotaux[];
  /** Flats proposed and attributed, all réservataires and the bailleur's own share. */
  total: { proposes: number; attribues: number };
  /** Alerts of section 6: the conventions' and those tied to none on the bailleur's flats. */
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
  /** Conventions that could not be loaded; with `prevision`, the forecast file's problems. */
  diagnostics: Diagnostic[];
  /** With `prevision`: the forecast of N+1 printed in section 7 (absent when in error). */
  previsionnel?: PrevisionBilan['previsionnel'];
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
  const pour = view.destinataire[0] ? ` – exemplaire de ${view.destinataire[0].nom}` : '';
  return `${view.document.titre} – ${view.bailleur.nom} – ${view.departement}${pour}`;
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
    styles: [c.css, templates.css, ...(view.previsionnel.length ? [previsionCss()] : [])],
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
  const conventions = view.reservataires.map((r) => r.convention);
  const { bytes, pages } = await finishPdf(raw, sansSignature, {
    title: bilanTitle(view),
    author: view.bailleur.nom,
    subject: `Bilan annuel des logements proposés et attribués (CCH, art. R. 441-5-1), année ${d.annee}, ${view.bailleur.nom}, département ${view.departement}`,
    keywords: [
      'bilan annuel',
      'R. 441-5-1',
      'gestion en flux',
      d.id,
      `année ${d.annee}`,
      ...conventions,
      `donnees:${donnees}`,
    ].join(' ; '),
    producer: `convflux ${convfluxVersion()} ; ${browser.version} (Skia/PDF) ; pdf-lib`,
    creator: `convflux bilan, modèle ${modele}, année ${d.annee} au ${d.dateArretIso}, données ${donnees.slice(0, 16)}`,
    date: d.dateArretIso,
    custom: {
      id: d.id,
      conventions: conventions.join(', '),
      destinataire: view.destinataire[0]?.nom ?? '',
      annee: d.annee,
      date: d.dateArretIso,
      donnees,
      modele,
    },
  });
  return { bytes, pages };
}

const lignesDe = (n: number): string => `${String(n)} ligne${n > 1 ? 's' : ''}`;
const nonLues = (n: number): string => (n ? `, ${String(n)} non lue(s)` : '');

/** The input files as listed in each bilan's identification annex (one row per events file). */
function fichiersEntree(
  e: Evaluation,
  parc: string,
  evenements: readonly string[],
  sha: { parc: string; evenements: string[] },
): string[][] {
  const l = e.entrees.logements;
  const v = e.entrees.evenements;
  const nom = (path: string): string => (path === STDIN ? STDIN_NAME : basename(path));
  const detail = `${lignesDe(v.lignes)}, ${String(v.rejetees)} rejetée(s), ${String(v.hors_periode)} postérieure(s) à la date d’arrêté${nonLues(v.non_lues)}`;
  const n = evenements.length;
  const lignesEvenements =
    n === 1
      ? [['Événements du flux', nom(evenements[0] ?? ''), detail, sha.evenements[0] ?? '']]
      : [
          ...evenements.map((path, k) => [
            'Événements du flux',
            nom(path),
            `fichier ${String(k + 1)} sur ${String(n)}`,
            sha.evenements[k] ?? '',
          ]),
          ['Événements du flux, ensemble', `${String(n)} fichiers`, detail, ''],
        ];
  return [
    [
      'Parc de logements',
      nom(parc),
      `${lignesDe(l.lignes)}, ${String(l.rejetees)} rejetée(s)${nonLues(l.non_lues)}`,
      sha.parc,
    ],
    ...lignesEvenements,
  ];
}

type PrevisionCalculee = Awaited<ReturnType<typeof previsionDuBilan>>;

/** The forecast's diagnostics, and whether they stop the bilan (then nothing is written). */
async function controlerPrevision(
  o: PrevisionBilanOptions,
  r: PrevisionCalculee | undefined,
  copies: readonly CopieBilan[],
): Promise<{ diagnostics: Diagnostic[]; arret: boolean }> {
  if (!r) return { diagnostics: [], arret: false };
  const p = r.prevision?.previsionnel;
  if (!p) return { diagnostics: r.diagnostics, arret: true };
  const sienne = copies.some(
    (c) => c.groupe.bailleur.siren === p.bailleur.siren && c.groupe.departement === p.departement,
  );
  if (sienne) return { diagnostics: r.diagnostics, arret: false };
  return { diagnostics: [...r.diagnostics, await previsionSansBilan(o, p)], arret: true };
}

/** `--prevision` reads the parc and the events a second time: never from standard input. */
function verifierPrevision(o: BilanOptions): void {
  if (
    o.prevision !== undefined &&
    (o.parc === STDIN || listeEvenements(o.evenements).includes(STDIN))
  )
    throw new EvaluateUsageError(
      '--prevision relit le parc et les événements : ils ne peuvent pas venir de l’entrée standard',
      '--prevision reads the parc and the events again: they cannot come from standard input',
    );
}

/** Evaluates the year and writes the bilans asked for (PDF or HTML, CSV, workbook). */
export async function bilanDocuments(o: BilanOptions): Promise<BilanResult> {
  const started = performance.now();
  const cwd = o.cwd ?? process.cwd();
  const lang = o.lang ?? 'fr';
  const templates = loadBilanTemplates();
  // The browser starts while the year is evaluated (its launch is the slowest step); the worker
  // threads that write copies beside the main thread print with their own.
  const ownBrowser = !o.browser && !o.html;
  const browserPromise: Promise<PdfBrowser> | undefined = o.browser
    ? Promise.resolve(o.browser)
    : o.html
      ? undefined
      : PdfBrowser.launch({ warmup: warmupHtml(templates.convention) });
  browserPromise?.catch(() => undefined);
  let browser: PdfBrowser | undefined;
  let ecrivains: EcrivainsCopies | undefined;
  try {
    verifierPrevision(o);
    const parc = o.parc === STDIN ? STDIN : resolve(cwd, o.parc);
    const evenements = listeEvenements(o.evenements).map((p) =>
      p === STDIN ? STDIN : resolve(cwd, p),
    );
    // The output folder first: a wrong --out is said before the year is evaluated.
    const outDir = resolve(cwd, o.out);
    await ensureOutputDir(outDir, { lang, cwd });
    const prevOptions: PrevisionBilanOptions = {
      prevision: o.prevision ?? '',
      rules: o.rules,
      parc: o.parc,
      evenements: o.evenements,
      annee: o.annee,
      lang,
      cwd,
      ...(o.signees ? { signees: true } : {}),
    };
    const [bilan, parcShaFichier, evenementsShaFichier, prevision] = await Promise.all([
      evaluerBilan({
        rules: o.rules,
        parc,
        evenements,
        annee: o.annee,
        lang,
        cwd,
        detail: Boolean(o.selection?.reservataires?.length),
        ...(o.workers !== undefined ? { workers: o.workers } : {}),
        surConventions: (index) => {
          const fils = o.browser ? 0 : filsCopies(copiesPrevues(index, o.selection), o.workers);
          if (fils) ecrivains = new EcrivainsCopies(fils, Boolean(o.html));
        },
        ...(o.date !== undefined ? { date: o.date } : {}),
        ...(o.signees ? { signees: true } : {}),
      }),
      parc === STDIN ? undefined : sha256Input(parc),
      Promise.all(
        evenements.map((p) => (p === STDIN ? Promise.resolve(undefined) : sha256Input(p))),
      ),
      o.prevision !== undefined ? previsionDuBilan(prevOptions) : undefined,
    ]);
    const sha = {
      parc: parcShaFichier ?? bilan.empreintes.parc ?? '',
      evenements: evenementsShaFichier.map((h) => h ?? bilan.empreintes.evenements ?? ''),
    };
    const evaluationMs = performance.now() - started;
    const e: Evaluation = bilan.evaluation;
    const copies = selectionnerCopies(grouperBilans(e.conventions), o.selection, e.annee);
    const controle = await controlerPrevision(prevOptions, prevision, copies);
    const diagnostics = [...e.diagnostics, ...controle.diagnostics];
    if (controle.arret)
      return {
        annee: e.annee,
        date: e.date,
        documents: [],
        rejets: e.rejets,
        entrees: e.entrees,
        diagnostics,
        requests: { allowed: 0, blocked: [] },
        timings: { totalMs: performance.now() - started, evaluationMs, documentsMs: 0 },
      };
    // Worker threads beside the main one for two copies or more (else in-process).
    if (ecrivains && copies.length < 2) {
      await ecrivains.fermer();
      ecrivains = undefined;
    }
    if (copies.length && !o.html) browser = await browserPromise;
    const geo = territoires();
    const ctx: ContexteEcriture = {
      bilan,
      templates,
      outDir,
      lang,
      cwd,
      ...(browser ? { browser } : {}),
      nomCommune: (code) => (geo.communes.get(code) ?? geo.anciens.get(code))?.nom ?? code,
      generateur: `convflux ${convfluxVersion()}`,
      entrees: fichiersEntree(e, parc, evenements, sha),
      donnees: sha256(`${sha.parc}|${sha.evenements.join('|')}`),
      ...(prevision?.prevision ? { prevision: prevision.prevision } : {}),
    };
    let documents: BilanDocument[] = [];
    let requests: RequestLog | undefined;
    const t0 = performance.now();
    if (ecrivains) {
      let faits = 0;
      const paralleles = ecrivains;
      ecrivains = undefined;
      ({ documents, requests } = await paralleles.ecrire(
        copies,
        ctx,
        (c) => ecrireCopie(c, ctx),
        (_, c) => {
          o.onProgress?.(++faits, copies.length, c.groupe.id);
        },
      ));
      if (browser) {
        requests.allowed += browser.requests.allowed;
        requests.blocked.push(...browser.requests.blocked);
      }
    } else {
      const queue = [...copies];
      const worker = async (): Promise<void> => {
        for (let c = queue.shift(); c; c = queue.shift()) {
          documents.push(await ecrireCopie(c, ctx));
          o.onProgress?.(documents.length, copies.length, c.groupe.id);
        }
      };
      await Promise.all([worker(), worker()]);
    }
    // The rows not used, named: where and why (never a row's content).
    const nonUtilises = [...e.diagnostics, ...e.rejets];
    const rejetsPath = join(outDir, `rejets-${String(e.annee)}.csv`);
    if (nonUtilises.length)
      await writeOutput(rejetsPath, diagnosticsCsv(nonUtilises), { lang, cwd });
    documents.sort((a, b) =>
      a.document.fichier < b.document.fichier
        ? -1
        : a.document.fichier > b.document.fichier
          ? 1
          : 0,
    );
    return {
      annee: e.annee,
      date: e.date,
      documents,
      rejets: e.rejets,
      ...(nonUtilises.length ? { rejetsCsv: displayPath(rejetsPath, cwd) } : {}),
      entrees: e.entrees,
      diagnostics,
      ...(prevision?.prevision ? { previsionnel: prevision.prevision.previsionnel } : {}),
      requests:
        requests ??
        (browser
          ? { allowed: browser.requests.allowed, blocked: [...browser.requests.blocked] }
          : { allowed: 0, blocked: [] }),
      timings: {
        totalMs: performance.now() - started,
        evaluationMs,
        documentsMs: performance.now() - t0,
      },
    };
  } finally {
    await ecrivains?.fermer();
    if (ownBrowser) {
      const b = browser ?? (await browserPromise?.catch(() => undefined));
      await b?.close();
    }
  }
}
