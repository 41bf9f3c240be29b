/**
 * The service benchmark's measures, each a floor or a route timed the same way: HTTP load with
 * autocannon (p99 latency, rate of 2xx answers), single-row inserts through the database driver,
 * and a poll for the figures' freshness after one recorded event.
 */
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import type { Kysely } from 'kysely';
import { packagePath } from '../package-path.js';
import type { Database } from '../server/db/schema.js';
import { cpuMoi, cpuProcessus } from './cpu-processus.js';
import { BAILLEUR_PLANCHER, insererUneLigne } from './insertion-unitaire.js';
import { BenchError } from './run-bench.js';
import type { Session } from './service-client.js';

export interface Charge {
  url: string;
  connexions: number;
  duree: number;
  jeton?: string;
  /** POST bodies, a new one per request (the events recorded). */
  corps?: () => string;
  /** The CPU seconds so far of the process that answers (its cost per request is measured). */
  cpu?: () => number;
  /** The CPU so far of the database's own processes (PostgreSQL), measured alike. */
  cpuBase?: () => number;
}

export interface ResultatCharge {
  p99: number;
  /** 2xx answers per second. */
  debit: number;
  non2xx: number;
  erreurs: number;
  /** CPU milliseconds (user + system) of the answering process per 2xx answer; NaN unknown. */
  cpuMs: number;
  /** CPU milliseconds of the database's processes per 2xx answer; NaN when not measured. */
  cpuBaseMs: number;
}

export async function charger(c: Charge): Promise<ResultatCharge> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (c.jeton) headers['authorization'] = `Bearer ${c.jeton}`;
  const corps = c.corps;
  const cpu0 = c.cpu?.() ?? Number.NaN;
  const base0 = c.cpuBase?.() ?? Number.NaN;
  const r = await autocannon({
    url: c.url,
    connections: c.connexions,
    duration: c.duree,
    headers,
    ...(corps
      ? {
          method: 'POST' as const,
          requests: [
            {
              setupRequest: (req: autocannon.Request) => ({
                ...req,
                method: 'POST',
                body: corps(),
              }),
            },
          ],
        }
      : {}),
  });
  return {
    p99: r.latency.p99,
    debit: r['2xx'] / r.duration,
    non2xx: r.non2xx,
    erreurs: r.errors + r.timeouts,
    cpuMs: ((c.cpu?.() ?? Number.NaN) - cpu0) / Math.max(1, r['2xx']),
    cpuBaseMs: ((c.cpuBase?.() ?? Number.NaN) - base0) / Math.max(1, r['2xx']),
  };
}

/** A bench child process (`script` under dist/bench) that prints its address; `chemin` is served. */
async function processusNu(
  script: string,
  args: string[],
  chemin: string,
): Promise<{ url: string; cpu: () => number; stop: () => void }> {
  const child = spawn(process.execPath, [packagePath('dist', 'bench', script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /http:\/\/\S+/.exec(out);
      if (m) resolve(m[0]);
    });
    child.once('exit', (code) => {
      reject(new BenchError(`${script} s’est arrêté (code ${String(code)})`));
    });
  });
  return {
    url: `${url}${chemin}`,
    cpu: () => cpuProcessus(child.pid),
    stop: () => {
      child.kill('SIGTERM');
    },
  };
}

/** The bare express floor (bare-express.ts) as a child process, serving `payload`. */
export const expressNu = (payload: string) => processusNu('bare-express.js', [payload], '/figures');

/**
 * The recording's bound (borne-saisie.ts) as a child process on the database of `args`
 * (`--data DIR [--database URL]`, as `convflux serve`), serving POST /evenements.
 */
export const borneSaisie = (args: readonly string[]) =>
  processusNu(
    'borne-saisie.js',
    [args[1] ?? '', ...(args[3] !== undefined ? [args[3]] : [])],
    '/evenements',
  );

/**
 * Bare single-row INSERTs of events through the same driver (Kysely over better-sqlite3 or pg),
 * `concurrence` at a time for `duree` seconds. Rows per second, and this process's CPU
 * milliseconds per row (the driver's side, as the server's CPU per recorded event) and the
 * database's (`cpuBase`, PostgreSQL). The rows stay until `retirerLignesPlancher`.
 */
export async function insertionsUnitaires(
  db: Kysely<Database>,
  duree: number,
  concurrence: number,
  cpuBase: () => number = () => Number.NaN,
): Promise<{ debit: number; cpuMs: number; cpuBaseMs: number }> {
  const cpu0 = cpuMoi();
  const base0 = cpuBase();
  const fin = performance.now() + duree * 1000;
  const debut = performance.now();
  let n = 0;
  const travailleur = async (w: number) => {
    for (let i = 0; performance.now() < fin; i++) {
      await insererUneLigne(db, `P${String(w)}-${String(i)}`);
      n++;
    }
  };
  await Promise.all(Array.from({ length: concurrence }, (_, w) => travailleur(w)));
  const debit = n / ((performance.now() - debut) / 1000);
  const cpuMs = (cpuMoi() - cpu0) / Math.max(1, n);
  const cpuBaseMs = (cpuBase() - base0) / Math.max(1, n);
  return { debit, cpuMs, cpuBaseMs };
}

/** Removes the rows of the floor and of the bound. */
export async function retirerLignesPlancher(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('evenement').where('bailleur', '=', BAILLEUR_PLANCHER).execute();
}

/**
 * Seconds from one recorded event (`enregistrer`) to figures that differ from those read just
 * before; undefined when they have not changed after `limite` seconds.
 */
export async function fraicheur(
  s: Session,
  figures: string,
  enregistrer: () => Promise<void>,
  limite = 10,
): Promise<number | undefined> {
  const avant = (await s.requete('GET', figures)).texte;
  const t0 = performance.now();
  await enregistrer();
  while (performance.now() - t0 < limite * 1000) {
    const r = await s.requete('GET', figures);
    if (r.status === 200 && r.texte !== avant) return (performance.now() - t0) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return undefined;
}
