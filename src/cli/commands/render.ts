// Only light modules here: a cold `render` spawns Chromium first, then loads the rest while the
// browser boots (the renderer, the checker, puppeteer-core and pdf-lib take ≈ 0.3 s to import).
import type { RenderResult } from '../../render/render-conventions.js';
import { ChromiumMissingError, ChromiumProcess } from '../../render/chromium-process.js';
import { formatDiagnostic, summary } from '../../diagnostics/format-text.js';
import { blockedRequestsLine, documentDetails, signatureSuffix } from '../document-lines.js';
import type { Lang } from '../../diagnostics/diagnostic.js';
import { UsageError, type CommandIo } from '../io.js';
import { ProgressBar } from '../progress-bar.js';
import type { Flags } from '../main.js';
import type { SignatureApplied, Signing } from '../../sign/sign-rendered.js';
import type { PdfBrowser } from '../../render/chromium.js';
import { ecrireJson } from '../ecrire-json.js';

export interface RenderFlags {
  out?: string;
  html: boolean;
  /** --avenant ANCIENNE.yaml NOUVELLE.yaml: the amendment between two versions. */
  avenant?: boolean;
  /** --sign cert.p12 [--sign-password-env VAR] [--signataire bailleur|reservataire] */
  sign?: string;
  signPasswordEnv?: string;
  signataire?: string;
}

function documentLine(d: RenderResult['documents'][number], lang: Lang): string {
  return `${d.file} → ${d.output} (${documentDetails(d, lang)})`;
}

/** `convflux render FICHIER|DOSSIER… [--out F|D] [--html] [--json]`. */
export async function runRender(
  paths: string[],
  f: RenderFlags,
  flags: Flags,
  io: CommandIo,
): Promise<number> {
  if (!paths.length)
    throw new UsageError(
      'render attend au moins un fichier ou un dossier',
      'render expects at least one file or folder',
    );
  // Signing: the key and its password are checked before anything is rendered.
  if (f.sign === undefined && (f.signPasswordEnv !== undefined || f.signataire !== undefined))
    throw new UsageError(
      '--sign-password-env et --signataire vont avec --sign cert.p12',
      '--sign-password-env and --signataire go with --sign cert.p12',
    );
  if (f.sign !== undefined && f.html)
    throw new UsageError(
      '--sign signe le PDF : pas avec --html',
      '--sign signs the PDF: not with --html',
    );
  if (f.signataire !== undefined && f.signataire !== 'bailleur' && f.signataire !== 'reservataire')
    throw new UsageError(
      `--signataire attend bailleur ou reservataire (reçu : ${f.signataire})`,
      `--signataire expects bailleur or reservataire (got: ${f.signataire})`,
    );
  if (f.avenant) {
    // The avenant's PDF carries the new version's statut: that version must be sealed.
    const signing = await readSigningKey(f, paths.length === 2 ? paths.slice(1) : [], flags, io);
    if (typeof signing === 'number') return signing;
    const { runAvenant } = await import('../../avenant/command.js');
    return runAvenant(
      paths,
      {
        html: f.html,
        ...(f.out !== undefined ? { out: f.out } : {}),
        ...(signing ? { signing } : {}),
      },
      flags,
      io,
    );
  }
  // Chromium boots while the rest is imported and the files are checked; it is killed if unused.
  let chromium: ChromiumProcess | undefined;
  if (!f.html) {
    try {
      chromium = ChromiumProcess.spawn();
    } catch (error) {
      // Reported by renderPaths when a PDF is actually needed (files with errors are still listed).
      if (!(error instanceof ChromiumMissingError)) throw error;
    }
  }
  // The DevTools conversation (first page, warm-up layout) goes on during the imports and checks.
  const launched = chromium ? startBrowser(chromium) : undefined;
  // A start failure is reported when a PDF is needed (renderPaths), never as an unhandled rejection.
  launched?.catch(() => undefined);
  try {
    return await render(paths, f, flags, io, launched);
  } finally {
    chromium?.kill();
    await chromium?.dispose();
  }
}

/**
 * With --sign: the key read and its password checked, and no draft among `toSign`, before
 * anything is rendered (the signing code, node-forge and pdf-lib's writer, is only loaded then).
 * A problem is printed: exit 1.
 */
