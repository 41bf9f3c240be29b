/**
 * Imports of a parc or events through the real `convflux serve` process, on SQLite and
 * PostgreSQL: the bundled example, all or nothing (nothing written, every rejected row listed),
 * tolerant, .xlsx, RPLS open data, progress, permissions, and kill -9 in the middle of an import.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers.js';
import { ouvrirBase } from './base-directe.js';
import { EXEMPLE, importer, monde, SIREN, type ImportJson, type Monde } from './flux-outils.js';
import { BASES, Client, demarrerServeur, MOT_DE_PASSE } from './harness.js';

const PARC_ENTETE =
  'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux';
const flat = (id: string, typo = 'T3', bailleur = SIREN, commune = '93066') =>
  `${id},${bailleur},93,${commune},200057867,false,${typo},PLUS,1990,`;

async function xlsx(lignes: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('logements');
  for (const l of lignes) ws.addRow(l);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(BASES)('imports du parc et des événements (%s)', (base) => {
  let m: Monde;
  beforeAll(async () => {
    m = await monde(base);
  }, 90_000);
  afterAll(async () => {
    await m.s.stop();
  });

  it('imports the bundled example, parc then events, and reports progress', async () => {
    const parc = await importer(
      m.saisie,
      'nature=parc&format=csv',
      readFileSync(join(EXEMPLE, 'logements.csv')),
    );
    expect(parc.status).toBe(201);
    expect(parc.body).toMatchObject({ statut: 'termine', lignes: 680, acceptees: 680, rejets: [] });
    const ev = await importer(
      m.saisie,
      'nature=evenements&format=csv',
      readFileSync(join(EXEMPLE, 'evenements.csv')),
    );
    expect(ev.status).toBe(201);
    expect(ev.body).toMatchObject({ statut: 'termine', lignes: 356, acceptees: 356, rejets: [] });
    const suivi = await m.lecteur.get<ImportJson>(`/api/imports/${ev.body.id}`);
    expect(suivi.body).toMatchObject({ statut: 'termine', lignes: 356, acceptees: 356 });
    const l = await m.lecteur.get<{ evenements: { id: string }[] }>(
      `/api/bailleurs/${SIREN}/logements/93-552046484-00586`,
    );
    expect(l.status).toBe(200);
    expect(l.body.evenements.map((e) => e.id)).toContain('E00002');
    // Imported again: every row is already there (same ids, same content), nothing twice.
    const encore = await importer(
      m.saisie,
      'nature=evenements&format=csv',
      readFileSync(join(EXEMPLE, 'evenements.csv')),
    );
    expect(encore.body).toMatchObject({ statut: 'termine', acceptees: 0, deja_enregistrees: 356 });
  }, 60_000);

  it('refuses a file with bad rows as a whole, listing every row; tolerant writes the good ones', async () => {
    const csv = [
      PARC_ENTETE,
      flat('B-1'),
      flat('B-2', 'T9'),
      flat('B-3'),
      flat('B-4', 'T2', '353017015'),
      flat('B-1'),
      flat('B-6', 'T2', SIREN, '9306'),
      flat('B-7', 'T9', SIREN, '9306'),
    ].join('\n');
    const tout = await importer(m.saisie, 'nature=parc&format=csv', csv);
    expect(tout.status).toBe(422);
    expect(tout.body.statut).toBe('rejete');
    expect(tout.body.rejets.map((d) => d.line)).toEqual([3, 5, 6, 7, 8, 8]);
    // Rows are counted, not reasons: line 8 has two (it said « 6 ligne(s) rejetée(s) sur 7 »).
    expect(tout.body.diagnostics?.[0]?.message).toMatch(
      /^Import refusé : 5 ligne\(s\) rejetée\(s\) sur 7 ;/,
    );
    expect(tout.body).toMatchObject({ lignes: 7, rejetees: 5 });
    expect(tout.body.rejets.map((d) => d.code)).toEqual(
      expect.arrayContaining(['SAISIE_LOGEMENT_AUTRE_BAILLEUR', 'LOGEMENT_DOUBLON']),
    );
    expect(tout.body.diagnostics?.[0]?.code).toBe('SAISIE_IMPORT_REJETE');
    expect((await m.lecteur.get(`/api/bailleurs/${SIREN}/logements/B-1`)).status).toBe(404);
    const suivi = await m.lecteur.get<ImportJson>(`/api/imports/${tout.body.id}`);
    expect(suivi.body).toMatchObject({ statut: 'rejete', acceptees: 0 });
    expect(suivi.body.rejets).toHaveLength(6);

    const tolerant = await importer(m.saisie, 'nature=parc&format=csv&tolerant=true', csv);
    expect(tolerant.status).toBe(201);
    expect(tolerant.body).toMatchObject({
      statut: 'termine',
      lignes: 7,
      acceptees: 2,
      rejetees: 5,
    });
    expect(tolerant.body.rejets.map((d) => d.line)).toEqual([3, 5, 6, 7, 8, 8]);
    expect((await m.lecteur.get(`/api/bailleurs/${SIREN}/logements/B-1`)).status).toBe(200);
    expect((await m.lecteur.get(`/api/bailleurs/${SIREN}/logements/B-3`)).status).toBe(200);
    expect((await m.lecteur.get(`/api/bailleurs/${SIREN}/logements/B-2`)).status).toBe(404);

    // The audit log counts the rows as the answers do, not their diagnostics (it said 6).
    const base = await ouvrirBase(m.s.args);
    try {
      const audit = await base.db
        .selectFrom('audit')
        .select(['action', 'objet', 'details'])
        .where(
          'objet',
          'in',
          [tout.body.id, tolerant.body.id].map((i) => `bailleur:${SIREN}/import:${i}`),
        )
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => [a.action, JSON.parse(a.details) as unknown])).toEqual([
        ['import.rejete', { nature: 'parc', format: 'csv', lignes: 7, acceptees: 0, rejetees: 5 }],
        ['import.termine', { nature: 'parc', format: 'csv', lignes: 7, acceptees: 2, rejetees: 5 }],
      ]);
    } finally {
      await base.close();
    }
  });

  it('says which imported events are anomalous and why, as convflux classer does', async () => {
    const csv = [
      'id,date,type,logement,reservataire',
      'AN-1,2025-07-01,liberation,93-552046484-00010,',
      // No orientation to etat-93 open on this flat: recorded with its alert.
      'AN-2,2025-07-03,designation,93-552046484-00010,etat-93',
      'AN-3,2025-07-04,orientation,93-552046484-00010,etat-93',
    ].join('\n');
    const r = await importer(m.saisie, 'nature=evenements&format=csv', csv);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ acceptees: 3, anomalies: 1, rejetees: 0 });
    // It said « anomalies: 1 » alone: which row, and why, were for the figures to tell.
    expect(r.body.alertes?.map((d) => [d.line, d.code, d.severity])).toEqual([
      [3, 'DESIGNATION_HORS_CYCLE', 'warning'],
    ]);
    expect(r.body.alertes?.[0]?.message).toBe(
      'Logement 93-552046484-00010 : désignation de « etat-93 » le 2025-07-03 sans orientation en cours vers lui (ignorée).',
    );
    // The same rows and words as `convflux classer` on the same data.
    const fichier = join(mkdtempSync(join(tmpdir(), 'convflux-anomalies-')), 'evenements.csv');
    writeFileSync(fichier, csv);
    const cli = runCli([
      'classer',
      '--rules',
      join(repoRoot, 'rules/conventions/93'),
      '--parc',
      join(EXEMPLE, 'logements.csv'),
      '--events',
      fichier,
      '--json',
    ]);
    const lignes = (
      JSON.parse(cli.stdout) as {
        lignes: {
          classement: string;
          diagnostics: { line: number; code: string; message: string }[];
        }[];
      }
    ).lignes;
    expect(r.body.alertes?.map((d) => [d.line, d.code, d.message])).toEqual(
      lignes
        .filter((l) => l.classement === 'anomalie')
        .flatMap((l) => l.diagnostics.map((d) => [d.line, d.code, d.message])),
    );
    // An import refused as a whole writes nothing, so it has no recorded anomaly to tell.
    const refuse = await importer(
      m.saisie,
      'nature=evenements&format=csv',
      `${csv.replaceAll('AN-', 'AO-')}\nAO-4,2025-07-05,liberation,93-552046484-99999,`,
    );
    expect(refuse.status).toBe(422);
    expect(refuse.body).toMatchObject({ anomalies: 0, alertes: [] });
  });

  it('refuses an events file with one invalid row: nothing of it is written', async () => {
    const csv = [
      'id,date,type,logement,reservataire',
      'T1,2025-07-01,liberation,93-552046484-00001,',
      'T2,2025-07-02,orientation,93-552046484-00001,nulle-part',
      'T3,2025-07-03,liberation,93-552046484-99999,',
    ].join('\n');
    const r = await importer(m.saisie, 'nature=evenements&format=csv', csv);
    expect(r.status).toBe(422);
    expect(r.body.rejets.map((d) => [d.line, d.code])).toEqual([
      [3, 'RESERVATAIRE_INCONNU'],
      [4, 'LOGEMENT_INCONNU'],
    ]);
    const ev = await m.lecteur.get<{ evenements: unknown[] }>(
      `/api/bailleurs/${SIREN}/evenements?logement=93-552046484-00001`,
    );
    expect(ev.body.evenements).toHaveLength(0);
    // Every rejected row in the file's order: the line that is not JSON came last.
    const ndjson = [
      '{"id":"T4","date":"2025-07-01","type":"liberation","logement":"93-552046484-00001"}',
      '{"id":"T5","date":"2025-02-30","type":"liberation","logement":"93-552046484-00002"}',
      'pas du JSON',
      '{"id":"T4","date":"2025-07-02","type":"liberation","logement":"93-552046484-00003"}',
    ].join('\n');
    const n = await importer(m.saisie, 'nature=evenements&format=ndjson', ndjson);
    expect(n.body.rejets.map((d) => [d.line, d.code])).toEqual([
      [2, 'LIGNE_DATE_INVALIDE'],
      [3, 'LIGNE_JSON_INVALIDE'],
      [4, 'EVENEMENT_DOUBLON'],
    ]);
  });

  it('refuses an empty or unreadable file with one diagnostic and its own summary, not « 1 ligne(s) rejetée(s) sur 0 »', async () => {
    for (const [q, corps] of [
      ['nature=parc&format=csv', ''],
      ['nature=evenements&format=csv', ''],
      ['nature=parc&format=xlsx', 'pas un classeur'],
      // An NDJSON file with no line is empty as a CSV is (it was 201 « termine », 0 ligne).
      ['nature=evenements&format=ndjson', ''],
      ['nature=parc&format=ndjson', '\n  \n'],
    ] as const) {
      const r = await importer(m.saisie, q, corps);
      expect(r.status, q).toBe(422);
      expect(r.body.lignes, q).toBe(0);
      expect(r.body.diagnostics?.[0]?.code, q).toBe('SAISIE_IMPORT_ILLISIBLE');
      expect(r.body.diagnostics?.[0]?.message, q).not.toMatch(/ligne\(s\) rejetée\(s\) sur 0/);
      // The file's own diagnostic follows, once.
      expect(r.body.diagnostics?.length, q).toBe(2);
      expect(
        r.body.rejets.map((x) => x.line),
        q,
      ).toEqual([0]);
      if (q.includes('ndjson')) expect(r.body.rejets.map((x) => x.code)).toEqual(['TABLE_VIDE']);
    }
    // Tolerant, an empty NDJSON is answered as an empty CSV is: nothing written, its TABLE_VIDE.
    for (const format of ['csv', 'ndjson']) {
      const r = await importer(m.saisie, `nature=evenements&format=${format}&tolerant=true`, '');
      expect([r.status, r.body.acceptees, r.body.rejets.map((x) => x.code)], format).toEqual([
        201,
        0,
        ['TABLE_VIDE'],
      ]);
    }
    const en = await m.saisie.post<ImportJson>(
      `/api/bailleurs/${SIREN}/imports?nature=parc&format=csv`,
      '',
      { 'content-type': 'text/csv', 'accept-language': 'en' },
    );
    expect(en.body.diagnostics?.[0]?.message).toMatch(
      /^Import refused: the file could not be read/,
    );
  });

  it('refuses a body sent as a form or as JSON (415, nothing imported): the file would be lost', async () => {
    // `curl --data-binary @file` sends application/x-www-form-urlencoded: the body was eaten by
    // the form parser and the import answered 201 « termine » with 0 rows — the file lost.
    const ndjson =
      '{"id":"CT-1","date":"2025-07-01","type":"liberation","logement":"93-552046484-00002"}\n';
    for (const type of ['application/x-www-form-urlencoded', 'application/json']) {
      const r = await importer(m.saisie, 'nature=evenements&format=ndjson', ndjson, type);
      expect(r.status, type).toBe(415);
      expect((r.body.diagnostics ?? []).map((d) => d.code)).toEqual(['SERVICE_CORPS_ATTENDU']);
      expect(r.body.diagnostics?.[0]?.message).toContain('text/csv');
    }
    const en = await m.saisie.post<ImportJson>(
      `/api/bailleurs/${SIREN}/imports?nature=evenements&format=ndjson`,
      ndjson,
      { 'content-type': 'application/json', 'accept-language': 'en' },
    );
    expect(en.body.diagnostics?.[0]?.message).toMatch(/^Request body expected: /);
    const ev = await m.lecteur.get<{ evenements: unknown[] }>(
      `/api/bailleurs/${SIREN}/evenements?logement=93-552046484-00002`,
    );
    expect(ev.body.evenements).toHaveLength(0);
    // The file's own types (and text/plain) are read.
    const ok = await importer(m.saisie, 'nature=evenements&format=ndjson', ndjson, 'text/plain');
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ statut: 'termine', lignes: 1, acceptees: 1 });
  });

  it('reads the codes an Excel number cell lost a zero of (01, 01053), as evaluate does', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Parc');
    ws.addRow([
      'logement',
      'bailleur',
      'departement',
      'commune',
      'qpv',
      'typologie',
      'financement',
      'annee_construction',
    ]);
    // Typed 01 and 01053 in cells of the « Standard » format, Excel keeps the numbers 1 and 1053.
    ws.addRow(['AIN-1', Number(SIREN), 1, 1053, 'non', 'T3', 'PLUS', 1990]);
    const corps = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await importer(
      m.saisie,
      'nature=parc&format=xlsx',
      corps,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(r.status, JSON.stringify(r.body.rejets)).toBe(201);
    const l = await m.lecteur.get<{ logement: { departement: string; commune: string } }>(
      `/api/bailleurs/${SIREN}/logements/AIN-1`,
    );
    expect(l.body.logement).toMatchObject({ departement: '01', commune: '01053' });
    const dir = mkdtempSync(join(tmpdir(), 'convflux-parc-ain-'));
    writeFileSync(join(dir, 'parc.xlsx'), corps);
    writeFileSync(join(dir, 'evenements.csv'), 'id,date,type,logement\n');
    const cli = runCli([
      'evaluate',
      '--annee',
      '2025',
      '--json',
      '--parc',
      join(dir, 'parc.xlsx'),
      '--events',
      join(dir, 'evenements.csv'),
    ]);
    expect((JSON.parse(cli.stdout) as { rejets: unknown[] }).rejets).toEqual([]);
  });

  it('reads NDJSON, an .xlsx workbook and the RPLS open-data layout', async () => {
    const classeur = await xlsx([
      PARC_ENTETE.split(','),
      flat('X-1').split(','),
      flat('X-2', 'T5').split(','),
    ]);
    const r = await importer(
      m.saisie,
      'nature=parc&format=xlsx',
      classeur,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.acceptees).toBe(2);
    const ndjson = [
      { id: 'N1', date: '2025-08-01', type: 'liberation', logement: 'X-1' },
      {
        id: 'N2',
        date: '2025-08-02',
        type: 'orientation',
        logement: 'X-1',
        reservataire: 'etat-93',
      },
    ]
      .map((e) => JSON.stringify(e))
      .join('\n');
    const n = await importer(
      m.saisie,
      'nature=evenements&format=ndjson',
      ndjson,
      'application/x-ndjson',
    );
    expect(n.status, JSON.stringify(n.body)).toBe(201);
    expect(n.body).toMatchObject({ acceptees: 2, anomalies: 0 });
    const rpls = await importer(
      m.saisie,
      'nature=parc&format=rpls',
      readFileSync(join(repoRoot, 'test/fixtures/rpls/rpls-extrait.csv')),
    );
    expect(rpls.status, JSON.stringify(rpls.body.rejets)).toBe(201);
    expect(rpls.body.acceptees).toBe(3);
    const l = await m.lecteur.get<{ logement: Record<string, unknown> }>(
      `/api/bailleurs/${SIREN}/logements/9300000003`,
    );
    expect(l.body.logement).toMatchObject({
      bailleur: SIREN,
      departement: '93',
      commune: '93066',
      typologie: 'T6',
      financement: 'PLS',
      annee_construction: 1999,
      qpv: false,
    });
    const q = await m.lecteur.get<{ logement: Record<string, unknown> }>(
      `/api/bailleurs/${SIREN}/logements/9300000002`,
    );
    expect(q.body.logement).toMatchObject({ qpv: true, typologie: 'T1', financement: 'PLAI' });
    const sans = await importer(
      m.saisie,
      'nature=parc&format=rpls',
      'DEP_CODE;DEPCOM_CODE\n93;93066\n',
    );
    expect(sans.status).toBe(422);
    expect(sans.body.rejets.map((d) => d.code)).toContain('SAISIE_RPLS_COLONNE_MANQUANTE');
  });

  it('imports a parc workbook whose header is below a title row, and says which row it read', async () => {
    // The title was taken for the header: the import was refused for missing columns.
    const classeur = await xlsx([
      ['Patrimoine au 01/01/2025'],
      [],
      PARC_ENTETE.split(','),
      flat('T-1').split(','),
    ]);
    const r = await importer(
      m.saisie,
      'nature=parc&format=xlsx',
      classeur,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ lignes: 1, acceptees: 1, rejets: [] });
    expect(r.body.remarques.map((d) => d.code)).toContain('TABLE_EN_TETE_DECALE');
    expect(JSON.stringify(r.body.remarques)).toContain('En-tête lu ligne 3');
  });

  it('lets only the bailleur’s recording members import; others see nothing', async () => {
    const csv = [PARC_ENTETE, flat('P-1')].join('\n');
    expect((await importer(m.lecteur, 'nature=parc&format=csv', csv)).status).toBe(403);
    expect((await importer(m.reservataire, 'nature=parc&format=csv', csv)).status).toBe(404);
    expect((await importer(new Client(m.s.url), 'nature=parc&format=csv', csv)).status).toBe(401);
    expect((await importer(m.saisie, 'nature=stock&format=csv', csv)).status).toBe(400);
    expect((await importer(m.saisie, 'nature=evenements&format=rpls', csv)).status).toBe(400);
    const r = await importer(m.saisie, 'nature=parc&format=csv', csv);
    expect((await m.reservataire.get(`/api/imports/${r.body.id}`)).status).toBe(404);
    expect((await m.reservataire.get(`/api/bailleurs/${SIREN}/logements/P-1`)).status).toBe(404);
  });

  it('kill -9 during an import: after restart the import is whole or absent (marked interrompu), never half', async () => {
    const n = 30_000;
    const lignes = [PARC_ENTETE];
    for (let i = 0; i < n; i++) lignes.push(flat(`K-${String(i)}`));
    const avant = new Set((await imports(m)).map((i) => i.id));
    const envoi = importer(m.saisie, 'nature=parc&format=csv', lignes.join('\n')).catch(
      () => undefined,
    );
    // Wait for the import's row to show progress (or its end), then kill the process.
    const debut = Date.now();
    let id: string | undefined;
    while (Date.now() - debut < 30_000) {
      const i = (await imports(m)).find((x) => !avant.has(x.id));
      if (i && (i.lignes >= 1000 || i.statut !== 'en_cours')) {
        id = i.id;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    await m.s.tuer();
    await envoi;
    m.s = await demarrerServeur(base, m.s.args);
    m.saisie = new Client(m.s.url);
    await m.saisie.connecter(m.emailSaisie, MOT_DE_PASSE);
    const premier = await m.saisie.get(`/api/bailleurs/${SIREN}/logements/K-0`);
    const dernier = await m.saisie.get(`/api/bailleurs/${SIREN}/logements/K-${String(n - 1)}`);
    expect(premier.status).toBe(dernier.status);
    if (id) {
      // Whole: `termine`; absent: the row left `en_cours` is marked `interrompu` at the restart.
      const suivi = await m.saisie.get<ImportJson>(`/api/imports/${id}`);
      expect(suivi.body.statut).toBe(premier.status === 200 ? 'termine' : 'interrompu');
      if (premier.status !== 200) {
        expect(m.s.sortie()).toMatch(/Imports interrompus .* : 1, marqués « interrompu »/);
        expect((await imports(m)).find((i) => i.id === id)?.statut).toBe('interrompu');
      }
    }
    expect((await imports(m)).filter((i) => i.statut === 'en_cours')).toEqual([]);
  }, 90_000);
});

/** The bailleur's imports with their progress (the list route). */
async function imports(m: Monde): Promise<ImportJson[]> {
  const r = await m.saisie.get<{ imports: ImportJson[] }>(`/api/bailleurs/${SIREN}/imports`);
  return r.status === 200 ? r.body.imports : [];
}
