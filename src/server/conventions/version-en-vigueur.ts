/**
 * The version of a convention in force on a date: of the versions every party has signed by that
 * date (the signature tracking's entry into force, the library's `dateEntreeEnVigueur`), the one
 * that took effect last on or before it — versions ordered by `date_effet`, then number, as the
 * engine's convention index orders them. A draft (`projet`) or a text still to sign is never in
 * force, whatever its number.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { suiviSignatures } from './signatures.js';
import { dateEffetDuYaml, type VersionStockee } from './versions-stockees.js';

export interface VersionEnVigueur {
  version: number;
  /** The date of the last signature (AAAA-MM-JJ). */
  entree_en_vigueur: string;
  date_effet: string | null;
}

export async function versionEnVigueur(
  db: Kysely<Database>,
  versions: VersionStockee[],
  date: string,
): Promise<VersionEnVigueur | null> {
  const candidates: VersionEnVigueur[] = [];
  for (const v of versions) {
    const entree = (await suiviSignatures(db, v)).entree_en_vigueur;
    const effet = dateEffetDuYaml(v.yaml);
    if (entree !== null && entree <= date && (effet === null || effet <= date))
      candidates.push({ version: v.version, entree_en_vigueur: entree, date_effet: effet });
  }
  candidates.sort(
    (a, b) => (a.date_effet ?? '').localeCompare(b.date_effet ?? '') || a.version - b.version,
  );
  return candidates.at(-1) ?? null;
}
