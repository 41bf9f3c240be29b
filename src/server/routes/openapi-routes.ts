/** The service's health check, and the API's description generated at the first call from every declared route. */
import { Router, type Request, type Response } from 'express';
import { declarer, routesDeclarees } from '../http/route.js';
import { documentOpenapi, type DocumentOpenapi } from '../openapi/document-openapi.js';

export function routesOpenapi(): Router {
  const r = Router();
  let document: DocumentOpenapi | undefined;
  declarer(
    r,
    {
      methode: 'get',
      chemin: '/sante',
      groupe: 'api',
      resume: 'Le service répond (pour un répartiteur de charge).',
      acces: 'public',
      statut: 200,
    },
    (_req: Request, res: Response) => {
      res.json({ ok: true });
    },
  );
  declarer(
    r,
    {
      methode: 'get',
      chemin: '/openapi.json',
      groupe: 'api',
      resume: 'La description OpenAPI 3.1 de l’API, générée des routes déclarées et des schémas.',
      acces: 'public',
      statut: 200,
    },
    (_req: Request, res: Response) => {
      // Every router is built before the server listens: the list is complete at the first call.
      document ??= documentOpenapi(routesDeclarees());
      res.json(document);
    },
  );
  return r;
}
