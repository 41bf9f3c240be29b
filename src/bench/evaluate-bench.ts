/**
 * `npm run bench` (second part): `convflux evaluate` on a generated region (France by default).
 *
 * Every figure comes from this one run; ratios compare measurements of the same run. The events
 * span two years (`--annees`, default 2: N-1 and N, one file a year, cycles running on across
 * 31 December), read with `--events` repeated.
 *   (a) the CLI end to end on the whole region, as a child process (records/s, peak RSS);
 *   (b) a hand-written loop over the same files: naive split parsing, hard-coded rules;
 *   (c) json-rules-engine event by event vs the compiled rules, on one bailleur × département;
 *   (d) one bailleur × département (≈ 20 000 flats): the CLI, and a warm in-process re-evaluation;
 *   (f) the floor of (d): a process that imports ajv, yaml and json-rules-engine and splits the
 *       same files (parc, events, conventions) into lines;
 *   (g) `convflux bilan --html` on the whole region (every bailleur × département): wall and CPU
 *       time (CPU ÷ wall above 1: more than one core used).
 *
 * Goals (issue 11): France evaluate over two years within 1,5× the hand loop (one thread), peak
 * < 2 GB; one bailleur × département by the CLI within 4× its floor (f) (issue "The flux
 * engine": < 1 s, and < 50 ms re-evaluated in-process); the France bilan on both cores.
 * Options: --region idf|france, --seed N, --annees K, --echelle F, --sans-bilan, --keep;
 * --seulement-bailleur [--tours N] runs only (d) and (f), N rounds alternated (default 7), and
 * prints the median of the rounds' ratios (tours-bailleur.ts). Exit 0
 * (the verdicts say whether goals are met), 2 when the benchmark itself fails (e.g. the generated
 * data gives rejected rows).
 */
import { spawn } from 'node:child_process';
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Simulation, type EvaluateResult, type Moteur } from '../engine/evaluate.js';
import { loadConventions } from '../engine/load-conventions.js';
import { TYPES_EVENEMENT } from '../flux/evenement.js';
import { decideCompiled, decideWithEngine, type DecisionFacts } from '../engine/decide.js';
import { packagePath } from '../package-path.js';
import type { Region } from './generate-conventions.js';
import { EVENEMENTS_HEADER, generateFlux, PARC_HEADER } from './generate-flux.js';
import { BenchError, entierOption, fr, runBench } from './run-bench.js';
import { toursBailleur } from './tours-bailleur.js';

const MB = 1024 * 1024;
async function* lignesDe(paths: readonly string[]): AsyncGenerator<string> {
  for (const path of paths) yield* lines(path);
}

async function* lines(path: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let first = true;
  for await (const line of rl) {
    if (first) {
      first = false;
      continue;
    }
    if (line) yield line;
  }
}

/**
 * (b) The hand-written loop: what a programmer would write for this one year with the rules
 * hard-coded (attribution counts 1, an open cycle 0.5, the flux of each bailleur × département).
 * No validation, no explanations, no alerts, one thread: the floor the engine is compared with.
 */
async function handLoop(
  parc: string,
  events: readonly string[],
): Promise<{ records: number; realise: number }> {
  const state = new Map<string, { reservataire: string; compte: boolean }>();
  const libere = new Set<string>();
  const realise = new Map<string, number>();
  let records = 0;
  for await (const line of lignesDe(events)) {
    records++;
    const f = line.split(',');
    const [, date = '', type = '', logement = '', reservataire = '', , decision = ''] = f;
    if (date > '2024-12-31') continue;
    if (type === 'liberation' && date >= '2024-01-01') libere.add(logement);
    else if (type === 'orientation') state.set(logement, { reservataire, compte: false });
    else if (type === 'caleol' && decision === 'attribution') {
      const s = state.get(logement);
      if (s && !s.compte && date >= '2024-01-01') {
        s.compte = true;
        realise.set(s.reservataire, (realise.get(s.reservataire) ?? 0) + 1);
      }
    } else if (type === 'bail_signe' || type === 'reprise') state.delete(logement);
  }
  for (const s of state.values())
    if (!s.compte) realise.set(s.reservataire, (realise.get(s.reservataire) ?? 0) + 0.5);
  const flux = new Map<string, number>();
  for await (const line of lines(parc)) {
    records++;
    const f = line.split(',');
    const logement = f[0] ?? '';
    if (!libere.has(logement) || f[9]) continue;
    const key = `${f[1] ?? ''}|${f[2] ?? ''}|${f[3] ?? ''}`;
    flux.set(key, (flux.get(key) ?? 0) + 1);
  }
  let total = 0;
  for (const v of realise.values()) total += v;
  return { records, realise: total };
}

