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
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAjv } from '../../src/schema/load-schemas.js';
import { PERMISSIONS, type Permission } from '../../src/server/auth/permissions.js';
import type { RouteSpec } from '../../src/server/http/route.js';
import { documentOpenapi } from '../../src/server/openapi/document-openapi.js';
import { routesDuService } from '../../src/server/openapi/routes-du-service.js';
import { etatV1AvantSignature, repoRoot } from '../helpers.js';
import { chargerExemple93 } from './donnees-exemple.js';
import { openDatabase } from '../../src/server/db/open-database.js';
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
  /** Query parameters (a function of the path parameters when they name what was made). */
  requete?: Params | ((params: Params) => Params);
}

const BAILLEUR: Org = { type: 'bailleur', identifiant: '552046484' };
const AUTRE: Org = { type: 'bailleur', identifiant: '732829320' };
const hex = () => randomBytes(4).toString('hex');
/** A random SIREN with its right check digit (Luhn). */
const sirenNeuf = () => {
  const debut = String(randomBytes(4).readUInt32BE() % 1e8).padStart(8, '1');
  const somme = Array.from(debut, Number).reduce((s, c, i) => {
    const d = c * (i % 2 === 1 ? 2 : 1);
    return s + (d > 9 ? d - 9 : d);
  }, 0);
  return `${debut}${(10 - (somme % 10)) % 10}`;
};
const lireFichier = (chemin: string) => readFileSync(join(repoRoot, chemin), 'utf8');
const SIREN = BAILLEUR.identifiant;
const ETAT = '93-552046484-etat-93';
const MONTREUIL = '93-552046484-montreuil';
const EPCI: Org = { type: 'epci', identifiant: '246700488' };
const RIEN = { siren: '000000000', dep: '93', annee: '2025' };
const YAML = 'application/yaml';
const DEMANDES =
  'numero_unique;date_depot;dates_refus;logement_actuel;situation_professionnelle\n' +
  '0671 1190 0000 1;30/08/2024;28/02/2025;residence_sociale_foyer;cdd_stage_interim\n' +
  '0671119000002;2025-01-01;;;\n';
const CERTIFICAT = () => ({
  certificat: readFileSync(join(repoRoot, 'test/fixtures/sign/test-signataire.p12')).toString(
    'base64',
  ),
  mot_de_passe: 'convflux-test',
});
const PARC = (id: string) =>
  `logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux\n${id},552046484,93,93066,200057867,false,T3,PLUS,2000,\n`;

/** What is made once per server (database) and shared by the samples. */
const faits = new Map<string, Promise<unknown>>();
function uneFois<T>(f: Fixture, cle: string, faire: () => Promise<T>): Promise<T> {
  const k = `${f.s.url} ${cle}`;
  let v = faits.get(k) as Promise<T> | undefined;
  if (!v) {
    v = faire();
    faits.set(k, v);
  }
  return v;
}

/** A POST that made something (201) or found it made already (409). */
async function assure(c: Client, chemin: string, corps: unknown, type?: string): Promise<void> {
  const r = await c.post(chemin, corps, type ? { 'content-type': type } : undefined);
  if (r.status !== 409) expectStatus(r, 201);
}

const grille = (f: Fixture) =>
  uneFois(f, 'grille', () =>
    assure(f.adm, `/api/epci/${EPCI.identifiant}/grilles`, lireFichier(STRASBOURG), YAML),
  );
const STRASBOURG = 'rules/cotation/246700488/v1.yaml';

const montreuilV2 = (f: Fixture) =>
  uneFois(f, 'montreuil-v2', () =>
    assure(f.adm, '/api/conventions', lireFichier(PROJET_MONTREUIL), YAML),
  );
const PROJET_MONTREUIL = 'test/fixtures/exemple-93/projet-montreuil-v2.yaml';

async function webhook(f: Fixture): Promise<Params> {
  const w = await f.adm.post<{ id: string }>('/api/webhooks', {
    organisation: `bailleur:${SIREN}`,
    url: 'http://127.0.0.1:9/',
  });
  expectStatus(w, 201);
  return { id: w.body.id };
}

/** The État v1 signed by the réservataire through the service (one PDF render). */
const signeeParLeReservataire = (f: Fixture) =>
  uneFois(f, 'signature-reservataire', async () => {
    const r = await f.adm.post(`/api/conventions/${ETAT}/versions/1/signatures`, {
      ...CERTIFICAT(),
      partie: 'reservataire',
    });
    expectStatus(r, 201);
  });

