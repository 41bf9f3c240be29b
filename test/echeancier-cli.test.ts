/**
 * `convflux echeancier` through the real CLI (compiled dist/) on the bundled example: the running
 * delays it lists are those the engine itself lapses the day after (evaluate's alerts on the same
 * events), the R. 441-5-1 bilan quoted as found, derogation and convention ends, iCalendar, usage.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../src/convention/calendar.js';
import type { Echeance } from '../src/echeancier/echeance.js';
import type { Evaluation } from '../src/engine/evaluation.js';
import { repoRoot, runCli } from './helpers.js';

const PARC = 'test/fixtures/exemple-93/logements.csv';
const EVENTS = 'test/fixtures/exemple-93/evenements.csv';
const DATE = '2025-06-15';

interface Sortie {
  ok: boolean;
  date: string;
  echeances: Echeance[];
}

const echeancier = (args: string[], events = EVENTS): Sortie => {
  const r = runCli(['echeancier', '--parc', PARC, '--events', events, ...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Sortie;
};

/** evaluate's alert codes for one flat at a date, on the given events. */
const alertes = (events: string, date: string, logement: string): string[] => {
  const r = runCli([
    'evaluate',
    '--parc',
    PARC,
    '--events',
    events,
    '--annee',
    date.slice(0, 4),
    '--date',
    date,
    '--json',
  ]);
  const e = JSON.parse(r.stdout) as Evaluation;
  return [...e.alertes, ...e.conventions.flatMap((c) => c.alertes)]
    .filter((a) => a.logement === logement)
    .map((a) => a.code);
};

