/**
 * A flat's life before its cycle, through the real CLI (dist/, child process): first lettings in
 * the flux or in stock as the convention says (review I12), congé and pre-orientation « dès le
 * congé », the delay since the congé in --explain and the vacancy alert, notifications, and the
 * rows rejected with their line — from CSV (French headers, JJ/MM/AAAA dates), NDJSON and xlsx.
 */
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Evaluation } from '../src/engine/evaluation.js';
import { repoRoot, runCli } from './helpers.js';

const ETAT = 'rules/conventions/93/552046484/etat-93/v1.yaml';
const ID = '93-552046484-etat-93';
const PARC_HEAD =
  'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux';
const flat = (id: string, annee = 1980): string =>
  `${id},552046484,93,93066,,false,T3,PLUS,${String(annee)},`;

let tmp: string;

/** A copy of the État's convention, unsigned, with some keys changed (null deletes). */
function convention(dir: string, changes: Record<string, unknown>): string {
  const c = parse(readFileSync(join(repoRoot, ETAT), 'utf8')) as Record<string, unknown>;
  c['statut'] = 'projet';
  delete c['empreinte'];
  delete c['signatures'];
  const assiette = c['assiette'] as Record<string, unknown>;
  const designation = c['designation'] as Record<string, unknown>;
  for (const [k, v] of Object.entries(changes)) {
    const [section, key] = k.split('/') as [string, string];
    const target = section === 'assiette' ? assiette : designation;
    if (v === null) Reflect.deleteProperty(target, key);
    else target[key] = v;
  }
  const path = join(dir, 'rules', '93', '552046484', 'etat-93', 'v1.yaml');
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, stringify(c));
  return join(dir, 'rules');
}

function evaluate(
  name: string,
  changes: Record<string, unknown>,
  parc: string[],
  events: string,
  ext: string,
  extra: string[] = [],
): { code: number; stdout: string; stderr: string } {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  const rules = convention(dir, changes);
  writeFileSync(join(dir, 'logements.csv'), [PARC_HEAD, ...parc, ''].join('\n'));
  const ev = join(dir, `evenements.${ext}`);
  if (ext !== 'xlsx') writeFileSync(ev, events);
  return runCli(
    ['evaluate', '--rules', rules, '--parc', join(dir, 'logements.csv'), '--events', ev].concat(
      ['--annee', '2025'],
      extra,
    ),
    dir,
  );
}

const json = (stdout: string): Evaluation => JSON.parse(stdout) as Evaluation;
const etat = (e: Evaluation) => e.conventions.find((c) => c.id === ID);

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'convflux-vie-logement-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('first lettings follow /assiette/premiere_mise_en_location (I12)', () => {
  const events = [
    'id,date,type,logement,reservataire,decision,candidats',
    'E1,2025-03-01,mise_en_service,N1,,,',
    'E2,2025-03-02,orientation,N1,etat-93,,',
    'E3,2025-03-10,designation,N1,etat-93,,3',
    'E4,2025-03-20,caleol,N1,,attribution,',
    '',
  ].join('\n');

  it('in the flux (the default): the État counts the flat in its flux, its due and its points', () => {
    const r = evaluate(
      'flux',
      { 'assiette/premiere_mise_en_location': null },
      [flat('N1', 2025)],
      events,
      'csv',
      ['--json'],
    );
    expect(r.code, r.stderr).toBe(0);
    const e = json(r.stdout);
    expect(etat(e)).toMatchObject({ flux_annuel: 1, du: 0.3, realise: 1, orientations: 1 });
    expect(e.stock.mises_en_service).toBe(0);
  });

  it('with a commission de coordination: in no flux, scores for none, counted in stock', () => {
    const r = evaluate(
      'commission',
      { 'assiette/premiere_mise_en_location': 'commission_coordination' },
      [flat('N1', 2025)],
      events,
      'csv',
      ['--json'],
    );
    expect(r.code, r.stderr).toBe(0);
    const e = json(r.stdout);
    expect(etat(e)).toMatchObject({ flux_annuel: 0, du: 0, realise: 0, orientations: 0 });
    expect(e.stock).toMatchObject({ mises_en_service: 1, attributions: 1 });
    expect(etat(e)?.alertes.map((a) => [a.code, a.line])).toContainEqual([
      'ORIENTATION_PREMIERE_LOCATION_HORS_FLUX',
      3,
    ]);
    const x = evaluate(
      'commission-explain',
      { 'assiette/premiere_mise_en_location': 'commission_coordination' },
      [flat('N1', 2025)],
      events,
      'csv',
      ['--explain', 'N1'],
    );
    expect(x.stdout).toContain('première mise en location laissée hors du flux');
  });
});

