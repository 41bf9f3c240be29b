import { requireInputs } from '../require-inputs.js';
import { ensureOutputDir, writeOutput } from '../../output/write-output.js';
import { join, resolve } from 'node:path';
import { evaluate, EvaluateUsageError, type Moteur } from '../../engine/evaluate.js';
import {
  alertesCsv,
  conventionsCsv,
  diagnosticsCsv,
  objectifsCsv,
  publicsCsv,
} from '../../explain/evaluation-csv.js';
import { agentsCsv, conversionCsv, periodesCsv } from '../../explain/evaluation-csv-sections.js';
import { formatEvaluation } from '../../explain/format-evaluation.js';
import { etapesExpliquees, formatExplication } from '../../explain/format-explication.js';
import { STDIN } from '../../input/table-source.js';
import { UsageError, type CommandIo } from '../io.js';
import { checkYearInputs } from '../year-inputs.js';
import { ProgressBar } from '../progress-bar.js';
import type { Flags } from '../main.js';

export interface EvaluateFlags {
  rules: string[];
  parc?: string;
  /** `--events`, repeatable (e.g. one file a year). */
  events?: string[];
  annee?: string;
  date?: string;
  csv: boolean;
  out?: string;
  explain?: string;
  tolerant: boolean;
  signees: boolean;
  moteur?: string;
  workers?: string;
}

/** An input path from the command line: `-` is the standard input. */
export const entree = (cwd: string, path: string): string =>
  path === STDIN ? STDIN : resolve(cwd, path);

export async function runEvaluate(f: EvaluateFlags, flags: Flags, io: CommandIo): Promise<number> {
  const fr = flags.lang === 'fr';
  checkYearInputs('evaluate', f, flags);
  const moteur = (f.moteur ?? 'compile') as Moteur;
  if (moteur !== 'compile' && moteur !== 'json-rules-engine')
    throw new UsageError(
      `--moteur attend compile ou json-rules-engine (reçu : ${f.moteur ?? ''})`,
      `--moteur expects compile or json-rules-engine (got: ${f.moteur ?? ''})`,
    );
  if (f.workers !== undefined && !/^\d{1,2}$/.test(f.workers))
    throw new UsageError(
      `--workers attend un nombre (reçu : ${f.workers})`,
      `--workers expects a number (got: ${f.workers})`,
    );
  const rules = f.rules.length ? f.rules : ['rules/'];
  await requireInputs([f.parc ?? '', ...(f.events ?? []), ...rules], io.cwd);
  // The output folder first: a wrong --out is said before the year is evaluated.
  const out = f.out !== undefined ? resolve(io.cwd, f.out) : undefined;
  if (out !== undefined) await ensureOutputDir(out, { lang: flags.lang, cwd: io.cwd });
  let result;
  const progress = ProgressBar.start(
    fr ? `évaluation de l’année ${f.annee ?? ''}` : `evaluating the year ${f.annee ?? ''}`,
    flags,
  );
  try {
    result = await evaluate({
      rules,
      parc: entree(io.cwd, f.parc ?? ''),
      evenements: (f.events ?? []).map((e) => entree(io.cwd, e)),
      annee: Number(f.annee),
      lang: flags.lang,
      cwd: io.cwd,
      moteur,
      ...(f.workers !== undefined ? { workers: Number(f.workers) } : {}),
      ...(f.date !== undefined ? { date: f.date } : {}),
      ...(f.signees ? { signees: true } : {}),
      ...(f.explain !== undefined ? { explain: f.explain } : {}),
    });
  } catch (error) {
    if (error instanceof EvaluateUsageError) throw new UsageError(error.message, error.en);
    throw error;
  } finally {
    progress?.clear();
  }
  const e = result.evaluation;
  const failed =
    e.diagnostics.some((d) => d.severity === 'error') || (!f.tolerant && e.rejets.length > 0);

  if (out !== undefined) {
    const dir = out;
    const o = { lang: flags.lang, cwd: io.cwd };
    await Promise.all([
      writeOutput(join(dir, 'evaluation.json'), `${JSON.stringify(e, null, 2)}\n`, o),
      writeOutput(join(dir, 'conventions.csv'), conventionsCsv(e), o),
      writeOutput(join(dir, 'objectifs.csv'), objectifsCsv(e), o),
      writeOutput(join(dir, 'publics.csv'), publicsCsv(e), o),
      writeOutput(join(dir, 'alertes.csv'), alertesCsv(e), o),
      writeOutput(join(dir, 'rejets.csv'), diagnosticsCsv([...e.diagnostics, ...e.rejets]), o),
      writeOutput(join(dir, 'periodes.csv'), periodesCsv(e), o),
      writeOutput(join(dir, 'agents.csv'), agentsCsv(e), o),
      writeOutput(join(dir, 'conversion.csv'), conversionCsv(e), o),
    ]);
  }

  if (f.explain !== undefined) {
    const x = result.explication ?? {
      logement: f.explain,
      etapes: [],
      conventions: {},
      points: {},
    };
    const etapes = await etapesExpliquees(x, flags.lang);
    // A flat that is not in the parc (or has no event) fails, and `ok` says so as the exit does.
    const ok = !failed && x.parc !== undefined;
    if (flags.json)
      io.out(
        JSON.stringify(
          {
            ok,
            logement: x.logement,
            parc: x.parc ?? null,
            parcours: x.parcours ?? null,
            etapes,
            points: x.points,
          },
          null,
          2,
        ),
      );
    else io.out(formatExplication(x, etapes, x.points, flags.lang));
    return ok ? 0 : 1;
  }
  if (flags.json) io.out(JSON.stringify({ ok: !failed, ...e }, null, 2));
  else if (f.csv) io.out(conventionsCsv(e).trimEnd());
  else io.out(formatEvaluation(e, flags.lang, flags.color));
  if (f.out !== undefined && !flags.json && !f.csv)
    io.err(flags.lang === 'fr' ? `Résultats écrits dans ${f.out}` : `Results written to ${f.out}`);
  return failed ? 1 : 0;
}
