/**
 * `convflux render --avenant v1.yaml v2.yaml`: the amendment between two versions of one
 * convention. Both files are checked exactly as `convflux render` checks a convention; they must
 * be two versions of the same convention, the second one later (version and date d'effet). Every
 * article and annex of the convention is rendered from each version with the convention's own
 * partials and compared; the avenant prints those that change, with the amending instructions
 * and the old and new wording side by side. Same inputs → same bytes (PDF dates = the new
 * version's date d'effet; both YAML SHA-256 in the metadata).
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { isDirectory } from '../is-directory.js';
import { checkPaths } from '../check/check-paths.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { displayPath } from '../display-path.js';
import { loadYamlBytes } from '../source/load-yaml-file.js';
import { readCheckedSource } from '../source/read-source.js';
import { writeOutput } from '../output/write-output.js';
import { enEffet, type Changement } from '../compare/changement.js';
import { comparerConventions } from '../compare/comparer-conventions.js';
import { confronter } from './articles-donnees.js';
import { loadAvenantTemplates, type AvenantTemplates } from './templates.js';
import { buildAvenantView, type AvenantView } from './view.js';
import { PdfBrowser, type RequestLog } from '../render/chromium.js';
import { finishPdf } from '../render/finish-pdf.js';
import { headerFooter, htmlPage, warmupHtml } from '../render/html.js';
import { convfluxVersion, prepareConvention } from '../render/render-conventions.js';
import { typographier, typographierHtml } from '../render/typographie.js';
import type { ConventionView } from '../render/view-model.js';

export interface AvenantOptions {
  lang?: Lang;
  cwd?: string;
  /** A file, or a folder (ending with / or existing). Default: the working directory. */
  out?: string;
  /** Write the HTML instead of the PDF (no browser needed). */
  html?: boolean;
  /** Warnings block rendering too. */
  strict?: boolean;
  /** A running browser to reuse (tests); otherwise one is started and closed. */
  browser?: PdfBrowser;
}

export interface AvenantDocument {
  /** The two convention files, as given. */
  ancienne: string;
  nouvelle: string;
  id: string;
  avenant: number;
  versions: [number, number];
  output: string;
  format: 'pdf' | 'html';
  bytes: number;
  pages?: number;
  signatureFields?: string[];
  /** What the avenant amends ("Article 5 – Décompte et pondération", "Annexe 1 – …"). */
  modifications: string[];
  /** Parts it inserts or deletes ("Annexe 2 – État des lieux…", with their number in the
   * version that has them), and annexes renumbered ("Annexe 2 → Annexe 3"). */
  insertions: string[];
  suppressions: string[];
  renumerotations: string[];
  /** The changes in effect of the data comparison (src/compare/), as `convflux diff --json`. */
  changements: Changement[];
  sha256: string;
  yamlSha256: [string, string];
  empreintes: [string, string];
}

export interface AvenantResult {
  ok: boolean;
  document?: AvenantDocument;
  diagnostics: Diagnostic[];
  requests: RequestLog;
  timings: { totalMs: number; browserMs: number };
}

const sha256 = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

