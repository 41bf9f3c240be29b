/**
 * The express application of `convflux serve`: security headers, body limits, who is calling,
 * the API routes (each resource in its own file under routes/), errors as diagnostics.
 * It adds no rule: every figure comes from the library (src/index.ts).
 */
import cookieParser from 'cookie-parser';
import express, { type Express, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Contexte } from './contexte.js';
import { authentifier, authentifierAvecVersion } from './http/authentifier.js';
import { organisationConnue } from './http/organisation-connue.js';
import { ErreurHttp, gestionErreurs } from './http/erreur-http.js';
import { routesDeclarees } from './http/route.js';
import { sansCaractereNul } from './http/sans-caractere-nul.js';
import { routesOpenapi } from './routes/openapi-routes.js';
import { routesConventionDocuments } from './routes/convention-document-routes.js';
import { routesConventions } from './routes/convention-routes.js';
import { routesDocuments } from './routes/documents-routes.js';
import { CHEMIN_FIGURES, routesFigures } from './routes/figures-routes.js';
import { routesPilotage } from './routes/pilotage-routes.js';
import { routesCotation } from './routes/cotation-routes.js';
import { routesEcheancier } from './routes/echeancier-routes.js';
import { routesFlux } from './routes/flux-routes.js';
import { routesOrganisations } from './routes/organisation-routes.js';
import { corpsRegles, routesRegles } from './routes/regles-routes.js';
import { routesSignatures } from './routes/signature-routes.js';
import { routesSession } from './routes/session-routes.js';
import { routesWebhooks } from './routes/webhook-routes.js';
import { erreursPages, routesWeb } from '../web/routes-web.js';
import { CHEMINS_BROUILLON, corpsBrouillon, routesBrouillon } from './routes/brouillon-routes.js';

/** JSON bodies above this size are refused (imports stream their files through their own routes). */
export const LIMITE_JSON = '1mb';

/**
 * Security headers. The pages load nothing from another site (CSP `'self'`); requests are not
 * upgraded to HTTPS unless the service runs behind it (secure cookies).
 */
function optionsHelmet(ctx: Contexte): Parameters<typeof helmet>[0] {
  return {
    contentSecurityPolicy: {
      directives: {
        'upgrade-insecure-requests': ctx.cookiesSecurises ? [] : null,
        'style-src': ["'self'", "'unsafe-inline'"],
        'frame-src': ["'self'"],
      },
    },
  };
}

export function creerApplication(ctx: Contexte): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(helmet(optionsHelmet(ctx)));
  app.use(cookieParser());
  app.use('/api/regles', corpsRegles);
  app.use(CHEMINS_BROUILLON, corpsBrouillon);
  app.use(express.json({ limit: LIMITE_JSON }));
  app.use(express.urlencoded({ extended: false, limit: LIMITE_JSON }));
  app.use(sansCaractereNul);
  app.get(`/api${CHEMIN_FIGURES}`, authentifierAvecVersion(ctx));
  app.use(authentifier(ctx));
  app.use('/api/bailleurs/:siren', organisationConnue(ctx, 'bailleur', 'siren'));
  app.use('/api/epci/:siren', organisationConnue(ctx, 'epci', 'siren'));
  app.use('/api/reservataires/:rid', organisationConnue(ctx, 'reservataire', 'rid'));
  // The live hot paths first (recording events, figures): a request walks every route of the
  // routers mounted before its own, and none of these paths is another router's.
  app.use('/api', routesFlux(ctx));
  app.use('/api', routesFigures(ctx));
  app.use('/api', routesSession(ctx));
  app.use('/api', routesOrganisations(ctx));
  app.use('/api', routesOpenapi());
  app.use('/api', routesConventionDocuments(ctx));
  app.use('/api', routesConventions(ctx));
  app.use('/api', routesSignatures(ctx));
  app.use('/api', routesRegles(ctx));
  app.use('/api', routesPilotage(ctx));
  app.use('/api', routesDocuments(ctx));
  app.use('/api', routesEcheancier(ctx));
  app.use('/api', routesWebhooks(ctx));
  app.use('/api', routesCotation(ctx));
  app.use('/api', routesBrouillon(ctx));
  // A declared path asked with another method: 405 with its methods in `Allow` (it was a 404
  // « Ressource introuvable » on a resource that exists). Route-level: it says nothing of ids.
  const methodes = new Map<string, Set<string>>();
  for (const spec of routesDeclarees()) {
    const m = methodes.get(spec.chemin) ?? new Set<string>();
    m.add(spec.methode.toUpperCase());
    if (spec.methode === 'get') m.add('HEAD');
    methodes.set(spec.chemin, m);
  }
  for (const [chemin, m] of methodes) {
    const permises = [...m].join(', ');
    app.all(`/api${chemin}`, (req: Request, res: Response) => {
      res.set('Allow', permises);
      throw new ErreurHttp(405, 'SERVICE_METHODE_NON_PERMISE', { methode: req.method, permises });
    });
  }
  app.use('/api', (req: Request) => {
    throw new ErreurHttp(404, 'SERVICE_INTROUVABLE', { chemin: req.baseUrl + req.path });
  });
  app.use('/api', gestionErreurs);
  app.use(routesWeb(ctx));
  app.use(erreursPages);
  return app;
}
