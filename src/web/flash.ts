/**
 * A value shown once after a form (an API token, a one-time password, a calendar link): the POST
 * leaves it in the database under the visitor's session and redirects (Post/Redirect/Get); the
 * page that follows reads it once, whichever server process serves it. Reloading that page
 * shows it no more and re-sends nothing; it never travels in an address. The row is deleted as
 * it is read, expires after ten minutes, and is encrypted with a key derived from the session's
 * cookie, which the database never holds (a dump or another session cannot read it).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Principal } from '../server/auth/principal.js';
import { COOKIE_SESSION } from '../server/auth/sessions.js';
import { empreinteJeton } from '../server/auth/tokens.js';
import type { Contexte } from '../server/contexte.js';

/** How long a value waits for its page (the redirect follows at once). */
export const DUREE_FLASH_MS = 10 * 60_000;

interface Session {
  id: string;
  cle: Buffer;
}

/** The visitor's cookie session: its id in the database and the key of its values. */
function session(req: Request, res: Response): Session | undefined {
  const p = res.locals['principal'] as Principal | undefined;
  const cookies = req.cookies as Record<string, string | undefined> | undefined;
  const token = cookies?.[COOKIE_SESSION];
  if (p?.via !== 'session' || !token) return undefined;
  const cle = createHash('sha256').update(`convflux-flash\0${token}`).digest();
  return { id: empreinteJeton(token), cle };
}

function chiffrer(cle: Buffer, nom: string, valeur: unknown): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', cle, iv).setAAD(Buffer.from(nom));
  const corps = Buffer.concat([c.update(JSON.stringify(valeur), 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), corps]).toString('base64');
}

function dechiffrer(cle: Buffer, nom: string, texte: string): unknown {
  const b = Buffer.from(texte, 'base64');
  const d = createDecipheriv('aes-256-gcm', cle, b.subarray(0, 12)).setAAD(Buffer.from(nom));
  d.setAuthTag(b.subarray(12, 28));
  return JSON.parse(Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8'));
}

/** Keeps `valeur` for the next page of this session; false without a cookie session. */
export async function garderPourLaPageSuivante(
  ctx: Contexte,
  req: Request,
  res: Response,
  nom: string,
  valeur: unknown,
): Promise<boolean> {
  const s = session(req, res);
  if (!s) return false;
  const maintenant = ctx.maintenant();
  const db = ctx.base.db;
  await db.deleteFrom('flash').where('expire_le', '<=', maintenant.toISOString()).execute();
  const ligne = {
    valeur: chiffrer(s.cle, nom, valeur),
    expire_le: new Date(maintenant.getTime() + DUREE_FLASH_MS).toISOString(),
  };
  await db
    .insertInto('flash')
    .values({ session_id: s.id, nom, ...ligne })
    .onConflict((oc) => oc.columns(['session_id', 'nom']).doUpdateSet(ligne))
    .execute();
  return true;
}

/** The value kept for this session under `nom`, read once: the row goes as it is read. */
export async function lireUneFois(
  ctx: Contexte,
  req: Request,
  res: Response,
  nom: string,
): Promise<unknown> {
  const s = session(req, res);
  if (!s) return undefined;
  const ligne = await ctx.base.db
    .deleteFrom('flash')
    .where('session_id', '=', s.id)
    .where('nom', '=', nom)
    .returning(['valeur', 'expire_le'])
    .executeTakeFirst();
  if (!ligne || ligne.expire_le <= ctx.maintenant().toISOString()) return undefined;
  try {
    return dechiffrer(s.cle, nom, ligne.valeur);
  } catch {
    return undefined;
  }
}
