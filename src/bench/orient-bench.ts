/**
 * `npm run bench` (orientation aid): `convflux orient` on one generated bailleur × département.
 *
 * Every figure comes from this one run; the ratios compare measurements of the same run:
 *   (1) one suggestion (the year read and evaluated once) against an in-process re-evaluation of
 *       the same bailleur × département (Simulation, files read once): goal ≤ 0,2 ×;
 *   (2) `orient --logement` by the CLI against `evaluate` by the CLI on the same files and date:
 *       goal ≤ 1,2 ×.
 * Options: --echelle F (share of the Île-de-France region generated, default 0.2), --seed N,
 * --keep. Exit 0 (the verdicts say whether goals are met), 2 when the bench cannot measure.
 */
import { spawn } from 'node:child_process';
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Simulation } from '../engine/evaluate.js';
import { loadConventions } from '../engine/load-conventions.js';
import { Orientation } from '../orientation/orienter.js';
import { packagePath } from '../package-path.js';
import { EVENEMENTS_HEADER, generateFlux, PARC_HEADER } from './generate-flux.js';
import { BenchError, entierOption, fr, runBench } from './run-bench.js';

async function lignes(path: string): Promise<string[]> {
  const out: string[] = [];
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of rl) if (line) out.push(line);
  return out.slice(1);
}

/** The flats and events of the bailleur × département nearest `cible` flats. */
async function sousEnsemble(
  parc: string,
  events: string,
  dir: string,
  cible: number,
): Promise<{ prefix: string; parc: string; events: string; flats: number }> {
  const parcLignes = await lignes(parc);
  const counts = new Map<string, number>();
  for (const line of parcLignes) {
    const id = line.slice(0, line.indexOf(','));
    const prefix = id.slice(0, id.lastIndexOf('-') + 1);
    counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  const [prefix = ''] = [...counts].sort(
    ([, a], [, b]) => Math.abs(a - cible) - Math.abs(b - cible),
  )[0] ?? [''];
  const p = parcLignes.filter((l) => l.startsWith(prefix));
  const e = (await lignes(events)).filter((l) => l.includes(`,${prefix}`));
  mkdirSync(dir, { recursive: true });
  const out = { parc: join(dir, 'logements.csv'), events: join(dir, 'evenements.csv') };
  writeFileSync(out.parc, `${[PARC_HEADER, ...p].join('\n')}\n`);
  writeFileSync(out.events, `${[EVENEMENTS_HEADER, ...e].join('\n')}\n`);
  return { prefix, ...out, flats: p.length };
}

function cli(args: string[]): Promise<{ seconds: number; code: number | null; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [packagePath('bin', 'convflux.js'), ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const err: Buffer[] = [];
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.once('error', reject);
    child.once('close', (code) => {
      resolvePromise({
        seconds: (performance.now() - start) / 1000,
        code,
        stderr: Buffer.concat(err).toString('utf8').slice(0, 2000),
      });
    });
  });
}

const mediane = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

async function bench(root: string, echelle: number, seed: number): Promise<number> {
  const g = generateFlux({ region: 'idf', out: root, seed, annee: 2024, format: 'csv', echelle });
  const s = await sousEnsemble(g.logementsFile, g.evenementsFile, join(root, 'sous'), 20_000);
  const [dep = '', siren = ''] = s.prefix.split('-');
  const rules = join(root, 'rules', 'conventions', dep, siren);
  const date = '2024-06-30';
  console.log(
    `\nconvflux orient — un bailleur × département généré (${fr(s.flats)} logements, ${s.prefix}), date ${date}`,
  );
  // (1) in process: the re-evaluation of the year, and one suggestion once the year is evaluated.
  const conventions = await loadConventions([rules], { lang: 'fr', cwd: root });
  const simulation = await Simulation.ouvrir({
    parc: s.parc,
    evenements: s.events,
    annee: 2024,
    date,
  });
  const reevaluations: number[] = [];
  for (let i = 0; i < 8; i++) {
    const t = performance.now();
    await simulation.evaluer(conventions);
    if (i >= 3) reevaluations.push(performance.now() - t);
  }
  const orientation = await Orientation.ouvrir({
    rules: [rules],
    parc: s.parc,
    evenements: s.events,
    date,
  });
  const ouverts = orientation.ouverts().map((x) => x.logement);
  const premier = ouverts[0];
  if (premier === undefined) throw new BenchError(`aucun logement libéré non orienté au ${date}`);
  const suggestions: number[] = [];
  for (const id of [...ouverts, ...ouverts, ...ouverts].slice(0, 30)) {
    const t = performance.now();
    const r = await orientation.suggerer(id);
    suggestions.push(performance.now() - t);
    if (!r.suggestion) throw new BenchError(`pas de suggestion pour ${id}`);
  }
  // (2) the CLI, same files and date: three runs each, the median.
  const commun = ['--rules', rules, '--parc', s.parc, '--events', s.events, '--date', date];
  const orient: number[] = [];
  const evaluate: number[] = [];
  for (let i = 0; i < 3; i++) {
    const o = await cli(['orient', ...commun, '--logement', premier]);
    const e = await cli(['evaluate', ...commun, '--annee', '2024']);
    if (o.code !== 0 || e.code !== 0)
      throw new BenchError(`orient ${String(o.code)}, evaluate ${String(e.code)} : ${o.stderr}`);
    orient.push(o.seconds);
    evaluate.push(e.seconds);
  }
  const r1 = mediane(suggestions) / mediane(reevaluations);
  const r2 = mediane(orient) / mediane(evaluate);
  const verdict = (ok: boolean): string => (ok ? 'OK' : 'DÉPASSÉ');
  console.log(
    [
      `Une suggestion : ${fr(mediane(suggestions), 3)} ms (médiane de ${String(suggestions.length)}, ${String(ouverts.length)} logements ouverts) ; ` +
        `réévaluation en mémoire : ${fr(mediane(reevaluations), 1)} ms (médiane de 5) ; ` +
        `rapport ${fr(r1, 4)} × (objectif ≤ 0,2 ×) : ${verdict(r1 <= 0.2)}.`,
      `orient par la CLI : ${fr(mediane(orient), 2)} s ; evaluate par la CLI : ${fr(mediane(evaluate), 2)} s (médianes de 3) ; ` +
        `rapport ${fr(r2, 2)} × (objectif ≤ 1,2 ×) : ${verdict(r2 <= 1.2)}.`,
    ].join('\n'),
  );
  return 0;
}

const { values } = parseArgs({
  options: {
    echelle: { type: 'string', default: '0.2' },
    seed: { type: 'string', default: '2020' },
    keep: { type: 'boolean', default: false },
  },
  strict: true,
});
const seed = entierOption('seed', values.seed);
const echelle = Number(values.echelle);
if (typeof seed === 'string') {
  console.error(seed);
  process.exitCode = 2;
} else if (!(echelle > 0 && echelle <= 1)) {
  console.error(`--echelle attend une part entre 0 et 1 (reçu : ${values.echelle})`);
  process.exitCode = 2;
} else runBench('convflux-bench-orient-', values.keep, (root) => bench(root, echelle, seed));
