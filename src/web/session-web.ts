/**
 * Who is visiting: the principal the service's `authentifier` found (session cookie), or a
 * redirect to the sign-in page (and to the password page while the one-time password stands).
 */
import type { Request, Response } from 'express';
import type { Principal } from '../server/auth/principal.js';

/** The signed-in principal, or undefined after redirecting (the handler then returns). */
export function exigerSession(req: Request, res: Response): Principal | undefined {
  const p = res.locals['principal'] as Principal | undefined;
  if (!p) {
    res.redirect(303, `/connexion?suite=${encodeURIComponent(req.originalUrl)}`);
    return undefined;
  }
  if (p.doit_changer && req.path !== '/mot-de-passe') {
    res.redirect(303, `/mot-de-passe?suite=${encodeURIComponent(req.originalUrl)}`);
    return undefined;
  }
  return p;
}

/** A local path to go back to after signing in (never another site). */
export function suiteSure(valeur: unknown): string {
  return typeof valeur === 'string' && /^\/(?![/\\])/.test(valeur) ? valeur : '/';
}
