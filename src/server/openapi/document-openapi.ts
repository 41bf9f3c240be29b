/**
 * The OpenAPI 3.1 document of the service, generated from the routes' specs (`declarer`) and the
 * JSON schemas under `schemas/service/` that validate the bodies: no second description to keep
 * in step. Served at `GET /api/openapi.json`; `documentOpenapi(await routesDuService())` gives the same
 * document without a server.
 */
import { readFileSync } from 'node:fs';
import { schemaText } from '../../schema/load-schemas.js';
import { packagePath } from '../../package-path.js';
import { COOKIE_SESSION } from '../auth/sessions.js';
import { descriptionBooleen, schemaBooleen } from '../http/parametre-booleen.js';
import type { RouteSpec } from '../http/route.js';
import { qui } from './acces-lisible.js';

type Json = Record<string, unknown>;

export interface DocumentOpenapi {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, Json>>;
  components: Json;
  security: Record<string, string[]>[];
}

/** The schema of the errors: every error is `{ diagnostics: Diagnostic[] }`. */
const ERREUR = 'Erreur';
const DIAGNOSTIC = 'Diagnostic';
const SURES = new Set(['get', 'head', 'options']);

/** `/conventions/:cid/versions/:v` → `/api/conventions/{cid}/versions/{v}`. */
export function cheminOpenapi(chemin: string): string {
  return `/api${chemin.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}')}`;
}

/** The names of the path parameters, in order. */
export function parametresChemin(chemin: string): string[] {
  return [...chemin.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? '');
}

/** A stable, unique operation id: `get_conventions_cid_versions_v`. */
export function idOperation(spec: RouteSpec): string {
  const mots = spec.chemin.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return [spec.methode, ...mots].join('_');
}

function schemaService(nom: string): Json {
  return JSON.parse(schemaText(`service/${nom}.schema.json`)) as Json;
}

/**
 * A response schema as a component: its references to the Diagnostic schema's file
 * (`diagnostic.schema.json`, relative to its `$id`) point to the document's Diagnostic, and it
 * loses its `$id` (under it, `#/components/…` would be read in the file, not the document).
 */
