/**
 * The service keeps conventions in the database; the library reads them in the CLI's layout. For
 * a check, a render, a diff or an avenant, the versions at stake are written in a temporary
 * `rules/` tree and the same library function as the CLI's is called on it (cwd = that `rules/`,
 * so that every diagnostic names the file `conventions/<dép>/<SIREN>/<réservataire>/v<N>.yaml`).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** What places a version in the layout, and its text. */
export interface VersionRangee {
  departement: string;
  bailleur: string;
  reservataire: string;
  version: number;
  yaml: string;
}

/** The version's path in a `rules/` tree (the name every diagnostic and export uses). */
export function cheminRegles(v: Omit<VersionRangee, 'yaml'>): string {
  return `conventions/${v.departement}/${v.bailleur}/${v.reservataire}/v${String(v.version)}.yaml`;
}

export interface Arbre {
  /** The temporary `rules/` folder (the cwd of the library calls). */
  rules: string;
  close(): void;
}

/** Writes the versions in a fresh temporary `rules/` tree. */
export function arbreTemporaire(versions: readonly VersionRangee[]): Arbre {
  const dossier = mkdtempSync(join(tmpdir(), 'convflux-conv-'));
  const rules = join(dossier, 'rules');
  try {
    mkdirSync(rules);
    for (const v of versions) {
      const file = join(rules, cheminRegles(v));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, v.yaml);
    }
  } catch (e) {
    rmSync(dossier, { recursive: true, force: true });
    throw e;
  }
  return {
    rules,
    close: () => {
      rmSync(dossier, { recursive: true, force: true });
    },
  };
}

/** Every stored version of a bailleur in a département (the context `check` reads). */
export async function versionsDuBailleur(
  db: Kysely<Database>,
  departement: string,
  bailleur: string,
): Promise<VersionRangee[]> {
  return db
    .selectFrom('convention_version')
    .select(['departement', 'bailleur', 'reservataire', 'version', 'yaml'])
    .where('departement', '=', departement)
    .where('bailleur', '=', bailleur)
    .execute();
}

/** Runs `f` on a temporary tree of the versions, then removes it. */
export async function avecArbre<T>(
  versions: readonly VersionRangee[],
  f: (a: Arbre) => Promise<T>,
): Promise<T> {
  const a = arbreTemporaire(versions);
  try {
    return await f(a);
  } finally {
    a.close();
  }
}