let tmp: string;
let auDate: Sortie;
/** The example's events up to DATE only: what is known at the date. */
let jusquA: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'convflux-echeancier-'));
  const lignes = readFileSync(join(repoRoot, EVENTS), 'utf8').trim().split('\n');
  jusquA = join(tmp, 'evenements-au.csv');
  writeFileSync(
    jusquA,
    [lignes[0], ...lignes.slice(1).filter((l) => (l.split(',')[1] ?? '') <= DATE)].join('\n'),
  );
  auDate = echeancier(['--date', DATE]);
}, 60_000);
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('convflux echeancier', () => {
  it('lists running designation delays that the engine lapses the day after, not before', () => {
    const delais = auDate.echeances.filter((e) => e.nature === 'delai_designation');
    expect(delais.length).toBeGreaterThan(0);
    for (const d of delais) {
      expect(d.date >= DATE).toBe(true);
      expect(d.phrase).toContain(d.logement ?? '?');
      const logement = d.logement ?? '';
      expect(alertes(jusquA, d.date, logement)).not.toContain('DESIGNATION_HORS_DELAI');
      expect(alertes(jusquA, addDays(d.date, 1), logement)).toContain('DESIGNATION_HORS_DELAI');
    }
    // The example's flat oriented to Montreuil on 2025-05-30 under a « 1 mois » delay.
    expect(delais.find((d) => d.logement === '93-552046484-00438')).toMatchObject({
      date: '2025-06-30',
      depuis: '2025-05-30',
      reservataire: 'montreuil',
      convention: '93-552046484-montreuil',
    });
  }, 60_000);

  it('lists freed flats not yet oriented, with the delay the engine applies', () => {
    const o = auDate.echeances.find(
      (e) => e.nature === 'orientation_logement' && e.logement === '93-552046484-00450',
    );
    expect(o).toMatchObject({ depuis: '2025-06-15', depasse: false, jours_ecoules: 0 });
    const fin = o?.date ?? '';
    expect(alertes(jusquA, fin, '93-552046484-00450')).not.toContain('VACANCE_SANS_ORIENTATION');
    expect(alertes(jusquA, addDays(fin, 1), '93-552046484-00450')).toContain(
      'VACANCE_SANS_ORIENTATION',
    );
    // Later events oriented it: no longer a deadline at the end of the year.
    const fin2025 = echeancier(['--date', '2025-12-31']);
    expect(fin2025.echeances.some((e) => e.logement === '93-552046484-00450')).toBe(false);
  }, 60_000);

  it('awaits no orientation of a flat freed when no convention covering it is in force', () => {
    const dir = join(tmp, 'fin-convention');
    mkdirSync(join(dir, 'etat-93'), { recursive: true });
    const v1 = readFileSync(
      join(repoRoot, 'rules/conventions/93/552046484/etat-93/v1.yaml'),
      'utf8',
    ).replace('  fin: 2026-12-31', '  fin: 2025-06-30');
    writeFileSync(join(dir, 'etat-93', 'v1.yaml'), v1);
    const parc = join(dir, 'logements.csv');
    writeFileSync(
      parc,
      [
        'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux',
        'L1,552046484,93,93066,200057867,false,T1,PLUS,2020,',
        'L2,552046484,93,93066,200057867,false,T1,PLUS,2020,',
      ].join('\n') + '\n',
    );
    const events = join(dir, 'evenements.csv');
    // L1 freed while the convention is in force, L2 after its end: neither is oriented.
    writeFileSync(
      events,
      'id,date,type,logement\nE1,2025-03-01,liberation,L1\nE2,2025-08-01,liberation,L2\n',
    );
    const inputs = ['--rules', dir, '--parc', parc, '--events', events];
    const r = runCli(['echeancier', ...inputs, '--date', '2025-08-20', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const orientations = (JSON.parse(r.stdout) as Sortie).echeances.filter(
      (e) => e.nature === 'orientation_logement',
    );
    expect(orientations.map((e) => e.logement)).toEqual(['L1']);
    const ev = runCli(['evaluate', ...inputs, '--annee', '2025', '--json']);
    const e = JSON.parse(ev.stdout) as Evaluation;
    const vacances = [...e.alertes, ...e.conventions.flatMap((c) => c.alertes)]
      .filter((a) => a.code.startsWith('VACANCE_SANS_ORIENTATION'))
      .map((a) => a.logement);
    expect(vacances).toEqual(['L1']);
  }, 60_000);

  it('announces the annual bilan with the words of R. 441-5-1 as found', () => {
    const b = echeancier(['--date', '2026-01-10']).echeances.find(
      (e) => e.nature === 'bilan_annuel' && e.departement === '93',
    );
    expect(b).toMatchObject({
      date: '2026-02-27',
      bailleur: '552046484',
      departement: '93',
      reservataires: ['action-logement', 'est-ensemble', 'etat-93', 'montreuil', 'saint-denis'],
    });
    const trouves = readFileSync(join(repoRoot, 'rules/reglementation/textes-trouves.md'), 'utf8')
      .split('\n')
      .map((l) => l.replace(/^> ?/, ''))
      .join(' ');
    expect(b?.reference?.nature).toBe('citation');
    expect(trouves).toContain(b?.reference?.texte);
  }, 60_000);

  it('announces the end of a derogation and of each convention within the horizon', () => {
    const rules = join(tmp, 'rules');
    cpSync(join(repoRoot, 'rules', 'conventions'), join(rules, 'conventions'), {
      recursive: true,
    });
    mkdirSync(join(rules, 'arretes', '93'), { recursive: true });
    cpSync(
      join(repoRoot, 'test/fixtures/derogation-93/arretes/93/2025-securite-publique.yaml'),
      join(rules, 'arretes', '93', '2025-securite-publique.yaml'),
    );
    const avec = echeancier(['--rules', join(rules, 'conventions'), '--date', '2025-10-01']);
    expect(avec.echeances.filter((e) => e.nature === 'fin_derogation')).toMatchObject([
      { date: '2025-12-31', convention: '93-552046484-etat-93', reservataire: 'etat-93' },
    ]);
    const court = echeancier([
      '--rules',
      join(rules, 'conventions'),
      '--date',
      '2025-10-01',
      '--horizon',
      '30',
    ]);
    expect(court.echeances.some((e) => e.nature === 'fin_derogation')).toBe(false);
    const fins = echeancier(['--date', '2026-06-01']).echeances.filter(
      (e) => e.nature === 'fin_convention' && e.departement === '93',
    );
    expect(fins.map((e) => [e.convention, e.date])).toEqual(
      ['action-logement', 'est-ensemble', 'etat-93', 'montreuil', 'saint-denis'].map((r) => [
        `93-552046484-${r}`,
        '2026-12-31',
      ]),
    );
  }, 60_000);

  it('writes the same deadlines as an iCalendar feed', () => {
    const r = runCli(['echeancier', '--parc', PARC, '--events', EVENTS, '--date', DATE, '--ics']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^BEGIN:VCALENDAR/);
    const uids = [...r.stdout.matchAll(/^UID:(.+)$/gm)].map((m) => m[1]?.trim());
    expect(uids).toEqual(auDate.echeances.map((e) => `${e.id}@convflux`));
    const debuts = [...r.stdout.matchAll(/^DTSTART;VALUE=DATE:(\d{8})/gm)].map((m) => m[1]);
    expect(debuts).toEqual(auDate.echeances.map((e) => e.date.replaceAll('-', '')));
  }, 60_000);

  it('speaks English with --lang en: its frame, and each sentence whose fields say it all', () => {
    // It printed « Échéancier au 15/06/2025 (10 échéance(s)) : » and every sentence in French.
    const texte = (...more: string[]) => {
      const r = runCli(['echeancier', '--parc', PARC, '--events', EVENTS, '--lang', 'en', ...more]);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout.trimEnd().split('\n');
    };
    const lignes = texte('--date', DATE, '--horizon', '600');
    expect(lignes[0]).toBe(`Deadlines as of ${DATE} (10 deadline(s)):`);
    expect(lignes).toContain(
      '  2025-06-30  Flat 93-552046484-00438: designation expected from montreuil by 2025-06-30 (delay opened on 2025-05-30, agreement 93-552046484-montreuil; 15 day(s) left).',
    );
    expect(lignes).toContain(
      '  2026-02-27  Annual report 2025 of landlord 552046484 (département 93) to send before 28 February 2026 to all reservation holders (action-logement, est-ensemble, etat-93, montreuil, saint-denis).',
    );
    expect(lignes).toContain(
      '  2026-12-31  Agreement 93-552046484-etat-93 between landlord 552046484 and etat-93 ends on 2026-12-31 (duree.fin).',
    );
    // A flat to orient: its fields do not say whether it was freed or first let, so its French
    // sentence is kept (as on the English web page).
    const francais =
      /Échéancier|échéance|aucune|dépassé|Logement|désignation|jour\(s\)|convention /;
    expect(lignes.filter((l) => francais.test(l))).toEqual([
      '  2025-06-30  Logement 93-552046484-00450 libéré le 15/06/2025 (0 jour(s) depuis la libération) : pas encore orienté ; orientation attendue au plus tard le 30/06/2025.',
    ]);
    expect(texte('--date', DATE, '--horizon', '0', '--rules', 'rules/conventions/35')).toEqual([
      `Deadlines as of ${DATE} (0 deadline(s)):`,
      '  (none)',
    ]);
  }, 60_000);

  it('refuses a missing or bad date and --json with --ics (exit 2)', () => {
    const base = ['echeancier', '--parc', PARC, '--events', EVENTS];
    expect(runCli(base).stderr).toMatch(/--date/);
    expect(runCli(base).code).toBe(2);
    expect(runCli([...base, '--date', '15/06/2025']).code).toBe(2);
    expect(runCli([...base, '--date', DATE, '--json', '--ics']).code).toBe(2);
    expect(runCli([...base, '--date', DATE, '--horizon', 'dix']).code).toBe(2);
  }, 60_000);
});
