/**
 * A yes/no query parameter (`?tolerant=true`, `?confirmer=true`): the spellings the route reads
 * and those the OpenAPI document gives are this one list — the document says `type: boolean`
 * (a query boolean is written `true` or `false`), absent meaning `false`.
 */
import type { Request } from 'express';
import { ErreurHttp } from './erreur-http.js';

/** The spellings read as yes and as no. */
export const OUI = ['true'] as const;
export const NON = ['false'] as const;

/** A yes/no query parameter of a route's spec: what `true` does. */
export interface ParametreBooleen {
  description: string;
  booleen: true;
}

/** The parameter's value: false when absent; another spelling answers 400 naming those read. */
export function lireBooleen(req: Request, nom: string): boolean {
  const v = req.query[nom];
  if (v === undefined) return false;
  if (typeof v === 'string' && (OUI as readonly string[]).includes(v)) return true;
  if (typeof v === 'string' && (NON as readonly string[]).includes(v)) return false;
  throw new ErreurHttp(400, 'SAISIE_PARAMETRE_INVALIDE', {
    parametre: nom,
    attendu: [...OUI, ...NON].join(', '),
  });
}

/** Its schema in the OpenAPI document. */
export function schemaBooleen(): Record<string, unknown> {
  return { type: 'boolean', default: false };
}

/** Its description in the document: what `true` does, then the spellings read. */
export function descriptionBooleen(p: ParametreBooleen): string {
  return `${p.description} Valeurs lues : ${[...OUI, ...NON].join(', ')} (absent : ${NON[0]}).`;
}
