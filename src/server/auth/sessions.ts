/**
 * Sessions live in the database (any server process behind the load balancer reads them): the
 * cookie holds a random token, the table its SHA-256, with the session's CSRF token and expiry.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { aleatoire } from './passwords.js';
import type { Appartenance, Principal } from './principal.js';
import { parsePermissions } from './permissions.js';
import { requeteCompilee } from './requete-compilee.js';
import { empreinteJeton } from './tokens.js';

export const COOKIE_SESSION = 'convflux_session';
/** A session lasts 12 hours. */
export const DUREE_SESSION_MS = 12 * 3600 * 1000;

export async function ouvrirSession(
  db: Kysely<Database>,
  compteId: string,
  maintenant: Date,
): Promise<{ token: string; csrf: string }> {
  const token = aleatoire(32);
  const csrf = aleatoire(24);
  await db
    .insertInto('session')
    .values({
      id: empreinteJeton(token),
      compte_id: compteId,
      csrf,
      expire_le: new Date(maintenant.getTime() + DUREE_SESSION_MS).toISOString(),
      cree_le: maintenant.toISOString(),
    })
    .execute();
  return { token, csrf };
}

/**
 * Signs a session out: its row, and the values a form left for its next page (`flash`, keyed by
 * the same SHA-256), which nobody can read any more and would otherwise wait for their expiry.
 */
export async function fermerSession(db: Kysely<Database>, token: string): Promise<void> {
  const id = empreinteJeton(token);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('flash').where('session_id', '=', id).execute();
    await trx.deleteFrom('session').where('id', '=', id).execute();
  });
}

/**
 * The account and its memberships in one query (every request reads them: compiled once, nothing
 * kept, so that a revoked token, a closed session or a withdrawn permission is refused by every
 * process at its next request). One row per membership, or one with null membership columns.
 */
export const avecAppartenances = (db: Kysely<Database>) =>
  db
    .selectFrom('compte')
    .leftJoin('membre', 'membre.compte_id', 'compte.id')
    .leftJoin('organisation', 'organisation.id', 'membre.organisation_id')
    .select([
      'compte.id',
      'compte.email',
      'compte.admin',
      'compte.doit_changer',
      'membre.organisation_id',
      'organisation.type',
      'organisation.identifiant',
      'organisation.nom',
      'membre.permissions',
    ])
    .orderBy('membre.organisation_id');

export type Ligne = Awaited<ReturnType<ReturnType<typeof avecAppartenances>['execute']>>[number];

/** The principal of the rows of `avecAppartenances` (undefined: no account). */
export function principalDesLignes(
  rows: readonly Ligne[],
  via: Principal['via'],
  csrf?: string,
): Principal | undefined {
  const compte = rows[0];
  if (!compte) return undefined;
  const appartenances: Appartenance[] = [];
  for (const r of rows)
    if (r.organisation_id !== null && r.type !== null && r.identifiant !== null)
      appartenances.push({
        organisation_id: r.organisation_id,
        type: r.type,
        identifiant: r.identifiant,
        nom: r.nom ?? '',
        permissions: parsePermissions(r.permissions ?? ''),
      });
  return {
    compte_id: compte.id,
    email: compte.email,
    admin: compte.admin === 1,
    doit_changer: compte.doit_changer === 1,
    appartenances,
    via,
    ...(csrf !== undefined ? { csrf } : {}),
  };
}

const duCompte = requeteCompilee(
  (db: Kysely<Database>, compteId: string) =>
    avecAppartenances(db).where('compte.id', '=', compteId),
  ['compte'],
);

/** The principal of an account (one query). */
export async function principalDe(
  db: Kysely<Database>,
  compteId: string,
  via: Principal['via'],
  csrf?: string,
): Promise<Principal | undefined> {
  return principalDesLignes(await duCompte(db, compteId), via, csrf);
}

/** The rows of a session (`id`: the SHA-256 of its cookie's token), with its CSRF token and expiry. */
export const requeteSession = (db: Kysely<Database>, id: string) =>
  avecAppartenances(db)
    .innerJoin('session', 'session.compte_id', 'compte.id')
    .select(['session.csrf', 'session.expire_le'])
    .where('session.id', '=', id);

const deLaSession = requeteCompilee(requeteSession, ['session']);

/** The principal of a session's rows (`requeteSession`), unless it has expired. */
export function principalDeLaSession(
  rows: readonly (Ligne & { csrf: string; expire_le: string })[],
  maintenant: Date,
): Principal | undefined {
  const s = rows[0];
  if (!s || s.expire_le <= maintenant.toISOString()) return undefined;
  return principalDesLignes(rows, 'session', s.csrf);
}

/** The principal of a session cookie's token, if the session exists and has not expired. */
export async function principalSession(
  db: Kysely<Database>,
  token: string,
  maintenant: Date,
): Promise<Principal | undefined> {
  return principalDeLaSession(await deLaSession(db, empreinteJeton(token)), maintenant);
}

/** The rows of an API token (`hash`: its SHA-256) unless revoked. */
export const requeteJeton = (db: Kysely<Database>, hash: string) =>
  avecAppartenances(db)
    .innerJoin('jeton', 'jeton.compte_id', 'compte.id')
    .where('jeton.hash', '=', hash)
    .where('jeton.revoque_le', 'is', null);

const duJeton = requeteCompilee(requeteJeton, ['empreinte']);

/** The principal of an API token (`Authorization: Bearer …`), unless revoked: one query. */
export async function principalJeton(
  db: Kysely<Database>,
  token: string,
): Promise<Principal | undefined> {
  return principalDesLignes(await duJeton(db, empreinteJeton(token)), 'jeton');
}
