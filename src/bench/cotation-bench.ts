/**
 * `npm run bench` (cotation part, also `npm run bench:cotation`): scores a generated file of
 * 736 000 requests (Île-de-France's pending requests in 2019) with the Strasbourg grid.
 *   (a) a streaming CSV parse of the same file (src/input/read-table.ts, rows discarded), then
 *       scoring it in-process (read, check, score every row), N rounds alternated (parse, score,
 *       parse, score…): goal ≤ 3× the parse, the median of the rounds' wall-time ratios (each
 *       round's ratio is printed, with CPU time and the load average beside it: on a shared
 *       virtual machine one round's parse alone moves by ±30 %);
 *   (b) peak memory of `convflux cotation --csv` (child process, output discarded) on the first
 *       100 000 rows and on the 736 000: goal flat (the larger within 25 % of the smaller).
 * Options: --rows N (default 736000), --tours N (default 5), --keep. Exit 0 (verdicts say whether goals are met).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { coterDemandes } from '../cotation/coter.js';
import { readTable } from '../input/read-table.js';
import { packagePath } from '../package-path.js';
import { entierOption, fr, median } from './run-bench.js';

const GRILLE = packagePath('rules', 'cotation', '246700488', 'v1.yaml');
const HEADER =
  'numero_unique,date_depot,dates_refus,typologie,communes_souhaitees,commune_actuelle,labellisation_acdi_agi,taux_effort,reste_a_vivre,logement_actuel,motifs,situation_professionnelle,logement_adapte,occupants,pieces_logement_actuel';
const LOGEMENTS = [
  'residence_sociale_foyer',
  'hotel',
  'locataire_hlm',
  'locataire_prive',
  'chez_parents_enfants',
  'autre',
];
const MOTIFS = [
  '',
  'demolition',
  'mobilite_professionnelle',
  'divorce_separation',
  'decohabitation',
  'autre',
];
const PROS = ['cdi', 'cdd_stage_interim', 'chomage', 'retraite', 'autre'];
const COMMUNES = ['67482', '67447', '67218', '67267', '75056'];

/** A deterministic pseudo-random generator (LCG): the same file on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function ligne(i: number, r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const y = 2015 + Math.floor(r() * 10);
  const m = 1 + Math.floor(r() * 12);
  const depot = `${String(y)}-${String(m).padStart(2, '0')}-15`;
  const refus =
    r() < 0.1 ? `${String(y + 1 > 2025 ? y : y + 1)}-${String(m).padStart(2, '0')}-20` : '';
  return [
    `75${String(i).padStart(11, '0')}`,
    depot,
    refus > '2025-06-30' ? '' : refus,
    pick(['t1', 't2', 't3', 't4', 't5']),
    pick(COMMUNES),
    pick(COMMUNES),
    r() < 0.05 ? 'oui' : 'non',
    String(Math.floor(r() * 60)),
    String(Math.floor(r() * 40)),
    pick(LOGEMENTS),
    pick(MOTIFS),
    pick(PROS),
    r() < 0.05 ? 'oui' : 'non',
    String(1 + Math.floor(r() * 6)),
    String(1 + Math.floor(r() * 5)),
  ].join(',');
}

async function generate(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const r = lcg(42);
  let lot: string[] = [HEADER];
  for (let i = 0; i < rows; i++) {
    lot.push(ligne(i, r));
    if (lot.length >= 10_000) {
      if (!out.write(`${lot.join('\n')}\n`))
        await new Promise<void>((res) =>
          out.once('drain', () => {
            res();
          }),
        );
      lot = [];
    }
  }
  out.end(lot.length ? `${lot.join('\n')}\n` : '');
  await new Promise<void>((res) =>
    out.once('finish', () => {
      res();
    }),
  );
}

/** CPU seconds of this process (every thread: the collector's helpers count too). */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

interface Timing {
  seconds: number;
  /** CPU time: steadier than wall time on a machine shared with other work. */
  cpu: number;
}

async function parse(path: string): Promise<Timing & { rows: number }> {
  const start = performance.now();
  const cpu = cpuSeconds();
  const r = await readTable(path, { lang: 'fr' }, () => undefined);
  return { seconds: (performance.now() - start) / 1000, cpu: cpuSeconds() - cpu, rows: r.rows };
}

