/**
 * Issue 14: an events file with its dates written JJ/MM/AAAA (a French Excel export: « ; », a BOM)
 * is imported as `convflux evaluate` and `convflux classer` read it — day first once a date of the
 * file has a day above 12, the rows kept in the file's order for their classification — where the
 * service refused every such row (« attendu une date réelle au format AAAA-MM-JJ »). A file whose
 * dates never tell is refused row by row as ambiguous, by the service and by `classer` alike; a
 * date that is neither says both formats it may take. Through the real `convflux serve` process on
 * both databases, and the CLI on the same file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';
import { EXEMPLE, importer, monde, SIREN, type Monde } from './flux-outils.js';
import { BASES } from './harness.js';

const BOM = '\ufeff';
const L1 = '93-552046484-00001';
const L2 = '93-552046484-00002';

/** Rows of a French export: the first dates do not tell the order, the third does (15). */
const JJ_MM = [
  'id;date;type;logement;reservataire',
  `D1;02/01/2025;liberation;${L1};`,
  `D2;05/01/2025;orientation;${L1};etat-93`,
  `D3;15/01/2025;liberation;${L2};`,
  `D4;20/1/2025;orientation;${L2};etat-93`,
].join('\r\n');

interface Rejet {
  code: string;
  line: number;
  message: string;
}

function fichier(nom: string, texte: string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'convflux-dates-')), nom);
  writeFileSync(f, texte);
  return f;
}

