import { checkPaths } from '../../check/check-paths.js';
import { countDiagnostics } from '../../diagnostics/cap-diagnostics.js';
import { formatDiagnostic, summary } from '../../diagnostics/format-text.js';
import type { CommandIo } from '../io.js';
import type { Flags } from '../main.js';
import { ecrireJson } from '../ecrire-json.js';

export async function runCheck(
  paths: string[],
  flags: Flags,
  io: CommandIo,
  parc?: string,
): Promise<number> {
  const result = await checkPaths(paths, {
    lang: flags.lang,
    cwd: io.cwd,
    ...(parc !== undefined ? { parc } : {}),
  });
  const failed =
    !result.ok || (flags.strict && result.diagnostics.some((d) => d.severity === 'warning'));
  if (flags.json) {
    ecrireJson(io, {
      ok: !failed,
      diagnostics: result.diagnostics,
      stats: {
        files: result.files,
        contextFiles: result.contextFiles,
        ...countDiagnostics(result.diagnostics),
      },
    });
  } else {
    const lawShown = new Set<string>();
    for (const d of result.diagnostics)
      io.out(
        formatDiagnostic(d, { lang: flags.lang, color: flags.color, details: true, lawShown }),
      );
    io.out(summary(result.diagnostics, result.files, flags.lang));
  }
  return failed ? 1 : 0;
}
