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
}

export interface ResultatCharge {
  p99: number;
  /** 2xx answers per second. */
  debit: number;
  non2xx: number;
  erreurs: number;
  /** CPU milliseconds (user + system) of the answering process per 2xx answer; NaN unknown. */
  cpuMs: number;
}

export async function charger(c: Charge): Promise<ResultatCharge> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (c.jeton) headers['authorization'] = `Bearer ${c.jeton}`;
  const corps = c.corps;
  const cpu0 = c.cpu?.() ?? Number.NaN;
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
  };
}

/** The bare express floor (bare-express.ts) as a child process, serving `payload`. */
export async function expressNu(
  payload: string,
): Promise<{ url: string; cpu: () => number; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [packagePath('dist', 'bench', 'bare-express.js'), payload],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /http:\/\/\S+/.exec(out);
      if (m) resolve(m[0]);
    });
    child.once('exit', (code) => {
      reject(new BenchError(`bare-express s’est arrêté (code ${String(code)})`));
    });
  });
  return {
    url: `${url}/figures`,
    cpu: () => cpuProcessus(child.pid),
    stop: () => {
      child.kill('SIGTERM');
    },
  };
}

/**
 * Bare single-row INSERTs of events through the same driver (Kysely over better-sqlite3 or pg),
 * `concurrence` at a time for `duree` seconds; then removed. Rows per second, and this process's
 * CPU milliseconds per row (the driver's side, as the server's CPU per recorded event).
 */
export async function insertionsUnitaires(
  db: Kysely<Database>,
  duree: number,
  concurrence: number,
): Promise<{ debit: number; cpuMs: number }> {
  const cpu0 = cpuMoi();
  const fin = performance.now() + duree * 1000;
  const debut = performance.now();
  let n = 0;
  const travailleur = async (w: number) => {
    for (let i = 0; performance.now() < fin; i++) {
      await db
        .insertInto('evenement')
        .values({
          bailleur: 'banc-plancher',
          id: `P${String(w)}-${String(i)}`,
          date: '2025-06-01',
          type: 'liberation',
          logement: 'banc',
          donnees: JSON.stringify({ id: `P${String(w)}-${String(i)}`, type: 'liberation' }),
          classement: 'valide',
          enregistre_le: new Date().toISOString(),
          enregistre_par: 'banc',
          import_id: null,
        })
        .execute();
      n++;
    }
  };
  await Promise.all(Array.from({ length: concurrence }, (_, w) => travailleur(w)));
  const debit = n / ((performance.now() - debut) / 1000);
  const cpuMs = (cpuMoi() - cpu0) / Math.max(1, n);
  await db.deleteFrom('evenement').where('bailleur', '=', 'banc-plancher').execute();
  return { debit, cpuMs };
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