function schemaReponse(nom: string): Json {
  const texte = schemaText(`service/${nom}.schema.json`);
  const schema = JSON.parse(texte, (cle: string, v: unknown) =>
    cle === '$ref' && v === 'diagnostic.schema.json' ? `#/components/schemas/${DIAGNOSTIC}` : v,
  ) as Json;
  delete schema['$id'];
  return schema;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

const refErreur = { $ref: `#/components/responses/${ERREUR}` };

function reponses(spec: RouteSpec): Json {
  const statut = String(spec.statut ?? 200);
  const types = spec.produit ?? ['application/json'];
  const succes: Json = { description: 'Succès.' };
  if (statut !== '204')
    succes['content'] = Object.fromEntries(
      types.map((t) => [
        t,
        spec.reponse && t === 'application/json'
          ? { schema: { $ref: `#/components/schemas/${spec.reponse}` } }
          : {},
      ]),
    );
  const r: Json = { [statut]: succes };
  // Every route answers 400 to a query parameter it does not know (`parametresConnus`).
  r['400'] = refErreur;
  if (spec.acces !== 'public') r['401'] = refErreur;
  if (spec.acces !== 'public') r['403'] = refErreur;
  if (parametresChemin(spec.chemin).length) r['404'] = refErreur;
  if (spec.corps) r['413'] = refErreur;
  // A JSON body of another media type (or a charset or compression the parser does not read).
  if (spec.corps) r['415'] = refErreur;
  for (const [code, description] of Object.entries(spec.reponses ?? {}))
    r[code] =
      Number(code) < 400
        ? { description, content: Object.fromEntries(types.map((t) => [t, {}])) }
        : { ...refErreur, description };
  r['default'] = refErreur;
  return r;
}

function corpsRequete(spec: RouteSpec): Json | undefined {
  if (spec.corps)
    return {
      required: true,
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${spec.corps}` } } },
    };
  if (spec.corpsBrut)
    return {
      required: true,
      content: Object.fromEntries(spec.corpsBrut.map((t) => [t, { schema: { type: 'string' } }])),
    };
  return undefined;
}

function operation(spec: RouteSpec): Json {
  const parametres: Json[] = parametresChemin(spec.chemin).map((nom) => ({
    name: nom,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  for (const [nom, p] of Object.entries(spec.requete ?? {}))
    parametres.push({
      name: nom,
      in: 'query',
      required: spec.requis?.includes(nom) ?? false,
      description:
        typeof p === 'string' ? p : 'booleen' in p ? descriptionBooleen(p) : p.description,
      // A closed set: the values the route checks the parameter against; a yes/no: a boolean.
      schema:
        typeof p === 'string'
          ? { type: 'string' }
          : 'booleen' in p
            ? schemaBooleen()
            : { type: 'string', enum: [...p.valeurs] },
    });
  if (spec.acces !== 'public' && !SURES.has(spec.methode))
    parametres.push({ $ref: '#/components/parameters/Csrf' });
  const corps = corpsRequete(spec);
  return {
    operationId: idOperation(spec),
    tags: [spec.groupe],
    summary: spec.resume,
    description: `Qui : ${qui(spec)}.`,
    ...(parametres.length ? { parameters: parametres } : {}),
    ...(corps ? { requestBody: corps } : {}),
    responses: reponses(spec),
    ...(spec.acces === 'public' ? { security: [] } : {}),
    'x-convflux-acces': { acces: spec.acces, ...(spec.portee ? { portee: spec.portee } : {}) },
  };
}

function composants(specs: readonly RouteSpec[]): Json {
  const corps = [...new Set(specs.flatMap((s) => (s.corps ? [s.corps] : [])))].sort();
  const reponses = [...new Set(specs.flatMap((s) => (s.reponse ? [s.reponse] : [])))].sort();
  return {
    schemas: {
      ...Object.fromEntries(corps.map((c) => [c, schemaService(c)])),
      ...Object.fromEntries(reponses.map((c) => [c, schemaReponse(c)])),
      [DIAGNOSTIC]: schemaService('diagnostic'),
      [ERREUR]: {
        type: 'object',
        required: ['diagnostics'],
        properties: {
          diagnostics: { type: 'array', items: { $ref: `#/components/schemas/${DIAGNOSTIC}` } },
        },
      },
    },
    responses: {
      [ERREUR]: {
        description:
          'Erreur : un ou plusieurs diagnostics (en français, en anglais avec Accept-Language: en).',
        content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERREUR}` } } },
      },
    },
    parameters: {
      Csrf: {
        name: 'X-CSRF-Token',
        in: 'header',
        required: false,
        description:
          'Le jeton anti-CSRF reçu à l’ouverture de session : exigé pour une session par cookie, pas avec un jeton d’API.',
        schema: { type: 'string' },
      },
    },
    securitySchemes: {
      cookie: { type: 'apiKey', in: 'cookie', name: COOKIE_SESSION },
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description: 'Jeton d’API (POST /api/moi/jetons).',
      },
    },
  };
}

/** The document, its paths sorted so that the order of the routers does not change it. */
export function documentOpenapi(specs: readonly RouteSpec[]): DocumentOpenapi {
  const tries = [...specs].sort(
    (a, b) => a.chemin.localeCompare(b.chemin) || a.methode.localeCompare(b.methode),
  );
  const paths: Record<string, Record<string, Json>> = {};
  for (const s of tries) (paths[cheminOpenapi(s.chemin)] ??= {})[s.methode] = operation(s);
  return {
    openapi: '3.1.0',
    info: {
      title: 'convflux serve',
      version: version(),
      description:
        'Le service partagé de convflux (conventions de réservation en flux). Toute erreur est une liste de diagnostics.',
    },
    tags: [...new Set(tries.map((s) => s.groupe))].sort().map((name) => ({ name })),
    paths,
    components: composants(tries),
    security: [{ cookie: [] }, { bearer: [] }],
  };
}
