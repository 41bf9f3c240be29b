/**
 * `npm run bench:render` (and the last part of `npm run bench`): `convflux render` on generated
 * conventions.
 *
 *   (a) the first PDF from a cold start: the CLI as a child process on one file, wall time from
 *       the spawn until the PDF is complete on disk (median of 3), and until the process exits;
 *   (b) 1,000 generated conventions (Île-de-France, `generateRegion`) rendered to tagged PDFs
 *       through the library (`renderPaths`: check, then one browser, reused pages), with a
 *       progress line: PDFs per second end to end and sustained (after the first 50, or the
 *       first fifth of a shorter run);
 *   (c) sizes and pages; every 10th PDF read back with pdf-lib: fonts embedded and subset.
 *
 * Goals (issue 4): ≥ 8 PDFs/s sustained for tagged PDFs, first PDF < 1.5 s from a cold start,
 * fonts embedded and subset. Options: --count N (default 1000), --seed N, --keep.
 * Exit 0 (the verdicts say whether goals are met), 2 when the benchmark itself fails.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { packagePath } from '../package-path.js';
import { PdfBrowser } from '../render/chromium.js';
import { chromiumPath } from '../render/chromium-process.js';
import { warmupHtml } from '../render/html.js';
import { renderPaths } from '../render/render-conventions.js';
import { loadTemplates } from '../render/templates.js';
import { generateRegion } from './generate-conventions.js';
import { BenchError, entierOption, runBench } from './run-bench.js';

const GOAL_RATE = 8;
const GOAL_FIRST = 1.5;
const fr = (n: number, digits = 0): string =>
  n.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

/** The CLI on one file: seconds until the PDF is complete on disk, and until the process exits. */
function coldStart(file: string, out: string): Promise<{ first: number; exit: number }> {
  rmSync(out, { force: true });
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    let first = NaN;
    const poll = setInterval(() => {
      if (!Number.isNaN(first) || !existsSync(out)) return;
      // Complete: the writer wrote the whole file at once; check its end anyway.
      const bytes = readFileSync(out);
      if (bytes.subarray(-6).toString('latin1').includes('%%EOF'))
        first = (performance.now() - start) / 1000;
    }, 2);
    const child = spawn(
      process.execPath,
      [packagePath('bin', 'convflux.js'), 'render', file, '--out', out],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const err: Buffer[] = [];
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.once('error', reject);
    child.once('close', (code) => {
      clearInterval(poll);
      const exit = (performance.now() - start) / 1000;
      if (code !== 0)
        reject(
          new BenchError(
            `render (CLI) : code ${String(code)}\n${Buffer.concat(err).toString('utf8')}`,
          ),
        );
      else resolvePromise({ first: Number.isNaN(first) ? exit : first, exit });
    });
  });
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

/**
 * CPU time of this process and of every live descendant (Chromium and its helper processes),
 * milliseconds, from /proc (Linux; this process alone elsewhere).
 */
