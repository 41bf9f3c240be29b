/**
 * The specs of every route of the service, without a server: the application is built on a
 * context whose database has nothing to connect to (building the routers declares the routes and queries
 * nothing), then `routesDeclarees()` lists them.
 */
import { Kysely, SqliteDialect } from 'kysely';
import type { Contexte } from '../contexte.js';
import type { Database } from '../db/schema.js';
import { routesDeclarees, type RouteSpec } from '../http/route.js';

/** A Kysely whose every query fails: it has no database to connect to. */
function sansBase(): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new SqliteDialect({
      database: () =>
        Promise.reject(
          new Error(
            'routesDuService : aucune base ; une route ne doit interroger la base qu’à la requête',
          ),
        ),
    }),
  });
}

/** Loads the server's modules only when called: importing the library does not start them. */
export async function routesDuService(): Promise<readonly RouteSpec[]> {
  const { creerApplication } = await import('../app.js');
  const ctx: Contexte = {
    base: {
      db: sansBase(),
      dialecte: 'sqlite',
      description: 'aucune (description des routes)',
      close: () => Promise.resolve(),
    },
    maintenant: () => new Date(0),
    cookiesSecurises: false,
  };
  creerApplication(ctx);
  return routesDeclarees();
}
