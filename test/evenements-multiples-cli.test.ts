/**
 * `bilan` and `previsionnel` read the events as `evaluate` does (one reading path, `lirePartie`):
 * `--events` repeated, each file's rows reported with their own file and line. Through the real
 * CLI, on the bundled example split in two files in a temporary folder: the figures are those of
 * the single file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers.js';

const FIXTURE = join(repoRoot, 'test/fixtures/exemple-93');
const PARC = join(FIXTURE, 'logements.csv');
const EVENTS = join(FIXTURE, 'evenements.csv');
const PREVISION = join(FIXTURE, 'previsionnel-2026.yaml');
const RULES = ['--rules', 'rules/conventions/93/'];

let dir = '';
/** The example's events split by year (2024 | 2025) and by half of its rows. */
const parts = { an2024: '', an2025: '', moitie1: '', moitie2: '' };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'convflux-evenements-'));
  const [header = '', ...rows] = readFileSync(EVENTS, 'utf8').trimEnd().split('\n');
  const write = (name: string, lines: string[]): string => {
    const path = join(dir, name);
    writeFileSync(path, `${[header, ...lines].join('\n')}\n`);
    return path;
  };
  const annee = (r: string): string => r.split(',')[1]?.slice(0, 4) ?? '';
  parts.an2024 = write(
    'evenements-2024.csv',
    rows.filter((r) => annee(r) === '2024'),
  );
  parts.an2025 = write(
    'evenements-2025.csv',
    rows.filter((r) => annee(r) === '2025'),
  );
  const half = Math.floor(rows.length / 2);
  parts.moitie1 = write('moitie-1.csv', rows.slice(0, half));
  parts.moitie2 = write('moitie-2.csv', rows.slice(half));
});

interface BilanSortie {
  documents: {
    bilan: string;
    totaux: unknown[];
    total: unknown;
    csv: { fichier: string };
    document: { fichier: string };
  }[];
  entrees: {
    evenements: { fichier: string; lignes: number; utilisees: number; anterieurs?: number };
  };
  rejets: { code: string; file: string; line: number }[];
}

const bilan = (out: string, events: string[], extra: string[] = []) =>
  runCli([
    'bilan',
    ...RULES,
    '--parc',
    PARC,
    ...events.flatMap((e) => ['--events', e]),
    '--annee',
    '2025',
    '--out',
    join(dir, out),
    '--html',
    '--json',
    ...extra,
  ]);

const previsionnel = (out: string, events: string[]) =>
  runCli([
    'previsionnel',
    ...RULES,
    '--prevision',
    PREVISION,
    '--parc',
    PARC,
    ...events.flatMap((e) => ['--events', e]),
    '--annee',
    '2026',
    '--out',
    join(dir, out),
    '--html',
    '--json',
  ]);