interface CliRun {
  seconds: number;
  code: number | null;
  maxRssKb: number;
  /** CPU time of the process and its threads (seconds). */
  cpu: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[]): Promise<CliRun> {
  return runNode([packagePath('bin', 'convflux.js'), ...args]);
}

function runNode(args: string[]): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const probe = join(packagePath('dist', 'bench', 'rss-probe.js'));
    const child = spawn(process.execPath, ['--import', probe, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: packagePath(),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.once('error', reject);
    child.once('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      const m = /convflux-bench-maxrss=([0-9]+) cpu=([0-9]+)/.exec(stderr);
      resolvePromise({
        seconds: (performance.now() - start) / 1000,
        code,
        maxRssKb: m ? Number(m[1]) : NaN,
        cpu: m ? Number(m[2]) / 1e6 : NaN,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr,
      });
    });
  });
}

/** Copies the flats and events of one bailleur × département (about `target` flats). */
async function subset(
  parc: string,
  events: readonly string[],
  dir: string,
  target: number,
): Promise<{ prefix: string; parc: string; events: string; flats: number; events_: number }> {
  const counts = new Map<string, number>();
  for await (const line of lines(parc)) {
    const id = line.slice(0, line.indexOf(','));
    const prefix = id.slice(0, id.lastIndexOf('-') + 1);
    counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  let best = '';
  let bestGap = Infinity;
  for (const [prefix, n] of counts)
    if (Math.abs(n - target) < bestGap) {
      best = prefix;
      bestGap = Math.abs(n - target);
    }
  const parcOut = [PARC_HEADER];
  for await (const line of lines(parc)) if (line.startsWith(best)) parcOut.push(line);
  const eventsOut = [EVENEMENTS_HEADER];
  for await (const line of lignesDe(events)) if (line.includes(`,${best}`)) eventsOut.push(line);
  mkdirSync(dir, { recursive: true });
  const p = join(dir, 'logements.csv');
  const e = join(dir, 'evenements.csv');
  writeFileSync(p, `${parcOut.join('\n')}\n`);
  writeFileSync(e, `${eventsOut.join('\n')}\n`);
  return {
    prefix: best,
    parc: p,
    events: e,
    flats: parcOut.length - 1,
    events_: eventsOut.length - 1,
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { seconds: (performance.now() - start) / 1000, value };
}

interface BenchOptions {
  region: Region;
  seed: number;
  annees: number;
  echelle: number;
  bilan: boolean;
  /** `--seulement-bailleur --tours N`: only (d) and (f), N rounds alternated (0: the whole bench). */
  tours: number;
}

/** The args of (d) and (f) on one bailleur × département (the subset written by `subset`). */
function argsBailleur(
  rules: string,
  s: { prefix: string; parc: string; events: string },
): { rules: string; d: string[]; f: string[] } {
  const [dep = '', siren = ''] = s.prefix.split('-');
  const subRules = join(rules, 'conventions', dep, siren);
  return {
    rules: subRules,
    d: [
      'evaluate',
      '--rules',
      subRules,
      '--parc',
      s.parc,
      '--events',
      s.events,
      '--annee',
      '2024',
      '--json',
    ],
    f: [packagePath('dist', 'bench', 'plancher-bailleur.js'), subRules, s.parc, s.events],
  };
}

/** `--seulement-bailleur`: (d) and (f) alone, `tours` rounds alternated (tours-bailleur.ts). */
async function seulementBailleur(
  root: string,
  parc: string,
  events: readonly string[],
  tours: number,
): Promise<number> {
  const s = await subset(parc, events, join(root, 'sous-ensemble'), 20_000);
  const args = argsBailleur(join(root, 'rules'), s);
  console.log(
    `Un bailleur × département (${s.prefix}) : ${fr(s.flats)} logements, ${fr(s.events_)} événements.`,
  );
  await toursBailleur({ cli: () => runCli(args.d), plancher: () => runNode(args.f) }, tours);
  return 0;
}

async function bench(root: string, o: BenchOptions): Promise<number> {
  const { region } = o;
  console.log(
    `\nconvflux evaluate — Node ${process.version}, ${cpus()[0]?.model.trim() ?? '?'}, ${String(availableParallelism())} cœur(s), ${new Date().toISOString().slice(0, 16)} UTC`,
  );
  const g = generateFlux({
    region,
    out: root,
    seed: o.seed,
    annee: 2024,
    annees: o.annees,
    format: 'csv',
    echelle: o.echelle,
  });
  const events = g.evenementsFiles;
  const eventsArgs = events.flatMap((e) => ['--events', e]);
  const records = g.logements + g.evenements;
  console.log(
    `Région ${region} générée en ${fr(g.secondes.total, 1)} s : ${fr(g.logements)} logements, ${fr(g.evenements)} événements, ` +
      `${fr(g.conventions)} conventions (${fr(g.conventionFiles)} fichiers), ${fr(g.attributions)} attributions, ` +
      `${String(events.length)} fichier(s) d’événements (${fr(g.liberations)} libérations sur ${String(o.annees)} an(s), ${fr(g.cyclesOuverts)} cycles ouverts au 31/12/2024).`,
  );
  const rules = join(root, 'rules');
  if (o.tours > 0) return seulementBailleur(root, g.logementsFile, events, o.tours);

  // (a) the CLI on the whole region
  const a = await runCli([
    'evaluate',
    '--rules',
    rules,
    '--parc',
    g.logementsFile,
    ...eventsArgs,
    '--annee',
    '2024',
    '--json',
    '--out',
    join(root, 'resultats'),
  ]);
  let rejets = NaN;
  try {
    rejets = (JSON.parse(a.stdout) as { rejets: unknown[] }).rejets.length;
  } catch {
    // reported below
  }
  if (a.code !== 0 || rejets !== 0)
    throw new BenchError(
      `evaluate a rendu ${String(a.code)} avec ${String(rejets)} rejets :\n${a.stderr.slice(0, 2000)}`,
    );

  // (b) the hand-written loop, same files
  const cpu0 = process.cpuUsage();
  const b = await timed(() => handLoop(g.logementsFile, events));
  const cpuB = ((u) => (u.user + u.system) / 1e6)(process.cpuUsage(cpu0));

  // (c) and (d): one bailleur × département
  const s = await subset(g.logementsFile, events, join(root, 'sous-ensemble'), 20_000);
  const args = argsBailleur(rules, s);
  const subRules = args.rules;
  const simulation = (moteur: Moteur) =>
    Simulation.ouvrir({ parc: s.parc, evenements: s.events, annee: 2024, moteur });
  const conventions = await loadConventions([subRules], { lang: 'fr', cwd: root });
  const compiled = await simulation('compile');
  // What-if use re-evaluates again and again: 3 warm-up runs, then the median of 10.
  for (let i = 0; i < 3; i++) await compiled.evaluer(conventions);
  const runs: Awaited<ReturnType<typeof timed<EvaluateResult>>>[] = [];
  for (let i = 0; i < 10; i++) runs.push(await timed(() => compiled.evaluer(conventions)));
  runs.sort((x, y) => x.seconds - y.seconds);
  const warm = runs[5] ?? runs[0];
  if (!warm) throw new BenchError('aucune mesure');
  const engine = await simulation('json-rules-engine');
  const reference = await timed(() => engine.evaluer(conventions));
  const same = JSON.stringify(warm.value.evaluation) === JSON.stringify(reference.value.evaluation);
  // Decisions alone: the same facts through json-rules-engine and through the compiled rules.
  const version = conventions.index.entries[0]?.versions[0];
  if (!version) throw new BenchError('aucune convention dans le sous-ensemble');
  const facts: DecisionFacts[] = [];
  for (const type of [...TYPES_EVENEMENT, 'expiration', 'evaluation'])
    for (const decision of ['attribution', 'refus', undefined])
      for (const par of ['candidat', 'reservataire', 'bailleur'])
        for (const attribue of [true, false])
          facts.push({
            evenement: decision ? { type, decision, par } : { type, par },
            cycle: { attribue, compte: !attribue },
          });
  const engineDecisions = await timed(async () => {
    for (const f of facts) await decideWithEngine(version.engine(), version.rules, f);
    return facts.length;
  });
  const compiledRounds = 2000;
  const compiledDecisions = await timed(() => {
    for (let i = 0; i < compiledRounds; i++)
      for (const f of facts) decideCompiled(version.compiled, f);
    return Promise.resolve(facts.length * compiledRounds);
  });
  const d = await runCli(args.d);
  if (d.code !== 0) throw new BenchError(`evaluate (sous-ensemble) a rendu ${String(d.code)}`);
  // (f) its floor: Node, ajv, yaml and json-rules-engine loaded, the same files split into lines.
  const f = await runNode(args.f);
  if (f.code !== 0) throw new BenchError(`plancher (sous-ensemble) a rendu ${String(f.code)}`);
  // (g) the bilan of every bailleur × département (HTML: the PDF print is render's bench).
  const bilan = o.bilan
    ? await runCli([
        'bilan',
        '--rules',
        rules,
        '--parc',
        g.logementsFile,
        ...eventsArgs,
        '--annee',
        '2024',
        '--html',
        '--json',
        '--out',
        join(root, 'bilans'),
      ])
    : undefined;
  let bilans = NaN;
  if (bilan) {
    try {
      bilans = (JSON.parse(bilan.stdout) as { documents: unknown[] }).documents.length;
    } catch {
      // reported below
    }
    if (bilan.code !== 0 || !(bilans > 0))
      throw new BenchError(
        `bilan a rendu ${String(bilan.code)} (${String(bilans)} bilans) :\n${bilan.stderr.slice(0, 2000)}`,
      );
  }

  const rows = [
    ['mesure', 'secondes', 'enreg./s', 'pic mémoire'],
    [
      '(a) convflux evaluate, CLI, région entière',
      fr(a.seconds, 2),
      fr(records / a.seconds),
      `${fr(a.maxRssKb / 1024)} Mo`,
    ],
    [
      '(b) boucle écrite à la main, mêmes fichiers',
      fr(b.seconds, 2),
      fr(b.value.records / b.seconds),
      '—',
    ],
    [
      `(c) json-rules-engine, ${fr(s.events_)} événements`,
      fr(reference.seconds, 2),
      fr(s.events_ / reference.seconds),
      '—',
    ],
    [
      `(c) règles compilées, mêmes événements`,
      fr(warm.seconds, 3),
      fr(s.events_ / warm.seconds),
      '—',
    ],
    [
      `(d) CLI, un bailleur × département (${fr(s.flats)} logements)`,
      fr(d.seconds, 2),
      fr((s.flats + s.events_) / d.seconds),
      `${fr(d.maxRssKb / 1024)} Mo`,
    ],
    ['(d) réévaluation en mémoire (fichiers lus, médiane de 10)', fr(warm.seconds, 3), '—', '—'],
    [
      '(f) plancher de (d) : ajv, yaml, json-rules-engine, lignes',
      fr(f.seconds, 2),
      fr((s.flats + s.events_) / f.seconds),
      `${fr(f.maxRssKb / 1024)} Mo`,
    ],
    ...(bilan
      ? [
          [
            `(g) convflux bilan --html, région entière (${fr(bilans)} bilans)`,
            fr(bilan.seconds, 2),
            fr(records / bilan.seconds),
            `${fr(bilan.maxRssKb / 1024)} Mo`,
          ],
        ]
      : []),
    [
      `(e) décisions seules, json-rules-engine (${fr(version.rules.length)} règles)`,
      fr(engineDecisions.seconds, 3),
      fr(engineDecisions.value / engineDecisions.seconds),
      '—',
    ],
    [
      '(e) décisions seules, règles compilées',
      fr(compiledDecisions.seconds, 3),
      fr(compiledDecisions.value / compiledDecisions.seconds),
      '—',
    ],
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  for (const [i, r] of rows.entries()) {
    const line = r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ');
    console.log(line);
    if (i === 0) console.log('-'.repeat(line.length));
  }
  const verdict = (ok: boolean): string => (ok ? 'OK' : 'DÉPASSÉ');
  const ratio = a.seconds / b.seconds;
  const ratioD = d.seconds / f.seconds;
  console.log(
    [
      '',
      `Région ${region}, ${String(o.annees)} an(s) d’événements : ${fr(a.seconds, 1)} s, CPU ${fr(a.cpu, 1)} s ; ` +
        `pic ${fr(a.maxRssKb / 1024)} Mo (objectif < 2 048 Mo) : ${verdict(a.maxRssKb * 1024 < 2048 * MB)}.`,
      `Rapport à la boucle écrite à la main (un fil) : ${fr(ratio, 2)} × (objectif ≤ 1,5 ×) : ${verdict(ratio <= 1.5)} ; ` +
        `en temps CPU ${fr(a.cpu / cpuB, 2)} × (boucle ${fr(cpuB, 1)} s CPU : ce qu’il reste à gagner sur une machine chargée).`,
      `Un bailleur × département, rapport au plancher (f) : ${fr(ratioD, 2)} × (objectif ≤ 4 ×) : ${verdict(ratioD <= 4)}.`,
      ...(bilan
        ? [
            `Bilan de la région : ${fr(bilan.seconds, 1)} s, CPU ${fr(bilan.cpu, 1)} s, CPU ÷ durée ${fr(bilan.cpu / bilan.seconds, 2)} ` +
              `(les deux cœurs : > 1) : ${verdict(bilan.cpu / bilan.seconds > 1)}.`,
          ]
        : []),
      `json-rules-engine ${fr(s.events_ / reference.seconds)} événements/s, règles compilées ${fr(s.events_ / warm.seconds)} : ` +
        `× ${fr(reference.seconds / warm.seconds, 0)} de bout en bout, × ${fr(engineDecisions.seconds / engineDecisions.value / (compiledDecisions.seconds / compiledDecisions.value), 0)} sur les seules décisions ; résultats identiques : ${same ? 'oui' : 'NON'}.`,
      `Un bailleur × département : CLI ${fr(d.seconds, 2)} s (objectif < 1 s) : ${verdict(d.seconds < 1)} ; ` +
        `réévaluation ${fr(warm.seconds * 1000)} ms (objectif < 50 ms) : ${verdict(warm.seconds < 0.05)}.`,
    ].join('\n'),
  );
  return same ? 0 : 2;
}

const { values } = parseArgs({
  options: {
    region: { type: 'string', default: 'france' },
    seed: { type: 'string', default: '2020' },
    annees: { type: 'string', default: '2' },
    echelle: { type: 'string', default: '1' },
    'sans-bilan': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'seulement-bailleur': { type: 'boolean', default: false },
    tours: { type: 'string', default: '7' },
  },
  strict: true,
});
const { region } = values;
const seed = entierOption('seed', values.seed);
const annees = entierOption('annees', values.annees, { positif: true });
const tours = entierOption('tours', values.tours, { positif: true });
const echelle = Number(values.echelle);
if (region !== 'idf' && region !== 'france') {
  console.error(`--region attend idf ou france (reçu : ${region})`);
  process.exitCode = 2;
} else if (typeof seed === 'string' || typeof annees === 'string' || typeof tours === 'string') {
  console.error([seed, annees, tours].find((v) => typeof v === 'string'));
  process.exitCode = 2;
} else if (!(echelle > 0 && echelle <= 4)) {
  console.error(`--echelle attend un nombre > 0 et ≤ 4 (reçu : ${values.echelle})`);
  process.exitCode = 2;
} else
  runBench('convflux-bench-flux-', values.keep, (root) =>
    bench(root, {
      region,
      seed,
      annees,
      echelle,
      bilan: !values['sans-bilan'],
      tours: values['seulement-bailleur'] ? tours : 0,
    }),
  );
