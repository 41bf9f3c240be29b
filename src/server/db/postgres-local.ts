/**
 * A private PostgreSQL instance for the tests and the benchmarks: a new cluster in a temporary
 * folder (Debian's `postgresql` binaries, /usr/lib/postgresql/<version>/bin), listening on
 * loopback on a free port, trust authentication, stopped at the end. When run as root, the
 * cluster belongs to the `postgres` user (PostgreSQL refuses to run as root).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresLocal {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`. */
  url: string;
  port: number;
  stop(): void;
}

/** The folder of Debian's PostgreSQL server binaries (the newest version), if installed. */
export function binairesPostgres(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

export const INSTALLER_POSTGRES = 'sudo apt-get install -y postgresql';

function portLibre(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => {
        resolve(port);
      });
    });
  });
}

function commeProprietaire(bin: string, args: string[], root: boolean): void {
  const cmd = root ? 'runuser' : bin;
  const argv = root ? ['-u', 'postgres', '--', bin, ...args] : args;
  execFileSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
}

export async function demarrerPostgresLocal(): Promise<PostgresLocal> {
  const bin = binairesPostgres();
  if (!bin)
    throw new Error(
      `PostgreSQL n’est pas installé (aucun initdb sous /usr/lib/postgresql) : ${INSTALLER_POSTGRES}`,
    );
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'convflux-pg-'));
  chmodSync(dir, 0o700);
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  commeProprietaire(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'],
    root,
  );
  const port = await portLibre();
  const opts = `-p ${String(port)} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=300`;
  commeProprietaire(
    join(bin, 'pg_ctl'),
    ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start'],
    root,
  );
  return {
    url: `postgres://postgres@127.0.0.1:${String(port)}/postgres`,
    port,
    stop: () => {
      try {
        commeProprietaire(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], root);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
