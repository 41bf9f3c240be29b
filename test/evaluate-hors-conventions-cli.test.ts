/**
 * The parc and the events may hold other bailleurs' flats (a national export): a flat whose
 * bailleur has no convention in its département is counted in hors_conventions and its events
 * are read, never followed — an orientation of one was RESERVATAIRE_INCONNU (exit 1) and its
 * vacancies alerts of the bailleurs evaluated. The real CLI, on the two examples together.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Evaluation } from '../src/engine/evaluation.js';
import { repoRoot, runCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'convflux-hors-conventions-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const fixture = (f: string): string => readFileSync(join(repoRoot, 'test/fixtures', f), 'utf8');

describe('evaluate on files holding another bailleur’s flats', () => {
  it('reads their events without a rejection or an alert, and the figures are unchanged', () => {
    const parc = join(dir, 'logements.csv');
    const [, ...lignes35] = fixture('exemple-35/logements.csv').trim().split('\n');
    writeFileSync(
      parc,
      `${fixture('exemple-93/logements.csv').trimEnd()}\n${lignes35.join('\n')}\n`,
    );
    const evaluer = (...events: string[]): Evaluation & { ok: boolean } => {
      const r = runCli([
        'evaluate',
        '--rules',
        'rules/conventions/93',
        '--parc',
        parc,
        ...events.flatMap((e) => ['--events', join(repoRoot, 'test/fixtures', e)]),
        '--annee',
        '2025',
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as Evaluation & { ok: boolean };
    };
    const seul = evaluer('exemple-93/evenements.csv');
    const deux = evaluer('exemple-93/evenements.csv', 'exemple-35/evenements.csv');
    expect(deux.ok).toBe(true);
    expect(deux.rejets).toEqual([]);
    expect(deux.alertes).toEqual(seul.alertes);
    expect(deux.conventions).toEqual(seul.conventions);
    expect(deux.hors_assiette).toEqual(seul.hors_assiette);
    // The 35's defense flat is in no stock of the 93's bailleur (it was counted in it).
    expect(deux.stock).toEqual(seul.stock);
    expect(deux.entrees.logements.bailleurs_hors_conventions).toEqual([
      { bailleur: '353017015', departement: '35', logements: 100 },
    ]);
    expect(deux.entrees.evenements).toMatchObject({ lignes: 356 + 240, utilisees: 356 + 240 });
  });

  it('--explain still tells such a flat’s events, and why it enters no flux', () => {
    const r = runCli([
      'evaluate',
      '--rules',
      'rules/conventions/93',
      '--parc',
      'test/fixtures/exemple-35/logements.csv',
      '--events',
      'test/fixtures/exemple-35/evenements.csv',
      '--annee',
      '2025',
      '--explain',
      '35-353017015-00002',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'Aucun flux : aucune convention de ce bailleur ne couvre la commune 35238.',
    );
    expect(r.stdout).toMatch(/^2025-01-09 {2}orientation {5}\(ligne 3\)$/m);
    // orient, which follows the same flats, still says why it cannot suggest anything.
    const o = runCli([
      'orient',
      '--rules',
      'rules/conventions/93',
      '--parc',
      'test/fixtures/exemple-35/logements.csv',
      '--events',
      'test/fixtures/exemple-35/evenements.csv',
      '--logement',
      '35-353017015-00002',
      '--date',
      '2025-01-07',
    ]);
    expect(o.stdout + o.stderr).toContain('ORIENT_SANS_CONVENTION');
  });
});
