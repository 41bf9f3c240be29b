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

export async function fermerSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', empreinteJeton(token)).execute();
}

/** The account's memberships (read at every request: compiled once). */
const membres = requeteCompilee(
  (db: Kysely<Database>, compteId: string) =>
    db
      .selectFrom('membre')
      .innerJoin('organisation', 'organisation.id', 'membre.organisation_id')
      .select([
        'membre.organisation_id',
        'organisation.type',
        'organisation.identifiant',
        'organisation.nom',
        'membre.permissions',
      ])
      .where('membre.compte_id', '=', compteId),
  ['compte'],
);

async function appartenances(db: Kysely<Database>, compteId: string): Promise<Appartenance[]> {
  const rows = await membres(db, compteId);
  return rows.map((r) => ({
    organisation_id: r.organisation_id,
    type: r.type,
    identifiant: r.identifiant,
    nom: r.nom,
    permissions: parsePermissions(r.permissions),
  }));
}

interface Compte {
  id: string;
  email: string;
  admin: number;
  doit_changer: number;
}

export async function principalDe(
  db: Kysely<Database>,
  compteId: string,
  via: Principal['via'],
  csrf?: string,
): Promise<Principal | undefined> {
  const compte = await db
    .selectFrom('compte')
    .select(['id', 'email', 'admin', 'doit_changer'])
    .where('id', '=', compteId)
    .executeTakeFirst();
  return compte ? principalDuCompte(db, compte, via, csrf) : undefined;
}

/** The principal of an account row already read (its memberships are read here). */
async function principalDuCompte(
  db: Kysely<Database>,
  compte: Compte,
  via: Principal['via'],
  csrf?: string,
): Promise<Principal> {
  return {
    compte_id: compte.id,
    email: compte.email,
    admin: compte.admin === 1,
    doit_changer: compte.doit_changer === 1,
    appartenances: await appartenances(db, compte.id),
    via,
    ...(csrf !== undefined ? { csrf } : {}),
  };
}

/** The principal of a session cookie's token, if the session exists and has not expired. */
export async function principalSession(
  db: Kysely<Database>,
  token: string,
  maintenant: Date,
): Promise<Principal | undefined> {
  const s = await db
    .selectFrom('session')
    .select(['compte_id', 'csrf', 'expire_le'])
    .where('id', '=', empreinteJeton(token))
    .executeTakeFirst();
  if (!s || s.expire_le <= maintenant.toISOString()) return undefined;
  return principalDe(db, s.compte_id, 'session', s.csrf);
}

/** The token and its account in one query (every API request reads them: compiled once). */
const compteDuJeton = requeteCompilee(
  (db: Kysely<Database>, hash: string) =>
    db
      .selectFrom('jeton')
      .innerJoin('compte', 'compte.id', 'jeton.compte_id')
      .select(['compte.id', 'compte.email', 'compte.admin', 'compte.doit_changer'])
      .where('jeton.hash', '=', hash)
      .where('jeton.revoque_le', 'is', null),
  ['empreinte'],
);

/** The principal of an API token (`Authorization: Bearer …`), unless revoked. */
export async function principalJeton(
  db: Kysely<Database>,
  token: string,
): Promise<Principal | undefined> {
  const [compte] = await compteDuJeton(db, empreinteJeton(token));
  return compte ? principalDuCompte(db, compte, 'jeton') : undefined;
}
