/**
 * Finds who makes the request (session cookie or API token) and enforces CSRF on cookie
 * sessions: an unsafe method must carry the session's token in `X-CSRF-Token` (or a form's
 * `_csrf` field; a multipart form's `?_csrf=`). API tokens are not sent by browsers on their
 * own, so they need none.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Principal } from '../auth/principal.js';
import { COOKIE_SESSION, principalJeton, principalSession } from '../auth/sessions.js';
import { principalJetonGroupe, principalSessionGroupe } from '../auth/principaux-groupes.js';
import type { Contexte } from '../contexte.js';
import { optionnel } from '../flux/parametres-figures.js';
import { principalEtVersion, type Qui } from '../flux/principal-et-version.js';
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

/** The API token or the session cookie's token the request carries. */
function qui(req: Request, ctx: Contexte): Qui | undefined {
  const jeton = bearer(req);
  if (jeton) return { jeton };
  const cookies = req.cookies as Record<string, string | undefined> | undefined;
  const session = cookies?.[COOKIE_SESSION];
  return session ? { session, maintenant: ctx.maintenant() } : undefined;
}

/** Keeps the principal for the routes, after the CSRF check of a cookie session's unsafe request. */
function retenir(req: Request, res: Response, next: NextFunction, p: Principal | undefined): void {
  if (p?.via === 'session' && !SURES.has(req.method) && csrfRecu(req) !== p.csrf) {
    next(new ErreurHttp(403, 'SERVICE_CSRF'));
    return;
  }
  sansChampCsrf(req);
  res.locals['principal'] = p;
  next();
}

/**
 * The form's `_csrf` field has done its work: the route reads the fields of its own schema, which
 * has no `_csrf` (a form with its token answered 400 « champ inconnu » after passing the check).
 */
function sansChampCsrf(req: Request): void {
  const body: unknown = req.body;
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && '_csrf' in body)
    delete (body as Record<string, unknown>)['_csrf'];
}

export function authentifier(ctx: Contexte): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    // Already read, with the figures' version (`authentifierAvecVersion`).
    if ('principal' in res.locals) {
      next();
      return;
    }
    const q = qui(req, ctx);
    retenir(req, res, next, q ? await lirePrincipal(ctx, q) : undefined);
  };
}

/** PostgreSQL: with the requests that arrived together, in one round trip (`principaux-groupes`). */
function lirePrincipal(ctx: Contexte, q: Qui): Promise<Principal | undefined> {
  const { db, dialecte } = ctx.base;
  const groupe = dialecte === 'postgres';
  if ('jeton' in q) return (groupe ? principalJetonGroupe : principalJeton)(db, q.jeton);
  return (groupe ? principalSessionGroupe : principalSession)(db, q.session, q.maintenant);
}

/**
 * For the live figures of a bailleur × département (`:siren`, `:dep`; not as of a past moment,
 * `au=`): the principal and the figures' data version in one statement (`principalEtVersion`),
 * the version kept for the route (`versionLue`). Before `authentifier`, which then reads nothing.
 */
export function authentifierAvecVersion(ctx: Contexte): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const q = qui(req, ctx);
    if (!q || optionnel(req, 'au') !== undefined) {
      next();
      return;
    }
    const bailleur = String(req.params['siren']);
    const departement = String(req.params['dep']);
    const r = await principalEtVersion(ctx.base.db, q, bailleur, departement);
    if (r.version !== undefined)
      res.locals[VERSION_LUE] = { bailleur, departement, version: r.version };
    retenir(req, res, next, r.principal);
  };
}

const VERSION_LUE = 'versionFigures';

/** The data version of the figures of `bailleur` × `departement` read with the principal, if it was. */
export function versionLue(
  res: Response,
  bailleur: string,
  departement: string,
): string | undefined {
  const v = res.locals[VERSION_LUE] as
    { bailleur: string; departement: string; version: string } | undefined;
  return v?.bailleur === bailleur && v.departement === departement ? v.version : undefined;
}

/** The principal of the request, or 401. Accounts with a one-time password must change it first. */
export function principal(res: Response, o: { motDePasseAChanger?: boolean } = {}): Principal {
  const p = res.locals['principal'] as Principal | undefined;
  if (!p) throw new ErreurHttp(401, 'SERVICE_NON_AUTHENTIFIE');
  if (p.doit_changer && !o.motDePasseAChanger)
    throw new ErreurHttp(403, 'SERVICE_MOT_DE_PASSE_A_CHANGER');
  return p;
}
