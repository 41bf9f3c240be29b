/**
 * The permission matrix over real HTTP, on SQLite and PostgreSQL, route by route from the
 * declared routes (`routesDuService()`): anonymous → 401 (public routes answer); a member of an
 * unrelated organisation holding every permission → 404 on a resource route, with the same body
 * as for an id that does not exist; a member lacking the permission → 403; a member holding it
 * (or, for admin routes, an administrator; for any signed-in route, a fresh account) → the
 * route's success status. Every error body matches the document's Diagnostic schema, and the
 * process serves the same OpenAPI document as the library builds.
 *
 * A route added to the service needs a line in ECHANTILLONS (how to call it): a route without
 * one fails the first test, which names it. A resource route (a permission and a path parameter)
 * also names a resource that does not exist (`inexistant`); `params` may create its resource
 * through `f.adm` (the administrator may do everything) and returns the path parameters; `liste`
 * marks a route that filters what it lists instead of refusing.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAjv } from '../../src/schema/load-schemas.js';
import { PERMISSIONS, type Permission } from '../../src/server/auth/permissions.js';
import type { RouteSpec } from '../../src/server/http/route.js';
import { documentOpenapi } from '../../src/server/openapi/document-openapi.js';
import { routesDuService } from '../../src/server/openapi/routes-du-service.js';
import { repoRoot } from '../helpers.js';
import {
  admin,
  BASES,
  Client,
  demarrerServeur,
  expectStatus,
  membre,
  MOT_DE_PASSE,
  nouvelleBase,
  type Reponse,
  type Serveur,
} from './harness.js';

type Org = { type: 'bailleur' | 'reservataire' | 'epci'; identifiant: string };
type Params = Record<string, string>;

/** What the samples may use: the server, its administrator, accounts made for the run. */
interface Fixture {
  s: Serveur;
  adm: Client;
  /** An account that belongs nowhere (to be given permissions). */
  compteLibre: string;
  /** An account's address that signs in with MOT_DE_PASSE. */
  email: string;
}

interface Echantillon {
  /** The organisation holding the resource (default: the bailleur under test). */
  organisation?: Org;
  /** Path parameters of an existing resource, for the client that will be allowed. */
  params?: (c: Client, f: Fixture) => Promise<Params> | Params;
  /** Path parameters naming nothing (permission routes: the 404 compared). */
  inexistant?: Params;
  /** A valid body (called again for each call): an object is sent as JSON, a string as is. */
  corps?: (f: Fixture) => unknown;
  /** The media type of a raw (string) body, e.g. `application/yaml`, `text/csv`. */
  type?: string;
  /** When the resource is named by the body (e.g. a convention's YAML): a body naming nothing. */
  corpsInexistant?: (f: Fixture) => unknown;
  /**
   * The route lists what the caller sees (no resource in its path): a member lacking the
   * permission gets the success status too, with less in it, instead of 403.
   */
  liste?: boolean;
}

const BAILLEUR: Org = { type: 'bailleur', identifiant: '552046484' };
const AUTRE: Org = { type: 'bailleur', identifiant: '732829320' };
const hex = () => randomBytes(4).toString('hex');

/** How to call each route: `methode chemin` as declared. */
export const ECHANTILLONS: Record<string, Echantillon> = {
  'get /openapi.json': {},
  'get /sante': {},
  'post /session': { corps: (f) => ({ email: f.email, mot_de_passe: MOT_DE_PASSE }) },
  'delete /session': {},
  'get /moi': {},
  'post /moi/mot-de-passe': {
    corps: () => ({ actuel: MOT_DE_PASSE, nouveau: `${MOT_DE_PASSE} encore` }),
  },
  'post /moi/jetons': { corps: () => ({ nom: 'outil' }) },
  'delete /moi/jetons/:id': {
    params: async (c) => {
      const j = await c.post<{ id: string }>('/api/moi/jetons', { nom: 'à révoquer' });
      expectStatus(j, 201);
      return { id: j.body.id };
    },
  },
  'get /organisations': {},
  'post /organisations': { corps: () => ({ type: 'epci', identifiant: `e${hex()}`, nom: 'EPCI' }) },
  'post /comptes': { corps: () => ({ email: `c${hex()}@exemple.fr`, nom: 'Compte' }) },
  'put /organisations/:id/membres': {
    params: () => ({ id: `${BAILLEUR.type}:${BAILLEUR.identifiant}` }),
    inexistant: { id: 'bailleur:000000000' },
    corps: (f) => ({ compte_id: f.compteLibre, permissions: ['lire'] }),
  },
};

const specs = await routesDuService();
const cle = (s: RouteSpec) => `${s.methode} ${s.chemin}`;

function chemin(spec: RouteSpec, params: Params): string {
  return `/api${spec.chemin.replace(/:([A-Za-z_]\w*)/g, (_m, n: string) => {
    const v = params[n];
    if (v === undefined) throw new Error(`${cle(spec)} : paramètre ${n} sans échantillon`);
    return encodeURIComponent(v);
  })}`;
}

interface Diags {
  diagnostics: { code: string }[];
}

const ajv = createAjv();
const diagnostic = ajv.compile(
  JSON.parse(
    readFileSync(join(repoRoot, 'schemas/service/diagnostic.schema.json'), 'utf8'),
  ) as object,
);