/** Messages of the avenant's own diagnostics (the two files do not make an avenant). */
const MESSAGES = {
  AVENANT_MEME_FICHIER: {
    fr: 'Le même fichier est donné deux fois : un avenant compare deux versions d’une convention (convflux render --avenant v1.yaml v2.yaml).',
    en: 'The same file is given twice: an avenant compares two versions of a convention (convflux render --avenant v1.yaml v2.yaml).',
  },
  AVENANT_CONVENTIONS_DIFFERENTES: {
    fr: '« {id} » ({fichier}) n’est pas la convention « {autre} » ({autreFichier}) : un avenant modifie une convention, il compare deux versions ayant le même identifiant.',
    en: '"{id}" ({fichier}) is not the convention "{autre}" ({autreFichier}): an avenant amends one convention, it compares two versions with the same id.',
  },
  AVENANT_VERSION_ORDRE: {
    fr: 'La version {version} ({fichier}) ne suit pas la version {precedente} ({autreFichier}) : donnez d’abord la version modifiée, puis la version qui la remplace, de numéro supérieur.',
    en: 'Version {version} ({fichier}) does not follow version {precedente} ({autreFichier}): give the amended version first, then the one that replaces it, with a higher number.',
  },
  AVENANT_DATE_EFFET_ORDRE: {
    fr: 'La version {version} prend effet le {date}, pas après la version {precedente} qu’elle modifie ({datePrecedente}) : la date d’effet de l’avenant doit suivre celle de la version modifiée.',
    en: 'Version {version} takes effect on {date}, not after version {precedente} which it amends ({datePrecedente}): the avenant must take effect after the amended version.',
  },
  AVENANT_VERSIONS_NON_CONSECUTIVES: {
    fr: 'L’avenant relie la version {precedente} à la version {version} : les modifications des versions intermédiaires y sont reprises ensemble, sous le numéro d’avenant {avenant}.',
    en: 'The avenant goes from version {precedente} to version {version}: the changes of the versions in between are printed together, as avenant number {avenant}.',
  },
  AVENANT_VERSION_NON_SIGNEE: {
    fr: 'La version {precedente} n’est pas signée (statut projet) : l’avenant modifie une version qui n’est pas en vigueur.',
    en: 'Version {precedente} is not signed (status projet): the avenant amends a version that is not in force.',
  },
  AVENANT_ARTICLE_SANS_DONNEE: {
    fr: 'L’avenant modifie {partie} sans qu’aucune clé de la convention imprimée par cette partie ne change : la comparaison des données et celle de la rédaction divergent (anomalie de convflux, merci de la signaler).',
    en: 'The avenant amends {partie} although no key of the convention that this part prints changes: the data comparison and the wording comparison disagree (a convflux bug, please report it).',
  },
  AVENANT_DONNEE_SANS_ARTICLE: {
    fr: '« {libelle} » ({pointeur}) change, mais aucun article modifié par l’avenant ne l’énonce ({parties} : même rédaction) : la comparaison des données et celle de la rédaction divergent (anomalie de convflux, merci de la signaler).',
    en: '"{libelle}" ({pointeur}) changes, but no article amended by the avenant states it ({parties}: same wording): the data comparison and the wording comparison disagree (a convflux bug, please report it).',
  },
  AVENANT_SANS_MODIFICATION: {
    fr: 'Les versions {precedente} et {version} de « {id} » ont la même rédaction : aucun article ni aucune annexe de la convention ne change, il n’y a pas d’avenant à imprimer.',
    en: 'Versions {precedente} and {version} of "{id}" have the same wording: no article or annex of the convention changes, there is no avenant to print.',
  },
} as const;

type Code = keyof typeof MESSAGES;

interface Version {
  file: string;
  absolutePath: string;
  bytes: Uint8Array;
  view: ConventionView;
  data: { id: string; version: number; date_effet: string; statut: string };
  /** The parsed YAML (for the data comparison). */
  yaml: unknown;
}

/** A diagnostic on one of the two files, located on `pointer` (line, column and excerpt). */
function diagnostic(
  v: Pick<Version, 'file' | 'bytes'>,
  code: Code,
  params: Record<string, string | number>,
  pointer: string,
  lang: Lang,
  severity: 'error' | 'warning' = 'error',
): Diagnostic {
  const report = loadYamlBytes(v.file, v.bytes, lang).report;
  report.diagnostics.length = 0;
  return report.add(code, params, pointer, { messages: MESSAGES[code], severity });
}

