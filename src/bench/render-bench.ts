/**
 * `npm run bench:render` (and the last part of `npm run bench`): `convflux render` against a
 * floor defined exactly, in one run, so that only ratios are read (the machine is shared).
 *
 * The floor is a bare puppeteer-core print of the same HTML (bare-print.ts): the HTML, header and
 * footer convflux hands to Chromium for each convention, printed with `page.setContent` and
 * `page.pdf` alone, by the same Chromium binary with the same command line and the same
 * `page.pdf` options (A4, margins, header and footer, `tagged: true`, `outline: true`), with the
 * same number of pages in flight (2, as `renderPaths`).
 *
 *   (a) sustained PDFs/s: `--count` generated conventions (Île-de-France, `generateRegion`)
 *       rendered by the library (`renderPaths`: check, view, HTML, print, pdf-lib finishing; one
 *       browser launched beforehand) and by the floor (the HTML prepared beforehand; one browser
 *       launched beforehand); rate after the first fifth of the PDFs, each PDF stamped when done;
 *       `--rounds` rounds (default 5), the two in alternate order; medians. Goal: convflux ≥ the
 *       floor (ratio ≥ 1).
 *   (b) cold: `convflux render FILE --out DIR/` as a child process (Node start, check, Chromium
 *       launch, print, finishing, exit) against the bare print as a child process (Node start,
 *       `puppeteer.launch`, one page, one PDF, exit), spawn to exit, `--rounds` runs each,
 *       interleaved; medians. Goal: convflux ≤ 1,3 × the floor.
 *   (c) sizes and pages of convflux's PDFs; every 10th read back with pdf-lib: fonts embedded and
 *       subset.
 *
 * Options: --count N (default 60), --rounds N (default 5), --seed N, --keep.
 * Exit 0 (the verdicts say whether goals are met), 2 when the benchmark itself fails.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { packagePath } from '../package-path.js';
import { PdfBrowser } from '../render/chromium.js';
import { chromiumPath } from '../render/chromium-process.js';
import { conventionHtml, headerFooterHtml, warmupHtml } from '../render/html.js';
import { prepareConvention, renderPaths, type RenderResult } from '../render/render-conventions.js';
import { loadTemplates } from '../render/templates.js';
import { bareLaunch, barePrintAll, type PrintJob } from './bare-print.js';
import { generateRegion } from './generate-conventions.js';
import { BenchError, entierOption, fr, median, runBench } from './run-bench.js';

/** Sustained PDFs/s of convflux over the floor's: at least. */
const GOAL_RATE_RATIO = 1;
/** Cold CLI over the cold bare print (spawn to exit): at most. */
const GOAL_COLD_RATIO = 1.3;
/** Pages printing at once, in both (renderPaths runs two workers on a browser of two pages). */
const IN_FLIGHT = 2;

/** A child process, spawn to exit, in seconds; `out` is the PDF it must have written. */
function timedChild(args: string[], out: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const err: Buffer[] = [];
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.once('error', reject);
    child.once('close', (code) => {
      const seconds = (performance.now() - start) / 1000;
      if (code !== 0 || !existsSync(out))
        reject(
          new BenchError(
            `${args.slice(0, 2).join(' ')} : code ${String(code)}\n${Buffer.concat(err).toString('utf8')}`,
          ),
        );
      else resolvePromise(seconds);
    });
  });
}

/** PDFs per second after the first `warm` stamps (ms), and end to end from `start`. */
function rates(stamps: readonly number[], start: number): { sustained: number; total: number } {
  const warm = Math.floor(stamps.length / 5);
  const from = warm > 0 ? (stamps[warm - 1] ?? start) : start;
  const last = stamps.at(-1) ?? start;
  return {
    sustained: (stamps.length - warm) / ((last - from) / 1000),
    total: stamps.length / ((last - start) / 1000),
  };
}

interface FontCheck {
  fonts: number;
  embedded: number;
  subset: number;
  /** Type 3 fonts: Skia draws very large glyphs (the PROJET watermark) as outlines. */
  type3: number;
  names: Set<string>;
}

/**
 * Every font of the PDF: embedded (a FontFile*, or a Type 3 font's glyph procedures) and subset
 * (`ABCDEF+` name, on the font or its descriptor), and its family name without the prefix.
 */
