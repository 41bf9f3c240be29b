/**
 * The pages call the service's own HTTP API over loopback, with the visitor's session: what a
 * page shows and what it may do are exactly what the API answers to that person (same checks,
 * same figures, same errors). The request goes to the socket the visitor's request came in on.
 */
import type { Request, Response } from 'express';
import type { Principal } from '../server/auth/principal.js';
import { langue } from './langue.js';

export interface ReponseApi<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ApiInterne {
  get<T = unknown>(chemin: string): Promise<ReponseApi<T>>;
  envoyer<T = unknown>(
    methode: 'POST' | 'PUT' | 'DELETE',
    chemin: string,
    corps?: unknown,
    typeContenu?: string,
  ): Promise<ReponseApi<T>>;
  /** The raw response (downloads and streamed bodies). */
  brut(chemin: string, init?: RequestInit): Promise<globalThis.Response>;
}

/** The loopback address of the socket this request arrived on. */
export function adresseLocale(req: Request): string {
  const s = req.socket;
  let hote = s.localAddress ?? '127.0.0.1';
  if (hote.startsWith('::ffff:')) hote = hote.slice('::ffff:'.length);
  return `http://${hote.includes(':') ? `[${hote}]` : hote}:${String(s.localPort ?? 0)}`;
}

function entetes(req: Request, res: Response): Record<string, string> {
  const p = res.locals['principal'] as Principal | undefined;
  const h: Record<string, string> = {
    'accept-language': langue(req),
    'x-forwarded-for': req.ip ?? '',
  };
  if (req.headers.cookie) h['cookie'] = req.headers.cookie;
  if (p?.csrf) h['x-csrf-token'] = p.csrf;
  return h;
}

async function lire<T>(r: globalThis.Response): Promise<ReponseApi<T>> {
  const type = r.headers.get('content-type') ?? '';
  const body = (type.includes('json') ? await r.json() : await r.text()) as T;
  return { status: r.status, body, headers: r.headers };
}

export function api(req: Request, res: Response): ApiInterne {
  const base = adresseLocale(req);
  const brut = (chemin: string, init: RequestInit = {}) =>
    fetch(base + chemin, {
      ...init,
      redirect: 'manual',
      headers: { ...entetes(req, res), ...(init.headers as Record<string, string> | undefined) },
    });
  return {
    brut,
    get: async <T>(chemin: string) => lire<T>(await brut(chemin)),
    envoyer: async <T>(
      methode: 'POST' | 'PUT' | 'DELETE',
      chemin: string,
      corps?: unknown,
      typeContenu = 'application/json',
    ) => {
      const body =
        corps === undefined
          ? undefined
          : typeof corps === 'string' || corps instanceof Uint8Array
            ? corps
            : JSON.stringify(corps);
      return lire<T>(
        await brut(chemin, {
          method: methode,
          ...(body !== undefined ? { body, headers: { 'content-type': typeContenu } } : {}),
        }),
      );
    },
  };
}
