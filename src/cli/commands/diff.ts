import { resolve } from 'node:path';
import { diffFichiers } from '../../compare/diff-fichiers.js';
import { enEffet } from '../../compare/changement.js';
import { lignesDiff } from '../../compare/lignes-diff.js';
import { formatDiagnostic } from '../../diagnostics/format-text.js';
import { isDirectory } from '../../is-directory.js';
import { UsageError, type CommandIo } from '../io.js';
import type { Flags } from '../main.js';
import { ecrireJson } from '../ecrire-json.js';

/**
 * `convflux diff ANCIENNE.yaml NOUVELLE.yaml [--json]`: what changes between two conventions,
 * key by key. Exit 0: no change in effect (identical, or defaults made explicit only); 1: changes
 * in effect (as diff(1)); 2: usage, or a file that cannot be compared (unreadable or invalid:
 * its diagnostics say where).
 */
export async function runDiff(paths: string[], flags: Flags, io: CommandIo): Promise<number> {
  if (paths.length !== 2)
    throw new UsageError(
      `diff attend deux fichiers de convention, l’ancienne puis la nouvelle (reçu : ${String(paths.length)})`,
      `diff expects two convention files, the old one then the new one (got: ${String(paths.length)})`,
    );
  for (const p of paths)
    if (await isDirectory(resolve(io.cwd, p)))
      throw new UsageError(
        `diff attend des fichiers de convention, pas un dossier (${p})`,
        `diff expects convention files, not a folder (${p})`,
      );
  const [a = '', b = ''] = paths;
  const result = await diffFichiers(a, b, { lang: flags.lang, cwd: io.cwd });
  const changements = result.comparaison?.changements ?? [];
  const code = !result.ok ? 2 : changements.some(enEffet) ? 1 : 0;
  if (flags.json) {
    ecrireJson(io, {
      ok: result.ok,
      ...(result.comparaison
        ? {
            ancienne: result.comparaison.ancienne,
            nouvelle: result.comparaison.nouvelle,
            meme_convention: result.comparaison.memeConvention,
          }
        : {}),
      changements,
      diagnostics: result.diagnostics,
    });
    return code;
  }
  for (const d of result.diagnostics)
    io.out(formatDiagnostic(d, { lang: flags.lang, color: flags.color, details: true }));
  if (result.comparaison) for (const l of lignesDiff(result.comparaison, flags.lang)) io.out(l);
  return code;
}