describe.each(BASES)('imports : dates JJ/MM/AAAA (%s)', (base) => {
  let m: Monde;
  beforeAll(async () => {
    m = await monde(base);
    const parc = await importer(
      m.saisie,
      'nature=parc&format=csv',
      readFileSync(join(EXEMPLE, 'logements.csv')),
    );
    expect(parc.status).toBe(201);
  }, 90_000);
  afterAll(async () => {
    await m.s.stop();
  });

  it('reads JJ/MM/AAAA dates day first, in the file’s order, as classer does', async () => {
    const r = await importer(m.saisie, 'nature=evenements&format=csv', BOM + JJ_MM);
    expect(r.status, JSON.stringify(r.body.rejets)).toBe(201);
    expect(r.body).toMatchObject({ lignes: 4, acceptees: 4, anomalies: 0, rejets: [] });
    // Said as evaluate says it: the dates read day first.
    expect(r.body.remarques.map((d) => [d.code, d.message])).toEqual([
      [
        'TABLE_DATES_JJ_MM_AAAA',
        'Dates au format JJ/MM/AAAA lues comme jour/mois/année (4 date(s)) : le fichier a des jours supérieurs à 12, ce format est donc sans ambiguïté.',
      ],
    ]);
    const l1 = await m.lecteur.get<{ evenements: { id: string; date: string }[] }>(
      `/api/bailleurs/${SIREN}/logements/${L1}`,
    );
    expect(l1.body.evenements.map((e) => [e.id, e.date])).toEqual([
      ['D1', '2025-01-02'],
      ['D2', '2025-01-05'],
    ]);
    const l2 = await m.lecteur.get<{ evenements: { id: string; date: string }[] }>(
      `/api/bailleurs/${SIREN}/logements/${L2}`,
    );
    expect(l2.body.evenements.map((e) => e.date)).toEqual(['2025-01-15', '2025-01-20']);
    // Sent again: the same events (their dates read the same), nothing twice.
    const encore = await importer(m.saisie, 'nature=evenements&format=csv', BOM + JJ_MM);
    expect(encore.status).toBe(201);
    expect(encore.body).toMatchObject({ acceptees: 0, deja_enregistrees: 4 });
    // The CLI classifies the same file alike.
    const cli = runCli([
      'classer',
      '--rules',
      'rules',
      '--parc',
      join(EXEMPLE, 'logements.csv'),
      '--events',
      fichier('evenements.csv', BOM + JJ_MM),
    ]);
    expect(cli.stdout + cli.stderr).toContain(
      '4 ligne(s) : 4 valide(s), 0 anomalie(s), 0 invalide(s).',
    );
  });

  it('reads an .xlsx whose dates are Excel date cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Événements');
    ws.addRow(['id', 'date', 'type', 'logement', 'reservataire']);
    ws.addRow(['X1', new Date(Date.UTC(2025, 2, 4)), 'liberation', '93-552046484-00003', '']);
    ws.getColumn(2).numFmt = 'dd/mm/yyyy';
    const corps = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await importer(
      m.saisie,
      'nature=evenements&format=xlsx',
      corps,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(r.status, JSON.stringify(r.body.rejets)).toBe(201);
    const l = await m.lecteur.get<{ evenements: { date: string }[] }>(
      `/api/bailleurs/${SIREN}/logements/93-552046484-00003`,
    );
    expect(l.body.evenements.map((e) => e.date)).toEqual(['2025-03-04']);
    expect(r.body.remarques).toEqual([]);
  });

  it('reads the sheet named like the table, even with a year after it, and says which', async () => {
    const classeur = async (nom: string): Promise<Buffer> => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Notice').addRow(['Mouvements du 1er trimestre 2025']);
      const ws = wb.addWorksheet(nom);
      ws.addRow(['id', 'date', 'type', 'logement']);
      ws.addRow([`N-${nom}`, '2025-03-05', 'liberation', '93-552046484-00006']);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    // « Mouvements 2025 »: the first sheet, a notice, was read and refused for 4 missing columns.
    const lu = await importer(
      m.saisie,
      'nature=evenements&format=xlsx',
      await classeur('Mouvements 2025'),
      XLSX,
    );
    expect(lu.status, JSON.stringify(lu.body.rejets)).toBe(201);
    expect(lu.body.remarques.map((d) => d.message)).toEqual([
      'Classeur de 2 feuilles : seule la feuille « Mouvements 2025 » est lue.',
    ]);
    // A sheet of another name: the first is read, and the refusal says so.
    const r = await importer(
      m.saisie,
      'nature=evenements&format=xlsx',
      await classeur('Feuil2'),
      XLSX,
    );
    expect(r.status).toBe(422);
    expect(r.body.rejets.map((d) => d.code)).toContain('TABLE_COLONNE_MANQUANTE');
    expect(r.body.remarques.map((d) => d.message)).toContain(
      'Classeur de 2 feuilles : seule la feuille « Notice » est lue.',
    );
  });

  it('refuses dates that never tell their order, and says the formats of a wrong one', async () => {
    const ambigu = [
      'id;date;type;logement',
      'A1;03/04/2025;liberation;93-552046484-00004',
      'A2;2025/04/05;liberation;93-552046484-00005',
    ].join('\n');
    const r = await importer(m.saisie, 'nature=evenements&format=csv', ambigu);
    expect(r.status).toBe(422);
    const rejets = r.body.rejets as unknown as Rejet[];
    expect(rejets.map((d) => [d.code, d.line, d.message])).toEqual([
      [
        'LIGNE_DATE_AMBIGUE',
        2,
        'Date "03/04/2025" ambiguë dans « date » : jour/mois ou mois/jour ? Aucune date du fichier n’a un jour supérieur à 12 ; écrivez AAAA-MM-JJ.',
      ],
      [
        'LIGNE_DATE_INVALIDE',
        3,
        'Date "2025/04/05" invalide dans « date » : attendu une date réelle au format AAAA-MM-JJ (ou JJ/MM/AAAA dans un fichier).',
      ],
    ]);
    const cli = runCli([
      'classer',
      '--rules',
      'rules',
      '--parc',
      join(EXEMPLE, 'logements.csv'),
      '--events',
      fichier('ambigu.csv', ambigu),
    ]);
    expect(cli.stdout).toContain('LIGNE_DATE_AMBIGUE');
    expect(cli.stdout).toContain('2 ligne(s) : 0 valide(s), 0 anomalie(s), 2 invalide(s).');
  });

  it('reads a planned liberation like the date, and refuses a month-first file alike, with evaluate', async () => {
    const prevue = [
      'id;date;type;logement;date_liberation_prevue',
      'C1;2025-04-03;conge;93-552046484-00007;03/07/2025',
    ].join('\n');
    const mois = [
      'id;date;type;logement',
      'M1;01/02/2025;liberation;93-552046484-00008',
      'M2;01/15/2025;liberation;93-552046484-00009',
    ].join('\n');
    const attendus: [string, [string, number, string][]][] = [
      // The planned liberation was refused as « invalide » though written JJ/MM/AAAA.
      [prevue, [['LIGNE_DATE_AMBIGUE', 2, '/date_liberation_prevue']]],
      // Month first (15 is no month): evaluate said the first row « ambiguë ».
      [
        mois,
        [
          ['LIGNE_DATE_INVALIDE', 2, '/date'],
          ['LIGNE_DATE_INVALIDE', 3, '/date'],
        ],
      ],
    ];
    for (const [texte, codes] of attendus) {
      const r = await importer(m.saisie, 'nature=evenements&format=csv', texte);
      expect(r.status).toBe(422);
      const rejets = r.body.rejets as unknown as { code: string; line: number; pointer: string }[];
      expect(rejets.map((d) => [d.code, d.line, d.pointer])).toEqual(codes);
      const cli = runCli([
        'evaluate',
        '--annee',
        '2025',
        '--json',
        '--parc',
        join(EXEMPLE, 'logements.csv'),
        '--events',
        fichier('evenements.csv', texte),
      ]);
      const json = JSON.parse(cli.stdout) as {
        rejets: { code: string; line: number; pointer: string }[];
      };
      expect(json.rejets.map((d) => [d.code, d.line, d.pointer])).toEqual(codes);
    }
  });
});
