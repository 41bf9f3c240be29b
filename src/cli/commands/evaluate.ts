import { requireInputs } from '../require-inputs.js';
import { join, resolve } from 'node:path';
import { evaluate, EvaluateUsageError, nomEntree, type Moteur } from '../../engine/evaluate.js';
import { FileReport } from '../../diagnostics/file-report.js';
import type { Evaluation } from '../../engine/evaluation.js';
import type { Lang } from '../../diagnostics/diagnostic.js';
import { STDIN } from '../../input/table-source.js';
import { UsageError, type CommandIo } from '../io.js';
import { checkYearInputs } from '../year-inputs.js';
import { lignesJson, parPieces } from '../../output/json-par-lignes.js';
import { ProgressBar } from '../progress-bar.js';
import type { Flags } from '../main.js';
import { ecrireJson } from '../ecrire-json.js';
import { FICHIERS_EVALUATION, type FichierEvaluation } from '../fichiers-evaluation.js';

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
  // --explain tells one flat's story (text, or --json): the conventions' table of --csv is not it.
  if (f.explain !== undefined && f.csv)
    throw new UsageError(
      '--explain et --csv s’excluent (l’explication d’un logement se donne en texte ou en --json)',
      '--explain and --csv exclude each other (a flat’s explanation is given as text or --json)',
      { option: '--explain', options: '--explain, --csv' },
    );
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
  if (out !== undefined)
    await (
      await import('../../output/write-output.js')
    ).ensureOutputDir(out, { lang: flags.lang, cwd: io.cwd });
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

  if (out !== undefined) await ecrireResultats(out, e, { lang: flags.lang, cwd: io.cwd });

  if (f.explain !== undefined) {
    const x = result.explication ?? {
      logement: f.explain,
      etapes: [],
      conventions: {},
      points: {},
    };
    // Neither in the parc nor named by an event of the period: an id to check, said as such. A
    // flat of the parc without events has its explanation (its facts, « aucun événement »).
    const inconnu =
      result.explication === undefined
        ? new FileReport(nomEntree(f.parc ?? '', io.cwd), flags.lang).add(
            'EXPLAIN_LOGEMENT_INCONNU',
            { logement: f.explain },
          )
        : undefined;
    const { etapesExpliquees, formatExplication } =
      await import('../../explain/format-explication.js');
    const etapes = await etapesExpliquees(x, flags.lang);
    // A flat that is not in the parc fails, and `ok` says so as the exit does.
    const ok = !failed && x.parc !== undefined;
    if (flags.json)
      ecrireJson(io, {
        ok,
        logement: x.logement,
        parc: x.parc ?? null,
        parcours: x.parcours ?? null,
        etapes,
        points: x.points,
        ...(e.conventions_contexte ? { conventions_contexte: e.conventions_contexte } : {}),
        ...(inconnu ? { diagnostics: [inconnu] } : {}),
      });
    else {
      io.out(formatExplication(x, etapes, x.points, flags.lang));
      // The flat's story is told whole (its cycle may go through a context convention): said.
      const { formatDiagnostic } = await import('../../diagnostics/format-text.js');
      for (const d of e.diagnostics.filter((d) => d.code === 'CONVENTIONS_CONTEXTE'))
        io.out(`\n${formatDiagnostic(d, { lang: flags.lang, color: flags.color, details: true })}`);
      if (inconnu)
        io.err(formatDiagnostic(inconnu, { lang: flags.lang, color: flags.color, details: false }));
    }
    return ok ? 0 : 1;
  }
  // Piece by piece (io.out ends each with its line end): France's JSON is never one string.
  if (flags.json) ecrireJson(io, { ok: !failed, ...e });
  else if (f.csv) {
    io.out((await import('../../explain/evaluation-csv.js')).conventionsCsv(e).trimEnd());
    // The table only on stdout: why the run fails (rows rejected, a convention not loaded), and
    // the notes, on stderr.
    const signalements = (await import('../../explain/format-evaluation.js')).formatSignalements(
      e,
      flags.lang,
      flags.color,
    );
    if (signalements !== undefined) io.err(signalements);
  } else
    io.out(
      (await import('../../explain/format-evaluation.js')).formatEvaluation(
        e,
        flags.lang,
        flags.color,
      ),
    );
  if (f.out !== undefined && !flags.json && !f.csv)
    io.err(flags.lang === 'fr' ? `Résultats écrits dans ${f.out}` : `Results written to ${f.out}`);
  return failed ? 1 : 0;
}

/**
 * The nine files of `--out` (FICHIERS_EVALUATION, the list its help prints too). The writers
 * and the formatters are loaded when used: `--json`, the one bailleur × département measure of
 * issue 11, needs none of them.
 */
async function ecrireResultats(
  dir: string,
  e: Evaluation,
  o: { lang: Lang; cwd: string },
): Promise<void> {
  const [{ writeOutput }, csv, sections] = await Promise.all([
    import('../../output/write-output.js'),
    import('../../explain/evaluation-csv.js'),
    import('../../explain/evaluation-csv-sections.js'),
  ]);
  // One file after the other, each text made when it is written: France's nine files held at
  // once were the peak of the run (docs/benchmarks.md).
  const fichiers: Record<FichierEvaluation, () => string | Iterable<string>> = {
    'evaluation.json': () => lignesTerminees(parPieces(lignesJson(e))),
    'conventions.csv': () => csv.conventionsCsv(e),
    'objectifs.csv': () => csv.objectifsCsv(e),
    'publics.csv': () => csv.publicsCsv(e),
    'alertes.csv': () => csv.alertesCsv(e),
    'rejets.csv': () => csv.diagnosticsCsv([...e.diagnostics, ...e.rejets]),
    'periodes.csv': () => sections.periodesCsv(e),
    'agents.csv': () => sections.agentsCsv(e),
    'conversion.csv': () => sections.conversionCsv(e),
  };
  for (const nom of FICHIERS_EVALUATION) await writeOutput(join(dir, nom), fichiers[nom](), o);
}

/** Each piece followed by its line end (the text `JSON.stringify(…) + '\n'`). */
function* lignesTerminees(pieces: Iterable<string>): Generator<string> {
  for (const piece of pieces) yield `${piece}\n`;
}
