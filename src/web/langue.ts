/**
 * The pages' language: French first, English when asked (`?lang=en`, remembered in a cookie),
 * whatever the browser prefers. The API is called in the same language.
 */
import type { Request, Response } from 'express';
import type { Lang } from '../diagnostics/diagnostic.js';

export const COOKIE_LANGUE = 'convflux_lang';

export function langue(req: Request, res?: Response): Lang {
  const demandee = typeof req.query['lang'] === 'string' ? req.query['lang'] : undefined;
  if (demandee === 'fr' || demandee === 'en') {
    res?.cookie(COOKIE_LANGUE, demandee, { sameSite: 'lax', path: '/', httpOnly: true });
    return demandee;
  }
  const cookies = req.cookies as Record<string, string | undefined> | undefined;
  const cookie = cookies?.[COOKIE_LANGUE];
  return cookie === 'en' ? 'en' : 'fr';
}
