/**
 * The command-line side of `convflux render --avenant ANCIENNE.yaml NOUVELLE.yaml [--out F|D]
 * [--html] [--json]`: arguments, diagnostics, one summary line. Called by
 * src/cli/commands/render.ts when --avenant is given.
 */
import { resolve } from 'node:path';
import { isDirectory } from '../is-directory.js';
import type { CommandIo } from '../cli/io.js';
import { UsageError } from '../cli/io.js';
import type { Flags } from '../cli/main.js';
import { formatDiagnostic, summary } from '../diagnostics/format-text.js';
import type { Signing } from '../sign/sign-rendered.js';
import { blockedRequestsLine, documentDetails, signatureSuffix } from '../cli/document-lines.js';
import { renderAvenant } from './render-avenant.js';

export interface AvenantFlags {
  out?: string;
  html: boolean;
  /** --sign cert.p12: the key, already read; the avenant's PDF is signed in place. */
  signing?: Signing;
}

export async function runAvenant(
  paths: string[],
  f: AvenantFlags,
  flags: Flags,
  io: CommandIo,
): Promise<number> {
  if (paths.length !== 2)
    throw new UsageError(
      `render --avenant attend deux fichiers, la version modifiée puis la nouvelle version (reçu : ${String(paths.length)})`,
      `render --avenant expects two files, the version amended then the new version (got: ${String(paths.length)})`,
    );
  for (const p of paths)
    if (await isDirectory(resolve(io.cwd, p)))
      throw new UsageError(
        `render --avenant attend des fichiers de convention, pas un dossier (${p})`,
        `render --avenant expects convention files, not a folder (${p})`,
      );
  const [ancienne = '', nouvelle = ''] = paths;
  const fr = flags.lang === 'fr';
  const result = await renderAvenant(ancienne, nouvelle, {
    lang: flags.lang,
    cwd: io.cwd,
    html: f.html,
    strict: flags.strict,
    ...(f.out !== undefined ? { out: f.out } : {}),
  });
  const document = result.document;
  const signature =
    f.signing && document
      ? (
          await (
            await import('../sign/sign-rendered.js')
          ).signDocuments(f.signing, [document], io.cwd, result, flags.lang)
        ).get(document)
      : undefined;
  const seconds = result.timings.totalMs / 1000;
  if (flags.json) {
    io.out(
      JSON.stringify(
        {
          ok: result.ok,
          documents: result.document
            ? [signature ? { ...result.document, signature } : result.document]
            : [],
          diagnostics: result.diagnostics,
          stats: {
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
    // The same file given twice is one file (AVENANT_MEME_FICHIER says so).
    const fichiers = new Set(paths.map((p) => resolve(io.cwd, p))).size;
    if (result.diagnostics.length) io.out(summary(result.diagnostics, fichiers, flags.lang));
    const d = result.document;
    if (d) {
      const details = documentDetails(d, flags.lang);
      io.out(
        (fr
          ? `Avenant n° ${String(d.avenant)} (${d.id}, version ${String(d.versions[0])} → ${String(d.versions[1])}) → ${d.output} (${details})`
          : `Avenant no. ${String(d.avenant)} (${d.id}, version ${String(d.versions[0])} → ${String(d.versions[1])}) → ${d.output} (${details})`) +
          signatureSuffix(signature, flags.lang),
      );
      for (const m of d.suppressions) io.out(`  ${fr ? 'supprime' : 'deletes'} ${m}`);
      for (const m of d.renumerotations) io.out(`  ${fr ? 'renumérote' : 'renumbers'} ${m}`);
      for (const m of d.modifications) io.out(`  ${fr ? 'modifie' : 'amends'} ${m}`);
      for (const m of d.insertions) io.out(`  ${fr ? 'insère' : 'inserts'} ${m}`);
    } else
      io.out(
        fr ? `Avenant non rendu (erreurs ci-dessus).` : `Avenant not rendered (errors above).`,
      );
  }
  const blocked = blockedRequestsLine(result.requests.blocked, flags.lang);
  if (blocked) io.err(blocked);
  return result.ok ? 0 : 1;
}