async function readSigningKey(
  f: RenderFlags,
  toSign: readonly string[],
  flags: Flags,
  io: CommandIo,
  /** Conventions (not an avenant): a version n° 2 or later or a signed text is never signed again. */
  conventions = false,
): Promise<Signing | undefined | number> {
  if (f.sign === undefined) return undefined;
  const [{ prepareSigning }, { refusedForSigning }] = await Promise.all([
    import('../../sign/sign-rendered.js'),
    import('../../sign/pre-sign.js'),
  ]);
  const drafts = await refusedForSigning(toSign, { cwd: io.cwd, lang: flags.lang, conventions });
  if (drafts.length) {
    if (flags.json) ecrireJson(io, { ok: false, documents: [], diagnostics: drafts });
    else
      for (const d of drafts)
        io.out(formatDiagnostic(d, { lang: flags.lang, color: flags.color, details: true }));
    return 1;
  }
  const signing = await prepareSigning(
    {
      p12: f.sign,
      ...(f.signPasswordEnv !== undefined ? { passwordEnv: f.signPasswordEnv } : {}),
      ...(f.signataire !== undefined ? { signataire: f.signataire } : {}),
    },
    { cwd: io.cwd, lang: flags.lang },
  );
  if (!('code' in signing)) return signing;
  if (flags.json) ecrireJson(io, { ok: false, documents: [], diagnostics: [signing] });
  else io.out(formatDiagnostic(signing, { lang: flags.lang, color: flags.color, details: true }));
  return 1;
}

async function startBrowser(chromium: ChromiumProcess): Promise<PdfBrowser> {
  const [{ PdfBrowser }, { loadTemplates }, { warmupHtml }] = await Promise.all([
    import('../../render/chromium.js'),
    import('../../render/templates.js'),
    import('../../render/html.js'),
  ]);
  return PdfBrowser.connect(chromium, { warmup: warmupHtml(loadTemplates()) });
}

async function render(
  paths: string[],
  f: RenderFlags,
  flags: Flags,
  io: CommandIo,
  launched: Promise<PdfBrowser> | undefined,
): Promise<number> {
  const fr = flags.lang === 'fr';
  const [{ renderPaths }, signing] = await Promise.all([
    import('../../render/render-conventions.js'),
    readSigningKey(f, paths, flags, io, true),
  ]);
  if (typeof signing === 'number') return signing;
  const progress = ProgressBar.start(fr ? 'impression' : 'printing', flags);
  let result: RenderResult;
  try {
    result = await renderPaths(paths, {
      lang: flags.lang,
      cwd: io.cwd,
      html: f.html,
      strict: flags.strict,
      ...(launched ? { launched } : {}),
      ...(f.out !== undefined ? { out: f.out } : {}),
      ...(progress
        ? {
            onProgress: (d: number, t: number, file: string) => {
              progress.update(d, t, file);
            },
          }
        : {}),
    });
  } finally {
    // A missing Chromium or a broken template propagates: main() prints it and exits with 2.
    progress?.clear();
  }
  const signatures = signing
    ? await (
        await import('../../sign/sign-rendered.js')
      ).signDocuments(signing, result.documents, io.cwd, result, flags.lang)
    : new Map<RenderResult['documents'][number], SignatureApplied>();
  const seconds = result.timings.totalMs / 1000;
  if (flags.json) {
    ecrireJson(io, {
      ok: result.ok,
      documents: result.documents.map((d) => {
        const signature = signatures.get(d);
        return signature ? { ...d, signature } : d;
      }),
      refused: result.refused,
      diagnostics: result.diagnostics,
      stats: {
        files: result.files,
        rendered: result.documents.length,
        seconds: Math.round(seconds * 1000) / 1000,
        blockedRequests: result.requests.blocked.length,
      },
    });
  } else {
    for (const d of result.diagnostics)
      io.out(formatDiagnostic(d, { lang: flags.lang, color: flags.color, details: true }));
    if (result.diagnostics.length) io.out(summary(result.diagnostics, result.files, flags.lang));
    for (const file of result.refused)
      io.out(
        fr ? `${file} : non rendu (erreurs ci-dessus)` : `${file}: not rendered (errors above)`,
      );
    for (const d of result.documents) {
      const signature = signatures.get(d);
      io.out(documentLine(d, flags.lang) + signatureSuffix(signature, flags.lang));
    }
    const n = result.documents.length;
    const time = fr ? seconds.toFixed(1).replace('.', ',') : seconds.toFixed(1);
    io.out(
      fr
        ? `${String(n)} document${n > 1 ? 's' : ''} rendu${n > 1 ? 's' : ''} en ${time}\u202fs.`
        : `${String(n)} document${n > 1 ? 's' : ''} rendered in ${time} s.`,
    );
  }
  const blocked = blockedRequestsLine(result.requests.blocked, flags.lang);
  if (blocked) io.err(blocked);
  return result.ok ? 0 : 1;
}
