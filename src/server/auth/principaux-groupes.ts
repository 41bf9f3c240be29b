/**
 * PostgreSQL: the principals of the requests that arrived together (API tokens, session cookies)
 * read by one statement (`lectureGroupee`), the same reading as `principalJeton` and
 * `principalSession` (nothing kept: a revoked token or a closed session is refused by every
 * process at its next request). On SQLite each request reads its own (no round trip to save).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { lectureGroupee, type Lecture } from './lecture-groupee.js';
import type { Principal } from './principal.js';
import { requeteCompilee } from './requete-compilee.js';
import {
  avecAppartenances,
  principalDeLaSession,
  principalDesLignes,
  type Ligne,
} from './sessions.js';
import { empreinteJeton } from './tokens.js';

const EXEMPLE: readonly string[] = ['exemple'];

const desJetons = requeteCompilee(
  (db: Kysely<Database>, hashes: readonly string[]) =>
    avecAppartenances(db)
      .innerJoin('jeton', 'jeton.compte_id', 'compte.id')
      .select('jeton.hash as cle')
      .where(sql<boolean>`jeton.hash = any(${hashes})`)
      .where('jeton.revoque_le', 'is', null),
  [EXEMPLE],
);

const desSessions = requeteCompilee(
  (db: Kysely<Database>, ids: readonly string[]) =>
    avecAppartenances(db)
      .innerJoin('session', 'session.compte_id', 'compte.id')
      .select(['session.id as cle', 'session.csrf', 'session.expire_le'])
      .where(sql<boolean>`session.id = any(${ids})`),
  [EXEMPLE],
);

/** The rows of each key, in the query's order. */
function parCle<L extends { cle: string }>(rows: readonly L[]): Map<string, L[]> {
  const m = new Map<string, L[]>();
  for (const r of rows) {
    const l = m.get(r.cle);
    if (l) l.push(r);
    else m.set(r.cle, [r]);
  }
  return m;
}

/** One grouped reader per database (a Kysely instance). */
function parBase<L>(
  requete: (db: Kysely<Database>, cles: readonly string[]) => Promise<(L & { cle: string })[]>,
): (db: Kysely<Database>, cle: string) => Promise<L[]> {
  const lecteurs = new WeakMap<Kysely<Database>, (cle: string) => Promise<L[] | undefined>>();
  return async (db, cle) => {
    let lire = lecteurs.get(db);
    if (!lire) {
      const lecture: Lecture<string, L[]> = async (cles) => parCle(await requete(db, [...cles]));
      lire = lectureGroupee(lecture);
      lecteurs.set(db, lire);
    }
    return (await lire(cle)) ?? [];
  };
}

const lignesJeton = parBase<Ligne>(desJetons);
const lignesSession = parBase<Ligne & { csrf: string; expire_le: string }>(desSessions);

/** The principal of an API token, unless revoked (`principalJeton`), read with the others. */
export async function principalJetonGroupe(
  db: Kysely<Database>,
  token: string,
): Promise<Principal | undefined> {
  return principalDesLignes(await lignesJeton(db, empreinteJeton(token)), 'jeton');
}

/** The principal of a session cookie's token (`principalSession`), read with the others. */
export async function principalSessionGroupe(
  db: Kysely<Database>,
  token: string,
  maintenant: Date,
): Promise<Principal | undefined> {
  return principalDeLaSession(await lignesSession(db, empreinteJeton(token)), maintenant);
}