const CONVENTION = { params: () => ({ cid: ETAT }), inexistant: { cid: '93-000000000-rien' } };
const VERSION = {
  params: () => ({ cid: ETAT, v: '1' }),
  inexistant: { cid: '93-000000000-rien', v: '1' },
};
const DU_BAILLEUR = { params: () => ({ siren: SIREN }), inexistant: { siren: RIEN.siren } };
const LOGEMENT = {
  params: () => ({ siren: SIREN, id: '93-552046484-00001' }),
  inexistant: { siren: RIEN.siren, id: '93-552046484-00001' },
  requete: { annee: '2025', date: '2025-06-15' },
};
const DE_L_EPCI = {
  organisation: EPCI,
  params: () => ({ siren: EPCI.identifiant }),
  inexistant: { siren: RIEN.siren },
};

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
  'get /moi/jetons': {},
  'get /organisations': {},
  'post /organisations': { corps: () => ({ type: 'epci', identifiant: sirenNeuf(), nom: 'EPCI' }) },
  'post /comptes': { corps: () => ({ email: `c${hex()}@exemple.fr`, nom: 'Compte' }) },
  'get /comptes': {},
  'get /organisations/:id/membres': {
    params: () => ({ id: `${BAILLEUR.type}:${BAILLEUR.identifiant}` }),
    inexistant: { id: 'bailleur:000000000' },
  },
  'delete /organisations/:id/membres/:compte_id': {
    params: async (_c, f) => {
      const c = await f.adm.post<{ id: string }>('/api/comptes', {
        email: `retire-${hex()}@exemple.fr`,
        nom: 'À retirer',
      });
      expectStatus(c, 201);
      const id = `${BAILLEUR.type}:${BAILLEUR.identifiant}`;
      const m = { compte_id: c.body.id, permissions: ['lire'] };
      expectStatus(await f.adm.put(`/api/organisations/${id}/membres`, m), 200);
      return { id, compte_id: c.body.id };
    },
    inexistant: { id: 'bailleur:000000000', compte_id: 'personne' },
  },
  'put /organisations/:id/membres': {
    params: () => ({ id: `${BAILLEUR.type}:${BAILLEUR.identifiant}` }),
    inexistant: { id: 'bailleur:000000000' },
    corps: (f) => ({ compte_id: f.compteLibre, permissions: ['lire'] }),
  },

  // Conventions (the bundled example of the 93, État v1 as arrêtée before its signature).
  'get /conventions': { liste: true, requete: { departement: '93' } },
  'post /conventions': { type: YAML, corps: () => lireFichier(PROJET_MONTREUIL) },
  'get /conventions/:cid': CONVENTION,
  'get /conventions/:cid/versions/:v': VERSION,
  'get /conventions/:cid/versions/:v.yaml': VERSION,
  'get /conventions/:cid/versions/:v.html': VERSION,
  'get /conventions/:cid/versions/:v.pdf': VERSION,
  'put /conventions/:cid/versions/:v': {
    params: async (_c, f) => {
      await montreuilV2(f);
      return { cid: MONTREUIL, v: '2' };
    },
    inexistant: { cid: '93-000000000-rien', v: '2' },
    type: YAML,
    corps: () => lireFichier(PROJET_MONTREUIL),
  },
  'get /conventions/:cid/diff': { ...CONVENTION, requete: { de: '1', a: '2' } },
  'get /conventions/:cid/avenant.html': { ...CONVENTION, requete: { de: '1', a: '2' } },
  'get /conventions/:cid/avenant.pdf': { ...CONVENTION, requete: { de: '1', a: '2' } },
  'get /conventions/:cid/versions/:v/signatures': VERSION,
  'get /conventions/:cid/versions/:v/signatures.pdf': {
    ...VERSION,
    params: async (_c, f) => {
      await signeeParLeReservataire(f);
      return { cid: ETAT, v: '1' };
    },
  },
  'post /conventions/:cid/versions/:v/signatures': {
    ...VERSION,
    corps: () => ({ ...CERTIFICAT(), partie: 'bailleur' }),
  },
  'get /regles': { liste: true, requete: { departement: '93' } },
  'post /regles': {
    corps: () => ({
      fichiers: {
        'conventions/93/552046484/montreuil/v1.yaml': lireFichier(
          'rules/conventions/93/552046484/montreuil/v1.yaml',
        ),
      },
    }),
  },

  // Live figures and documents.
  'get /bailleurs/:siren/departements/:dep/figures': {
    params: () => ({ siren: SIREN, dep: '93' }),
    inexistant: { siren: RIEN.siren, dep: '93' },
    requete: { annee: '2025' },
  },
  'get /bailleurs/:siren/departements/:dep/tableau-de-bord': {
    params: () => ({ siren: SIREN, dep: '93' }),
    inexistant: { siren: RIEN.siren, dep: '93' },
    requete: { annee: '2025' },
  },
  'get /reservataires/:rid/tableau-de-bord': {
    organisation: { type: 'reservataire', identifiant: 'etat-93' },
    params: () => ({ rid: 'etat-93' }),
    inexistant: { rid: 'rien-93' },
    requete: { annee: '2025' },
  },
  'post /conventions/controle': { corps: () => ({ yaml: lireFichier(PROJET_MONTREUIL) }) },
  'post /conventions/apercu': { corps: () => ({ yaml: lireFichier(PROJET_MONTREUIL) }) },
  'get /reservataires/:rid/figures': {
    organisation: { type: 'reservataire', identifiant: 'etat-93' },
    params: () => ({ rid: 'etat-93' }),
    inexistant: { rid: 'rien-93' },
    requete: { annee: '2025' },
  },
  'get /conventions/:cid/figures': { ...CONVENTION, requete: { annee: '2025' } },
  'get /bailleurs/:siren/logements/:id/explication': LOGEMENT,
  'get /bailleurs/:siren/logements/:id/orientation': {
    ...LOGEMENT,
    requete: { date: '2025-05-15' },
  },
  'get /bailleurs/:siren/orientations': {
    ...DU_BAILLEUR,
    requete: { departement: '93', date: '2025-05-15' },
  },
  'get /bailleurs/:siren/departements/:dep/bilan/:annee': {
    params: () => ({ siren: SIREN, dep: '93', annee: '2025' }),
    inexistant: RIEN,
    requete: { format: 'csv' },
  },
  'post /bailleurs/:siren/departements/:dep/previsionnel/:annee': {
    params: () => ({ siren: SIREN, dep: '93', annee: '2026' }),
    inexistant: { ...RIEN, annee: '2026' },
    requete: { format: 'csv' },
    type: YAML,
    corps: () => lireFichier('test/fixtures/exemple-93/previsionnel-2026.yaml'),
  },
  'get /documents': {},
  'get /documents/:id': {
    // The caller (a fresh account) reads the bilan it made as a reader of the bailleur.
    params: async (c, f) => {
      const moi = await c.get<{ id: string }>('/api/moi');
      expectStatus(
        await f.adm.put(`/api/organisations/bailleur:${SIREN}/membres`, {
          compte_id: moi.body.id,
          permissions: ['lire'],
        }),
        200,
      );
      const b = await c.get(`/api/bailleurs/${SIREN}/departements/93/bilan/2025?format=csv`);
      expectStatus(b, 200);
      const id = b.headers.get('x-convflux-document');
      const docs = await c.get<{ documents: { id: string }[] }>('/api/documents');
      return { id: id ?? docs.body.documents[0]?.id ?? '' };
    },
  },

  // Échéancier, calendar feed, webhooks.
  'get /echeancier': { requete: { date: '2025-06-15' } },
  'get /echeancier.ics': {
    params: async (_c, f) => {
      const t = await f.adm.post<{ jeton: string }>('/api/moi/calendrier');
      expectStatus(t, 201);
      return { jeton: t.body.jeton };
    },
    requete: (p) => ({ jeton: p['jeton'] ?? '', date: '2025-06-15' }),
  },
  'post /moi/calendrier': {},
  'get /moi/calendrier': {},
  'delete /moi/calendrier/:id': {
    params: async (c) => {
      const t = await c.post<{ id: string }>('/api/moi/calendrier');
      expectStatus(t, 201);
      return { id: t.body.id };
    },
  },
  'post /webhooks': {
    corps: () => ({ organisation: `bailleur:${SIREN}`, url: 'http://127.0.0.1:9/' }),
    corpsInexistant: () => ({ organisation: `bailleur:${RIEN.siren}`, url: 'http://127.0.0.1:9/' }),
  },
  'get /webhooks': {},
  'delete /webhooks/:id': { params: (_c, f) => webhook(f), inexistant: { id: randomUUID() } },
  'get /webhooks/:id/livraisons': {
    params: (_c, f) => webhook(f),
    inexistant: { id: randomUUID() },
  },
  'post /webhooks/:id/test': { params: (_c, f) => webhook(f), inexistant: { id: randomUUID() } },
  'post /webhooks/echeances': { requete: { date: '2025-06-15' } },

  // Cotation (an EPCI's grids).
  'post /epci/:siren/grilles': { ...DE_L_EPCI, type: YAML, corps: () => lireFichier(STRASBOURG) },
  'get /epci/:siren/grilles': DE_L_EPCI,
  'post /epci/:siren/grilles/verification': {
    ...DE_L_EPCI,
    type: YAML,
    corps: () => lireFichier(STRASBOURG),
  },
  'get /epci/:siren/grilles/:nom': {
    ...DE_L_EPCI,
    params: async (_c, f) => {
      await grille(f);
      return { siren: EPCI.identifiant, nom: 'v1' };
    },
    inexistant: { siren: RIEN.siren, nom: 'v1' },
  },
  'post /epci/:siren/cotation': {
    ...DE_L_EPCI,
    params: async (_c, f) => {
      await grille(f);
      return { siren: EPCI.identifiant };
    },
    type: 'text/csv',
    corps: () => DEMANDES,
    requete: { date: '2025-06-30' },
  },
  'post /epci/:siren/cotation/releve': {
    ...DE_L_EPCI,
    params: async (_c, f) => {
      await grille(f);
      return { siren: EPCI.identifiant };
    },
    type: 'text/csv',
    corps: () => DEMANDES,
    requete: { date: '2025-06-30', numero: '0671119000001' },
  },

  // Parc and flux.
  'post /bailleurs/:siren/imports': {
    ...DU_BAILLEUR,
    type: 'text/csv',
    corps: () => PARC(`M-${hex()}`),
    requete: { nature: 'parc', format: 'csv' },
  },
  'get /bailleurs/:siren/imports': DU_BAILLEUR,
  'get /imports/:id': {
    params: async (_c, f) => {
      const i = await f.adm.post<{ id: string }>(
        `/api/bailleurs/${SIREN}/imports?nature=parc&format=csv`,
        PARC(`I-${hex()}`),
        { 'content-type': 'text/csv' },
      );
      expectStatus(i, 201);
      return { id: i.body.id };
    },
    inexistant: { id: randomUUID() },
  },
  'post /bailleurs/:siren/evenements': {
    ...DU_BAILLEUR,
    corps: () => ({
      id: `M-${hex()}`,
      date: '2025-03-01',
      type: 'liberation',
      logement: '93-552046484-00001',
    }),
  },
  'get /bailleurs/:siren/evenements': {
    ...DU_BAILLEUR,
    requete: { logement: '93-552046484-00001' },
  },
  'get /bailleurs/:siren/logements/:id': {
    params: () => ({ siren: SIREN, id: '93-552046484-00001' }),
    inexistant: { siren: RIEN.siren, id: '93-552046484-00001' },
  },
};

