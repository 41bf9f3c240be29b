import { join, resolve } from 'node:path';
import { formatDiagnostic } from '../../diagnostics/format-text.js';
import { EvaluateUsageError } from '../../engine/evaluate.js';
import { diagnosticsCsv } from '../../explain/evaluation-csv.js';
import { ensureOutputDir, writeOutput } from '../../output/write-output.js';
import { formatSimulation } from '../../simulation/format-simulation.js';
import {
  alertesSimulationCsv,
  conventionsSimulationCsv,
  objectifsSimulationCsv,
} from '../../simulation/simulation-csv.js';
import { reorienter } from '../../simulation/reorienter.js';
import { simuler } from '../../simulation/simuler.js';
import { UsageError, type CommandIo } from '../io.js';
import { checkYearInputs } from '../year-inputs.js';
import type { Flags } from '../main.js';
import { requireInputs } from '../require-inputs.js';
import { entree } from './evaluate.js';
import { ecrireJson } from '../ecrire-json.js';

export interface SimulateFlags {
  rules: string[];
  parc?: string;
  events?: string[];
  annee?: string;
  date?: string;
  projets: string[];
  surcharges: string[];
  dateEffet?: string;
  csv: boolean;
  out?: string;
  tolerant: boolean;
  signees: boolean;
  /** Mode `reorientation` rather than `recompte`. */
  reorienter: boolean;
}

function verifierFlags(rest: string[], f: SimulateFlags, flags: Flags): void {
  if (rest.length)
    throw new UsageError(
      `simulate : argument inattendu « ${rest[0] ?? ''} » (le projet se donne avec --projet ou --set)`,
      `simulate: unexpected argument "${rest[0] ?? ''}" (the draft is given with --projet or --set)`,
    );
  checkYearInputs('simulate', f, flags);
  if (f.dateEffet !== undefined && f.projets.length)
    throw new UsageError(
      '--date-effet va avec --set (un fichier --projet porte sa date_effet)',
      '--date-effet goes with --set (a --projet file carries its date_effet)',
    );
}

/**
 * `convflux simulate --parc P --events E --annee AAAA (--projet F… | --set ID:cle=valeur…)`: the
 * year counted under the conventions of --rules and under the draft, side by side; with
 * `--reorienter` (the draft optional), the observed year beside the year re-oriented by the aid. Exit 0, 1 when
 * the draft or an input has an error (or a row was rejected, without --tolerant), 2 usage.
 */
export async function runSimulate(
  rest: string[],
  f: SimulateFlags,
  flags: Flags,
  io: CommandIo,
): Promise<number> {
  verifierFlags(rest, f, flags);
  const rules = f.rules.length ? f.rules : ['rules/'];
  await requireInputs([f.parc ?? '', ...(f.events ?? []), ...rules, ...f.projets], io.cwd);
  const out = f.out !== undefined ? resolve(io.cwd, f.out) : undefined;
  if (out !== undefined) await ensureOutputDir(out, { lang: flags.lang, cwd: io.cwd });
  let result;
  try {
    result = await (f.reorienter ? reorienter : simuler)({
      rules,
      parc: entree(io.cwd, f.parc ?? ''),
      evenements: (f.events ?? []).map((e) => entree(io.cwd, e)),
      annee: Number(f.annee),
      lang: flags.lang,
      cwd: io.cwd,
      projets: f.projets,
      surcharges: f.surcharges,
      ...(f.date !== undefined ? { date: f.date } : {}),
      ...(f.dateEffet !== undefined ? { dateEffet: f.dateEffet } : {}),
      ...(f.signees ? { signees: true } : {}),
    });
  } catch (error) {
    if (error instanceof EvaluateUsageError) throw new UsageError(error.message, error.en);
    throw error;
  }
  const r = result.simulation;
  const failed =
    result.usage ||
    r.diagnostics.some((d) => d.severity === 'error') ||
    (!f.tolerant && r.rejets.length > 0);
  const code = result.usage ? 2 : failed ? 1 : 0;
  const ecrit = result.evaluations !== undefined;
  if (out !== undefined && ecrit) {
    const o = { lang: flags.lang, cwd: io.cwd };
    await Promise.all([
      writeOutput(join(out, 'simulation.json'), `${JSON.stringify(r, null, 2)}\n`, o),
      writeOutput(join(out, 'conventions.csv'), conventionsSimulationCsv(r), o),
      writeOutput(join(out, 'objectifs.csv'), objectifsSimulationCsv(r), o),
      writeOutput(join(out, 'alertes.csv'), alertesSimulationCsv(r), o),
      writeOutput(join(out, 'rejets.csv'), diagnosticsCsv([...r.diagnostics, ...r.rejets]), o),
    ]);
  }
  if (flags.json) {
    ecrireJson(io, { ok: code === 0, ...r });
    return code;
  }
  if (ecrit)
    io.out(f.csv ? conventionsSimulationCsv(r).trimEnd() : formatSimulation(r, flags.lang));
  // The law quoted once per error; warnings in one line each.
  for (const d of r.diagnostics)
    io.err(
      formatDiagnostic(d, {
        lang: flags.lang,
        color: flags.color,
        details: d.severity === 'error',
      }),
    );
  if (r.rejets.length)
    io.err(
      flags.lang === 'fr'
        ? `${String(r.rejets.length)} ligne(s) rejetée(s) : voir convflux evaluate, --json ou --out.`
        : `${String(r.rejets.length)} rejected row(s): see convflux evaluate, --json or --out.`,
    );
  if (!ecrit)
    io.err(
      flags.lang === 'fr'
        ? 'Aucune simulation : corrigez le projet ci-dessus.'
        : 'No simulation: fix the draft above.',
    );
  else if (f.out !== undefined && !f.csv)
    io.err(flags.lang === 'fr' ? `Résultats écrits dans ${f.out}` : `Results written to ${f.out}`);
  return code;
}