describe('bilan --events repeated', () => {
  it('two files (one a year) give the figures of the single file, and the annex names both', () => {
    const un = bilan('un', [EVENTS]);
    const deux = bilan('deux', [parts.an2024, parts.an2025]);
    expect(un.code, un.stderr).toBe(0);
    expect(deux.code, deux.stderr).toBe(0);
    const a = JSON.parse(un.stdout) as BilanSortie;
    const b = JSON.parse(deux.stdout) as BilanSortie;
    expect(a.documents.length).toBeGreaterThan(0);
    expect(b.documents.map((d) => [d.bilan, d.totaux, d.total])).toEqual(
      a.documents.map((d) => [d.bilan, d.totaux, d.total]),
    );
    // The 2024 cycles run on into 2025: the events before the year are read and followed.
    expect({ ...b.entrees.evenements, fichier: '' }).toEqual({
      ...a.entrees.evenements,
      fichier: '',
    });
    expect(a.entrees.evenements.anterieurs).toBeGreaterThan(0);
    for (const [k, d] of b.documents.entries())
      expect(readFileSync(d.csv.fichier, 'utf8')).toBe(
        readFileSync(a.documents[k]?.csv.fichier ?? '', 'utf8'),
      );
    const html = readFileSync(b.documents[0]?.document.fichier ?? '', 'utf8');
    expect(html).toContain('evenements-2024.csv');
    expect(html).toContain('evenements-2025.csv');
    expect(html).toContain('fichier 2 sur 2');
  });

  it('a bad row of the second file is named by that file and its line (exit 1)', () => {
    const bad = join(dir, 'evenements-2025-bad.csv');
    writeFileSync(
      bad,
      `${readFileSync(parts.an2025, 'utf8')}E99999,2025-13-01,liberation,93-552046484-00001,,,,,\n`,
    );
    const lignes = readFileSync(bad, 'utf8').trimEnd().split('\n').length;
    const r = bilan('bad', [parts.an2024, bad]);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as BilanSortie;
    expect(s.rejets).toContainEqual(
      expect.objectContaining({
        file: expect.stringContaining('evenements-2025-bad.csv') as string,
        line: lignes,
      }),
    );
  });

  it('more than 32 files, or the standard input twice: a usage error (exit 2), as evaluate', () => {
    const r = bilan(
      'trop',
      Array.from({ length: 33 }, () => parts.an2025),
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('32');
    const stdin = bilan('stdin', ['-', '-']);
    expect(stdin.code).toBe(2);
    expect(stdin.stdout).toContain('entrée standard');
  });
});

interface PrevisionnelSortie {
  previsionnel: {
    cellules: unknown[];
    dus: unknown[];
    fichiers: { role: string; nom: string }[];
  } | null;
  diagnostics: { code: string; file: string; line: number; severity: string }[];
}

describe('previsionnel --events repeated', () => {
  it('two halves give the forecast of the single file; both files are listed', () => {
    const un = previsionnel('p-un', [EVENTS]);
    const deux = previsionnel('p-deux', [parts.moitie1, parts.moitie2]);
    expect(un.code, un.stderr).toBe(0);
    expect(deux.code, deux.stderr).toBe(0);
    const a = JSON.parse(un.stdout) as PrevisionnelSortie;
    const b = JSON.parse(deux.stdout) as PrevisionnelSortie;
    expect(a.previsionnel?.dus.length).toBeGreaterThan(0);
    expect(b.previsionnel?.cellules).toEqual(a.previsionnel?.cellules);
    expect(b.previsionnel?.dus).toEqual(a.previsionnel?.dus);
    expect(b.previsionnel?.fichiers.map((f) => f.nom)).toEqual([
      'previsionnel-2026.yaml',
      'logements.csv',
      'moitie-1.csv',
      'moitie-2.csv',
    ]);
  });

  it('more than 32 files, or the standard input twice: exit 2', () => {
    const r = previsionnel(
      'p-trop',
      Array.from({ length: 33 }, () => parts.moitie1),
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/"code": ?"USAGE"/);
    expect(r.stdout).toContain('32');
    const stdin = previsionnel('p-stdin', ['-', '-']);
    expect(stdin.code).toBe(2);
    expect(stdin.stdout).toContain('entrée standard');
  });

  it('reports a bad row as evaluate does: its own file and line (exit 1)', () => {
    const bad = join(dir, 'moitie-2-bad.csv');
    writeFileSync(
      bad,
      `${readFileSync(parts.moitie2, 'utf8')}E99999,2025-02-30,liberation,93-552046484-00001,,,,,\n`,
    );
    const lignes = readFileSync(bad, 'utf8').trimEnd().split('\n').length;
    const r = previsionnel('p-bad', [parts.moitie1, bad]);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as PrevisionnelSortie;
    const rejet = s.diagnostics.find((d) => d.file.endsWith('moitie-2-bad.csv'));
    expect(rejet).toMatchObject({ line: lignes, severity: 'error' });
    const ev = runCli([
      'evaluate',
      ...RULES,
      '--parc',
      PARC,
      '--events',
      parts.moitie1,
      '--events',
      bad,
      '--annee',
      '2025',
      '--json',
    ]);
    const e = JSON.parse(ev.stdout) as { rejets: { code: string; line: number }[] };
    expect(e.rejets.map((d) => [d.code, d.line])).toContainEqual([rejet?.code, rejet?.line]);
  });
});

describe('evaluate --events overlapping: the earlier years’ rows used', () => {
  /** `dont N antérieur(s)` counts rows used: a repeated or unknown flat's row is rejected, not. */
  it('counts in anterieurs only the rows used, not those rejected after reading', () => {
    const seul = runCli([
      'evaluate',
      ...RULES,
      '--parc',
      PARC,
      '--events',
      EVENTS,
      '--annee',
      '2025',
      '--json',
    ]);
    type Entrees = {
      entrees: { evenements: { utilisees: number; rejetees: number; anterieurs: number } };
    };
    const attendu = (JSON.parse(seul.stdout) as Entrees).entrees.evenements;
    expect(attendu.anterieurs).toBeGreaterThan(0);
    // The 2024 rows given twice (an export of 2024 beside one of 2024-2025), and a 2024 row of a
    // flat the parc does not give.
    const inconnu = join(dir, 'evenements-2024-inconnu.csv');
    writeFileSync(
      inconnu,
      `${readFileSync(parts.an2024, 'utf8')}E99998,2024-12-20,liberation,93-552046484-99999,,,,,\n`,
    );
    const n2024 = readFileSync(inconnu, 'utf8').trimEnd().split('\n').length - 1;
    for (const workers of ['0', '2']) {
      const args = ['--parc', PARC, '--events', EVENTS, '--events', inconnu, '--annee', '2025'];
      const deux = runCli(['evaluate', ...RULES, ...args, '--workers', workers, '--json']);
      const e = (JSON.parse(deux.stdout) as Entrees).entrees.evenements;
      expect(e.rejetees).toBe(n2024);
      expect(e.utilisees).toBe(attendu.utilisees);
      expect(e.anterieurs, workers).toBe(attendu.anterieurs);
      const texte = runCli(['evaluate', ...RULES, ...args, '--workers', workers, '--tolerant']);
      expect(texte.stdout).toContain(
        `(${String(attendu.utilisees)} utilisé(s) dont ${String(attendu.anterieurs)} antérieur(s) au 1er janvier 2025,`,
      );
    }
  });
});
