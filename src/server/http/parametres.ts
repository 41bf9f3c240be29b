/** Query parameters read once, checked, with a diagnostic naming the parameter when wrong. */
import type { Request } from 'express';
import { isIsoDate } from '../../convention/calendar.js';
import { ErreurHttp, langue } from './erreur-http.js';

export function parametre(req: Request, nom: string): string | undefined {
  const v: unknown = req.query[nom];
  return typeof v === 'string' ? v : undefined;
}

/** `?nom=AAAA-MM-JJ`, or the default when absent. */
export function parametreDate(req: Request, nom: string, defaut: string): string {
  const v = parametre(req, nom);
  if (v === undefined) return defaut;
  if (!isIsoDate(v))
    throw new ErreurHttp(400, 'SERVICE_DATE_INVALIDE', { parametre: nom, valeur: v });
  return v;
}

/** `?nom=N`, an integer in [min, max], or undefined when absent. */
export function parametreEntier(
  req: Request,
  nom: string,
  min: number,
  max: number,
): number | undefined {
  const v = parametre(req, nom);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ErreurHttp(400, 'SERVICE_PARAMETRE_INVALIDE', {
      parametre: nom,
      attendu:
        langue(req) === 'en'
          ? `an integer from ${String(min)} to ${String(max)}`
          : `un entier de ${String(min)} à ${String(max)}`,
    });
  return n;
}

/** `?nom=…` required; `attendu` says what, in French and in English. */
export function parametreRequis(
  req: Request,
  nom: string,
  attendu: { fr: string; en: string },
): string {
  const v = parametre(req, nom);
  if (v === undefined || v === '')
    throw new ErreurHttp(400, 'SERVICE_PARAMETRE_INVALIDE', {
      parametre: nom,
      attendu: attendu[langue(req)],
    });
  return v;
}