/** The two versions make an avenant: same convention, later version, later date d'effet. */
function coherence(a: Version, b: Version, lang: Lang): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (a.data.id !== b.data.id) {
    out.push(
      diagnostic(
        b,
        'AVENANT_CONVENTIONS_DIFFERENTES',
        { id: b.data.id, fichier: b.file, autre: a.data.id, autreFichier: a.file },
        '/id',
        lang,
      ),
    );
    return out;
  }
  if (b.data.version <= a.data.version)
    out.push(
      diagnostic(
        b,
        'AVENANT_VERSION_ORDRE',
        {
          version: b.data.version,
          fichier: b.file,
          precedente: a.data.version,
          autreFichier: a.file,
        },
        '/version',
        lang,
      ),
    );
  else if (b.data.version > a.data.version + 1)
    out.push(
      diagnostic(
        b,
        'AVENANT_VERSIONS_NON_CONSECUTIVES',
        { version: b.data.version, precedente: a.data.version, avenant: b.data.version - 1 },
        '/version',
        lang,
        'warning',
      ),
    );
  if (b.data.date_effet <= a.data.date_effet)
    out.push(
      diagnostic(
        b,
        'AVENANT_DATE_EFFET_ORDRE',
        {
          version: b.data.version,
          date: b.data.date_effet,
          precedente: a.data.version,
          datePrecedente: a.data.date_effet,
        },
        '/date_effet',
        lang,
      ),
    );
  if (a.data.statut === 'projet' && b.data.version > a.data.version)
    out.push(
      diagnostic(
        a,
        'AVENANT_VERSION_NON_SIGNEE',
        { precedente: a.data.version },
        '/statut',
        lang,
        'warning',
      ),
    );
  return out;
}

export function avenantTitle(view: AvenantView): string {
  const c = view.convention;
  const rv = c.type.etat ? `l’État (${c.reservataire.nom})` : c.reservataire.nom;
  return `${view.avenant.titre} entre ${c.bailleur.nom} et ${rv}`;
}

/**
 * The whole avenant. The avenant's own text is typeset here; the quoted wording was typeset by
 * the convention's templates and is inserted afterwards, untouched (typesetting it twice would
 * nest its no-break spans).
 */
export function avenantHtml(
  view: AvenantView,
  templates: AvenantTemplates,
  options: { polices?: boolean } = {},
): string {
  const fragments: string[] = [];
  const marque = (html: string): string =>
    `@@convflux-citation-${String(fragments.push(html) - 1)}@@`;
  const marquee: AvenantView = {
    ...view,
    modifications: view.modifications.map((m) => ({
      ...m,
      redactionHtml: m.redaction ? marque(m.redactionHtml) : '',
      lignes: m.lignes.map((l) => ({
        ...l,
        ancienHtml: marque(l.ancienHtml),
        nouveauHtml: marque(l.nouveauHtml),
      })),
    })),
  };
  const body = typographierHtml(templates.document(marquee)).replace(
    /@@convflux-citation-(\d+)@@/g,
    (_whole, n: string) => fragments[Number(n)] ?? '',
  );
  const c = templates.convention;
  return htmlPage({
    modele: templates.modele,
    title: typographier(avenantTitle(view)),
    polices: c.polices,
    options,
    styles: [c.css, templates.css],
    projet: view.avenant.projet,
    body,
  });
}

export function avenantHeaderFooter(
  view: AvenantView,
  templates: AvenantTemplates,
): { header: string; footer: string } {
  return headerFooter(templates.convention, templates.entete(view), templates.pied(view));
}

/** The PDF of an avenant, finished (metadata, one signature field per signatory). */
export async function avenantPdf(
  view: AvenantView,
  templates: AvenantTemplates,
  browser: PdfBrowser,
): Promise<{ bytes: Uint8Array; pages: number; signatureFields: string[] }> {
  const { header, footer } = avenantHeaderFooter(view, templates);
  const raw = await browser.pdf(avenantHtml(view, templates), { header, footer });
  const c = view.convention;
  const rv = c.type.etat ? `État (${c.reservataire.nom})` : c.reservataire.nom;
  const { ancienne, nouvelle } = view;
  const modele = `${templates.modele.nom} ${templates.modele.version} (${templates.modele.empreinte})`;
  return finishPdf(raw, c, {
    title: avenantTitle(view),
    author: `${c.bailleur.nom} ; ${rv}`,
    subject: `Avenant n° ${String(view.avenant.numero)} à la convention de réservation ${view.avenant.id} : version ${String(ancienne.numero)} → version ${String(nouvelle.numero)}`,
    keywords: [
      'avenant',
      'convention de réservation',
      'gestion en flux',
      view.avenant.id,
      `avenant ${String(view.avenant.numero)}`,
      `version ${String(ancienne.numero)} yaml-sha256:${ancienne.yamlSha256} contenu:${ancienne.empreinte}`,
      `version ${String(nouvelle.numero)} yaml-sha256:${nouvelle.yamlSha256} contenu:${nouvelle.empreinte}`,
    ].join(' ; '),
    producer: `convflux ${convfluxVersion()} ; ${browser.version} (Skia/PDF) ; pdf-lib`,
    creator: `convflux render --avenant, modèle ${modele}, version ${String(ancienne.numero)} (${ancienne.yamlSha256.slice(0, 12)})`,
    date: view.avenant.dateEffetIso,
    custom: {
      // yamlSha256 is the version the avenant brings into force (the PDF's file id derives from it).
      yamlSha256: nouvelle.yamlSha256,
      yamlSha256Precedente: ancienne.yamlSha256,
      id: view.avenant.id,
      avenant: String(view.avenant.numero),
      version: String(nouvelle.numero),
      versionPrecedente: String(ancienne.numero),
      empreinte: nouvelle.empreinte,
      empreintePrecedente: ancienne.empreinte,
      statut: view.avenant.projet ? 'projet' : 'signee',
      modele,
    },
  });
}

