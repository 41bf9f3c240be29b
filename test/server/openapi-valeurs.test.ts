/**
 * Issue 14: a query parameter of a closed set is described with its values (`enum`) in the
 * OpenAPI document the real process serves, and they are the values the route takes: each is
 * read, another is refused (400) naming those same values. The relevé's `format` read any value
 * but `pdf` as HTML (`?format=PDF`, `?format=docx`: an HTML page); it is refused now.
 * Through the real `convflux serve` process on SQLite (the routes are the same on PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importer, monde, SIREN, type Monde } from './flux-outils.js';
import { membre, type Client } from './harness.js';

interface Parametre {
  name: string;
  in: string;
  schema: { type: string; enum?: string[] };
}
interface Document {
  paths: Record<string, Record<string, { parameters?: (Parametre | { $ref: string })[] }>>;
}
interface Refus {
  diagnostics: { code: string; params: Record<string, unknown> }[];
}

describe('les valeurs des paramètres fermés dans le document OpenAPI (sqlite)', () => {
  let m: Monde;
  let doc: Document;
  let epci: Client;
  beforeAll(async () => {
    m = await monde('sqlite');
    doc = (await m.lecteur.get<Document>('/api/openapi.json')).body;
    epci = await membre(m.s, m.adm, { type: 'epci', identifiant: '200057867' }, ['lire']);
  }, 90_000);
  afterAll(async () => {
    await m.s.stop();
  });

  const valeurs = (chemin: string, methode: string, nom: string): string[] | undefined => {
    const ps = doc.paths[chemin]?.[methode]?.parameters ?? [];
    const p = ps.find((x): x is Parametre => 'name' in x && x.name === nom && x.in === 'query');
    return p?.schema.enum;
  };

  it('gives the import’s nature, format and tolerant the values the route takes', async () => {
    const chemin = '/api/bailleurs/{siren}/imports';
    expect(valeurs(chemin, 'post', 'nature')).toEqual(['parc', 'evenements']);
    expect(valeurs(chemin, 'post', 'format')).toEqual(['csv', 'ndjson', 'xlsx', 'rpls']);
    expect(valeurs(chemin, 'post', 'tolerant')).toEqual(['true', 'false']);
    const csv = 'logement,bailleur,departement,commune,typologie,financement,annee_construction\n';
    for (const [requete, nom] of [
      ['nature=stock&format=csv', 'nature'],
      ['nature=parc&format=ods', 'format'],
      ['nature=parc&format=csv&tolerant=oui', 'tolerant'],
    ] as const) {
      const r = await importer(m.saisie, requete, csv);
      expect(r.status, requete).toBe(400);
      const d = (r.body as unknown as Refus).diagnostics[0];
      expect(d?.params['parametre']).toBe(nom);
      expect(d?.params['attendu']).toBe(valeurs(chemin, 'post', nom)?.join(', '));
    }
    // Every value of the enum is read (the file is what is refused: an empty table).
    for (const nature of valeurs(chemin, 'post', 'nature') ?? [])
      expect((await importer(m.saisie, `nature=${nature}&format=csv`, csv)).status).toBe(422);
  });

  it('gives the live post’s confirmer and the documents’ format their values', async () => {
    expect(valeurs('/api/bailleurs/{siren}/evenements', 'post', 'confirmer')).toEqual([
      'true',
      'false',
    ]);
    const bilan = '/api/bailleurs/{siren}/departements/{dep}/bilan/{annee}';
    const previsionnel = '/api/bailleurs/{siren}/departements/{dep}/previsionnel/{annee}';
    expect(valeurs(bilan, 'get', 'format')).toEqual(['pdf', 'csv', 'xlsx']);
    expect(valeurs(previsionnel, 'post', 'format')).toEqual(['pdf', 'csv', 'xlsx']);
    const r = await m.lecteur.get(`/api/bailleurs/${SIREN}/departements/93/bilan/2025?format=docx`);
    expect(r.status).toBe(400);
    // A parameter of no closed set has no enum.
    expect(valeurs(bilan, 'get', 'date')).toBeUndefined();
  });

  it('refuses a relevé format outside html and pdf, as the document says', async () => {
    const chemin = '/api/epci/{siren}/cotation/releve';
    expect(valeurs(chemin, 'post', 'format')).toEqual(['html', 'pdf']);
    const r = await epci.post<Refus>(
      '/api/epci/200057867/cotation/releve?date=2026-01-15&numero=093112512345&format=docx',
      'numero_unique\n093112512345\n',
      { 'content-type': 'text/csv' },
    );
    expect(r.status).toBe(400);
    expect(r.body.diagnostics[0]?.params).toMatchObject({
      parametre: 'format',
      attendu: 'html, pdf',
    });
  });
});
