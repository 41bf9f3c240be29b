/**
 * Issue 14: a parc imported in the public RPLS open-data layout is refused in the words of the
 * bailleur's own file — each rejected row names the file's column (FINAN_CODE, DEPCOM_CODE…) at
 * its column in the line, not the parc field convflux reads it as (« financement » at column 0);
 * a missing column is named by the file's spellings; a refused flat is « refusé », not « ignoré ».
 * Through the real `convflux serve` process on SQLite (the reading is the same on PostgreSQL).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importer, monde, type Monde } from './flux-outils.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ENTETE =
  'REG_CODE;DEP_CODE;EPCI_CODE;DEPCOM_CODE;NUMERO_RPLS;QPV;NBPIECE;FINAN_CODE;CONSTRUCT';

interface Rejet {
  code: string;
  line: number;
  column: number;
  pointer: string;
  message: string;
}

describe('import RPLS : les colonnes du fichier (sqlite)', () => {
  let m: Monde;
  beforeAll(async () => {
    m = await monde('sqlite');
  }, 90_000);
  afterAll(async () => {
    await m.s.stop();
  });

  it('names the file’s columns and their place in the line', async () => {
    const csv = [
      ENTETE,
      '11;93;200057867;93066;9300000001;0;3;PLUX;1975',
      '11;93;200057867;93066;9300000002;0;x;PLUS;abc',
      '11;93;200057867;93066;;0;3;PLUS;1975',
      '11;93;200057867;75056;9300000004;0;3;PLUS;1975',
    ].join('\n');
    const r = await importer(m.saisie, 'nature=parc&format=rpls', csv);
    expect(r.status).toBe(422);
    const rejets = r.body.rejets as unknown as Rejet[];
    const vus = rejets.map((d) => [d.line, d.column, d.pointer, d.message]);
    expect(vus).toEqual([
      [
        2,
        38,
        '/FINAN_CODE',
        'Valeur "PLUX" inconnue pour « FINAN_CODE ». Valeurs permises : PLAI, PLUS, PLS, PLI.',
      ],
      [
        3,
        36,
        '/NBPIECE',
        'Valeur "x" inconnue pour « NBPIECE ». Valeurs permises : un nombre entier de pièces, 1 ou plus (6 et plus : T6).',
      ],
      [
        3,
        43,
        '/CONSTRUCT',
        'Champ « CONSTRUCT » : attendu une année entre 1800 et 2100 (chiffres seuls) ; trouvé : "abc".',
      ],
      // An empty cell: the column is the file's all the same.
      [4, 23, '/NUMERO_RPLS', 'Champ obligatoire « NUMERO_RPLS » absent ou vide.'],
      [
        5,
        17,
        '/DEPCOM_CODE',
        'Colonne « DEPCOM_CODE » : la commune Paris (75056) est dans le département 75, pas dans le 93 indiqué sur la ligne ; logement refusé.',
      ],
      [
        5,
        7,
        '/EPCI_CODE',
        'Colonne « EPCI_CODE » : Plaine Commune (200057867) ne compte pas la commune Paris (75056) parmi ses membres ; logement refusé.',
      ],
    ]);
    // The parc field the column is read as stays in the params.
    expect(rejets[1]).toMatchObject({
      code: 'LIGNE_VALEUR_INCONNUE',
      params: { champ: 'NBPIECE', champ_parc: 'typologie' },
    });
    const en = await m.saisie.post<{ rejets: Rejet[] }>(
      '/api/bailleurs/552046484/imports?nature=parc&format=rpls',
      csv,
      { 'content-type': 'text/csv', 'accept-language': 'en' },
    );
    expect(en.body.rejets[0]?.message).toBe(
      'Unknown value "PLUX" for "FINAN_CODE". Allowed values: PLAI, PLUS, PLS, PLI.',
    );
    expect(en.body.rejets.at(-1)?.message).toBe(
      'Column "EPCI_CODE": Plaine Commune (200057867) does not have commune Paris (75056) among its members; flat refused.',
    );
    expect(en.body.rejets[1]?.message).toBe(
      'Unknown value "x" for "NBPIECE". Allowed values: a whole number of rooms, 1 or more (6 and more: T6).',
    );
  });

  it('takes the year of completion from a date (an Excel date cell, JJ/MM/AAAA)', async () => {
    const r = await importer(
      m.saisie,
      'nature=parc&format=rpls',
      [
        ENTETE,
        '11;93;200057867;93066;9300000021;0;3;PLUS;30/06/1975',
        '11;93;200057867;93066;9300000022;0;2;PLAI;1998-01-15',
        '11;93;200057867;93066;9300000023;0;2;PLAI;31/02/1998',
        '11;93;200057867;93066;9300000021;0;3;PLUS;1975',
      ].join('\n'),
    );
    expect(r.status).toBe(422);
    const vus = (r.body.rejets as unknown as Rejet[]).map((d) => [d.line, d.pointer, d.message]);
    expect(vus).toEqual([
      [
        4,
        '/CONSTRUCT',
        'Champ « CONSTRUCT » : attendu une année entre 1800 et 2100 (chiffres seuls) ; trouvé : "31/02/1998".',
      ],
      [5, '/NUMERO_RPLS', 'Logement 9300000021 en double dans le parc (déjà ligne 2).'],
    ]);
    const t = await importer(
      m.saisie,
      'nature=parc&format=rpls&tolerant=true',
      [ENTETE, '11;93;200057867;93066;9300000021;0;3;PLUS;30/06/1975'].join('\n'),
    );
    expect(t.status, JSON.stringify(t.body)).toBe(201);
    const l = await m.saisie.get<{ logement: { annee_construction: number } }>(
      '/api/bailleurs/552046484/logements/9300000021',
    );
    expect(l.body.logement.annee_construction).toBe(1975);
  });

  it('reads an RPLS extract saved from Excel as a workbook; says format=xlsx to a workbook sent as CSV', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('RPLS 2025');
    ws.addRow(ENTETE.split(';'));
    ws.addRow([
      11,
      93,
      200057867,
      93066,
      '9300000031',
      '0',
      3,
      'PLUS',
      new Date(Date.UTC(1975, 5, 30)),
    ]);
    ws.addRow([11, 93, 200057867, 93066, 9300000032, '1', 2, 'PLAI', 1988]);
    ws.getColumn(9).numFmt = 'dd/mm/yyyy';
    const classeur = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await importer(m.saisie, 'nature=parc&format=rpls', classeur, XLSX);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ lignes: 2, acceptees: 2 });
    const l = await m.saisie.get<{ logement: { commune: string; annee_construction: number } }>(
      '/api/bailleurs/552046484/logements/9300000031',
    );
    expect(l.body.logement).toMatchObject({ commune: '93066', annee_construction: 1975 });
    const csv = await importer(m.saisie, 'nature=parc&format=csv', classeur, XLSX);
    expect(csv.status).toBe(422);
    expect((csv.body.rejets as unknown as Rejet[]).map((d) => [d.code, d.message])).toEqual([
      [
        'TABLE_FICHIER_BINAIRE',
        'Fichier binaire (octet nul) importé comme texte : un classeur Excel s’importe avec format=xlsx (il est alors lu tel quel), sinon exportez-le en « CSV UTF-8 ».',
      ],
    ]);
  });

  it('names a missing column by the file’s spellings', async () => {
    const r = await importer(
      m.saisie,
      'nature=parc&format=rpls',
      'DEP_CODE;DEPCOM_CODE\n93;93066\n',
    );
    expect(r.status).toBe(422);
    const manquantes = (r.body.rejets as unknown as Rejet[])
      .filter((d) => d.code === 'SAISIE_RPLS_COLONNE_MANQUANTE')
      .map((d) => d.message);
    expect(manquantes).toContain(
      'Fichier RPLS : colonne FINAN_CODE ou FINAN ou FINAN_LIBELLE absente de l’en-tête (parc).',
    );
    expect(manquantes).toContain(
      'Fichier RPLS : colonne NUMERO_RPLS ou RPLS ou IDENTIFIANT ou NUM_LOGEMENT ou LOGEMENT absente de l’en-tête (parc).',
    );
  });

  it('reads the file as before when every row is good', async () => {
    const r = await importer(
      m.saisie,
      'nature=parc&format=rpls',
      `${ENTETE}\n11;93;200057867;93066;9300000011;0;3;PLUS;1975\n`,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ acceptees: 1, rejets: [] });
  });

  it('reads the financing from FINAN_LIBELLE when FINAN_CODE beside it names none', async () => {
    // The open data writes a coded field twice, …_CODE and …_LIBELLE: a code convflux does not
    // read (« 21 ») gives way to the label.
    const entete = `${ENTETE};FINAN_LIBELLE`;
    const r = await importer(
      m.saisie,
      'nature=parc&format=rpls',
      [
        entete,
        '11;93;200057867;93066;9300000021;0;3;21;1975;PLUS',
        '11;93;200057867;93066;9300000022;0;2;10;2012;PLAI',
      ].join('\n'),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ acceptees: 2, rejets: [] });
    const l = await m.lecteur.get<{ logement: { financement: string } }>(
      '/api/bailleurs/552046484/logements/9300000022',
    );
    expect(l.body.logement.financement).toBe('PLAI');
    // A financing neither column names is refused in the words of the label, at its column.
    const refus = await importer(
      m.saisie,
      'nature=parc&format=rpls',
      [
        entete,
        '11;93;200057867;93066;9300000023;0;3;99;1960;Autre financement',
        '11;93;200057867;93066;9300000024;0;3;15;1960;PAP locatif',
      ].join('\n'),
    );
    expect(refus.status).toBe(422);
    expect(
      (refus.body.rejets as unknown as Rejet[]).map((d) => [
        d.line,
        d.column,
        d.pointer,
        d.message,
      ]),
    ).toEqual([
      [
        2,
        46,
        '/FINAN_LIBELLE',
        'Valeur "Autre financement" inconnue pour « FINAN_LIBELLE ». Valeurs permises : PLAI, PLUS, PLS, PLI.',
      ],
      [
        3,
        46,
        '/FINAN_LIBELLE',
        'Valeur "PAP locatif" inconnue pour « FINAN_LIBELLE ». Valeurs permises : PLAI, PLUS, PLS, PLI.',
      ],
    ]);
  });

  it('imports a parc of every financing the nomenclature’s table reads, as the table says', async () => {
    // Issue 14: the « financement initial » of the RPLS nomenclature (arrêté du 5 janvier 2010),
    // code and label, read as the parc's category convflux gives it (src/input/financement-lu.ts)
    // — until 5 December 2026 every flat financed before 1977, by a PLA or a PCL was refused, and
    // the whole import with it.
    const lignes: [string, string, string, string][] = [
      ['9300000101', '10', 'PLA d’intégration/LLTS dans les DOM', 'PLAI'],
      ['9300000102', '11', 'PLA Loyer Minoré / PLA Très Social / PLA Insertion', 'PLAI'],
      ['9300000103', '12', 'PLA ordinaire', 'PLUS'],
      ['9300000104', '13', 'PLUS/LLS dans les DOM', 'PLUS'],
      ['9300000105', '14', 'PLS/PPLS/PCLS/PLA CFF', 'PLS'],
      ['9300000106', '16', 'PLI', 'PLI'],
      ['9300000107', '17', 'PCL conventionné ou non', 'PLS'],
      ['9300000108', '50', 'HBM', 'PLUS'],
      ['9300000109', '51', 'PLR/PSR', 'PLUS'],
      ['9300000110', '52', 'HLM/O', 'PLUS'],
      ['9300000111', '53', 'ILM', 'PLI'],
      ['9300000112', '54', 'ILN', 'PLI'],
      // The code alone, its label cell empty.
      ['9300000113', '52', '', 'PLUS'],
    ];
    const r = await importer(
      m.saisie,
      'nature=parc&format=rpls',
      [
        `${ENTETE};FINAN_LIBELLE`,
        ...lignes.map(([id, code, libelle]) =>
          ['11;93;200057867;93066', id, '0;3', code, '1965', libelle].join(';'),
        ),
      ].join('\n'),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ lignes: lignes.length, acceptees: lignes.length, rejets: [] });
    const lus: string[] = [];
    for (const [id] of lignes) {
      const l = await m.lecteur.get<{ logement: { financement: string } }>(
        `/api/bailleurs/552046484/logements/${id}`,
      );
      expect(l.status).toBe(200);
      lus.push(l.body.logement.financement);
    }
    expect(lus).toEqual(lignes.map(([, , , lu]) => lu));
  });
});