async function checkFonts(path: string, into: FontCheck): Promise<void> {
  const doc = await PDFDocument.load(readFileSync(path), { updateMetadata: false });
  const N = (name: string): PDFName => PDFName.of(name);
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(N('Type')) !== N('Font')) continue;
    const subtype = object.get(N('Subtype'));
    if (subtype === N('Type0')) continue; // its descendant is checked
    into.fonts++;
    let descriptor = object.lookupMaybe(N('FontDescriptor'), PDFDict);
    const base = object.get(N('BaseFont')) ?? descriptor?.get(N('FontName'));
    const name = base instanceof PDFName ? base.decodeText() : '';
    into.names.add(name.replace(/^[A-Z]{6}\+/, ''));
    if (/^[A-Z]{6}\+/.test(name)) into.subset++;
    if (subtype === N('Type3')) {
      into.type3++;
      if (object.get(N('CharProcs'))) into.embedded++;
      continue;
    }
    if (!descriptor) {
      const descendants = object.lookupMaybe(N('DescendantFonts'), PDFArray);
      const first = descendants?.lookup(0);
      if (first instanceof PDFDict) descriptor = first.lookupMaybe(N('FontDescriptor'), PDFDict);
    }
    if (descriptor && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.get(N(k))))
      into.embedded++;
  }
}

interface ProcessTicks {
  pid: number;
  ppid: number;
  /** utime + stime, 1/100 s (not the reaped children's: each is sampled itself). */
  ticks: number;
}

function processTicks(): ProcessTicks[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'latin1');
        // After "(comm) ": state ppid … utime (14th field) stime (15th), in 1/100 s.
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(f[11]) + Number(f[12]);
        return { pid: Number(d), ppid: Number(f[1]), ticks };
      } catch {
        return undefined;
      }
    })
    .filter((x) => x !== undefined);
}

/** The pids of this process and of its live descendants. */
function ourTree(all: readonly ProcessTicks[]): Set<number> {
  const ours = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all)
      if (!ours.has(p.pid) && ours.has(p.ppid)) {
        ours.add(p.pid);
        grew = true;
      }
  }
  return ours;
}

/**
 * CPU used by the machine's other processes (not this one, not its descendants such as
 * Chromium), milliseconds, from /proc at the start and at the end: a process that was running
 * at the end counts what it used since the start (all of it when it started later). An outside
 * process that started and ended in between is missed, so this is a lower bound. Linux only.
 */
function othersCpu(): { stop: () => number } {
  const read = (): ProcessTicks[] => {
    try {
      return processTicks();
    } catch {
      return [];
    }
  };
  const before = new Map(read().map((p) => [p.pid, p.ticks]));
  return {
    stop: () => {
      const all = read();
      const ours = ourTree(all);
      let ms = 0;
      for (const p of all) if (!ours.has(p.pid)) ms += (p.ticks - (before.get(p.pid) ?? 0)) * 10;
      return Math.max(0, ms);
    },
  };
}

interface RoundResult {
  sustained: number;
  total: number;
}

/** The floor: the prepared jobs printed by a bare puppeteer-core browser. */
async function floorRound(jobs: readonly PrintJob[]): Promise<RoundResult> {
  const browser = await bareLaunch();
  const stamps: number[] = [];
  try {
    const start = performance.now();
    await barePrintAll(browser, jobs, IN_FLIGHT, () => stamps.push(performance.now()));
    if (stamps.length !== jobs.length) throw new BenchError('plancher : PDF manquants');
    return rates(stamps, start);
  } finally {
    await browser.close();
  }
}

/** convflux: the files through renderPaths, on a browser launched beforehand. */
async function convfluxRound(
  files: readonly string[],
  root: string,
  out: string,
): Promise<RoundResult & { result: RenderResult; loads: PdfBrowser['loads'] }> {
  const browser = await PdfBrowser.launch({
    warmup: warmupHtml(loadTemplates()),
    pages: IN_FLIGHT,
  });
  const stamps: number[] = [];
  try {
    const start = performance.now();
    const result = await renderPaths(files, {
      cwd: root,
      out,
      browser,
      onProgress: () => stamps.push(performance.now()),
    });
    if (!result.ok || result.documents.length !== files.length)
      throw new BenchError(
        `${String(result.documents.length)} PDF sur ${String(files.length)} ; ${String(result.diagnostics.length)} diagnostics, ` +
          `premier : ${result.diagnostics[0]?.message ?? '—'}`,
      );
    if (result.requests.blocked.length)
      throw new BenchError(`requêtes réseau bloquées : ${result.requests.blocked.join(', ')}`);
    return { ...rates(stamps, start), result, loads: { ...browser.loads } };
  } finally {
    await browser.close();
  }
}

/** What convflux hands to Chromium for each file: the floor prints exactly this. */
function printJobs(files: readonly string[], root: string): PrintJob[] {
  const templates = loadTemplates();
  return files.map((file) => {
    const { view } = prepareConvention(readFileSync(file), file.slice(root.length + 1), templates);
    return { html: conventionHtml(view, templates), ...headerFooterHtml(view, templates) };
  });
}

