/**
 * The live figures of a bailleur × département in one round trip: the principal of the request
 * (API token or session, read as `sessions.ts` reads it — nothing cached, so a revoked token or a
 * closed session is refused by every process at its next request) and, in the same statement,
 * the data version of the figures (`expressionVersion`), which the figures' cache compares with
 * the version of what it holds.
 */
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { requeteCompilee } from '../auth/requete-compilee.js';
import {
  principalDeLaSession,
  principalDesLignes,
  requeteJeton,
  requeteSession,
} from '../auth/sessions.js';
import { empreinteJeton } from '../auth/tokens.js';
import type { Database } from '../db/schema.js';
import { expressionVersion } from './figures.js';

const avecVersion = (db: Kysely<Database>, bailleur: string, departement: string) =>
  expressionVersion(db, { bailleur, departement }).as('version_figures');

const jetonEtVersion = requeteCompilee(
  (db: Kysely<Database>, bailleur: string, departement: string, hash: string) =>
    requeteJeton(db, hash).select(avecVersion(db, bailleur, departement)),
  ['bailleur', 'departement', 'empreinte'],
);

const sessionEtVersion = requeteCompilee(
  (db: Kysely<Database>, bailleur: string, departement: string, id: string) =>
    requeteSession(db, id).select(avecVersion(db, bailleur, departement)),
  ['bailleur', 'departement', 'session'],
);

/** Who calls: an API token, or a session cookie's token read at `maintenant`. */
export type Qui = { jeton: string } | { session: string; maintenant: Date };

export interface PrincipalEtVersion {
  principal: Principal | undefined;
  /** The figures' data version (undefined when no principal: nothing is answered). */
  version: string | undefined;
}

/** The principal and the data version of the figures of `bailleur` × `departement` (today's log). */
export async function principalEtVersion(
  db: Kysely<Database>,
  qui: Qui,
  bailleur: string,
  departement: string,
): Promise<PrincipalEtVersion> {
  if ('jeton' in qui) {
    const rows = await jetonEtVersion(db, bailleur, departement, empreinteJeton(qui.jeton));
    return { principal: principalDesLignes(rows, 'jeton'), version: rows[0]?.version_figures };
  }
  const rows = await sessionEtVersion(db, bailleur, departement, empreinteJeton(qui.session));
  const principal = principalDeLaSession(rows, qui.maintenant);
  return { principal, version: principal ? rows[0]?.version_figures : undefined };
}
