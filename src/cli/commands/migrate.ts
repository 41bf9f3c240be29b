import type { DefautEcrit } from '../../convention/migrate-cles-recentes.js';
import { migrateFile } from '../../convention/migrate.js';
import { formatDiagnostic } from '../../diagnostics/format-text.js';
import type { CommandIo } from '../io.js';
import type { Flags } from '../main.js';
import { requireInputs } from '../require-inputs.js';
import { ecrireJson } from '../ecrire-json.js';

const aRemplir = (ajouts: string[], defauts: DefautEcrit[]): string =>
  ajouts.filter((p) => p !== '/format' && !defauts.some((d) => d.cle === p)).join(', ') || '—';

const ecrits = (defauts: DefautEcrit[]): string =>
  defauts
    .map((d) => `${d.cle.slice(1).replaceAll('/', '.')}: ${JSON.stringify(d.valeur)}`)
    .join(', ');

/**
 * `convflux migrate FILE…`: drafts of an older format become current format-2 drafts (exit 1 when
 * one is refused; the blanks left for a human are warnings).
 */
export async function runMigrate(files: string[], flags: Flags, io: CommandIo): Promise<number> {
  await requireInputs(files, io.cwd);
  const results = [];
  for (const file of files)
    results.push(await migrateFile(file, { lang: flags.lang, cwd: io.cwd }));
  const refused = results.some((r) => r.status === 'refused');
  if (flags.json) {
    ecrireJson(io, { ok: !refused, results, diagnostics: results.flatMap((r) => r.diagnostics) });
    return refused ? 1 : 0;
  }
  const fr = flags.lang === 'fr';
  for (const r of results) {
    if (r.status === 'refused') io.out(fr ? `${r.file} : non migré` : `${r.file}: not migrated`);
    else if (r.status === 'unchanged')
      io.out(
        fr ? `${r.file} : déjà au format 2, à jour` : `${r.file}: already format 2, up to date`,
      );
    else {
      io.out(
        fr
          ? `${r.file} : format 2 ; à remplir (lignes « À REMPLIR ») : ${aRemplir(r.ajouts, r.defauts)}`
          : `${r.file}: format 2; to fill in (lines « À REMPLIR »): ${aRemplir(r.ajouts, r.defauts)}`,
      );
      if (r.defauts.length)
        io.out(
          fr
            ? `  valeurs par défaut écrites (le texte et les chiffres ne changent pas) : ${ecrits(r.defauts)}`
            : `  default values written (the text and the figures do not change): ${ecrits(r.defauts)}`,
        );
    }
    for (const d of r.diagnostics)
      io.out(formatDiagnostic(d, { lang: flags.lang, color: flags.color, details: true }));
  }
  return refused ? 1 : 0;
}
