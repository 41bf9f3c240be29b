/**
 * Finds who makes the request (session cookie or API token) and enforces CSRF on cookie
 * sessions: an unsafe method must carry the session's token in `X-CSRF-Token` (or a form's
 * `_csrf` field; a multipart form's `?_csrf=`). API tokens are not sent by browsers on their
 * own, so they need none.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Principal } from '../auth/principal.js';
import { COOKIE_SESSION, principalJeton, principalSession } from '../auth/sessions.js';
import type { Contexte } from '../contexte.js';
import { ErreurHttp } from './erreur-http.js';

const SURES = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearer(req: Request): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

function csrfRecu(req: Request): unknown {
  const body: unknown = req.body;
  const champ =
    typeof body === 'object' && body !== null && '_csrf' in body ? body._csrf : undefined;
  return req.get('x-csrf-token') ?? champ ?? csrfMultipart(req);
}

/**
 * A file form posted without JavaScript (multipart, whose body is read after this check) carries
 * the token in its action's query string instead.
 */
function csrfMultipart(req: Request): unknown {
  return req.is('multipart/form-data') ? req.query['_csrf'] : undefined;
}

export function authentifier(ctx: Contexte): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = bearer(req);
    const cookies = req.cookies as Record<string, string | undefined> | undefined;
    const cookie = cookies?.[COOKIE_SESSION];
    const p = token
      ? await principalJeton(ctx.base.db, token)
      : cookie
        ? await principalSession(ctx.base.db, cookie, ctx.maintenant())
        : undefined;
    if (p?.via === 'session' && !SURES.has(req.method) && csrfRecu(req) !== p.csrf) {
      next(new ErreurHttp(403, 'SERVICE_CSRF'));
      return;
    }
    res.locals['principal'] = p;
    next();
  };
}

/** The principal of the request, or 401. Accounts with a one-time password must change it first. */
export function principal(res: Response, o: { motDePasseAChanger?: boolean } = {}): Principal {
  const p = res.locals['principal'] as Principal | undefined;
  if (!p) throw new ErreurHttp(401, 'SERVICE_NON_AUTHENTIFIE');
  if (p.doit_changer && !o.motDePasseAChanger)
    throw new ErreurHttp(403, 'SERVICE_MOT_DE_PASSE_A_CHANGER');
  return p;
}
