/** The stored convention versions: read one as its caller may see it, file a checked one. */
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { donneesYaml } from '../../source/yaml-lib.js';
import type { Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import type { ConventionVersionTable, Database } from '../db/schema.js';
import { exiger, introuvable } from '../http/acces.js';
import type { Ressource } from '../policy.js';
import { cheminRegles } from './arbre-temporaire.js';
import type { Place } from './depot.js';

export type VersionStockee = Selectable<ConventionVersionTable>;

export const sha256 = (b: string | Uint8Array): string =>
  createHash('sha256').update(b).digest('hex');

export function ressourceConvention(v: { bailleur: string; reservataire: string }): Ressource {
  return { type: 'convention', bailleur: v.bailleur, reservataire: v.reservataire };
}

/** `:v` of a path: a positive integer, else the version does not exist (404). */
export function numeroVersion(req: Request): number | undefined {
  const v = String(req.params['v']);
  return /^[1-9][0-9]{0,8}$/.test(v) ? Number(v) : undefined;
}

/** The versions of a convention, oldest first. */
export function versionsDe(db: Kysely<Database>, cid: string): Promise<VersionStockee[]> {
  return db
    .selectFrom('convention_version')
    .selectAll()
    .where('convention_id', '=', cid)
    .orderBy('version')
    .execute();
}

/**
 * A version of `:cid` the principal may act on with `permission`: 404 when it does not exist or
 * is not visible (nothing says which), 403 when visible but the action is not allowed.
 */
export async function versionAutorisee(
  req: Request,
  db: Kysely<Database>,
  p: Principal,
  permission: Permission,
  version: number | undefined = numeroVersion(req),
): Promise<VersionStockee> {
  if (version === undefined) throw introuvable(req);
  const v = await db
    .selectFrom('convention_version')
    .selectAll()
    .where('convention_id', '=', String(req.params['cid']))
    .where('version', '=', version)
    .executeTakeFirst();
  if (!v) throw introuvable(req);
  exiger(req, p, permission, ressourceConvention(v));
  return v;
}

/** Sealed: frozen or signed (the check requires their `empreinte`): never changed again. */
export const scellee = (v: { statut: string }): boolean => v.statut !== 'projet';

/** The text's `date_effet` (AAAA-MM-JJ), or null when it does not read as one. */
export function dateEffetDuYaml(yaml: string): string | null {
  try {
    const d = (donneesYaml(yaml) as { date_effet?: unknown } | null)?.date_effet;
    return typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null;
  } catch {
    return null;
  }
}

/** What the API says of a version (its text is served apart, as YAML). */
export function descriptionVersion(v: VersionStockee) {
  return {
    id: v.id,
    convention_id: v.convention_id,
    version: v.version,
    departement: v.departement,
    bailleur: v.bailleur,
    reservataire: v.reservataire,
    statut: v.statut,
    date_effet: dateEffetDuYaml(v.yaml),
    scellee: scellee(v),
    sha256: v.sha256,
    fichier: cheminRegles(v),
    cree_le: v.cree_le,
    modifie_le: v.modifie_le,
  };
}

/** Files a new version (its check passed). */
export async function insererVersion(
  tx: Transaction<Database>,
  place: Place,
  yaml: string,
  qui: string,
  quand: string,
): Promise<void> {
  await tx
    .insertInto('convention_version')
    .values({
      id: `${place.id}/v${String(place.version)}`,
      convention_id: place.id,
      version: place.version,
      departement: place.departement,
      bailleur: place.bailleur,
      reservataire: place.reservataire,
      statut: place.statut,
      yaml,
      sha256: sha256(yaml),
      cree_le: quand,
      cree_par: qui,
      modifie_le: quand,
    })
    .execute();
}
