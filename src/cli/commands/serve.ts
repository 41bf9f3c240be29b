import { resolve } from 'node:path';
import { DatabaseSetupError } from '../../server/db/open-database.js';
import { demarrer } from '../../server/serve.js';
import { UsageError, type CommandIo } from '../io.js';
import type { Flags } from '../main.js';

export interface ServeFlags {
  data?: string;
  port?: string;
  host?: string;
  database?: string;
  exemple?: boolean;
}

function port(text: string | undefined): number {
  if (text === undefined) return 3000;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535)
    throw new UsageError(
      `--port attend un numéro de port entre 0 et 65535 (reçu : ${text})`,
      `--port expects a port number between 0 and 65535 (got: ${text})`,
    );
  return n;
}

/** Resolves when the process is asked to stop (SIGINT, SIGTERM), after closing the service. */
function attendreArret(close: () => Promise<void>): Promise<number> {
  return new Promise((done) => {
    const stop = () => {
      void close().then(() => {
        done(0);
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** `convflux serve`: the shared service, until SIGINT/SIGTERM (exit 0); set-up problems exit 2. */
export async function runServe(
  rest: string[],
  f: ServeFlags,
  _flags: Flags,
  io: CommandIo,
): Promise<number> {
  if (rest.length)
    throw new UsageError(
      `serve : argument inattendu « ${rest[0] ?? ''} »`,
      `serve: unexpected argument "${rest[0] ?? ''}"`,
    );
  const database = f.database ?? process.env['DATABASE_URL'];
  try {
    const service = await demarrer({
      data: resolve(io.cwd, f.data ?? 'convflux-data'),
      port: port(f.port),
      host: f.host ?? '127.0.0.1',
      ...(database ? { database } : {}),
      ...(f.exemple ? { exemple: true } : {}),
      log: io.out,
    });
    return await attendreArret(() => service.close());
  } catch (e) {
    if (e instanceof DatabaseSetupError)
      throw new UsageError(
        `serve : impossible de démarrer (${e.message})`,
        `serve: cannot start (${e.en})`,
      );
    if (e instanceof Error && 'code' in e)
      throw new UsageError(
        `serve : impossible de démarrer (${e.message})`,
        `serve: cannot start (${e.message})`,
      );
    throw e;
  }
}
