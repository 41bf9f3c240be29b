/**
 * A secret shown once after a form (an API token, a one-time password): the POST keeps it here,
 * server-side, under the visitor's session, and redirects (Post/Redirect/Get); the page that
 * follows reads it once. Reloading that page shows it no more and re-sends nothing; it never
 * travels in an address. In the process's memory: a restart forgets it (the person makes another).
 */
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import type { Principal } from '../server/auth/principal.js';

/** How long a secret waits for its page (the redirect follows at once). */
const DUREE_MS = 5 * 60_000;

const secrets = new Map<string, { valeur: unknown; expire: number }>();

/** The session's key: a digest of its CSRF token (one per session, never stored in clear here). */
function cle(res: Response, nom: string): string | undefined {
  const csrf = (res.locals['principal'] as Principal | undefined)?.csrf;
  return csrf ? `${createHash('sha256').update(csrf).digest('hex')}:${nom}` : undefined;
}

function oublierExpires(maintenant: number): void {
  for (const [k, v] of secrets) if (v.expire <= maintenant) secrets.delete(k);
}

/** Keeps `valeur` for the next page of this session; false without a cookie session. */
export function garderPourLaPageSuivante(res: Response, nom: string, valeur: unknown): boolean {
  const k = cle(res, nom);
  if (!k) return false;
  const maintenant = Date.now();
  oublierExpires(maintenant);
  secrets.set(k, { valeur, expire: maintenant + DUREE_MS });
  return true;
}

/** The value kept for this session under `nom`, read once (then forgotten). */
export function lireUneFois(res: Response, nom: string): unknown {
  const k = cle(res, nom);
  if (!k) return undefined;
  const v = secrets.get(k);
  secrets.delete(k);
  return v && v.expire > Date.now() ? v.valeur : undefined;
}
