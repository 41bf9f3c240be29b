import { renderPaths, type RenderResult } from '../../render/render-conventions.js';
import { formatDiagnostic, summary } from '../../diagnostics/format-text.js';
import type { Lang } from '../../diagnostics/diagnostic.js';
import { UsageError, type CommandIo } from '../io.js';
import type { Flags } from '../main.js';

export interface RenderFlags {
  out?: string;
  html: boolean;
}

/** A one-line progress bar on a terminal's stderr (never in a pipe, never with --json). */
class ProgressBar {
  private last = '';
  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(done: number, total: number, file: string): void {
    const width = 24;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const columns = this.stream.columns || 80;
    const line = `${bar} ${String(done)}/${String(total)} ${file}`.slice(0, columns - 1);
    this.stream.write(`\r${line.padEnd(this.last.length)}`);
    this.last = line;
  }

  clear(): void {
    if (this.last) this.stream.write(`\r${' '.repeat(this.last.length)}\r`);
    this.last = '';
  }
}

function size(bytes: number, lang: Lang): string {
  const ko = Math.max(1, Math.round(bytes / 1024));
  return lang === 'fr' ? `${String(ko)}\u202fKo` : `${String(ko)} KB`;
}

function documentLine(d: RenderResult['documents'][number], lang: Lang): string {
  const fr = lang === 'fr';
  const details =
    d.format === 'pdf'
      ? fr
        ? `${String(d.pages ?? 0)} pages, ${String(d.signatureFields?.length ?? 0)} champs de signature, ${size(d.bytes, lang)}`
        : `${String(d.pages ?? 0)} pages, ${String(d.signatureFields?.length ?? 0)} signature fields, ${size(d.bytes, lang)}`
      : size(d.bytes, lang);
  return `${d.file} → ${d.output} (${details})`;
}

/** `convflux render FICHIER|DOSSIER… [--out F|D] [--html] [--json]`. */
export async function runRender(
  paths: string[],
  f: RenderFlags,
  flags: Flags,
  io: CommandIo,
): Promise<number> {
  if (!paths.length) throw new UsageError('render attend au moins un fichier ou un dossier');
  const fr = flags.lang === 'fr';
  const progress =
    !flags.json && process.stderr.isTTY ? new ProgressBar(process.stderr) : undefined;
  let result: RenderResult;
  try {
    result = await renderPaths(paths, {
      lang: flags.lang,
      cwd: io.cwd,
      html: f.html,
      strict: flags.strict,
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
  const seconds = result.timings.totalMs / 1000;
  if (flags.json) {
    io.out(
      JSON.stringify(
        {
          ok: result.ok,
          documents: result.documents,
          refused: result.refused,
          diagnostics: result.diagnostics,
          stats: {
            files: result.files,
            rendered: result.documents.length,
            seconds: Math.round(seconds * 1000) / 1000,
            blockedRequests: result.requests.blocked.length,
          },
        },
        null,
        2,
      ),
    );
  } else {
    for (const d of result.diagnostics)
      io.out(formatDiagnostic(d, { lang: flags.lang, color: flags.color, details: true }));
    if (result.diagnostics.length) io.out(summary(result.diagnostics, result.files, flags.lang));
    for (const file of result.refused)
      io.out(
        fr ? `${file} : non rendu (erreurs ci-dessus)` : `${file}: not rendered (errors above)`,
      );
    for (const d of result.documents) io.out(documentLine(d, flags.lang));
    const n = result.documents.length;
    const time = fr ? seconds.toFixed(1).replace('.', ',') : seconds.toFixed(1);
    io.out(
      fr
        ? `${String(n)} document${n > 1 ? 's' : ''} rendu${n > 1 ? 's' : ''} en ${time}\u202fs.`
        : `${String(n)} document${n > 1 ? 's' : ''} rendered in ${time} s.`,
    );
  }
  if (result.requests.blocked.length)
    io.err(
      fr
        ? `convflux : ${String(result.requests.blocked.length)} requête(s) réseau bloquée(s) : ${result.requests.blocked.join(', ')}`
        : `convflux: ${String(result.requests.blocked.length)} network request(s) blocked: ${result.requests.blocked.join(', ')}`,
    );
  return result.ok ? 0 : 1;
}
