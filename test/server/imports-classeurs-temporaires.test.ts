/**
 * Workbook imports leave no temporary file in `convflux serve`, a process that runs for months:
 * exceljs kept each sheet from the one read on in a temporary file with a descriptor open on it
 * until the process ended, one more of each with every workbook imported. The real server on
 * 127.0.0.1 (SQLite: the files are the reader's, whatever the database); exceljs names its files
 * `tmp-<pid>-…` in the server's temporary folder (the test's: the server inherits TMPDIR).
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importer, monde, SIREN, type Monde } from './flux-outils.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A notice sheet, then the parc. */
async function classeur(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Notice').addRow(['Une ligne par logement, codes INSEE à cinq chiffres.']);
  const ws = wb.addWorksheet('Logements');
  ws.addRow([
    'logement',
    'bailleur',
    'departement',
    'commune',
    'epci',
    'qpv',
    'typologie',
    'financement',
    'annee_construction',
  ]);
  for (const id of ['TMP-1', 'TMP-2'])
    ws.addRow([id, SIREN, '93', '93066', '200057867', 'false', 'T3', 'PLUS', '1990']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * exceljs's files of the server and the descriptors it keeps open on them, once the last
 * removals have run (exceljs does not wait for them: up to two seconds are given).
 */
async function restes(pid: number): Promise<{ fichiers: string[]; descripteurs: string[] }> {
  const prefixe = join(tmpdir(), `tmp-${String(pid)}-`);
  const lire = () => ({
    fichiers: readdirSync(tmpdir())
      .map((f) => join(tmpdir(), f))
      .filter((f) => f.startsWith(prefixe)),
    descripteurs: readdirSync(`/proc/${String(pid)}/fd`).flatMap((fd) => {
      try {
        const cible = readlinkSync(`/proc/${String(pid)}/fd/${fd}`);
        return cible.startsWith(prefixe) ? [cible] : [];
      } catch {
        return [];
      }
    }),
  });
  const fin = Date.now() + 2000;
  for (;;) {
    const r = lire();
    if ((r.fichiers.length === 0 && r.descripteurs.length === 0) || Date.now() > fin) return r;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('imports de classeurs sans fichier temporaire laissé (sqlite)', () => {
  let m: Monde;
  beforeAll(async () => {
    m = await monde('sqlite');
  }, 90_000);
  afterAll(async () => {
    await m.s.stop();
  });

  it('imports a workbook twice: no temporary file nor descriptor left in the server', async () => {
    const pid = m.s.process.pid ?? 0;
    expect(pid).toBeGreaterThan(0);
    const corps = await classeur();
    const premier = await importer(m.saisie, 'nature=parc&format=xlsx', corps, XLSX);
    expect(premier.status, JSON.stringify(premier.body)).toBe(201);
    expect(premier.body).toMatchObject({ statut: 'termine', lignes: 2, acceptees: 2 });
    expect(premier.body.remarques.map((r) => r.code)).toContain('TABLE_XLSX_FEUILLE');
    const encore = await importer(m.saisie, 'nature=parc&format=xlsx', corps, XLSX);
    expect(encore.status, JSON.stringify(encore.body)).toBe(201);
    expect(encore.body).toMatchObject({ statut: 'termine', lignes: 2 });
    expect(await restes(pid)).toEqual({ fichiers: [], descripteurs: [] });
    // Still serving.
    expect((await m.lecteur.get(`/api/bailleurs/${SIREN}/logements/TMP-2`)).status).toBe(200);
  }, 60_000);
});