async function bench(root: string, count: number, rounds: number, seed: number): Promise<number> {
  const cores = availableParallelism();
  console.log(
    `convflux bench render — Node ${process.version}, ${cpus()[0]?.model.trim() ?? '?'}, ${String(cores)} cœur(s), ${chromiumPath()}`,
  );
  if (!existsSync(chromiumPath()))
    throw new BenchError(
      `Chromium introuvable (${chromiumPath()}) : node dist/render/ensure-chromium.js l’installe.`,
    );
  // Enough bailleurs for `count` files (≈ 10 files each), then the first `count` files.
  const dir = join(root, 'conventions');
  const generated = performance.now();
  const region = generateRegion(dir, { bailleurs: Math.max(1, Math.ceil(count / 9)), seed });
  if (region.files.length < count)
    throw new BenchError(
      `${String(region.files.length)} fichiers générés, ${String(count)} demandés`,
    );
  const files = region.files.slice(0, count);
  const jobs = printJobs(files, root);
  console.log(
    `${String(count)} conventions générées en ${fr((performance.now() - generated) / 1000, 1)} s ` +
      `(graine ${String(seed)}) ; ${String(rounds)} manches, ${String(IN_FLIGHT)} pages en vol.\n`,
  );
  const outside = othersCpu();
  const started = performance.now();

  // (a) sustained, alternate order
  const floor: RoundResult[] = [];
  const ours: RoundResult[] = [];
  let last: RenderResult | undefined;
  const loads = { whole: 0, swapped: 0 };
  for (let r = 0; r < rounds; r++) {
    const out = join(root, 'pdf');
    const runOurs = async (): Promise<void> => {
      const c = await convfluxRound(files, root, out);
      ours.push(c);
      last = c.result;
      loads.whole += c.loads.whole;
      loads.swapped += c.loads.swapped;
    };
    const runFloor = async (): Promise<void> => {
      floor.push(await floorRound(jobs));
    };
    for (const run of r % 2 ? [runOurs, runFloor] : [runFloor, runOurs]) await run();
    console.log(
      `    manche ${String(r + 1)} : convflux ${fr(ours[r]?.sustained ?? NaN, 2)} PDF/s, plancher ${fr(floor[r]?.sustained ?? NaN, 2)} PDF/s`,
    );
  }

  // What convflux does that the floor does not: the next body into a page that holds the head.
  console.log(
    `    convflux : ${String(loads.swapped)} corps échangés dans une page qui gardait polices et feuille de style, ` +
      `${String(loads.whole)} pages chargées entières (préchauffage compris)`,
  );

  // (b) cold, interleaved
  const coldFile = files[0] ?? '';
  const jobFile = join(root, 'job.json');
  writeFileSync(jobFile, JSON.stringify(jobs[0]));
  const coldDir = join(root, 'froid');
  mkdirSync(coldDir, { recursive: true });
  const coldOurs: number[] = [];
  const coldFloor: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const oursPdf = join(coldDir, `convflux-${String(r)}`);
    coldOurs.push(
      await timedChild(
        [packagePath('bin', 'convflux.js'), 'render', coldFile, '--out', `${oursPdf}/`],
        oursPdf,
      ),
    );
    const barePdf = join(coldDir, `plancher-${String(r)}.pdf`);
    coldFloor.push(
      await timedChild([packagePath('dist', 'bench', 'bare-print.js'), jobFile, barePdf], barePdf),
    );
  }
  const wall = (performance.now() - started) / 1000;
  const others = outside.stop() / 1000 / (wall * cores);

  const sOurs = median(ours.map((x) => x.sustained));
  const sFloor = median(floor.map((x) => x.sustained));
  const cOurs = median(coldOurs);
  const cFloor = median(coldFloor);
  const rateRatio = sOurs / sFloor;
  const coldRatio = cOurs / cFloor;
  const verdict = (ok: boolean): string => (ok ? 'OK' : 'NON ATTEINT');
  const table: string[][] = [
    [
      'mesure (médianes de ' + String(rounds) + ')',
      'convflux',
      'plancher',
      'rapport',
      'objectif',
      '',
    ],
    [
      `PDF/s soutenus, ${String(IN_FLIGHT)} pages en vol`,
      fr(sOurs, 2),
      fr(sFloor, 2),
      `×${fr(rateRatio, 2)}`,
      `≥ ×${fr(GOAL_RATE_RATIO, 1)}`,
      verdict(rateRatio >= GOAL_RATE_RATIO),
    ],
    [
      'PDF/s de bout en bout (pour information)',
      fr(median(ours.map((x) => x.total)), 2),
      fr(median(floor.map((x) => x.total)), 2),
      `×${fr(median(ours.map((x) => x.total)) / median(floor.map((x) => x.total)), 2)}`,
      '',
      '',
    ],
    [
      'à froid, du lancement à la fin (s)',
      fr(cOurs, 2),
      fr(cFloor, 2),
      `×${fr(coldRatio, 2)}`,
      `≤ ×${fr(GOAL_COLD_RATIO, 1)}`,
      verdict(coldRatio <= GOAL_COLD_RATIO),
    ],
  ];
  const widths =
    table[0]?.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length))) ?? [];
  console.log('');
  for (const [i, row] of table.entries()) {
    console.log(
      row
        .map((cell, j) => (j === 0 ? cell.padEnd(widths[j] ?? 0) : cell.padStart(widths[j] ?? 0)))
        .join('  ')
        .trimEnd(),
    );
    if (i === 0) console.log('-'.repeat(widths.reduce((s, w) => s + w + 2, -2)));
  }
  console.log(
    `à froid, chaque mesure (s) : convflux ${coldOurs.map((x) => fr(x, 2)).join(' ; ')} — plancher ${coldFloor.map((x) => fr(x, 2)).join(' ; ')}`,
  );
  console.log(
    `CPU des autres processus pendant le banc (au moins) : ${fr(others * 100, 0)} % de la machine` +
      (others > 0.1 ? ' — ATTENTION : machine partagée, rapports peu fiables' : ''),
  );

  // (c) sizes, pages, fonts of the last round of convflux
  if (!last) throw new BenchError('aucune manche');
  await fontsAndSizes(last, root);
  console.log(
    `\nrender : ${fr(sOurs, 2)} PDF/s soutenus contre ${fr(sFloor, 2)} pour le plancher (×${fr(rateRatio, 2)}, objectif ≥ ×${fr(GOAL_RATE_RATIO, 1)}) : ${verdict(rateRatio >= GOAL_RATE_RATIO)} ; ` +
      `à froid ${fr(cOurs, 2)} s contre ${fr(cFloor, 2)} s (×${fr(coldRatio, 2)}, objectif ≤ ×${fr(GOAL_COLD_RATIO, 1)}) : ${verdict(coldRatio <= GOAL_COLD_RATIO)}.`,
  );
  return 0;
}

