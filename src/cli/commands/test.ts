import { FileReport } from '../../diagnostics/file-report.js';
import { formatDiagnostic } from '../../diagnostics/format-text.js';
import { findScenarioFiles } from '../../scenario/find-scenarios.js';
import { runScenarioFile } from '../../scenario/run-scenarios.js';
import type { ScenarioOutcome } from '../../scenario/scenario.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { CommandIo } from '../io.js';
import type { Flags } from '../main.js';
import { ecrireJson } from '../ecrire-json.js';

/** `convflux test`: plays the YAML scenarios; the last line is "N passed, N failed". */
export async function runTest(paths: string[], flags: Flags, io: CommandIo): Promise<number> {
  const { files, missing } = await findScenarioFiles(paths, io.cwd);
  const diagnostics: Diagnostic[] = missing.map((p) =>
    new FileReport(p, flags.lang).add('CHEMIN_INTROUVABLE', { chemin: p }),
  );
  const outcomes: ScenarioOutcome[] = [];
  for (const file of files) {
    const run = await runScenarioFile(file, { lang: flags.lang, cwd: io.cwd });
    outcomes.push(...run.outcomes);
    diagnostics.push(...run.diagnostics);
  }
  const passed = outcomes.filter((o) => o.passed).length;
  const failed = outcomes.length - passed;
  if (flags.json) {
    ecrireJson(io, {
      ok: failed === 0 && diagnostics.length === 0,
      passed,
      failed,
      scenarios: outcomes,
      diagnostics,
    });
  } else {
    for (const o of outcomes) {
      io.out(`${o.passed ? '✓' : '✗'} ${o.file}:${o.line}  ${o.nom}`);
      for (const d of o.differences) io.out(`    ${d}`);
    }
    for (const d of diagnostics)
      io.out(formatDiagnostic(d, { lang: flags.lang, color: flags.color, details: true }));
    io.out(`${passed} passed, ${failed} failed`);
  }
  if (diagnostics.length) return files.length ? 1 : 2;
  return failed ? 1 : 0;
}
