/**
 * The server under test is the real process (`node bin/convflux.js serve`) on 127.0.0.1, on the
 * embedded SQLite file or on a fresh database of the run's PostgreSQL; clients speak HTTP with a
 * cookie jar and the session's CSRF token, or an API token.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

export type NomBase = 'sqlite' | 'postgres';
export const BASES: NomBase[] = ['sqlite', 'postgres'];

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'convflux.js');

export interface Serveur {
  url: string;
  base: NomBase;
  /** The one-time password of the first administrator (first start only). */
  motDePasseAdmin?: string;
  /** Arguments to start the same service again (same data). */
  args: string[];
  process: ChildProcess;
  sortie: () => string;
  stop(): Promise<void>;
  /** kill -9: no chance to flush or close anything. */
  tuer(): Promise<void>;
}

/** A fresh, empty database: a temp folder for SQLite, a new database in the run's PostgreSQL. */
export async function nouvelleBase(base: NomBase): Promise<string[]> {
  const data = mkdtempSync(join(tmpdir(), 'convflux-serve-'));
  if (base === 'sqlite') return ['--data', data];
  const nom = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(inject('postgresUrl'));
  await admin.connect();
  await admin.query(`CREATE DATABASE ${nom}`);
  await admin.end();
  return ['--data', data, '--database', inject('postgresUrl').replace(/\/postgres$/, `/${nom}`)];
}

function attendreDemarrage(child: ChildProcess, sortie: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`serve n’a pas démarré :\n${sortie()}`));
      // --exemple hashes one password per organisation: 30 s was short on a loaded 2-core machine.
    }, 90_000);
    const check = () => {
      const m = /convflux serve : (http:\/\/\S+)/.exec(sortie());
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve s’est arrêté (code ${String(code)}) :\n${sortie()}`));
    });
  });
}

/** Starts `convflux serve` on the given database arguments (from `nouvelleBase`). */
export async function demarrerServeur(
  base: NomBase,
  args: string[],
  env: Record<string, string> = {},
): Promise<Serveur> {
  const argv = [BIN, 'serve', '--port', '0', ...args];
  const child = spawn(process.execPath, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, DATABASE_URL: '' },
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const sortie = () => out;
  const url = await attendreDemarrage(child, sortie);
  const m = /mot de passe à usage unique (\S+)/.exec(out);
  const fin = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve();
        return;
      }
      child.once('exit', () => {
        resolve();
      });
      child.kill(signal);
    });
  return {
    url,
    base,
    ...(m?.[1] ? { motDePasseAdmin: m[1] } : {}),
    args,
    process: child,
    sortie,
    stop: () => fin('SIGTERM'),
    tuer: () => fin('SIGKILL'),
  };
}

/** `convflux serve --exemple` on a fresh database of the given kind (the example's accounts). */
export async function serveurExemple(base: NomBase): Promise<Serveur> {
  return demarrerServeur(base, [...(await nouvelleBase(base)), '--exemple']);
}

export interface Reponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** An HTTP client with a cookie jar and the session's CSRF token, or an API token. */
export class Client {
  private cookie = '';
  private csrf = '';
  /** false: a redirect is answered as is (3xx and its `location`), not followed. */
  suivreRedirections = true;
  constructor(
    readonly url: string,
    private jeton?: string,
  ) {}

  async requete<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.jeton) h['authorization'] = `Bearer ${this.jeton}`;
    if (this.cookie) h['cookie'] = this.cookie;
    if (this.csrf && !h['x-csrf-token']) h['x-csrf-token'] = this.csrf;
    let payload: string | Uint8Array<ArrayBuffer> | undefined;
    if (typeof body === 'string') payload = body;
    else if (body instanceof Buffer) payload = new Uint8Array(body);
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.url + path, {
      method,
      headers: h,
      redirect: this.suivreRedirections ? 'follow' : 'manual',
      ...(payload !== undefined ? { body: payload } : {}),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    const parsed: unknown = type.includes('json') && text ? JSON.parse(text) : text;
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = unknown>(path: string, headers?: Record<string, string>) =>
    this.requete<T>('GET', path, undefined, headers);
  post = <T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) =>
    this.requete<T>('POST', path, body, headers);
  put = <T = unknown>(path: string, body?: unknown) => this.requete<T>('PUT', path, body);
  delete = <T = unknown>(path: string) => this.requete<T>('DELETE', path);

  /**
   * The same session (cookie, CSRF token) on another server process of the same database, as a
   * load balancer sends a person's next request wherever it likes.
   */
  ailleurs(url: string): Client {
    const c = new Client(url, this.jeton);
    c.cookie = this.cookie;
    c.csrf = this.csrf;
    c.suivreRedirections = this.suivreRedirections;
    return c;
  }

  async connecter(email: string, motDePasse: string): Promise<Reponse<{ csrf: string }>> {
    const r = await this.post<{ csrf: string }>('/api/session', {
      email,
      mot_de_passe: motDePasse,
    });
    if (r.status === 201) this.csrf = r.body.csrf;
    return r;
  }
}

/** The first administrator, signed in, its one-time password changed. */
export async function admin(s: Serveur): Promise<Client> {
  const c = new Client(s.url);
  const provisoire = s.motDePasseAdmin;
  if (!provisoire) throw new Error('pas de mot de passe administrateur à ce démarrage');
  expectStatus(await c.connecter('admin@convflux.local', provisoire), 201);
  expectStatus(
    await c.post('/api/moi/mot-de-passe', { actuel: provisoire, nouveau: MOT_DE_PASSE }),
    204,
  );
  return c;
}

export const MOT_DE_PASSE = 'un mot de passe assez long';

export function expectStatus(r: Reponse, status: number): void {
  if (r.status !== status)
    throw new Error(
      `statut ${String(r.status)} au lieu de ${String(status)} : ${JSON.stringify(r.body)}`,
    );
}

/**
 * A member of an organisation with the given permissions, signed in (its one-time password
 * changed). Creates the organisation if needed.
 */
export async function membre(
  s: Serveur,
  adm: Client,
  org: { type: 'bailleur' | 'reservataire' | 'epci'; identifiant: string; nom?: string },
  permissions: string[],
  email = `${org.identifiant}-${permissions.join('-')}-${randomBytes(3).toString('hex')}@exemple.fr`,
): Promise<Client> {
  const id = `${org.type}:${org.identifiant}`;
  const o = await adm.post('/api/organisations', { ...org, nom: org.nom ?? org.identifiant });
  if (o.status !== 201 && o.status !== 409) expectStatus(o, 201);
  const c = await adm.post<{ id: string; mot_de_passe_provisoire: string }>('/api/comptes', {
    email,
    nom: email,
  });
  expectStatus(c, 201);
  expectStatus(
    await adm.put(`/api/organisations/${id}/membres`, { compte_id: c.body.id, permissions }),
    200,
  );
  const client = new Client(s.url);
  expectStatus(await client.connecter(email, c.body.mot_de_passe_provisoire), 201);
  expectStatus(
    await client.post('/api/moi/mot-de-passe', {
      actuel: c.body.mot_de_passe_provisoire,
      nouveau: MOT_DE_PASSE,
    }),
    204,
  );
  return client;
}