function ownCpuMs(): number {
  const own = process.cpuUsage();
  let descendants = 0;
  try {
    const stats = readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map((d) => {
        try {
          const stat = readFileSync(`/proc/${d}/stat`, 'latin1');
          // After "(comm) ": state ppid … utime (14th field) stime (15th), in 1/100 s.
          const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          return { pid: Number(d), ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
        } catch {
          return undefined;
        }
      })
      .filter((x) => x !== undefined);
    const ours = new Set([process.pid]);
    for (let grew = true; grew;) {
      grew = false;
      for (const p of stats)
        if (!ours.has(p.pid) && ours.has(p.ppid)) {
          ours.add(p.pid);
          descendants += p.ticks * 10;
          grew = true;
        }
    }
  } catch {
    descendants = 0;
  }
  return (own.user + own.system) / 1000 + descendants;
}

/** CPU time used by the whole machine so far (every core, milliseconds). */
function machineBusyMs(): number {
  return cpus().reduce(
    (sum, c) => sum + c.times.user + c.times.nice + c.times.sys + c.times.irq,
    0,
  );
}

async function bench(root: string, count: number, seed: number): Promise<number> {
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
  let start = performance.now();
  const region = generateRegion(dir, { bailleurs: Math.max(1, Math.ceil(count / 9)), seed });
  if (region.files.length < count)
    throw new BenchError(
      `${String(region.files.length)} fichiers générés, ${String(count)} demandés`,
    );
  const files = region.files.slice(0, count);
  console.log(
    `${String(region.files.length)} conventions générées en ${fr((performance.now() - start) / 1000, 1)} s ` +
      `(${String(region.bailleurs)} bailleurs, graine ${String(seed)}) ; ${String(count)} rendues.\n`,
  );

  // (a) cold start, one file through the CLI
  const cold: { first: number; exit: number }[] = [];
  for (let i = 0; i < 3; i++) cold.push(await coldStart(files[0] ?? '', join(root, 'cold.pdf')));
  const first = median(cold.map((c) => c.first));
  const exit = median(cold.map((c) => c.exit));
  console.log(
    `(a) premier PDF à froid (CLI, un fichier) : ${fr(first, 2)} s jusqu’au fichier complet, ` +
      `${fr(exit, 2)} s jusqu’à la fin du processus (médianes de 3 : ${cold.map((c) => fr(c.first, 2)).join(' ; ')})`,
  );

  // (b) the library, every file, one browser
  const out = join(root, 'pdf');
  const stamps: number[] = [];
  const tty = process.stdout.isTTY;
  // The browser renderPaths would start, started here so that its processes can be measured.
  const start2 = performance.now();
  const browser = await PdfBrowser.launch({ warmup: warmupHtml(loadTemplates()) });
  const launch = (performance.now() - start2) / 1000;
  const busyBefore = machineBusyMs();
  const ownBefore = ownCpuMs();
  start = performance.now();
  let result: Awaited<ReturnType<typeof renderPaths>>;
  let ownMs: number;
  try {
    result = await renderPaths(files, {
      cwd: root,
      out,
      browser,
      onProgress: (done, total) => {
        stamps.push(performance.now());
        if (tty && (done % 10 === 0 || done === total))
          process.stdout.write(
            `\r    ${String(done)}/${String(total)} ${fr(done / ((performance.now() - start) / 1000), 1)} PDF/s`,
          );
      },
    });
    ownMs = ownCpuMs() - ownBefore;
  } finally {
    await browser.close();
  }
  const total = (performance.now() - start) / 1000;
  const busyMs = machineBusyMs() - busyBefore;
  const others = Math.max(0, busyMs - ownMs) / 1000 / (total * cores);
  if (tty) process.stdout.write('\r\u001b[K');
  if (!result.ok || result.documents.length !== count)
    throw new BenchError(
      `${String(result.documents.length)} PDF sur ${String(count)} ; ${String(result.diagnostics.length)} diagnostics, ` +
        `premier : ${result.diagnostics[0]?.message ?? '—'}`,
    );
  if (result.requests.blocked.length)
    throw new BenchError(`requêtes réseau bloquées : ${result.requests.blocked.join(', ')}`);
  // Sustained: after the first 50 PDFs (a fifth of a short run), once the pages are warm.
  const warm = Math.min(50, Math.floor(count / 5));
  const firstStamp = stamps[0] ?? start;
  const from = warm > 0 ? (stamps[warm - 1] ?? start) : start;
  const sustained = (stamps.length - warm) / (((stamps.at(-1) ?? start) - from) / 1000);
  console.log(
    `(b) ${String(count)} PDF balisés par la bibliothèque (renderPaths, un navigateur) : ${fr(total, 1)} s, ` +
      `${fr(count / total, 2)} PDF/s de bout en bout (vérification ${fr((firstStamp - start) / 1000, 1)} s comprise, ` +
      `lancement de Chromium ${fr(launch, 2)} s à part) ; soutenu après ${String(warm)} PDF : ${fr(sustained, 2)} PDF/s ; ` +
      `CPU de ce banc (Chromium compris) : ${fr(ownMs / count, 0)} ms par PDF`,
  );
  console.log(
    `    CPU des autres processus pendant (b) : ${fr(others * 100, 0)} % de la machine` +
      (others > 0.1 ? ' — ATTENTION : machine partagée, débit sous-estimé' : ''),
  );

  // (c) sizes, pages, fonts
  const sizes = result.documents.map((d) => d.bytes);
  const pages = result.documents.map((d) => d.pages ?? 0);
  const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  console.log(
    `(c) taille : moyenne ${fr(mean(sizes) / 1024, 0)} Ko (${fr(Math.min(...sizes) / 1024, 0)}–${fr(Math.max(...sizes) / 1024, 0)}), ` +
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
      `familles : ${[...fonts.names].sort().join(', ')}${ours ? '' : ' — POLICE ÉTRANGÈRE'}`,
  );
  const sizeOnDisk = statSync(resolve(root, result.documents[0]?.output ?? '')).size;
  if (sizeOnDisk !== result.documents[0]?.bytes)
    throw new BenchError('taille sur disque différente');

  const verdict = (ok: boolean): string => (ok ? 'OK' : 'NON ATTEINT');
  console.log(
    `\nrender : ${fr(sustained, 2)} PDF/s soutenus, balisés (objectif ≥ ${String(GOAL_RATE)}) : ${verdict(sustained >= GOAL_RATE)} ; ` +
      `premier PDF à froid ${fr(first, 2)} s (objectif < ${fr(GOAL_FIRST, 1)} s) : ${verdict(first < GOAL_FIRST)} ; ` +
      `polices incorporées et en sous-ensemble : ${verdict(fontsOk)}.`,
  );
  return 0;
}

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '2020' },
    keep: { type: 'boolean', default: false },
  },
  strict: true,
});
const count = entierOption('count', values.count, { positif: true });
const seed = entierOption('seed', values.seed);
if (typeof count === 'string' || typeof seed === 'string') {
  console.error(typeof count === 'string' ? count : seed);
  process.exitCode = 2;
} else runBench('convflux-bench-render-', values.keep, (root) => bench(root, count, seed));
