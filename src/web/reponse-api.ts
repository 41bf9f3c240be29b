/**
 * What a page does with the API's answer when it is not the expected one: signed out → the
 * sign-in page; 404 and 403 → the same HTML pages for everyone (they leak nothing more than the
 * API did); anything else → the error page. Returns the body when the status is a success.
 */
import type { Request, Response } from 'express';
import type { ReponseApi } from './api-interne.js';
import { pageErreur } from './routes-web.js';

export function corpsOuPage<T>(req: Request, res: Response, rep: ReponseApi<T>): T | undefined {
  if (rep.status >= 200 && rep.status < 300) return rep.body;
  if (rep.status === 401)
    res.redirect(303, `/connexion?suite=${encodeURIComponent(req.originalUrl)}`);
  else pageErreur(req, res, rep.status === 404 || rep.status === 403 ? rep.status : 500);
  return undefined;
}
