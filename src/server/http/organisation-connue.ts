/**
 * An organisation named in a path (`/bailleurs/:siren`, `/epci/:siren`, `/reservataires/:rid`)
 * that the service does not know answers 404, to administrators too (who see everything that
 * exists): without it an administrator's call would read empty figures of a bailleur that does
 * not exist, or write an import or an event under it. An organisation is known when it has its
 * row, or data held under its identifier (flats, conventions, cotation grids). Members need no
 * check: `exiger` already answers 404 for an organisation they do not belong to.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Contexte } from '../contexte.js';
import { introuvable } from './acces.js';
import { principal } from './authentifier.js';

type Type = 'bailleur' | 'reservataire' | 'epci';

async function connue(ctx: Contexte, type: Type, id: string): Promise<boolean> {
  const db = ctx.base.db;
  const org = await db
    .selectFrom('organisation')
    .select('id')
    .where('id', '=', `${type}:${id}`)
    .executeTakeFirst();
  if (org) return true;
  if (type === 'epci')
    return !!(await db
      .selectFrom('grille_cotation')
      .select('epci')
      .where('epci', '=', id)
      .executeTakeFirst());
  const convention = await db
    .selectFrom('convention_version')
    .select('id')
    .where(type === 'bailleur' ? 'bailleur' : 'reservataire', '=', id)
    .executeTakeFirst();
  if (convention || type === 'reservataire') return !!convention;
  return !!(await db
    .selectFrom('logement')
    .select('id')
    .where('bailleur', '=', id)
    .executeTakeFirst());
}

/** Middleware for paths whose parameter `param` names an organisation of `type`. */
export function organisationConnue(ctx: Contexte, type: Type, param: string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const p = principal(res, { motDePasseAChanger: true });
    if (!p.admin) {
      next();
      return;
    }
    connue(ctx, type, String(req.params[param]))
      .then((ok) => {
        next(ok ? undefined : introuvable(req));
      })
      .catch(next);
  };
}
