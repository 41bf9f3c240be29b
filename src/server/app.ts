/**
 * The express application of `convflux serve`: security headers, body limits, who is calling,
 * the API routes (each resource in its own file under routes/), errors as diagnostics.
 * It adds no rule: every figure comes from the library (src/index.ts).
 */
import cookieParser from 'cookie-parser';
import express, { type Express, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Contexte } from './contexte.js';
import { authentifier } from './http/authentifier.js';
import { ErreurHttp, gestionErreurs } from './http/erreur-http.js';
import { routesFlux } from './routes/flux-routes.js';
import { routesOrganisations } from './routes/organisation-routes.js';
import { routesSession } from './routes/session-routes.js';

/** JSON bodies above this size are refused (imports stream their files through their own routes). */
export const LIMITE_JSON = '1mb';

export function creerApplication(ctx: Contexte): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(helmet());
  app.use(cookieParser());
  app.use(express.json({ limit: LIMITE_JSON }));
  app.use(express.urlencoded({ extended: false, limit: LIMITE_JSON }));
  app.use(authentifier(ctx));
  app.get('/api/sante', (_req: Request, res: Response) => {
    res.json({ ok: true });
  });
  app.use('/api', routesSession(ctx));
  app.use('/api', routesOrganisations(ctx));
  app.use('/api', routesFlux(ctx));
  app.use('/api', (req: Request) => {
    throw new ErreurHttp(404, 'SERVICE_INTROUVABLE', { chemin: req.baseUrl + req.path });
  });
  app.use(gestionErreurs);
  return app;
}
