/**
 * Issue 14: an import's `remarques` — what the reading of its file noted without refusing it, as
 * the CLI prints it (the one sheet of a workbook read, the JJ/MM/AAAA dates read day first) — are
 * kept with the import: `GET /api/imports/:id` answers them as the upload's answer did, whether
 * the import went through or was refused (the service answered them only once, in the upload's
 * response, and dropped them). Both answers follow the import's schema of the served OpenAPI
 * document (schemas/service/import.schema.json). Through the real `convflux serve` process on
 * both databases.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAjv } from '../../src/schema/load-schemas.js';
import { EXEMPLE, importer, monde, SIREN, type ImportJson, type Monde } from './flux-outils.js';
import { BASES } from './harness.js';

type Json = Record<string, unknown>;
type Remarque = ImportJson['remarques'][number];

const L1 = '93-552046484-00001';
const L2 = '93-552046484-00002';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A French export: dates JJ/MM/AAAA, the third row's day (15) tells the order. */
const JJ_MM = [
  'id;date;type;logement;reservataire',
  `R1;02/01/2025;liberation;${L1};`,
  `R2;05/01/2025;orientation;${L1};etat-93`,
  `R3;15/01/2025;liberation;${L2};`,
].join('\r\n');

/** A workbook whose first sheet is a notice (the second is read), one of its rows refused. */
async function classeurNotice(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Notice').addRow(['Mouvements du 1er trimestre 2025']);
  const ws = wb.addWorksheet('Mouvements 2025');
  ws.addRow(['id', 'date', 'type', 'logement']);
  ws.addRow(['N1', '2025-03-05', 'liberation', '93-552046484-00006']);
  ws.addRow(['N2', '2025-13-02', 'liberation', '93-552046484-00007']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const codesEtMessages = (rs: readonly Remarque[]) => rs.map((r) => [r.code, r.message]);

describe.each(BASES)('imports : remarques gardées (%s)', (base) => {
  let m: Monde;
  let valider: (corps: unknown) => string[];
  beforeAll(async () => {
    m = await monde(base);
    const parc = await importer(
      m.saisie,
      'nature=parc&format=csv',
      readFileSync(join(EXEMPLE, 'logements.csv')),
    );
    expect(parc.status).toBe(201);
    // The import's schema as the served document gives it, its Diagnostics resolved there.
    const doc = (
      await m.lecteur.get<{ components: { schemas: Record<string, Json> } }>('/api/openapi.json')
    ).body;
    const { Diagnostic: diagnostic, import: schema } = doc.components.schemas;
    expect(schema).toBeDefined();
    const ajv = createAjv();
    ajv.addSchema(diagnostic as Json);
    const v = ajv.compile(
      JSON.parse(JSON.stringify(schema), (k: string, x: unknown) =>
        k === '$ref' && x === '#/components/schemas/Diagnostic' ? diagnostic?.['$id'] : x,
      ) as Json,
    );
    valider = (corps) => {
      v(corps);
      return (v.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
    };
  }, 90_000);
  afterAll(async () => {
    await m.s.stop();
  });

  it('keeps the remarques of an import that went through, and the GET answers them', async () => {
    const r = await importer(m.saisie, 'nature=evenements&format=csv', JJ_MM);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const attendues = [
      [
        'TABLE_DATES_JJ_MM_AAAA',
        'Dates au format JJ/MM/AAAA lues comme jour/mois/année (3 date(s)) : le fichier a des jours supérieurs à 12, ce format est donc sans ambiguïté.',
      ],
    ];
    expect(codesEtMessages(r.body.remarques)).toEqual(attendues);
    expect(valider(r.body)).toEqual([]);
    const g = await m.lecteur.get<ImportJson>(`/api/imports/${r.body.id}`);
    expect(g.status).toBe(200);
    expect(g.body).toMatchObject({ statut: 'termine', lignes: 3, acceptees: 3, rejets: [] });
    expect(g.body.remarques).toEqual(r.body.remarques);
    expect(valider(g.body)).toEqual([]);
  });

  it('keeps the remarques of a refused import: which sheet of the workbook was read', async () => {
    const r = await importer(
      m.saisie,
      'nature=evenements&format=xlsx',
      await classeurNotice(),
      XLSX,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(valider(r.body)).toEqual([]);
    const g = await m.lecteur.get<ImportJson & { rejets: { code: string; line: number }[] }>(
      `/api/imports/${r.body.id}`,
    );
    expect(g.body.statut).toBe('rejete');
    expect(g.body.rejets.map((d) => [d.code, d.line])).toEqual([['LIGNE_DATE_INVALIDE', 3]]);
    expect(codesEtMessages(g.body.remarques)).toEqual([
      [
        'TABLE_XLSX_FEUILLE',
        'Classeur de 2 feuilles : seule la feuille « Mouvements 2025 » est lue.',
      ],
    ]);
    expect(g.body.remarques).toEqual(r.body.remarques);
    expect(valider(g.body)).toEqual([]);
    // The schema is not one that takes anything: an import without its remarques fails it.
    expect(valider({ ...g.body, remarques: undefined })).not.toEqual([]);
  });

  it('lists the imports of the bailleur with no remarques mixed in (the GET of one has them)', async () => {
    const l = await m.lecteur.get<{ imports: Json[] }>(`/api/bailleurs/${SIREN}/imports`);
    expect(l.status).toBe(200);
    expect(l.body.imports.length).toBe(3);
  });
});