/** The avenant's operations on the convention, for the CLI and --json. */
function operations(
  view: AvenantView,
): Pick<AvenantDocument, 'modifications' | 'insertions' | 'suppressions' | 'renumerotations'> {
  const de = (operation: string): string[] =>
    view.modifications
      .filter((m) => m.operation === operation)
      .map((m) => `${m.reference} – ${m.intitule}`);
  return {
    modifications: de('modification'),
    insertions: de('insertion'),
    suppressions: de('suppression'),
    renumerotations: view.renumerotations,
  };
}

/**
 * The unsigned PDF of the avenant between two versions given as bytes (no check: `convflux
 * verify` re-renders what `render --avenant` printed, to compare them byte for byte).
 */
export async function avenantPdfFromYaml(
  ancienne: { bytes: Uint8Array; file: string },
  nouvelle: { bytes: Uint8Array; file: string },
  templates: AvenantTemplates,
  browser: PdfBrowser,
): Promise<Uint8Array> {
  const view = buildAvenantView({
    ancienne: prepareConvention(ancienne.bytes, ancienne.file, templates.convention).view,
    nouvelle: prepareConvention(nouvelle.bytes, nouvelle.file, templates.convention).view,
    templates: templates.convention,
    modele: templates.modele,
    generateur: `convflux ${convfluxVersion()}`,
  });
  return (await avenantPdf(view, templates, browser)).bytes;
}