/** An error answer: the status, then a body of diagnostics matching the schema. */
function expectErreur(r: Reponse, status: number, code?: string): void {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  const d = (r.body as Diags).diagnostics;
  expect(Array.isArray(d) && d.length > 0).toBe(true);
  for (const x of d) expect(diagnostic(x), JSON.stringify(diagnostic.errors)).toBe(true);
  if (code) expect(d[0]?.code).toBe(code);
}

/** The body with the path parameters' values blanked: two 404s compared as one. */
function sansParams(body: unknown, params: Params): string {
  let t = JSON.stringify(body);
  for (const [n, v] of Object.entries(params))
    t = t.replaceAll(v, `{${n}}`).replaceAll(encodeURIComponent(v), `{${n}}`);
  return t;
}

it('has a sample for every declared route (add one to ECHANTILLONS for a new route)', () => {
  const sans = specs.map(cle).filter((k) => !(k in ECHANTILLONS));
  expect(sans, `routes sans échantillon : ${sans.join(', ')}`).toEqual([]);
  const permission = specs.filter(
    (s) => PERMISSIONS.includes(s.acces as Permission) && s.chemin.includes(':'),
  );
  const sansInexistant = permission.map(cle).filter((k) => !ECHANTILLONS[k]?.inexistant);
  expect(sansInexistant, 'routes de ressource sans id inexistant').toEqual([]);
});

describe.each(BASES)('la matrice des permissions (%s)', (base) => {
  let f: Fixture;
  const membres = new Map<string, Client>();
  /** A member of `org` with `permissions`, made once per run. */
  const de = async (org: Org, permissions: string[]) => {
    const k = `${org.type}:${org.identifiant}:${permissions.join(',')}`;
    let c = membres.get(k);
    if (!c) {
      c = await membre(f.s, f.adm, org, permissions);
      membres.set(k, c);
    }
    return c;
  };

  beforeAll(async () => {
    const s = await demarrerServeur(base, await nouvelleBase(base));
    const adm = await admin(s);
    const libre = await adm.post<{ id: string }>('/api/comptes', {
      email: `libre-${hex()}@exemple.fr`,
      nom: 'Libre',
    });
    expectStatus(libre, 201);
    const email = `connexion-${hex()}@exemple.fr`;
    f = { s, adm, compteLibre: libre.body.id, email };
    await membre(s, adm, AUTRE, ['lire'], email);
  }, 60_000);
  afterAll(async () => {
    await f.s.stop();
  });

  it('serves the document the library builds', async () => {
    const r = await new Client(f.s.url).get('/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body).toEqual(JSON.parse(JSON.stringify(documentOpenapi(specs))));
  });

  it.each(specs.map((s) => [cle(s), s] as const))('%s', async (_k, spec) => {
    const e = ECHANTILLONS[cle(spec)];
    if (!e) throw new Error(`${cle(spec)} : pas d’échantillon dans ECHANTILLONS`);
    const org = e.organisation ?? BAILLEUR;
    const appel = (c: Client, params: Params, corps = e.corps?.(f)) =>
      c.requete(
        spec.methode.toUpperCase(),
        chemin(spec, params),
        corps,
        e.type ? { 'content-type': e.type } : {},
      );
    const acces = spec.acces;
    // The client that may call it: a holder of the permission, an administrator, a fresh account.
    const autorise =
      acces === 'public'
        ? new Client(f.s.url)
        : acces === 'admin'
          ? f.adm
          : acces === 'connecte'
            ? await membre(f.s, f.adm, AUTRE, ['lire'])
            : await de(org, [acces]);
    const params = (await e.params?.(autorise, f)) ?? {};

    if (acces !== 'public')
      expectErreur(await appel(new Client(f.s.url), params), 401, 'SERVICE_NON_AUTHENTIFIE');
    if (acces === 'admin')
      expectErreur(
        await appel(await de(org, [...PERMISSIONS]), params),
        403,
        'SERVICE_ADMIN_REQUIS',
      );
    if (PERMISSIONS.includes(acces as Permission)) {
      const etranger = await de(AUTRE, [...PERMISSIONS]);
      if (e.inexistant || e.corpsInexistant) {
        const vu = await appel(etranger, params);
        expectErreur(vu, 404, 'SERVICE_INTROUVABLE');
        const ailleurs = e.inexistant ?? params;
        const rien = await appel(etranger, ailleurs, (e.corpsInexistant ?? e.corps)?.(f));
        expectErreur(rien, 404);
        expect(sansParams(vu.body, params)).toBe(sansParams(rien.body, ailleurs));
        expectErreur(await appel(f.adm, ailleurs, (e.corpsInexistant ?? e.corps)?.(f)), 404);
      }
      const manque = PERMISSIONS.filter((p) => p !== acces && p !== 'administrer');
      const sans = await appel(await de(org, manque), params);
      if (e.liste) expect(sans.status, JSON.stringify(sans.body)).toBe(spec.statut ?? 200);
      else expectErreur(sans, 403, 'SERVICE_INTERDIT');
    }
    const ok = await appel(autorise, params);
    expect(ok.status, JSON.stringify(ok.body)).toBe(spec.statut ?? 200);
  });
});
