/**
 * `npm run bench`: `convflux check` over a generated Île-de-France-sized tree.
 *
 * Acceptance point: ≈ 150 bailleurs × 8 réservataires ≈ 1,200 conventions checked in under 5 s
 * on a 2-core machine, end to end. Every figure below comes from one run of this script (ratios
 * only compare measurements of the same run); each measurement is repeated and the median kept.
 *
 *   (a) baseline: read + `YAML.parse` of every file, in-process, one thread
 *   (b) checkPaths in-process, workers: 0 (caches of the previous runs are warm)
 *   (c) checkPaths with its default workers (one per core for large inputs)
 *   (d) the CLI, `node bin/convflux.js check <dir> --json`, as a child process: the goal's figure
 *
 * Goal: (c) within 2× (a) — `check` with its default workers costs at most twice a bare
 * single-threaded `YAML.parse` of the same files, measured in the same run.
 *
 * Options: --bailleurs N (default 150), --seed N, --keep (keep the generated tree and print it).
 * Exit code: 0 when (c)/(a) ≤ 2, 1 when above (said loudly), 2 when the generated tree does not
 * check clean or the benchmark itself fails.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { checkPaths, defaultWorkers, type CheckResult } from '../check/check-paths.js';
import { formatDiagnostic } from '../diagnostics/format-text.js';
import { packagePath } from '../package-path.js';
import { generateRegion, type GeneratedRegion } from './generate-conventions.js';
import { PARSE_OPTIONS } from '../source/parse-yaml.js';
import { BenchError, entierOption, fr, median, runBench } from './run-bench.js';

const GOAL_SECONDS = 5;
/** `check` with its default workers over a single-threaded `YAML.parse` of every file: at most. */
const GOAL_RATIO = 2;
const REPEAT = 3;
const RSS_MARKER = 'convflux-bench-maxrss='; // written by rss-probe.ts
const MB = 1024 * 1024;

interface Sample {
  seconds: number;
  /** CPU time of the measurement (this process with its threads, or the CLI child), seconds. */
  cpu: number;
  /** Peak resident set size during the measurement, in bytes. */
  peakRss: number;
}

interface Measure {
  key: 'a' | 'b' | 'c' | 'd';
  label: string;
  run: () => Promise<Sample>;
  samples: Sample[];
}

/** Samples the process's RSS (worker threads included) while a measurement runs. */
class PeakRss {
  private peak = 0;
  private timer: NodeJS.Timeout | undefined;

  start(): void {
    this.peak = 0;
    this.sample();
    this.timer = setInterval(() => {
      this.sample();
    }, 5);
  }

  sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

/** CPU time of the CLI children so far (microseconds), to tell the bench's CPU from others'. */
let childCpuMicros = 0;

/** CPU time used by the whole machine so far (every core, milliseconds). */
function machineBusyMs(): number {
  return cpus().reduce(
    (sum, c) => sum + c.times.user + c.times.nice + c.times.sys + c.times.irq,
    0,
  );
}

function collectGarbage(): void {
  globalThis.gc?.();
}

// ---------------------------------------------------------------------------------------------
// The four measurements

async function inProcess(work: (rss: PeakRss) => Promise<void> | void): Promise<Sample> {
  collectGarbage();
  const rss = new PeakRss();
  rss.start();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  try {
    await work(rss);
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    return { seconds, cpu: (cpu.user + cpu.system) / 1e6, peakRss: rss.stop() };
  } finally {
    rss.stop();
  }
}

function baseline(files: readonly string[], rss: PeakRss): void {
  for (let i = 0; i < files.length; i++) {
    const file = files[i] ?? '';
    try {
      parse(readFileSync(file, 'utf8'), PARSE_OPTIONS);
    } catch (error) {
      throw new BenchError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (i % 16 === 0) rss.sample();
  }
}

function expectClean(result: CheckResult, files: number, what: string): void {
  if (!result.ok || result.files !== files) {
    throw new BenchError(
      `${what} : ok=${String(result.ok)}, ${String(result.files)} fichiers vérifiés sur ${String(files)}, ${String(result.diagnostics.length)} diagnostics`,
    );
  }
}

interface CliRun {
  seconds: number;
  code: number | null;
  maxRssKb: number;
  /** CPU time of the child (user + system, microseconds). */
  cpuMicros: number;
  stdout: string;
  stderr: string;
}

function spawnCli(dir: string, cwd: string): Promise<CliRun> {
  const probe = new URL('./rss-probe.js', import.meta.url).href;
  const bin = packagePath('bin', 'convflux.js');
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--import', probe, bin, 'check', dir, '--json'], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.once('error', reject);
    child.once('close', (code) => {
      const seconds = (performance.now() - start) / 1000;
      const stderr = Buffer.concat(err).toString('utf8');
      const marker = stderr.lastIndexOf(RSS_MARKER);
      const probe = /^([0-9]+) cpu=([0-9]+)/.exec(
        marker === -1 ? '' : stderr.slice(marker + RSS_MARKER.length),
      );
      const maxRssKb = probe ? Number(probe[1]) : NaN;
      const cpuMicros = probe ? Number(probe[2]) : 0;
      resolvePromise({
        seconds,
        code,
        maxRssKb,
        cpuMicros,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr,
      });
    });
  });
}

async function cli(dir: string, cwd: string, files: number): Promise<Sample> {
  collectGarbage();
  const run = await spawnCli(dir, cwd);
  let report: { ok?: unknown; diagnostics?: unknown; stats?: { files?: unknown } } = {};
  try {
    report = JSON.parse(run.stdout) as typeof report;
  } catch {
    // reported below
  }
  const diagnostics = Array.isArray(report.diagnostics) ? report.diagnostics.length : NaN;
  if (run.code !== 0 || report.ok !== true || report.stats?.files !== files) {
    throw new BenchError(
      `le CLI a rendu le code ${String(run.code)} (attendu 0), ok=${String(report.ok)}, ` +
        `${String(report.stats?.files)} fichiers sur ${String(files)}, ${String(diagnostics)} diagnostics\n` +
        run.stderr.replace(new RegExp(`\\n${RSS_MARKER}.*\\n?$`), '').slice(0, 2000),
    );
  }
  childCpuMicros += run.cpuMicros;
  return { seconds: run.seconds, cpu: run.cpuMicros / 1e6, peakRss: run.maxRssKb * 1024 };
}

// ---------------------------------------------------------------------------------------------

function table(rows: readonly string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r, i) => {
      const line = r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
        .join('  ');
      return i === 0 ? `${line}\n${'-'.repeat(line.length)}` : line;
    })
    .join('\n');
}