describe('congé, pre-orientation and notification', () => {
  // French headers, JJ/MM/AAAA dates (25/03 tells the order), a congé whose flat is never let.
  const csv = [
    'Identifiant;Date événement;Type;N° RPLS;Réservataire;Décision CALEOL;Nb candidats;Date fin préavis',
    'E1;01/03/2025;conge;L1;;;;31/03/2025',
    'E2;05/03/2025;orientation;L1;etat-93;;;',
    'E3;25/03/2025;designation;L1;etat-93;;2;',
    'E4;31/03/2025;liberation;L1;;;;',
    'E5;10/04/2025;caleol;L1;;attribution;;',
    'E6;01/04/2025;conge;L2;;;;30/04/2025',
    'E7;30/04/2025;liberation;L2;;;;',
    'E8;02/04/2025;conge;L3;;;;01/03/2025',
    'E9;03/04/2025;notification;L3;etat-93;;;',
    'E10;04/04/2025;retrait_conge;L3;;;;',
    '',
  ].join('\n');

  it('keeps the pre-oriented cycle at the liberation, says the delay since the congé, rejects bad rows by line', () => {
    const r = evaluate('conge', {}, [flat('L1'), flat('L2'), flat('L3')], csv, 'csv', ['--json']);
    expect(r.code).toBe(1); // rows rejected
    const e = json(r.stdout);
    expect(etat(e)).toMatchObject({ flux_annuel: 2, realise: 1, orientations: 1, attributions: 1 });
    expect(e.rejets.map((d) => [d.code, d.line])).toEqual([
      ['CONGE_DATE_IMPOSSIBLE', 9],
      ['NOTIFICATION_HORS_CYCLE', 10],
      ['RETRAIT_CONGE_SANS_CONGE', 11],
    ]);
    // The column of date_liberation_prevue, in characters: « E8;02/04/2025;conge;L3;;;; » + 1.
    expect(e.rejets[0]?.column).toBe('E8;02/04/2025;conge;L3;;;;'.length + 1);
    const vacance = e.alertes.find((a) => a.code === 'VACANCE_SANS_ORIENTATION_DEPUIS_CONGE');
    expect(vacance?.message).toBe(
      'Logement L2 libéré le 2025-04-30 et toujours pas orienté le 2025-12-31, 274 jours après le congé du locataire reçu le 2025-04-01.',
    );

    const x = evaluate('conge-explain', {}, [flat('L1'), flat('L2'), flat('L3')], csv, 'csv', [
      '--explain',
      'L1',
      '--tolerant',
    ]);
    expect(x.stdout).toContain('4 jour(s) depuis le congé du 2025-03-01');
    expect(x.stdout).toContain('30 jour(s) depuis le congé du 2025-03-01');
  });

  it('reads the same events from NDJSON', () => {
    const ndjson = [
      {
        id: 'E1',
        date: '2025-03-01',
        type: 'conge',
        logement: 'L1',
        date_liberation_prevue: '2025-03-31',
      },
      {
        id: 'E2',
        date: '2025-03-05',
        type: 'orientation',
        logement: 'L1',
        reservataire: 'etat-93',
      },
      { id: 'E3', date: '2025-03-31', type: 'liberation', logement: 'L1' },
      {
        id: 'E4',
        date: '2025-04-01',
        type: 'notification',
        logement: 'L1',
        reservataire: 'etat-93',
      },
      {
        id: 'E5',
        date: '2025-04-02',
        type: 'conge',
        logement: 'L2',
        date_liberation_prevue: '2025-03-01',
      },
    ]
      .map((o) => JSON.stringify(o))
      .join('\n');
    const r = evaluate('ndjson', {}, [flat('L1'), flat('L2')], ndjson, 'ndjson', ['--json']);
    const e = json(r.stdout);
    expect(etat(e)).toMatchObject({ flux_annuel: 1, orientations: 1 });
    expect(e.rejets.map((d) => [d.code, d.line])).toEqual([['CONGE_DATE_IMPOSSIBLE', 5]]);
  });

  it('reads an Excel date cell for date_liberation_prevue, and the delay runs from the notification when the convention says so', async () => {
    const dir = join(tmp, 'xlsx');
    mkdirSync(dir, { recursive: true });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Événements');
    ws.addRow([
      'id',
      'date',
      'type',
      'logement',
      'reservataire',
      'candidats',
      'date_liberation_prevue',
    ]);
    const d = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
    ws.addRow(['E1', d('2025-01-02'), 'conge', 'L1', null, null, d('2025-01-31')]);
    ws.addRow(['E2', d('2025-01-31'), 'orientation', 'L1', 'etat-93', null, null]);
    ws.addRow(['E3', d('2025-02-01'), 'liberation', 'L1', null, null, null]);
    ws.addRow(['E4', d('2025-02-10'), 'notification', 'L1', 'etat-93', null, null]);
    ws.addRow(['E5', d('2025-03-05'), 'designation', 'L1', 'etat-93', 3, null]);
    await wb.xlsx.writeFile(join(dir, 'evenements.xlsx'));
    const notification = evaluate(
      'xlsx',
      { 'designation/a_compter_de': 'notification' },
      [flat('L1')],
      '',
      'xlsx',
      ['--json'],
    );
    expect(notification.code, notification.stderr).toBe(0);
    const e = json(notification.stdout);
    expect(etat(e)).toMatchObject({ flux_annuel: 1, designations: 1 });
    expect(e.alertes.concat(etat(e)?.alertes ?? []).map((a) => a.code)).not.toContain(
      'DESIGNATION_HORS_DELAI',
    );
    // The same file under the default (from the orientation): the designation comes too late.
    const orientation = evaluate('xlsx', {}, [flat('L1')], '', 'xlsx', ['--json']);
    expect(etat(json(orientation.stdout))).toMatchObject({ designations: 0 });
  }, 60_000);

  it('--explain says where the delay runs from: the notification when the convention says so', () => {
    const events = [
      'id,date,type,logement,reservataire,candidats',
      'E1,2025-03-01,liberation,L1,,',
      'E2,2025-03-02,orientation,L1,etat-93,',
      'E3,2025-04-15,notification,L1,etat-93,',
      'E4,2025-05-14,designation,L1,etat-93,3',
      '',
    ].join('\n');
    const x = evaluate(
      'notification-explain',
      { 'designation/a_compter_de': 'notification' },
      [flat('L1')],
      events,
      'csv',
      ['--explain', 'L1'],
    );
    expect(x.code, x.stderr).toBe(0);
    expect(x.stdout).toContain(
      'règle orientation (v1, /designation/a_compter_de) : ouvre un cycle ; le délai de désignation ne court qu’à compter de la notification',
    );
    expect(x.stdout).toContain(
      'règle notification (v1, /designation/a_compter_de) : logement notifié : le délai de désignation court',
    );
    expect(x.stdout).not.toContain('nouvelle désignation due');
    // Under the default the orientation starts the delay, and says so.
    const d = evaluate('orientation-explain', {}, [flat('L1')], events, 'csv', ['--explain', 'L1']);
    expect(d.stdout).toContain(': ouvre un cycle, le délai de désignation court');
  });
});
