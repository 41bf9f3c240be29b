import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { capDiagnostics } from '../diagnostics/cap-diagnostics.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import { loadReglementation } from '../reglementation/load-reglementation.js';
import { territoires } from '../reference/territoires.js';
import { displayPath } from '../display-path.js';
import { loadYamlFile } from '../source/load-yaml-file.js';
import type { CheckedFile } from './check-convention.js';
import { checkFiles } from './check-files.js';
import { appliquerDerogations } from './derogation-checks.js';
import { collectFiles, type InputFile } from './collect-files.js';
import { checkCorpus, type Emit, type Unusable } from './corpus-checks.js';
import { checkEtatDesLieuxParc } from './etat-des-lieux-parc.js';
import { parseLayout } from './layout.js';

export interface CheckOptions {
  lang?: Lang;
  cwd?: string;
  /** `--parc`: cross-checks the états des lieux against this parc file. */
  parc?: string;
  /** Worker threads for the per-file stage: 0 = in-process; default: one per core for large inputs. */
  workers?: number;
}

export interface CheckResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Files checked (asked for), and read as context. */
  files: number;
  contextFiles: number;
}

/**
 * Below this many files, starting workers costs more than it saves: each worker loads the
 * reference geography and the regulation again, and the results come back by copy. Measured
 * with `npm run bench` (1 592 files of the Île-de-France tree: in-process is as fast on 2 cores).
 */
const PARALLEL_THRESHOLD = 3000;

/** Workers `checkPaths` starts by default for `files` files (0: in-process). */
export const defaultWorkers = (files: number): number =>
  files >= PARALLEL_THRESHOLD ? Math.min(availableParallelism(), 4) : 0;
const workerUrl = new URL('./check-worker.js', import.meta.url);

function runWorker(inputs: InputFile[], lang: Lang): Promise<CheckedFile[]> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(workerUrl, { workerData: { inputs, lang } });
    worker.once('message', (m: { ok: boolean; results?: CheckedFile[]; error?: string }) => {
      void worker.terminate();
      if (m.ok && m.results) resolvePromise(m.results);
      else reject(new Error(m.error ?? 'worker failed'));
    });
    worker.once('error', reject);
  });
}

async function checkAll(inputs: InputFile[], lang: Lang, workers: number): Promise<CheckedFile[]> {
  if (workers <= 1 || !existsSync(fileURLToPath(workerUrl))) return checkFiles(inputs, lang);
  const chunks: InputFile[][] = Array.from({ length: workers }, () => []);
  inputs.forEach((input, i) => chunks[i % workers]?.push(input));
  const results = await Promise.all(chunks.map((chunk) => runWorker(chunk, lang)));
  const byPath = new Map(results.flat().map((r) => [r.absolutePath, r]));
  return inputs.map((i) => byPath.get(i.absolutePath)).filter((r): r is CheckedFile => !!r);
}

/** Convention versions present on disk that gave no usable convention, by expected id. */
function unusableVersions(
  checked: readonly CheckedFile[],
  skipped: readonly string[],
  cwd: string,
): Unusable {
  const map = new Map<string, Map<number, string>>();
  const note = (absolutePath: string, file: string): void => {
    const l = parseLayout(absolutePath);
    if (!l) return;
    const id = `${l.departement}-${l.siren}-${l.reservataire}`;
    const versions = map.get(id) ?? map.set(id, new Map()).get(id);
    if (!versions?.has(l.version)) versions?.set(l.version, file);
  };
  for (const f of checked) if (!f.convention) note(f.absolutePath, f.file);
  for (const path of skipped) note(path, displayPath(path, cwd));
  return map;
}

/** `convflux check`: every diagnostic of the given files and folders, sorted. Never throws on bad input. */
export async function checkPaths(
  paths: readonly string[],
  options: CheckOptions = {},
): Promise<CheckResult> {
  const lang = options.lang ?? 'fr';
  const cwd = options.cwd ?? process.cwd();
  const reglementation = loadReglementation(lang);
  const diagnostics: Diagnostic[] = [...reglementation.diagnostics];
  const collected = await collectFiles(paths, cwd, lang);
  const { files: inputs, missing } = collected;
  for (const path of missing)
    diagnostics.push(new FileReport(path, lang).add('CHEMIN_INTROUVABLE', { chemin: path }));
  diagnostics.push(...collected.diagnostics);

  const workers = options.workers ?? defaultWorkers(inputs.length);
  const checked = await checkAll(inputs, lang, workers);
  appliquerDerogations(checked, lang);

  // Cross-file diagnostics: positions are resolved by re-reading only the files they land on.
  const reports = new Map<string, FileReport>();
  const corpusDiagnostics: Diagnostic[] = [];
  const pending: {
    target: CheckedFile;
    code: string;
    params: Diagnostic['params'];
    pointer: string;
  }[] = [];
  const emit: Emit = (target, code, params, pointer) =>
    pending.push({ target, code, params, pointer });
  checkCorpus(
    checked,
    territoires(),
    emit,
    unusableVersions(checked, collected.unusable, cwd),
    reglementation.parametres,
  );
  if (options.parc !== undefined)
    diagnostics.push(...(await checkEtatDesLieuxParc(options.parc, checked, { lang, cwd }, emit)));
  for (const p of pending) {
    if (!p.target.requested) continue;
    let report = reports.get(p.target.absolutePath);
    if (!report) {
      report = (await loadYamlFile(p.target.absolutePath, p.target.file, lang)).report;
      report.diagnostics.length = 0;
      reports.set(p.target.absolutePath, report);
    }
    corpusDiagnostics.push(report.add(p.code, p.params, p.pointer));
  }
  for (const f of checked) if (f.requested) diagnostics.push(...f.diagnostics);
  diagnostics.push(...corpusDiagnostics);
  return {
    ok: !diagnostics.some((d) => d.severity === 'error'),
    diagnostics: capDiagnostics(diagnostics, lang),
    files: checked.filter((f) => f.requested).length,
    contextFiles: checked.filter((f) => !f.requested).length,
  };
}