async function fontsAndSizes(result: RenderResult, root: string): Promise<void> {
  const sizes = result.documents.map((d) => d.bytes);
  const pages = result.documents.map((d) => d.pages ?? 0);
  const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  console.log(
    `\n(c) taille : moyenne ${fr(mean(sizes) / 1024, 0)} Ko (${fr(Math.min(...sizes) / 1024, 0)}–${fr(Math.max(...sizes) / 1024, 0)}), ` +
      `${fr(mean(pages), 1)} pages en moyenne (${String(Math.min(...pages))}–${String(Math.max(...pages))})`,
  );
  const fonts: FontCheck = { fonts: 0, embedded: 0, subset: 0, type3: 0, names: new Set() };
  const sample = result.documents.filter((_, i) => i % 10 === 0);
  for (const d of sample) await checkFonts(resolve(root, d.output), fonts);
  const ours = [...fonts.names].every((n) => n.startsWith('Convflux'));
  const fontsOk =
    fonts.fonts > 0 && fonts.embedded === fonts.fonts && fonts.subset === fonts.fonts && ours;
  console.log(
    `    polices (${String(sample.length)} PDF relus avec pdf-lib) : ${String(fonts.fonts)} polices, ${String(fonts.embedded)} incorporées, ` +
      `${String(fonts.subset)} en sous-ensemble (dont ${String(fonts.type3)} Type 3 : le filigrane PROJET en contours) ; ` +
      `familles : ${[...fonts.names].sort().join(', ')}${ours ? '' : ' — POLICE ÉTRANGÈRE'} : ${fontsOk ? 'OK' : 'NON'}`,
  );
  const sizeOnDisk = statSync(resolve(root, result.documents[0]?.output ?? '')).size;
  if (sizeOnDisk !== result.documents[0]?.bytes)
    throw new BenchError('taille sur disque différente');
}

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '60' },
    rounds: { type: 'string', default: '5' },
    seed: { type: 'string', default: '2020' },
    keep: { type: 'boolean', default: false },
  },
  strict: true,
});
const count = entierOption('count', values.count, { positif: true });
const rounds = entierOption('rounds', values.rounds, { positif: true });
const seed = entierOption('seed', values.seed);
if (typeof count === 'string' || typeof rounds === 'string' || typeof seed === 'string') {
  console.error([count, rounds, seed].find((x) => typeof x === 'string'));
  process.exitCode = 2;
} else runBench('convflux-bench-render-', values.keep, (root) => bench(root, count, rounds, seed));