const specs = await routesDuService();
const cle = (s: RouteSpec) => `${s.methode} ${s.chemin}`;

function chemin(spec: RouteSpec, params: Params, e?: Echantillon): string {
  const q = typeof e?.requete === 'function' ? e.requete(params) : e?.requete;
  const requete = q ? `?${new URLSearchParams(q).toString()}` : '';
  return `/api${spec.chemin.replace(/:([A-Za-z_]\w*)/g, (_m, n: string) => {
    const v = params[n];
    if (v === undefined) throw new Error(`${cle(spec)} : paramètre ${n} sans échantillon`);
    return encodeURIComponent(v);
  })}${requete}`;
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
  // Longest values first: a flat's id may hold its bailleur's SIREN.
  for (const [n, v] of Object.entries(params).sort((a, b) => b[1].length - a[1].length))
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
  // A sample's query parameters are declared in its route's spec (the OpenAPI document lists them).
  const nonDeclares = specs.flatMap((s) => {
    const r = ECHANTILLONS[cle(s)]?.requete;
    const noms = Object.keys(typeof r === 'function' ? r({}) : (r ?? {}));
    return noms.filter((n) => !(n in (s.requete ?? {}))).map((n) => `${cle(s)} ?${n}`);
  });
  expect(nonDeclares, 'paramètres de requête absents de la spec').toEqual([]);
});

/** The État v1 as it was before its signature (arretee): the one version a party may sign. */
async function arreterEtatV1(args: string[]): Promise<void> {
  const arg = (n: string) => args[args.indexOf(n) + 1] ?? '';
  const base = await openDatabase({
    data: arg('--data'),
    ...(args.includes('--database') ? { database: arg('--database') } : {}),
  });
  const yaml = readFileSync(etatV1AvantSignature(), 'utf8');
  try {
    await base.db
      .updateTable('convention_version')
      .set({ yaml, statut: 'arretee', sha256: createHash('sha256').update(yaml).digest('hex') })
      .where('id', '=', `${ETAT}/v1`)
      .execute();
  } finally {
    await base.close();
  }
}

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
    await chargerExemple93(s.args);
    await arreterEtatV1(s.args);
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
        chemin(spec, params, e),
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
