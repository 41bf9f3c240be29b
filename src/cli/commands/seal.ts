import { sealFile } from '../../convention/seal.js';
import { formatDiagnostic } from '../../diagnostics/format-text.js';
import type { CommandIo } from '../io.js';
import type { Flags } from '../main.js';
import { ecrireJson } from '../ecrire-json.js';

export async function runSeal(files: string[], flags: Flags, io: CommandIo): Promise<number> {
  const results = [];
  for (const file of files)
    results.push(await sealFile(file, { lang: flags.lang, cwd: io.cwd, force: flags.force }));
  const refused = results.some((r) => r.status === 'refused');
  if (flags.json) {
    ecrireJson(io, { ok: !refused, results, diagnostics: results.flatMap((r) => r.diagnostics) });
  } else {
    for (const r of results) {
      if (r.status === 'refused') {
        io.out(flags.lang === 'fr' ? `${r.file} : non scellé` : `${r.file}: not sealed`);
        for (const d of r.diagnostics)
          io.out(formatDiagnostic(d, { lang: flags.lang, color: flags.color, details: true }));
      } else {
        const verb =
          r.status === 'sealed'
            ? flags.lang === 'fr'
              ? 'scellé'
              : 'sealed'
            : flags.lang === 'fr'
              ? 'déjà scellé'
              : 'already sealed';
        io.out(`${r.file} : ${verb} (${r.empreinte ?? ''})`);
      }
    }
  }
  return refused ? 1 : 0;
}
