/**
 * The OpenAPI document against the real answers, as a demanding client reads it: on
 * `serve --exemple` (SQLite and PostgreSQL), five routes — the figures, recording an event, an
 * import, the bilan and the prévisionnel — asked in ways that succeed and fail; every status
 * answered is one the served document lists for that operation, every error body is the
 * document's error shape (`diagnostics`, each with the Diagnostic schema's required fields), and a
 * query parameter the document marks required answers 400 when left out; and every GET route
 * with query parameters, given a value it cannot read in each, answers a status its operation lists
 * (400 where the parameters are checked, not on mere filters; on every route, 400 for a query
 * parameter it does not know).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';
import { membreExemple } from './exemple-comptes.js';
import { BASES, Client, serveurExemple, type Serveur } from './harness.js';

type Json = Record<string, unknown>;
interface Operation {
  parameters?: { name?: string; in?: string; required?: boolean }[];
  responses: Record<string, unknown>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: { Diagnostic: { required: string[] } } };
}

const B = '/api/bailleurs/552046484';
const FIGURES = '/api/bailleurs/{siren}/departements/{dep}/figures';
const EVENEMENTS = '/api/bailleurs/{siren}/evenements';
const IMPORTS = '/api/bailleurs/{siren}/imports';
const BILAN = '/api/bailleurs/{siren}/departements/{dep}/bilan/{annee}';
const PREVISIONNEL = '/api/bailleurs/{siren}/departements/{dep}/previsionnel/{annee}';

const CSV_INCONNU =
  'id,date,type,logement,reservataire,motif,decision,par,candidats\n' +
  'OA-1,2025-03-01,liberation,93-552046484-99999,,,,,\n';

interface Cas {
  quoi: string;
  operation: [string, string];
  methode: 'GET' | 'POST';
  url: string;
  corps?: string | Json;
  entetes?: Record<string, string>;
  statut: number;
}

const CAS: Cas[] = [
  {
    quoi: 'figures',
    operation: [FIGURES, 'get'],
    methode: 'GET',
    url: `${B}/departements/93/figures?annee=2025`,
    statut: 200,
  },
  {
    quoi: 'figures sans annee',
    operation: [FIGURES, 'get'],
    methode: 'GET',
    url: `${B}/departements/93/figures`,
    statut: 400,
  },
  {
    quoi: 'figures, annee 1999',
    operation: [FIGURES, 'get'],
    methode: 'GET',
    url: `${B}/departements/93/figures?annee=1999`,
    statut: 400,
  },
  {
    quoi: 'événement nouveau',
    operation: [EVENEMENTS, 'post'],
    methode: 'POST',
    url: `${B}/evenements`,
    corps: { id: 'OA-E1', date: '2025-06-01', type: 'liberation', logement: '93-552046484-00586' },
    statut: 201,
  },
  {
    quoi: 'le même événement',
    operation: [EVENEMENTS, 'post'],
    methode: 'POST',
    url: `${B}/evenements`,
    corps: { id: 'OA-E1', date: '2025-06-01', type: 'liberation', logement: '93-552046484-00586' },
    statut: 200,
  },
  {
    quoi: 'son id pour un autre',
    operation: [EVENEMENTS, 'post'],
    methode: 'POST',
    url: `${B}/evenements`,
    corps: { id: 'OA-E1', date: '2025-06-02', type: 'liberation', logement: '93-552046484-00586' },
    statut: 409,
  },
  {
    quoi: 'événement d’un logement inconnu',
    operation: [EVENEMENTS, 'post'],
    methode: 'POST',
    url: `${B}/evenements`,
    corps: { id: 'OA-E2', date: '2025-06-01', type: 'liberation', logement: '93-552046484-99999' },
    statut: 400,
  },
  {
    quoi: 'événement en texte',
    operation: [EVENEMENTS, 'post'],
    methode: 'POST',
    url: `${B}/evenements`,
    corps: 'id=OA-E3',
    entetes: { 'content-type': 'text/plain' },
    statut: 415,
  },
  {
    quoi: 'import refusé',
    operation: [IMPORTS, 'post'],
    methode: 'POST',
    url: `${B}/imports?nature=evenements&format=csv`,
    corps: CSV_INCONNU,
    entetes: { 'content-type': 'text/csv' },
    statut: 422,
  },
  {
    quoi: 'import sans nature',
    operation: [IMPORTS, 'post'],
    methode: 'POST',
    url: `${B}/imports?format=csv`,
    corps: CSV_INCONNU,
    entetes: { 'content-type': 'text/csv' },
    statut: 400,
  },
  {
    quoi: 'import sans format',
    operation: [IMPORTS, 'post'],
    methode: 'POST',
    url: `${B}/imports?nature=evenements`,
    corps: CSV_INCONNU,
    entetes: { 'content-type': 'text/csv' },
    statut: 400,
  },
  {
    quoi: 'import en JSON',
    operation: [IMPORTS, 'post'],
    methode: 'POST',
    url: `${B}/imports?nature=evenements&format=csv`,
    corps: { id: 'x' },
    statut: 415,
  },
  {
    quoi: 'bilan CSV',
    operation: [BILAN, 'get'],
    methode: 'GET',
    url: `${B}/departements/93/bilan/2025?format=csv`,
    statut: 200,
  },
  {
    quoi: 'bilan format=doc',
    operation: [BILAN, 'get'],
    methode: 'GET',
    url: `${B}/departements/93/bilan/2025?format=doc`,
    statut: 400,
  },
  {
    quoi: 'bilan d’une année sans convention',
    operation: [BILAN, 'get'],
    methode: 'GET',
    url: `${B}/departements/93/bilan/2020?format=csv`,
    statut: 404,
  },
  {
    quoi: 'bilan d’un destinataire sans convention',
    operation: [BILAN, 'get'],
    methode: 'GET',
    url: `${B}/departements/93/bilan/2020?format=csv&destinataire=etat-93`,
    statut: 400,
  },
  {
    quoi: 'prévisionnel sans corps',
    operation: [PREVISIONNEL, 'post'],
    methode: 'POST',
    url: `${B}/departements/93/previsionnel/2027?format=csv`,
    statut: 400,
  },
  {
    quoi: 'prévisionnel en CSV',
    operation: [PREVISIONNEL, 'post'],
    methode: 'POST',
    url: `${B}/departements/93/previsionnel/2027?format=csv`,
    corps: 'a,b',
    entetes: { 'content-type': 'text/csv' },
    statut: 415,
  },
];

describe.each(BASES)('the OpenAPI document against the real answers (%s)', (nom) => {
  let s: Serveur;
  let bailleur: Client;
  let doc: Document;
  beforeAll(async () => {
    s = await serveurExemple(nom);
    bailleur = await membreExemple(s, 'bailleur:552046484');
    doc = (await bailleur.get<Document>('/api/openapi.json')).body;
  }, 120_000);
  afterAll(async () => {
    await s.stop();
  });

  const prevision = readFileSync(
    join(repoRoot, 'test/fixtures/exemple-93/previsionnel-2026.yaml'),
    'utf8',
  );
  const tous: Cas[] = [
    ...CAS,
    {
      quoi: 'prévisionnel d’une autre année',
      operation: [PREVISIONNEL, 'post'],
      methode: 'POST',
      url: `${B}/departements/93/previsionnel/2027?format=csv`,
      corps: prevision,
      entetes: { 'content-type': 'application/yaml' },
      statut: 422,
    },
    {
      quoi: 'prévisionnel',
      operation: [PREVISIONNEL, 'post'],
      methode: 'POST',
      url: `${B}/departements/93/previsionnel/2026?format=csv`,
      corps: prevision,
      entetes: { 'content-type': 'application/yaml' },
      statut: 200,
    },
  ];

  it('lists every status the five routes answer, and each error is the document’s error shape', async () => {
    const champs = doc.components.schemas.Diagnostic.required;
    expect(champs).toEqual(expect.arrayContaining(['code', 'severity', 'message', 'params']));
    for (const c of tous) {
      const r = await bailleur.requete(c.methode, c.url, c.corps, c.entetes);
      expect(r.status, `${c.quoi} : ${JSON.stringify(r.body).slice(0, 300)}`).toBe(c.statut);
      const op = doc.paths[c.operation[0]]?.[c.operation[1]];
      expect(Object.keys(op?.responses ?? {}), c.quoi).toContain(String(c.statut));
      if (c.statut < 400) continue;
      expect(r.headers.get('content-type'), c.quoi).toMatch(/^application\/json/);
      const diagnostics = (r.body as { diagnostics?: Json[] }).diagnostics ?? [];
      expect(diagnostics.length, c.quoi).toBeGreaterThan(0);
      for (const d of diagnostics)
        for (const k of champs) expect(d, `${c.quoi} : ${k}`).toHaveProperty(k);
    }
  });

  it('lists the status of every GET route given an unreadable value in each query parameter', async () => {
    const exemples: Record<string, string> = {
      siren: '552046484',
      dep: '93',
      id: '93-552046484-00586',
      annee: '2025',
      cid: '93-552046484-etat-93',
      v: '1',
      rid: 'etat-93',
      nom: 'v1',
    };
    let vus = 0;
    for (const [chemin, ops] of Object.entries(doc.paths)) {
      const op = ops['get'];
      const requete = (op?.parameters ?? []).filter((p) => p.in === 'query');
      if (!op || !requete.length || chemin.startsWith('/api/epci/')) continue;
      const url = chemin.replace(/\{(\w+)\}/g, (_m, n: string) => exemples[n] ?? 'x');
      for (const p of requete) {
        const autres = requete
          .filter((q) => q.required && q.name !== p.name)
          .map((q) => `${q.name ?? ''}=2025`);
        const r = await bailleur.get(`${url}?${[...autres, `${p.name ?? ''}=zzz`].join('&')}`);
        expect(
          Object.keys(op.responses),
          `${chemin} ${p.name ?? ''}=zzz : ${String(r.status)}`,
        ).toContain(String(r.status));
        vus++;
      }
    }
    expect(vus).toBeGreaterThan(30);
  });

  it('refuses a query parameter the route does not know, on filters and writes alike', async () => {
    const inconnu = async (url: string, methode = 'GET', corps?: string, lang = 'fr') => {
      const r = await bailleur.requete<{ diagnostics: Json[] }>(methode, url, corps, {
        'accept-language': lang,
        ...(corps ? { 'content-type': 'text/csv' } : {}),
      });
      expect(r.status, `${url} : ${JSON.stringify(r.body).slice(0, 300)}`).toBe(400);
      expect(r.body.diagnostics.map((d) => d['code'])).toEqual(['SERVICE_PARAMETRE_INCONNU']);
      return String(r.body.diagnostics[0]?.['message']);
    };
    // A misspelt filter listed everything; a misspelt option was ignored.
    expect(await inconnu('/api/conventions?reservatiare=montreuil')).toBe(
      'Paramètre reservatiare inconnu de cette route (paramètres reconnus : departement, bailleur, reservataire) : rien n’a été fait.',
    );
    expect(
      await inconnu(`${B}/departements/93/figures?annee=2025&anne=2024`, 'GET', undefined, 'en'),
    ).toBe(
      'Parameter anne is unknown to this route (known parameters: annee, date, au): nothing was done.',
    );
    expect(await inconnu('/api/moi?x=1')).toMatch(/\(paramètres reconnus : \(aucun\)\)/);
    // An all-or-nothing import asked `tolerent=true` imports nothing, rather than all or nothing.
    const avant = await bailleur.get<{ imports: unknown[] }>(`${B}/imports`);
    await inconnu(`${B}/imports?nature=evenements&format=csv&tolerent=true`, 'POST', CSV_INCONNU);
    const apres = await bailleur.get<{ imports: unknown[] }>(`${B}/imports`);
    expect(apres.body.imports.length).toBe(avant.body.imports.length);
    // Without an account, 401 first; the multipart form's `_csrf` is every route's.
    expect((await new Client(s.url).get('/api/conventions?x=1')).status).toBe(401);
    expect((await bailleur.get('/api/conventions?_csrf=t')).status).toBe(200);
  });

  it('marks required the query parameters whose absence answers 400', () => {
    const requis = (chemin: string, methode: string) =>
      (doc.paths[chemin]?.[methode]?.parameters ?? [])
        .filter((p) => p.in === 'query' && p.required)
        .map((p) => p.name);
    expect(requis(FIGURES, 'get')).toEqual(['annee']);
    expect(requis('/api/reservataires/{rid}/figures', 'get')).toEqual(['annee']);
    expect(requis('/api/bailleurs/{siren}/logements/{id}/explication', 'get')).toEqual(['annee']);
    expect(requis(IMPORTS, 'post')).toEqual(['nature', 'format']);
    expect(requis(BILAN, 'get')).toEqual([]);
    expect(requis('/api/echeancier.ics', 'get')).toEqual(['jeton']);
    // A filter's value is never refused, but a parameter the route does not know is, on every route.
    for (const [chemin, ops] of Object.entries(doc.paths))
      for (const [methode, op] of Object.entries(ops))
        expect(Object.keys(op.responses), `${methode} ${chemin}`).toContain('400');
  });
});
