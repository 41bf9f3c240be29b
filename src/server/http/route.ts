/**
 * Every API route is declared with its spec: method, path, summary, the schema of its body, who
 * may call it. The specs feed the OpenAPI document (`/api/openapi.json`) and the permission matrix
 * of the README; the handler still decides access on the resource itself (`exiger`).
 */
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { Permission } from '../auth/permissions.js';
import type { Corps } from './corps.js';
import type { ParametreBooleen } from './parametre-booleen.js';
import { ErreurHttp, langue } from './erreur-http.js';

/** Who may call a route: anyone, any signed-in account, the service's admins, or a permission. */
export type Acces = 'public' | 'connecte' | 'admin' | Permission;

/** A query parameter whose values are a closed set: what it means, and those values. */
export interface ParametreFerme {
  description: string;
  valeurs: readonly string[];
}

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
  /**
   * Query parameters, name → what it means (one sentence in French), for the OpenAPI document; a
   * parameter of a closed set gives its values too (`enum` in the document), the very list the
   * route checks the parameter against; a yes/no one is `booleen` (`type: boolean`, read by
   * `lireBooleen`).
   */
  requete?: Record<string, string | ParametreFerme | ParametreBooleen>;
  /**
   * The query parameters the route cannot do without (`required` in the document): left out, it
   * answers 400 (401 for the calendar's token of `/echeancier.ics`).
   */
  requis?: readonly string[];
  /**
   * Its query parameters only filter a list: no value of theirs is refused. Otherwise a route
   * with query parameters checks them, and answers 400 to a value it cannot read. Every route
   * answers 400 to a query parameter it does not declare in `requete` (`parametresConnus`).
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
  /**
   * The JSON success response's schema (schemas/service/<name>.schema.json), for the OpenAPI
   * document; a route without one says its media type only.
   */
  reponse?: SchemaReponse;
  /** Non-JSON bodies accepted (imports): their media types. */
  corpsBrut?: string[];
  /** Media types of the success response (default application/json). */
  produit?: string[];
  /** Success status (default 200). */
  statut?: number;
}

/** The response schemas under schemas/service/ (their `$ref`s to the Diagnostic schema only). */
export type SchemaReponse = 'import';

const declarees: RouteSpec[] = [];

/** The routes declared so far (every router is built by `creerApplication`). */
export function routesDeclarees(): readonly RouteSpec[] {
  return declarees;
}

/** `_csrf`: a multipart form's anti-CSRF token, in its action's query (`authentifier.ts`). */
const PARAMETRES_DE_TOUTES = ['_csrf'];

/**
 * A query parameter the route does not declare answers 400 `SERVICE_PARAMETRE_INCONNU` (a
 * misspelt filter or option was silently ignored: `?reservatiare=` listed everything, `?tolerent=`
 * imported all or nothing). It reads no resource, so it says nothing of what exists; a call
 * without an account still answers 401 first.
 */
function parametresConnus(spec: RouteSpec): RequestHandler {
  const connus = Object.keys(spec.requete ?? {});
  const permis = new Set([...connus, ...PARAMETRES_DE_TOUTES]);
  return (req: Request, res: Response, next: NextFunction) => {
    const inconnu = Object.keys(req.query).find((k) => !permis.has(k));
    if (inconnu === undefined || (spec.acces !== 'public' && !res.locals['principal'])) {
      next();
      return;
    }
    const aucun = langue(req) === 'en' ? '(none)' : '(aucun)';
    next(
      new ErreurHttp(400, 'SERVICE_PARAMETRE_INCONNU', {
        parametre: inconnu,
        connus: connus.length ? connus.join(', ') : aucun,
      }),
    );
  };
}

export function declarer(
  router: Router,
  spec: RouteSpec,
  handler: (req: Request, res: Response) => Promise<void> | void,
  ...avant: RequestHandler[]
): void {
  if (!declarees.some((d) => d.methode === spec.methode && d.chemin === spec.chemin))
    declarees.push(spec);
  router[spec.methode](spec.chemin, parametresConnus(spec), ...avant, handler);
}
