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
  description: string;
  schema: { type: string; enum?: string[]; default?: unknown };
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

  const parametre = (chemin: string, methode: string, nom: string): Parametre | undefined => {
    const ps = doc.paths[chemin]?.[methode]?.parameters ?? [];
    return ps.find((x): x is Parametre => 'name' in x && x.name === nom && x.in === 'query');
  };
  const valeurs = (chemin: string, methode: string, nom: string): string[] | undefined =>
    parametre(chemin, methode, nom)?.schema.enum;

  it('gives the import’s nature, format and tolerant the values the route takes', async () => {
    const chemin = '/api/bailleurs/{siren}/imports';
    expect(valeurs(chemin, 'post', 'nature')).toEqual(['parc', 'evenements']);
    expect(valeurs(chemin, 'post', 'format')).toEqual(['csv', 'ndjson', 'xlsx', 'rpls']);
    // A yes/no parameter is a boolean (a query boolean is written true or false), default false.
    expect(parametre(chemin, 'post', 'tolerant')).toMatchObject({
      schema: { type: 'boolean', default: false },
      description:
        'true : enregistre les lignes valides et renvoie les rejetées (défaut : tout ou rien). Valeurs lues : true, false (absent : false).',
    });
    expect(parametre(chemin, 'post', 'tolerant')?.schema.enum).toBeUndefined();
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
      expect(d?.params['attendu']).toBe(
        nom === 'tolerant' ? 'true, false' : valeurs(chemin, 'post', nom)?.join(', '),
      );
    }
    // Every value of the enum is read (the file is what is refused: an empty table).
    for (const nature of valeurs(chemin, 'post', 'nature') ?? [])
      expect((await importer(m.saisie, `nature=${nature}&format=csv`, csv)).status).toBe(422);
    // Both spellings are read (the answer is the file's, not a 400 on the parameter).
    for (const tolerant of ['true', 'false'])
      expect(
        (await importer(m.saisie, `nature=parc&format=csv&tolerant=${tolerant}`, csv)).status,
      ).not.toBe(400);
  });

  it('gives the live post’s confirmer and the documents’ format their values', async () => {
    expect(parametre('/api/bailleurs/{siren}/evenements', 'post', 'confirmer')?.schema).toEqual({
      type: 'boolean',
      default: false,
    });
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
