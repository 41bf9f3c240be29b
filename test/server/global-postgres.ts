/**
 * Vitest global set-up: one private PostgreSQL for the whole run (each server test creates its
 * own database in it). Started for every run: the server suite never skips PostgreSQL.
 */
import type { TestProject } from 'vitest/node';
import { demarrerPostgresLocal } from '../../src/server/db/postgres-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const pg = await demarrerPostgresLocal();
  project.provide('postgresUrl', pg.url);
  return () => {
    pg.stop();
  };
}
