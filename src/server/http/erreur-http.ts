/**
 * Errors leave the server as the one `Diagnostic` shape (`{ diagnostics: [...] }`), rendered in
 * French, or in English with `Accept-Language: en`. A route throws `ErreurHttp`; anything else is
 * a bug of ours (`ERREUR_INTERNE`, 500, no detail that could hold data).
 */
import type { NextFunction, Request, Response } from 'express';
import type { Diagnostic, DiagnosticParams, Lang } from '../../diagnostics/diagnostic.js';
import { FileReport } from '../../diagnostics/file-report.js';
import { estConflitUnicite } from './conflit-base.js';
import { journalErreur } from './journal-erreur.js';

export class ErreurHttp extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: DiagnosticParams = {},
    readonly pointer = '',
    /** Diagnostics already built (e.g. from `check`), returned as they are. */
    readonly diagnostics?: Diagnostic[],
  ) {
    super(code);
  }
}

/** `en` when the client prefers English (Accept-Language), else `fr`. */
export function langue(req: Request): Lang {
  return req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : 'fr';
}

/** One diagnostic about the request itself (`file` is the method and path). */
export function diagnosticRequete(
  req: Request,
  code: string,
  params: DiagnosticParams,
  pointer = '',
): Diagnostic {
  return new FileReport(`${req.method} ${req.baseUrl}${req.path}`, langue(req)).add(
    code,
    params,
    pointer,
  );
}

export function envoyerErreur(req: Request, res: Response, e: ErreurHttp): void {
  const diagnostics = e.diagnostics ?? [diagnosticRequete(req, e.code, e.params, e.pointer)];
  res.status(e.status).json({ diagnostics });
}

/** The last middleware: known errors as diagnostics, body-parser errors as 400/413, bugs as 500. */
export function gestionErreurs(
  err: unknown,
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (res.headersSent) {
    next(err);
    return;
  }
  if (err instanceof ErreurHttp) {
    envoyerErreur(req, res, err);
    return;
  }
  const status = typeof err === 'object' && err !== null && 'status' in err ? err.status : 500;
  if (status === 413) {
    envoyerErreur(req, res, new ErreurHttp(413, 'SERVICE_CORPS_TROP_GRAND', {}));
    return;
  }
  // body-parser's own errors carry a `type`: a charset or a compression it does not read (415)
  // was a 500; the router's URIError (a %XX that does not decode) was « JSON invalide ».
  const type = typeof err === 'object' && err !== null && 'type' in err ? err.type : undefined;
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    const e = err as { charset?: unknown; encoding?: unknown };
    const nom = typeof e.charset === 'string' ? e.charset : e.encoding;
    const encodage = typeof nom === 'string' ? nom.slice(0, 40) : '';
    envoyerErreur(req, res, new ErreurHttp(415, 'SERVICE_ENCODAGE_CORPS', { encodage }));
    return;
  }
  if (status === 400 && err instanceof URIError) {
    envoyerErreur(req, res, new ErreurHttp(400, 'SERVICE_ADRESSE_INVALIDE', {}));
    return;
  }
  // Only a body read whole and then not parsed is « JSON invalide »: a gzip or deflate stream that
  // does not inflate (zlib's Z_… codes) was said so on the YAML routes too.
  if (status === 400 && type === 'entity.parse.failed') {
    envoyerErreur(req, res, new ErreurHttp(400, 'SERVICE_JSON_INVALIDE', {}));
    return;
  }
  if (status === 400) {
    envoyerErreur(req, res, new ErreurHttp(400, 'SERVICE_CORPS_ILLISIBLE', {}));
    return;
  }
  if (estConflitUnicite(err)) {
    envoyerErreur(req, res, new ErreurHttp(409, 'SERVICE_CONFLIT'));
    return;
  }
  console.error(journalErreur(err));
  envoyerErreur(req, res, new ErreurHttp(500, 'ERREUR_INTERNE', { detail: 'service' }));
}
