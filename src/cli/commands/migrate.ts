import { migrateFile } from '../../convention/migrate.js';
import { formatDiagnostic } from '../../diagnostics/format-text.js';
import type { CommandIo } from '../io.js';
import type { Flags } from '../main.js';
import { requireInputs } from '../require-inputs.js';

const aRemplir = (ajouts: string[]): string =>
  ajouts.filter((p) => p !== '/format').join(', ') || '—';

/** `convflux migrate FILE…`: format-1 drafts become format-2 drafts (exit 1 when one is refused). */
export async function runMigrate(files: string[], flags: Flags, io: CommandIo): Promise<number> {
  await requireInputs(files, io.cwd);
  const results = [];
  for (const file of files)
    results.push(await migrateFile(file, { lang: flags.lang, cwd: io.cwd }));
  const refused = results.some((r) => r.status === 'refused');
  if (flags.json) {
    io.out(
      JSON.stringify(
        { ok: !refused, results, diagnostics: results.flatMap((r) => r.diagnostics) },
        null,
        2,
      ),
    );
    return refused ? 1 : 0;
  }
  const fr = flags.lang === 'fr';
  for (const r of results) {
    if (r.status === 'refused') {
      io.out(fr ? `${r.file} : non migré` : `${r.file}: not migrated`);
      for (const d of r.diagnostics)
        io.out(formatDiagnostic(d, { lang: flags.lang, color: flags.color, details: true }));
    } else if (r.status === 'unchanged') {
      io.out(fr ? `${r.file} : déjà au format 2` : `${r.file}: already format 2`);
    } else {
      io.out(
        fr
          ? `${r.file} : format 2 ; à remplir (lignes « À REMPLIR ») : ${aRemplir(r.ajouts)}`
          : `${r.file}: format 2; to fill in (lines « À REMPLIR »): ${aRemplir(r.ajouts)}`,
      );
    }
  }
  return refused ? 1 : 0;
}
