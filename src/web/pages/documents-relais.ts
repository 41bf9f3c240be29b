/**
 * Downloads of the documents pages: the API's response is relayed as is (streamed), as an
 * attachment under the file name the API gave, with its digest headers. An API refusal is
 * answered like any page (sign-in, 404/403 pages); other errors come back as diagnostics for the
 * page to show beside its form.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as FluxWeb } from 'node:stream/web';
import type { Request, Response } from 'express';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { diagnosticsDe } from '../formulaire.js';
import { pageErreur } from '../routes-web.js';

const RELAYES = [
  'content-type',
  'content-disposition',
  'x-convflux-document',
  'x-convflux-sha256',
  'repr-digest',
];

/**
 * Sends a successful API response on as a download (`nom` when the API gave no file name);
 * else answers the sign-in or error page (returns undefined) or returns the API's diagnostics.
 */
export async function relayer(
  req: Request,
  res: Response,
  rep: globalThis.Response,
  nom: string,
): Promise<Diagnostic[] | undefined> {
  if (rep.ok && rep.body) {
    for (const h of RELAYES) {
      const v = rep.headers.get(h);
      if (v) res.set(h, v);
    }
    if (!rep.headers.get('content-disposition'))
      res.set('content-disposition', `attachment; filename="${nom}"`);
    res.set('cache-control', 'no-store').status(200);
    Readable.fromWeb(rep.body as FluxWeb<Uint8Array>).pipe(res);
    return undefined;
  }
  if (rep.status === 401) {
    res.redirect(303, `/connexion?suite=${encodeURIComponent(req.originalUrl)}`);
    return undefined;
  }
  if (rep.status === 404 || rep.status === 403 || rep.status >= 500) {
    pageErreur(req, res, rep.status >= 500 ? 500 : rep.status);
    return undefined;
  }
  const type = rep.headers.get('content-type') ?? '';
  return type.includes('json') ? diagnosticsDe(await rep.json()) : [];
}

/** A form or query field as a string ('' when absent). */
export function champ(req: Request, nom: string): string {
  const b = req.body as Record<string, unknown> | undefined;
  const v = b?.[nom] ?? req.query[nom];
  return typeof v === 'string' ? v : '';
}

/** `{nom}` placeholders of a page string replaced by their values. */
export function interpoler(texte: string, valeurs: Record<string, string | number>): string {
  return texte.replace(/\{(\w+)\}/g, (m, k: string) => (k in valeurs ? String(valeurs[k]) : m));
}

/** A path segment or query value from the visitor, encoded. */
export const seg = (s: string): string => encodeURIComponent(s);