async function score(path: string): Promise<Timing & { rows: number; rejected: number }> {
  const start = performance.now();
  const cpu = cpuSeconds();
  let n = 0;
  const r = await coterDemandes({
    grille: GRILLE,
    demandes: path,
    date: '2025-06-30',
    onCotation: () => {
      n++;
    },
  });
  return {
    seconds: (performance.now() - start) / 1000,
    cpu: cpuSeconds() - cpu,
    rows: n,
    rejected: r.entrees.rejetees,
  };
}

function peakRss(path: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const probe = packagePath('dist', 'bench', 'rss-probe.js');
    const args = [
      '--import',
      probe,
      packagePath('bin', 'convflux.js'),
      'cotation',
      '--csv',
      '--grille',
      GRILLE,
      '--demandes',
      path,
      '--date',
      '2025-06-30',
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const err: Buffer[] = [];
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.once('error', reject);
    child.once('close', () => {
      const m = /convflux-bench-maxrss=([0-9]+)/.exec(Buffer.concat(err).toString('utf8'));
      resolvePromise(m ? Number(m[1]) / 1024 : NaN);
    });
  });
}

interface Tour {
  parse: Timing;
  score: Timing & { rows: number; rejected: number };
}

/** The rounds, parse then score each time, each printed as it ends. */
async function tours(path: string, n: number): Promise<Tour[]> {
  const out: Tour[] = [];
  console.log('  tour   parse s  parse CPU   cotation s  cotation CPU   rapport  en CPU');
  for (let i = 1; i <= n; i++) {
    const parsed = await parse(path);
    const scored = await score(path);
    out.push({ parse: parsed, score: scored });
    console.log(
      [
        String(i).padStart(6),
        fr(parsed.seconds, 2).padStart(9),
        fr(parsed.cpu, 2).padStart(10),
        fr(scored.seconds, 2).padStart(12),
        fr(scored.cpu, 2).padStart(13),
        `×${fr(scored.seconds / parsed.seconds, 2)}`.padStart(9),
        `×${fr(scored.cpu / parsed.cpu, 2)}`.padStart(7),
      ].join(' '),
    );
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '736000' },
      tours: { type: 'string', default: '5' },
      keep: { type: 'boolean', default: false },
    },
  });
  const rows = entierOption('rows', values.rows, { positif: true });
  const n = entierOption('tours', values.tours, { positif: true });
  if (typeof rows === 'string' || typeof n === 'string') {
    console.error(typeof rows === 'string' ? rows : n);
    process.exitCode = 2;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'convflux-cotation-bench-'));
  const big = join(dir, 'demandes.csv');
  const small = join(dir, 'demandes-100k.csv');
  await generate(big, rows);
  await generate(small, Math.min(100_000, rows));
  console.log(`cotation: ${String(rows)} demandes générées (${dir})`);
  const rounds = await tours(big, n);
  const last = rounds[rounds.length - 1];
  const mur = rounds.map((t) => t.score.seconds / t.parse.seconds);
  const cpu = rounds.map((t) => t.score.cpu / t.parse.cpu);
  const ratio = median(mur);
  const charge = loadavg()
    .map((x) => fr(x, 1))
    .join(' ');
  console.log(
    `  (a) ${String(last?.score.rows ?? 0)} cotées, ${String(last?.score.rejected ?? 0)} rejetées par tour ; charge ${charge}`,
  );
  console.log(
    `      rapport cotation / parse, médiane de ${String(n)} tours alternés = ×${fr(ratio, 2)} (temps écoulé ; ×${fr(Math.min(...mur), 2)} à ×${fr(Math.max(...mur), 2)}), ×${fr(median(cpu), 2)} (CPU) — objectif ≤ ×3 : ${ratio <= 3 ? 'atteint' : 'NON atteint'}`,
  );
  const rssSmall = await peakRss(small);
  const rssBig = await peakRss(big);
  const growth = rssBig / rssSmall - 1;
  console.log(
    `  (b) pic mémoire (CLI --csv) : ${fr(rssSmall, 1)} Mo à 100 000 lignes, ${fr(rssBig, 1)} Mo à ${String(rows)} (+${fr(growth * 100)} %) — objectif plat (≤ +25 %) : ${growth <= 0.25 ? 'atteint' : 'NON atteint'}`,
  );
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1]?.endsWith('cotation-bench.js')) await main();
export { generate };