async function bench(root: string, bailleurs: number, seed: number): Promise<number> {
  const cores = availableParallelism();
  console.log(
    `convflux bench — Node ${process.version}, ${cpus()[0]?.model.trim() ?? '?'}, ${String(cores)} cœur(s)`,
  );

  const dir = join(root, 'conventions');
  let start = performance.now();
  const region: GeneratedRegion = generateRegion(dir, { bailleurs, seed });
  const generation = (performance.now() - start) / 1000;
  const n = region.files.length;
  console.log(
    `Arborescence générée en ${fr(generation, 2)} s (graine ${String(seed)}) : ` +
      `${String(region.bailleurs)} bailleurs, ${String(region.conventions)} conventions, ` +
      `${String(n)} fichiers (${String(region.sealed)} versions signées scellées), ` +
      `${fr(region.bytes / MB, 1)} Mo, ${String(region.lines.min)}–${String(region.lines.max)} lignes ` +
      `(moyenne ${fr(region.lines.mean, 0)})`,
  );

  // The generated tree must check clean, or the figures mean nothing.
  start = performance.now();
  const first = await checkPaths([dir], { lang: 'fr', cwd: root, workers: 0 });
  const firstSeconds = (performance.now() - start) / 1000;
  const shown = 100;
  for (const d of first.diagnostics.slice(0, shown)) {
    console.log(formatDiagnostic(d, { lang: 'fr', color: false, details: true }));
  }
  if (first.diagnostics.length) {
    const byCode = new Map<string, number>();
    for (const d of first.diagnostics) byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
    const more = first.diagnostics.length - shown;
    console.log(
      `${more > 0 ? `… et ${String(more)} autres. ` : ''}Par code : ` +
        [...byCode].map(([code, count]) => `${code} ×${String(count)}`).join(', '),
    );
  }
  if (!first.ok || first.files !== n) {
    const errors = first.diagnostics.filter((d) => d.severity === 'error').length;
    console.error(
      `\nÉCHEC : l’arborescence générée n’est pas propre (${String(errors)} erreur(s), ` +
        `${String(first.files)} fichiers vérifiés sur ${String(n)}) : le générateur ou le vérificateur ` +
        'est à corriger (--keep garde l’arborescence pour l’examiner).',
    );
    return 2;
  }
  console.log(
    `Vérification préalable (in-process, à froid, workers: 0) : ${String(first.diagnostics.length)} diagnostic, ` +
      `${fr(firstSeconds, 2)} s\n`,
  );

  const measures: Measure[] = [
    {
      key: 'a',
      label: '(a) lecture + YAML.parse, 1 thread',
      run: () =>
        inProcess((rss) => {
          baseline(region.files, rss);
        }),
      samples: [],
    },
    {
      key: 'b',
      label: '(b) checkPaths in-process, workers: 0',
      run: () =>
        inProcess(async () => {
          expectClean(await checkPaths([dir], { lang: 'fr', cwd: root, workers: 0 }), n, '(b)');
        }),
      samples: [],
    },
    {
      key: 'c',
      label: `(c) checkPaths, workers par défaut (${String(defaultWorkers(n))})`,
      run: () =>
        inProcess(async () => {
          expectClean(await checkPaths([dir], { lang: 'fr', cwd: root }), n, '(c)');
        }),
      samples: [],
    },
    {
      key: 'd',
      label: '(d) CLI check --json (processus enfant)',
      run: () => cli(dir, root, n),
      samples: [],
    },
  ];

  collectGarbage();
  console.log(
    `RSS du banc au repos avant les mesures : ${fr(process.memoryUsage.rss() / MB, 0)} Mo`,
  );
  const busyBefore = machineBusyMs();
  const ownBefore = process.cpuUsage();
  const wallBefore = performance.now();
  // Rounds interleave the measurements, so that a drift of the machine hits them all alike.
  for (let round = 1; round <= REPEAT; round++) {
    const parts: string[] = [];
    for (const m of measures) {
      const sample = await m.run();
      m.samples.push(sample);
      parts.push(`${m.key} ${fr(sample.seconds, 2)} s`);
    }
    console.log(`tour ${String(round)}/${String(REPEAT)} : ${parts.join(', ')}`);
  }

  const med = (key: Measure['key']): number =>
    median(measures.find((m) => m.key === key)?.samples.map((s) => s.seconds) ?? []);
  const rows = [
    ['mesure', 'médiane (s)', 'min–max (s)', 'CPU (s)', 'fichiers/s', 'pic RSS (Mo)', '/ (a)'],
    ...measures.map((m) => {
      const seconds = m.samples.map((s) => s.seconds);
      const t = median(seconds);
      return [
        m.label,
        fr(t, 3),
        `${fr(Math.min(...seconds), 2)}–${fr(Math.max(...seconds), 2)}`,
        fr(median(m.samples.map((x) => x.cpu)), 2),
        fr(n / t, 0),
        fr(Math.max(...m.samples.map((s) => s.peakRss)) / MB, 0),
        `×${fr(t / med('a'), 2)}`,
      ];
    }),
  ];
  console.log(`\n${String(n)} fichiers, ${String(REPEAT)} mesures chacune (médiane) :\n`);
  console.log(table(rows));
  console.log(
    '\npic RSS : (a)–(c) échantillonné dans ce processus (threads compris, tas du banc compris) ;' +
      ' (d) maxRSS du processus enfant (resourceUsage)',
  );
  console.log(
    `pic RSS du processus de banc sur toute la durée : ${fr(process.resourceUsage().maxRSS / 1024, 0)} Mo`,
  );

  // Other processes on the machine make every figure noisy: say how much CPU they took.
  const own = process.cpuUsage(ownBefore);
  const ownSeconds = (own.user + own.system + childCpuMicros) / 1e6;
  const wall = (performance.now() - wallBefore) / 1000;
  const others = Math.max(0, (machineBusyMs() - busyBefore) / 1000 - ownSeconds);
  const share = others / (wall * cores);
  console.log(
    `CPU des autres processus pendant les mesures : ${fr(others, 1)} s sur ${fr(wall * cores, 1)} s ` +
      `disponibles (${fr(share * 100, 0)} %)` +
      (share > 0.1 ? ' — ATTENTION : machine partagée, mesures bruitées' : ''),
  );

  const a = med('a');
  const c = med('c');
  const d = med('d');
  // Ratios round by round (measures of one round are seconds apart: a drift of the machine
  // hits both), then their median; and the same on CPU time, which other processes disturb less.
  const perRound = (key: Measure['key'], of: (s: Sample) => number): number =>
    median(
      (measures.find((m) => m.key === key)?.samples ?? []).map((s, i) => {
        const base = measures.find((m) => m.key === 'a')?.samples[i];
        return base ? of(s) / of(base) : NaN;
      }),
    );
  const ratio = perRound('c', (s) => s.seconds);
  const cpuRatio = perRound('c', (s) => s.cpu);
  console.log(
    `\nratio (c)/(a) : ${fr(ratio, 2)} (médiane des rapports par tour ; rapport des médianes ${fr(c / a, 2)}) ; en temps CPU : ${fr(cpuRatio, 2)}`,
  );
  console.log(`ratio (d)/(a) : ${fr(d / a, 2)}`);
  console.log(`ratio (b)/(c) (gain des workers) : ${fr(med('b') / c, 2)}`);
  const verdict = d < GOAL_SECONDS ? 'OK' : 'DÉPASSÉ';
  console.log(
    `\ncheck IDF (${String(region.conventions)} conventions): ${fr(d, 2)} s — objectif < ${String(GOAL_SECONDS)} s : ${verdict}`,
  );
  console.log(`  (${String(n)} fichiers, CLI de bout en bout, médiane de ${String(REPEAT)})`);
  const ratioOk = ratio <= GOAL_RATIO;
  console.log(
    `check / YAML.parse, (c)/(a) : ×${fr(ratio, 2)} — objectif ≤ ×${String(GOAL_RATIO)} : ${ratioOk ? 'OK' : 'DÉPASSÉ'}`,
  );
  if (!ratioOk)
    console.error(
      `\nATTENTION : check coûte ×${fr(ratio, 2)} la lecture + YAML.parse des mêmes fichiers ` +
        `(objectif ×${String(GOAL_RATIO)}). Profilez : node --cpu-prof bin/convflux.js check <dossier>`,
    );
  return ratioOk ? 0 : 1;
}

const { values } = parseArgs({
  options: {
    bailleurs: { type: 'string', default: '150' },
    seed: { type: 'string', default: '2020' },
    keep: { type: 'boolean', default: false },
  },
  strict: true,
});
const bailleurs = entierOption('bailleurs', values.bailleurs, { positif: true });
const seed = entierOption('seed', values.seed);
if (typeof bailleurs === 'string' || typeof seed === 'string') {
  console.error(typeof bailleurs === 'string' ? bailleurs : seed);
  process.exitCode = 2;
} else runBench('convflux-bench-', values.keep, (root) => bench(root, bailleurs, seed));
