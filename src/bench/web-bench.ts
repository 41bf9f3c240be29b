/**
 * `npm run bench:web`: the dashboard's first paint in Debian's Chromium, on an Île-de-France
 * bailleur (generated region, its largest bailleur × département, SQLite), as a ratio to the first
 * paint of a static page of the same bytes served by the same server (`/assets/`) — goal ≤ 2 ×,
 * measured alternately in one run (median of --repetitions). The dashboard is measured warm (the
 * figures already computed once, as partners open it all day) and the first, cold load is
 * reported apart. Also the compressed size of the browser bundles (dashboard goal < 300 KB).
 * Options: --echelle F (default 0.05), --seed N, --repetitions N (default 15), --keep.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import puppeteer, { type Page } from 'puppeteer-core';
import { packagePath } from '../package-path.js';
import { chromiumPath } from '../render/chromium-process.js';
import { openDatabase } from '../server/db/open-database.js';
import { generateFlux } from './generate-flux.js';
import { BenchError, entierOption, fr, runBench } from './run-bench.js';
import { compteMembre, demarrerServe } from './service-client.js';
import { insererParLots, lireRegion, type Region } from './service-load.js';

const ANNEE = 2025;
const MOT_DE_PASSE = 'banc des pages du service';

const mediane = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/** The bailleur × département with the most flats. */
function plusGrand(region: Region): { bailleur: string; departement: string; logements: number } {
  const n = new Map<string, number>();
  for (const l of region.logements) {
    const k = `${l.bailleur}|${l.departement}`;
    n.set(k, (n.get(k) ?? 0) + 1);
  }
  const [k = '|', logements = 0] = [...n].sort((a, b) => b[1] - a[1])[0] ?? [];
  const [bailleur = '', departement = ''] = k.split('|');
  return { bailleur, departement, logements };
}

async function seConnecter(page: Page, url: string, email: string, provisoire: string) {
  await page.goto(`${url}/connexion`);
  await page.type('[name=email]', email);
  await page.type('[name=mot_de_passe]', provisoire);
  await Promise.all([page.waitForNavigation(), page.click('form.formulaire button[type=submit]')]);
  await page.type('[name=actuel]', provisoire);
  await page.type('[name=nouveau]', MOT_DE_PASSE);
  await Promise.all([page.waitForNavigation(), page.click('form.formulaire button[type=submit]')]);
}

/** First contentful paint (ms) of one navigation, and the response's status. */
async function premierRendu(page: Page, url: string): Promise<number> {
  const r = await page.goto(url, { waitUntil: 'load' });
  if (r?.status() !== 200) throw new BenchError(`${url} : ${String(r?.status())}`);
  // The paint entry may be queued just after `load`: waited for (5 s at most).
  const fcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const debut = Date.now();
        const lire = () => {
          const e = performance.getEntriesByName('first-contentful-paint')[0];
          if (e) resolve(e.startTime);
          else if (Date.now() - debut > 5000) resolve(-1);
          else setTimeout(lire, 20);
        };
        lire();
      }),
  );
  if (fcp < 0) throw new BenchError(`${url} : pas de first-contentful-paint`);
  return fcp;
}

/** Compressed size of each browser bundle (dist/web/assets/js). */
function bundles(): [string, number][] {
  const dir = packagePath('dist', 'web', 'assets', 'js');
  let noms: string[] = [];
  try {
    noms = readdirSync(dir).filter((n) => n.endsWith('.js'));
  } catch {
    return [];
  }
  return noms.map((n) => [n, gzipSync(readFileSync(join(dir, n))).length]);
}

const { values } = parseArgs({
  options: {
    echelle: { type: 'string', default: '0.05' },
    seed: { type: 'string', default: '2020' },
    repetitions: { type: 'string', default: '15' },
    keep: { type: 'boolean', default: false },
  },
});

runBench('convflux-web-bench-', values.keep, async (root) => {
  const echelle = Number(values.echelle);
  if (!(echelle > 0 && echelle <= 1)) throw new BenchError('--echelle : ]0, 1]');
  const repetitions = entierOption('repetitions', values.repetitions, { positif: true });
  if (typeof repetitions === 'string') throw new BenchError(repetitions);
  const gen = join(root, 'gen');
  generateFlux({
    region: 'idf',
    out: gen,
    seed: Number(values.seed),
    annee: ANNEE,
    format: 'ndjson',
    echelle,
  });
  const region = await lireRegion(gen);
  const cible = plusGrand(region);
  const data = join(root, 'data');
  const base = await openDatabase({ data });
  await insererParLots(base.db, region);
  await base.close();
  const s = await demarrerServe(['--data', data]);
  const statique = `bench-${randomBytes(6).toString('hex')}.html`;
  const cheminStatique = packagePath('templates', 'web', 'static', statique);
  const navigateur = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  try {
    const compte = await compteMembre(s, [cible.bailleur], ['lire']);
    const page = await navigateur.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await seConnecter(page, s.url, compte.email, compte.provisoire);
    const tableau = `${s.url}/bailleurs/${cible.bailleur}?departement=${cible.departement}&annee=${String(ANNEE)}`;
    const t0 = performance.now();
    const froid = await premierRendu(page, tableau);
    const froidTotal = performance.now() - t0;
    const html = await page.evaluate(async (u) => (await fetch(u)).text(), tableau);
    writeFileSync(cheminStatique, html);
    const mesures = { tableau: [] as number[], statique: [] as number[] };
    for (let i = 0; i < repetitions; i++) {
      mesures.statique.push(await premierRendu(page, `${s.url}/assets/${statique}`));
      mesures.tableau.push(await premierRendu(page, tableau));
    }
    const [mt, ms] = [mediane(mesures.tableau), mediane(mesures.statique)];
    console.log(
      `Île-de-France à l’échelle ${String(echelle)} : bailleur ${cible.bailleur} × ${cible.departement}, ${fr(cible.logements)} logements ; page de ${fr(Buffer.byteLength(html))} octets ; ${String(repetitions)} chargements alternés ; ${String(cpus().length)} cœurs, charge ${loadavg()
        .map((x) => fr(x, 2))
        .join(' ')}.`,
    );
    console.log(
      `premier rendu (médiane) : tableau de bord ${fr(mt, 1)} ms, page statique de même taille ${fr(ms, 1)} ms → ${fr(mt / ms, 2)} × (objectif ≤ 2 ×)`,
    );
    console.log(
      `premier chargement (figures calculées) : premier rendu ${fr(froid, 0)} ms, navigation ${fr(froidTotal, 0)} ms`,
    );
    for (const [nom, octets] of bundles())
      console.log(`script ${nom} : ${fr(octets / 1024, 1)} Ko compressé (gzip)`);
    return 0;
  } finally {
    rmSync(cheminStatique, { force: true });
    await navigateur.close();
    await s.stop();
  }
});
