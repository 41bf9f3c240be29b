/**
 * Every API route is declared with its spec: method, path, summary, the schema of its body, who
 * may call it. The specs feed the OpenAPI document (`/api/openapi.json`) and the permission matrix
 * of the README; the handler still decides access on the resource itself (`exiger`).
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import type { Permission } from '../auth/permissions.js';
import type { Corps } from './corps.js';

/** Who may call a route: anyone, any signed-in account, the service's admins, or a permission. */
export type Acces = 'public' | 'connecte' | 'admin' | Permission;

export interface RouteSpec {
  methode: 'get' | 'post' | 'put' | 'delete';
  /** Express path under /api, e.g. `/conventions/:id`. */
  chemin: string;
  /** OpenAPI tag (the resource family). */
  groupe: string;
  /** One sentence in French. */
  resume: string;
  acces: Acces;
  /** On which organisation the permission is checked (for the matrix), e.g. « bailleur du logement ». */
  portee?: string;
  /** Query parameters, name → what it means (one sentence in French), for the OpenAPI document. */
  requete?: Record<string, string>;
  /**
   * The query parameters the route cannot do without (`required` in the document): left out, it
   * answers 400 (401 for the calendar's token of `/echeancier.ics`).
   */
  requis?: readonly string[];
  /**
   * Its query parameters only filter a list: no value is refused. Otherwise a route with query
   * parameters checks them, and answers 400 to a value it cannot read (the document says so).
   */
  filtres?: boolean;
  /**
   * The statuses the route answers beyond the generic ones (success, 400 on a body or a required
   * parameter, 401, 403, 404 with a path parameter, 413 and 415 on a JSON body), each with what
   * it means (one sentence in French): a
   * success (< 400) has the route's media types, an error the one error shape.
   */
  reponses?: Readonly<Record<number, string>>;
  /** The JSON body's schema (schemas/service/<name>.schema.json). */
  corps?: keyof Corps;
  /** Non-JSON bodies accepted (imports): their media types. */
  corpsBrut?: string[];
  /** Media types of the success response (default application/json). */
  produit?: string[];
  /** Success status (default 200). */
  statut?: number;
}

const declarees: RouteSpec[] = [];

/** The routes declared so far (every router is built by `creerApplication`). */
export function routesDeclarees(): readonly RouteSpec[] {
  return declarees;
}

export function declarer(
  router: Router,
  spec: RouteSpec,
  handler: (req: Request, res: Response) => Promise<void> | void,
  ...avant: RequestHandler[]
): void {
  if (!declarees.some((d) => d.methode === spec.methode && d.chemin === spec.chemin))
    declarees.push(spec);
  router[spec.methode](spec.chemin, ...avant, handler);
}
