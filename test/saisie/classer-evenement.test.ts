/**
 * One classification for the CLI and the service: every row of an events file classified by the
 * library (`classerFichier`, i.e. `classerEvenement` row after row) agrees with what the real
 * `convflux evaluate` process says of the same rows — rejected rows are `invalide`, rows carrying
 * an alert at their own date are `anomalie`, the others `valide`.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { classerFichier, type LigneClassee } from '../../src/index.js';
import { repoRoot, runCli } from '../helpers.js';

interface AlerteJson extends Diagnostic {
  date: string;
}
interface EvaluationJson {
  alertes: AlerteJson[];
  conventions: { alertes: AlerteJson[] }[];
  rejets: Diagnostic[];
}

const AJOUTS = [
  'X1,2025-06-01,orientation,93-552046484-99999,etat-93,,,,',
  'X2,2025-06-02,designation,93-552046484-00001,etat-93,,,,2',
  'X3,2025-06-03,demenagement,93-552046484-00001,,,,,',
  'E00001,2025-06-04,liberation,93-552046484-00586,,,,,',
  'X5,2025-06-05,annulation,93-552046484-00586,,,,,,E00002',
  'X6,2025-06-06,orientation,93-552046484-00002,inconnu-99,,,,',
  'X7,2025-06-07,caleol,93-552046484-00001,,,attribution,,',
  'X8,2025-06-08,annulation,93-552046484-00001,,,,,,E00002',
  'X9,2025-06-09,annulation,93-552046484-00586,,,,,,E00002',
  'X10,0001-02-03,liberation,93-552046484-00003,,,,,',
];

describe('classerEvenement agrees with convflux evaluate', () => {
  let lignes: LigneClassee[];
  let evaluation: EvaluationJson;
  let dates: Map<number, string>;
  let cli: { code: number; lignes: LigneClassee[] };
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-classer-'));
    const parc = join(dir, 'logements.csv');
    const events = join(dir, 'evenements.csv');
    copyFileSync(join(repoRoot, 'test/fixtures/exemple-93/logements.csv'), parc);
    const [header = '', ...rows] = readFileSync(
      join(repoRoot, 'test/fixtures/exemple-93/evenements.csv'),
      'utf8',
    )
      .trimEnd()
      .split('\n');
    const ajouts = AJOUTS.map((r) => r + ','.repeat(9 - (r.match(/,/g) ?? []).length));
    const lignesCsv = [`${header},annule`, ...rows.map((r) => `${r},`), ...ajouts];
    writeFileSync(events, lignesCsv.join('\n') + '\n');
    dates = new Map(lignesCsv.map((l, i) => [i + 1, l.split(',')[1] ?? '']));
    const rules = join(repoRoot, 'rules/conventions/93');
    const r = runCli(
      [
        'evaluate',
        '--rules',
        rules,
        '--parc',
        parc,
        '--events',
        events,
        '--annee',
        '2025',
        '--json',
      ],
      dir,
    );
    evaluation = JSON.parse(r.stdout) as EvaluationJson;
    lignes = (
      await classerFichier({ rules: [rules], parc, evenements: events, lang: 'fr', cwd: dir })
    ).lignes;
    const c = runCli(
      ['classer', '--rules', rules, '--parc', parc, '--events', events, '--json'],
      dir,
    );
    cli = { code: c.code, lignes: (JSON.parse(c.stdout) as { lignes: LigneClassee[] }).lignes };
  }, 120_000);

  const lignesDe = (c: string) => lignes.filter((l) => l.classement === c).map((l) => l.line);

  it('refuses exactly the rows evaluate rejects, with the same codes', () => {
    const rejets = evaluation.rejets.filter((d) => d.file.endsWith('evenements.csv'));
    expect(lignesDe('invalide')).toEqual(
      [...new Set(rejets.map((d) => d.line))].sort((a, b) => a - b),
    );
    const codes = (l: LigneClassee) => l.diagnostics.map((d) => d.code);
    const invalides = lignes.filter((l) => l.classement === 'invalide');
    // The same messages: a duplicate id or a second annulation names the first one's line in the
    // file (classer printed its rank in the flat's history: « déjà annulé (ligne 6) »).
    const dits = (ds: readonly Diagnostic[]) => ds.map((d) => [d.code, d.message]);
    for (const l of invalides)
      expect(dits(l.diagnostics)).toEqual(dits(rejets.filter((d) => d.line === l.line)));
    // The added rows meet each kind of refusal.
    expect(lignes.find((l) => l.id === 'X1')?.diagnostics.map((d) => d.code)).toEqual([
      'LOGEMENT_INCONNU',
    ]);
    expect(invalides.map(codes).flat()).toEqual(
      expect.arrayContaining([
        'LIGNE_VALEUR_INCONNUE',
        'EVENEMENT_DOUBLON',
        'RESERVATAIRE_INCONNU',
        'ANNULATION_INCONNUE',
        'ANNULATION_EN_DOUBLE',
        'LIGNE_DATE_HORS_ANNEES',
      ]),
    );
  });

  it('finds anomalous exactly the rows evaluate alerts on at their own date', () => {
    const alertes = [...evaluation.alertes, ...evaluation.conventions.flatMap((c) => c.alertes)];
    const attendues = new Set(
      alertes.filter((a) => a.line > 0 && dates.get(a.line) === a.date).map((a) => a.line),
    );
    expect(lignesDe('anomalie')).toEqual([...attendues].sort((a, b) => a - b));
    expect(lignes.find((l) => l.id === 'X2')?.diagnostics.map((d) => d.code)).toEqual([
      'DESIGNATION_HORS_CYCLE',
    ]);
    expect(lignes.find((l) => l.id === 'X5')?.classement).toBe('valide');
    expect(lignesDe('valide').length).toBeGreaterThan(300);
  });

  it('convflux classer (the CLI) prints the same classification', () => {
    expect(cli.code).toBe(1);
    const court = (ls: LigneClassee[]) =>
      ls.map((l) => [l.line, l.classement, l.diagnostics.map((d) => d.message).join(' + ')]);
    expect(court(cli.lignes)).toEqual(court(lignes));
  });

  it('convflux classer fails on a file it could not read, and on an empty one before reading', () => {
    // A file error left every row unread and classer exited 0 (« 0 ligne(s) … 0 invalide(s) »).
    const dir = mkdtempSync(join(tmpdir(), 'convflux-classer-fichier-'));
    const rules = join(repoRoot, 'rules/conventions/93');
    const parc = join(repoRoot, 'test/fixtures/exemple-93/logements.csv');
    writeFileSync(join(dir, 'sans-logement.csv'), 'id,date,type\nA1,2025-01-01,liberation\n');
    writeFileSync(join(dir, 'vide.ndjson'), '');
    const classer = (events: string) =>
      runCli(['classer', '--rules', rules, '--parc', parc, '--events', events, '--json'], dir);
    const sans = classer('sans-logement.csv');
    expect(sans.code).toBe(1);
    const json = JSON.parse(sans.stdout) as { ok: boolean; fichiers: Diagnostic[] };
    expect([json.ok, json.fichiers.map((d) => d.code)]).toEqual([
      false,
      ['TABLE_COLONNE_MANQUANTE'],
    ]);
    const vide = classer('vide.ndjson');
    expect(vide.code).toBe(2);
    expect(vide.stdout).toContain('TABLE_VIDE_ENTREE');
  });
});
