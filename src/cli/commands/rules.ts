import { resolve } from 'node:path';
import { displayPath } from '../../display-path.js';
import type { Convention } from '../../convention/convention.js';
import { formatDiagnostic } from '../../diagnostics/format-text.js';
import { conventionRules } from '../../engine/convention-rules.js';
import { schemaValidator } from '../../schema/load-schemas.js';
import { schemaFindings } from '../../schema/schema-errors.js';
import { loadYamlFile } from '../../source/load-yaml-file.js';
import type { CommandIo } from '../io.js';
import type { Flags } from '../main.js';
import { ecrireJson } from '../ecrire-json.js';

/** `convflux rules CONVENTION`: the json-rules-engine rules the flux engine runs for it. */
export async function runRules(path: string, flags: Flags, io: CommandIo): Promise<number> {
  const absolute = resolve(io.cwd, path);
  const loaded = await loadYamlFile(absolute, displayPath(absolute, io.cwd), flags.lang);
  const validate = schemaValidator('convention.schema.json');
  if (loaded.data !== undefined && !validate(loaded.data))
    for (const f of schemaFindings(validate.errors ?? [], flags.lang))
      loaded.report.add(f.code, f.params, f.pointer, { atKey: f.atKey });
  const errors = loaded.report.diagnostics.filter((d) => d.severity === 'error');
  if (loaded.data === undefined || errors.length) {
    if (flags.json) ecrireJson(io, { ok: false, diagnostics: errors });
    else
      for (const d of errors)
        io.out(formatDiagnostic(d, { lang: flags.lang, color: flags.color, details: true }));
    return 1;
  }
  const c = loaded.data as Convention;
  const rules = conventionRules(c);
  if (flags.json) {
    ecrireJson(io, { ok: true, convention: c.id, version: c.version, rules });
    return 0;
  }
  const fr = flags.lang === 'fr';
  io.out(
    `${c.id} v${String(c.version)} — ${String(rules.length)} ${fr ? 'règles json-rules-engine' : 'json-rules-engine rules'}`,
  );
  for (const r of rules) {
    const p = r.event.params;
    io.out(
      `  ${r.name.padEnd(36)} ${p.action.padEnd(10)} ${String(p.points).padStart(4)} pt  ${p.cle}${p.delai ? ` (${p.delai})` : ''}`,
    );
  }
  io.out(fr ? '(--json pour le JSON complet des règles)' : '(--json for the full rule JSON)');
  return 0;
}
