/**
 * The query parameters of the figures routes (`annee`, `date`, `au`), checked before anything is
 * read, and what a réservataire may see of an evaluation.
 */
import type { Request } from 'express';
import { isIsoDate } from '../../convention/calendar.js';
import { messageDuService } from '../../diagnostics/dire-au-service.js';
import { EvaluateUsageError } from '../../engine/evaluate.js';
import { diagnosticRequete, ErreurHttp, langue } from '../http/erreur-http.js';
import type { CorpsEvaluation } from './figures.js';

function parametre(req: Request, nom: string): string | undefined {
  const v = req.query[nom];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** 400 on parameter `nom`, saying what it expects in the request's language. */
function invalide(req: Request, nom: string, fr: string, en: string): ErreurHttp {
  const attendu = langue(req) === 'en' ? en : fr;
  return new ErreurHttp(400, 'SERVICE_CHAMP_INVALIDE', { champ: nom, attendu }, `/${nom}`);
}

export function annee(req: Request, valeur = parametre(req, 'annee')): number {
  if (valeur === undefined || !/^\d{4}$/.test(valeur))
    throw invalide(req, 'annee', 'une année AAAA', 'a year YYYY');
  return Number(valeur);
}

/** A calendar date (`isIsoDate`: Date.parse takes 2025-02-30 for 2 March). */
export function date(req: Request, nom = 'date'): string | undefined {
  const v = parametre(req, nom);
  if (v !== undefined && !isIsoDate(v))
    throw invalide(req, nom, 'une date réelle AAAA-MM-JJ', 'a real date YYYY-MM-DD');
  return v;
}

/**
 * `au`: a moment of the log (ISO date or timestamp), normalised to an ISO timestamp; undefined
 * for the present. A bare date D means the end of day D (UTC) — what was recorded on D is in, as
 * `evaluate --date D` counts the events dated D. Today's date is the present: its end has not
 * come, so it is read as the log now (the live figures, cached as such) — it was 23:59:59.999Z,
 * a moment to come, which a bilan archived with it recorded. A later moment is refused. The
 * answer says the moment read in `X-Convflux-Au` (for today, the request's time).
 */
export function au(req: Request): string | undefined {
  const v = parametre(req, 'au');
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  // The day checked by hand: Date.parse reads 2026-02-30T10:00:00Z as 2 March, silently.
  if (!isIsoDate(v.slice(0, 10)) || (v.length > 10 && v[10] !== 'T') || Number.isNaN(t))
    throw invalide(
      req,
      'au',
      'un instant ISO 8601 (AAAA-MM-JJTHH:MM:SSZ)',
      'an ISO 8601 instant (YYYY-MM-DDTHH:MM:SSZ)',
    );
  // A moment after now would give today's figures under a name that later gives others (and a
  // bilan archived with it would record a moment that had not come): refused.
  const maintenant = new Date();
  const jour = maintenant.toISOString().slice(0, 10);
  if (v.length === 10 ? v > jour : t > maintenant.getTime())
    throw invalide(
      req,
      'au',
      'un instant passé (au plus l’instant présent du serveur, ou la date du jour)',
      'a past moment (at most the server’s current time, or today’s date)',
    );
  const present = v === jour;
  const instant = v.length === 10 && !present ? `${v}T23:59:59.999Z` : new Date(t).toISOString();
  req.res?.set('X-Convflux-Au', present ? maintenant.toISOString() : instant);
  return present ? undefined : instant;
}

export function choix<T extends string>(req: Request, nom: string, valeurs: readonly T[]): T {
  const v = parametre(req, nom) ?? valeurs[0];
  if (!valeurs.includes(v as T))
    throw invalide(req, nom, valeurs.join(' ou '), valeurs.join(' or '));
  return v as T;
}

export function optionnel(req: Request, nom: string): string | undefined {
  return parametre(req, nom);
}

/** A request the library refuses (a date outside the year…): 400 with its own words. */
export function refusBibliotheque(req: Request, e: unknown): unknown {
  if (!(e instanceof EvaluateUsageError)) return e;
  const lang = langue(req);
  const motif =
    (e.diagnostic && messageDuService(e.diagnostic.code, e.diagnostic.params, lang)) ??
    (lang === 'en' ? e.en : e.message);
  return new ErreurHttp(400, 'SERVICE_DEMANDE_REFUSEE', { motif }, '', [
    diagnosticRequete(req, 'SERVICE_DEMANDE_REFUSEE', { motif }),
  ]);
}

/** What a réservataire sees of an evaluation: its own conventions' figures, nothing of the others'. */
export function conventionsDe(
  corps: CorpsEvaluation,
  garder: (c: CorpsEvaluation['conventions'][number]) => boolean,
): Pick<CorpsEvaluation, 'ok' | 'annee' | 'date' | 'conventions'> {
  return {
    ok: corps.ok,
    annee: corps.annee,
    date: corps.date,
    conventions: corps.conventions.filter(garder),
  };
}
