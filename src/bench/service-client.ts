/**
 * The service benchmark's HTTP side: the real `convflux serve` process started on a loaded
 * database, and an API token of a member of the bailleurs measured (the first administrator's
 * one-time password read from the start-up line, as an operator would).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { packagePath } from '../package-path.js';
import { cpuProcessus } from './cpu-processus.js';
import { BenchError } from './run-bench.js';

export interface ServeurBench {
  url: string;
  /** The server process (its CPU time is read from /proc). */
  pid: number;
  motDePasseAdmin: string;
  /** The server process's CPU ms so far (user + system). */
  cpu: () => number;
  stop(): Promise<void>;
}

/** `node bin/convflux.js serve --port 0 …args`, once it prints its address. */
export function demarrerServe(args: string[]): Promise<ServeurBench> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // CONVFLUX_BENCH_PROFIL=DIR: a CPU profile of each server process in DIR.
      ...(process.env['CONVFLUX_BENCH_PROFIL']
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env['CONVFLUX_BENCH_PROFIL']}`]
        : []),
      packagePath('bin', 'convflux.js'),
      'serve',
      '--port',
      '0',
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '' } },
  );
  let out = '';
  const lire = (b: Buffer) => (out += b.toString());
  child.stdout?.on('data', lire);
  child.stderr?.on('data', lire);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) {
        resolve();
        return;
      }
      child.once('exit', () => {
        resolve();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new BenchError(`serve n’a pas démarré en 60 s :\n${out}`));
    }, 60_000);
    child.stdout?.on('data', () => {
      const m = /convflux serve : (http:\/\/\S+)/.exec(out);
      if (!m?.[1]) return;
      clearTimeout(timer);
      const mdp = /mot de passe à usage unique (\S+)/.exec(out)?.[1] ?? '';
      resolve({
        url: m[1],
        pid: child.pid ?? 0,
        motDePasseAdmin: mdp,
        cpu: () => cpuProcessus(child.pid),
        stop,
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new BenchError(`serve s’est arrêté (code ${String(code)}) :\n${out}`));
    });
  });
}

interface Reponse {
  status: number;
  body: unknown;
  texte: string;
}

/** A cookie session (with its CSRF token) or an API token. */
export class Session {
  private cookie = '';
  private csrf = '';
  constructor(
    private readonly url: string,
    private readonly jeton?: string,
  ) {}

  async requete(method: string, path: string, body?: unknown): Promise<Reponse> {
    const h: Record<string, string> = {};
    if (this.jeton) h['authorization'] = `Bearer ${this.jeton}`;
    if (this.cookie) h['cookie'] = this.cookie;
    if (this.csrf) h['x-csrf-token'] = this.csrf;
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await fetch(this.url + path, {
      method,
      headers: h,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const c = res.headers.get('set-cookie');
    if (c) this.cookie = c.split(';')[0] ?? '';
    const texte = await res.text();
    let parsed: unknown = texte;
    if ((res.headers.get('content-type') ?? '').includes('json') && texte)
      parsed = JSON.parse(texte);
    return { status: res.status, body: parsed, texte };
  }

  async exiger(method: string, path: string, body: unknown, statut: number): Promise<Reponse> {
    const r = await this.requete(method, path, body);
    if (r.status !== statut)
      throw new BenchError(`${method} ${path} : ${String(r.status)} ${r.texte.slice(0, 300)}`);
    return r;
  }

  async connecter(email: string, provisoire: string, nouveau: string): Promise<void> {
    const r = await this.exiger('POST', '/api/session', { email, mot_de_passe: provisoire }, 201);
    this.csrf = (r.body as { csrf: string }).csrf;
    await this.exiger('POST', '/api/moi/mot-de-passe', { actuel: provisoire, nouveau }, 204);
  }
}

const MOT_DE_PASSE = 'banc de charge du service';

/**
 * A member account (`permissions`) of every bailleur given, created by the first administrator:
 * its address and one-time password.
 */
export async function compteMembre(
  s: ServeurBench,
  sirens: string[],
  permissions: string[],
): Promise<{ email: string; provisoire: string }> {
  const adm = new Session(s.url);
  await adm.connecter('admin@convflux.local', s.motDePasseAdmin, MOT_DE_PASSE);
  const c = await adm.exiger(
    'POST',
    '/api/comptes',
    { email: 'banc@exemple.fr', nom: 'banc' },
    201,
  );
  const compte = c.body as { id: string; mot_de_passe_provisoire: string };
  for (const siren of sirens) {
    await adm.exiger(
      'POST',
      '/api/organisations',
      { type: 'bailleur', identifiant: siren, nom: siren },
      201,
    );
    await adm.exiger(
      'PUT',
      `/api/organisations/bailleur:${siren}/membres`,
      { compte_id: compte.id, permissions },
      200,
    );
  }
  return { email: 'banc@exemple.fr', provisoire: compte.mot_de_passe_provisoire };
}

/**
 * An API token of a member (`lire saisir`) of every bailleur given: what the load generator
 * sends as `Authorization: Bearer …`.
 */
export async function jetonMembre(s: ServeurBench, sirens: string[]): Promise<string> {
  const { email, provisoire } = await compteMembre(s, sirens, ['lire', 'saisir']);
  const m = new Session(s.url);
  await m.connecter(email, provisoire, MOT_DE_PASSE);
  const j = await m.exiger('POST', '/api/moi/jetons', { nom: 'banc' }, 201);
  return (j.body as { jeton: string }).jeton;
}

/** One request with the member's token (the measured routes, outside the load runs). */
export function avecJeton(url: string, jeton: string): Session {
  return new Session(url, jeton);
}