/** Checks both versions, compares them and writes the avenant (PDF, or HTML). */
export async function renderAvenant(
  ancienneFile: string,
  nouvelleFile: string,
  options: AvenantOptions = {},
): Promise<AvenantResult> {
  const started = performance.now();
  const lang = options.lang ?? 'fr';
  const cwd = options.cwd ?? process.cwd();
  const templates = loadAvenantTemplates();
  let browserMs = 0;
  const ownBrowser = !options.browser && !options.html;
  const browserPromise: Promise<PdfBrowser> | undefined = options.browser
    ? Promise.resolve(options.browser)
    : options.html
      ? undefined
      : PdfBrowser.launch({ warmup: warmupHtml(templates.convention), pages: 1 }).then((b) => {
          browserMs = performance.now() - started;
          return b;
        });
  browserPromise?.catch(() => undefined);
  let browser: PdfBrowser | undefined;
  const requests = (): RequestLog =>
    browser
      ? { allowed: browser.requests.allowed, blocked: [...browser.requests.blocked] }
      : { allowed: 0, blocked: [] };
  const fail = (diagnostics: Diagnostic[]): AvenantResult => ({
    ok: false,
    diagnostics,
    requests: requests(),
    timings: { totalMs: performance.now() - started, browserMs },
  });
  try {
    const paths = [ancienneFile, nouvelleFile];
    const absolute = paths.map((p) => resolve(cwd, p));
    const check = await checkPaths(paths, { lang, cwd });
    const diagnostics = [...check.diagnostics];
    const blocking = (d: Diagnostic): boolean =>
      d.severity === 'error' || (options.strict === true && d.severity === 'warning');
    if (diagnostics.some(blocking)) return fail(diagnostics);

    const versions: Version[] = [];
    for (const absolutePath of absolute) {
      const file = displayPath(absolutePath, cwd);
      const bytes = await readCheckedSource(absolutePath, lang, file);
      const { convention, view } = prepareConvention(bytes, file, templates.convention, lang);
      versions.push({
        file,
        absolutePath,
        bytes,
        view,
        yaml: loadYamlBytes(file, bytes, lang).data,
        data: {
          id: convention.id,
          version: convention.version,
          date_effet: convention.date_effet,
          statut: convention.statut,
        },
      });
    }
    const [a, b] = versions as [Version, Version];
    if (a.absolutePath === b.absolutePath) {
      diagnostics.push(diagnostic(b, 'AVENANT_MEME_FICHIER', {}, '', lang));
      return fail(diagnostics);
    }
    diagnostics.push(...coherence(a, b, lang));
    if (diagnostics.some(blocking)) return fail(diagnostics);

    const view = buildAvenantView({
      ancienne: a.view,
      nouvelle: b.view,
      templates: templates.convention,
      modele: templates.modele,
      generateur: `convflux ${convfluxVersion()}`,
    });
    const comparaison = comparerConventions(a.yaml, b.yaml, lang);
    const ecarts = confronter(view, comparaison);
    for (const partie of ecarts.articlesSansChangement)
      diagnostics.push(
        diagnostic(b, 'AVENANT_ARTICLE_SANS_DONNEE', { partie }, '', lang, 'warning'),
      );
    for (const c of ecarts.changementsSansArticle)
      diagnostics.push(
        diagnostic(
          b,
          'AVENANT_DONNEE_SANS_ARTICLE',
          { libelle: c.libelle, pointeur: c.pointeur, parties: c.parties.join(', ') },
          c.pointeur,
          lang,
          'warning',
        ),
      );
    if (!view.modifications.length) {
      diagnostics.push(
        diagnostic(
          b,
          'AVENANT_SANS_MODIFICATION',
          { id: b.data.id, version: b.data.version, precedente: a.data.version },
          '',
          lang,
        ),
      );
      return fail(diagnostics);
    }

    const format = options.html ? 'html' : 'pdf';
    const name = `${view.avenant.id}-avenant-${String(view.avenant.numero)}.${format}`;
    const outPath = options.out !== undefined ? resolve(cwd, options.out) : undefined;
    const target =
      outPath === undefined
        ? join(cwd, name)
        : options.out?.endsWith('/') || (await isDirectory(outPath))
          ? join(outPath, name)
          : outPath;
    let content: Uint8Array;
    let pdf: { pages: number; signatureFields: string[] } | undefined;
    if (options.html) content = Buffer.from(avenantHtml(view, templates), 'utf8');
    else {
      browser = await browserPromise;
      if (!browser) throw new Error('navigateur indisponible');
      const printed = await avenantPdf(view, templates, browser);
      content = printed.bytes;
      pdf = { pages: printed.pages, signatureFields: printed.signatureFields };
    }
    await writeOutput(target, content, { lang, cwd });
    return {
      ok: true,
      document: {
        ancienne: a.file,
        nouvelle: b.file,
        id: view.avenant.id,
        avenant: view.avenant.numero,
        versions: [a.data.version, b.data.version],
        output: displayPath(target, cwd),
        format,
        bytes: content.length,
        ...pdf,
        ...operations(view),
        changements: comparaison.changements.filter(enEffet),
        sha256: sha256(content),
        yamlSha256: [view.ancienne.yamlSha256, view.nouvelle.yamlSha256],
        empreintes: [view.ancienne.empreinte, view.nouvelle.empreinte],
      },
      diagnostics,
      requests: requests(),
      timings: { totalMs: performance.now() - started, browserMs },
    };
  } finally {
    if (ownBrowser) {
      const launched = browser ?? (await browserPromise?.catch(() => undefined));
      await launched?.close();
    }
  }
}
