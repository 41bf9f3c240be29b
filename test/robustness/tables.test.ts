/**
 * A bailleur's real files through the real CLI: French Excel exports (`;`, CRLF, Windows-1252,
 * JJ/MM/AAAA, headers in capitals with accents and synonyms, an extra column), `.xlsx` read
 * directly, `.gz`, the standard input, header faults, and paths that are not regular files
 * (a FIFO, a device through a symlink) refused at once instead of read forever.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { Evaluation } from '../../src/engine/evaluation.js';
import { cliPath, repoRoot, runCli, type CliRun } from '../helpers.js';

type Json = Evaluation & { ok: boolean };

const RULES = join(repoRoot, 'rules');
const PARC = join(repoRoot, 'test/fixtures/exemple-93/logements.csv');
/** The example's first events (ISO dates, comma-separated). */
const SOURCE = readFileSync(join(repoRoot, 'test/fixtures/exemple-93/evenements.csv'), 'utf8')
  .trim()
  .split('\n');
const ROWS = SOURCE.slice(1, 41).map((l) => l.split(','));

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'convflux-tables-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const evaluate = (events: string, ...extra: string[]): CliRun =>
  runCli(
    ['evaluate', '--rules', RULES, '--parc', PARC, '--events', events, '--annee', '2025', ...extra],
    dir,
  );
const json = (r: CliRun): Json => JSON.parse(r.stdout) as Json;
const codes = (list: readonly Diagnostic[]): string[] => list.map((d) => d.code);
/** JJ/MM/AAAA of an ISO date. */
const jjmm = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

describe('French Excel exports', () => {
  it('reads ; + CRLF + Windows-1252 + JJ/MM/AAAA + capitals, accents and synonyms + an extra column', () => {
    const header =
      'Identifiant;Date;Type;N° RPLS;Réservataire;Motif;Décision;Par;Nb candidats;Commentaire';
    const lines = ROWS.map((f) =>
      [...f.slice(0, 1), jjmm(f[1] ?? ''), ...f.slice(2), 'à voir'].join(';'),
    );
    const bytes = Buffer.from(`${[header, ...lines].join('\r\n')}\r\n`, 'latin1');
    expect(bytes.includes(Buffer.from([0xe9]))).toBe(true);
    writeFileSync(join(dir, 'export.csv'), bytes);
    const r = evaluate('export.csv', '--json');
    expect(r.code, r.stderr).toBe(0);
    const e = json(r);
    expect(e.entrees.evenements).toMatchObject({ lignes: 40, rejetees: 0, non_lues: 0 });
    const byCode = new Map(e.diagnostics.map((d) => [d.code, d]));
    expect(byCode.get('ENCODAGE_WINDOWS_1252')).toMatchObject({ severity: 'info' });
    expect(byCode.get('TABLE_DATES_JJ_MM_AAAA')).toMatchObject({ severity: 'info' });
    // The extra column is named once, as a warning, and ignored.
    expect(e.diagnostics.filter((d) => d.code === 'TABLE_COLONNE_INCONNUE')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 1,
        params: expect.objectContaining({ colonne: 'Commentaire' }) as unknown,
      }),
    ]);
    // Same figures as the UTF-8, ISO-dated, comma-separated original.
    writeFileSync(join(dir, 'original.csv'), `${SOURCE.slice(0, 41).join('\n')}\n`);
    const o = json(evaluate('original.csv', '--json'));
    expect(e.conventions).toEqual(
      JSON.parse(JSON.stringify(o.conventions).replaceAll('original.csv', 'export.csv')),
    );
  });

  it('says so in the summary', () => {
    const text = evaluate('export.csv');
    expect(text.stdout).toContain('Windows-1252');
    expect(text.stdout).toContain('JJ/MM/AAAA');
  });

  it('a file of 30 rows with an extra column is 30 events, not 31', () => {
    const rows = ROWS.slice(0, 30).map((f) => f.join(','));
    writeFileSync(
      join(dir, 'extra.csv'),
      `${SOURCE[0] ?? ''},note\n${rows.map((l) => `${l},x`).join('\n')}\n`,
    );
    const extra = json(evaluate('extra.csv', '--json'));
    expect(extra.entrees.evenements.lignes).toBe(30);
    expect(extra.rejets).toEqual([]);
  });

  it('a missing required column: a file error, every row counted as not read', () => {
    const missing = (SOURCE[0] ?? '').replace('type,', '');
    const cut = ROWS.slice(0, 30).map((f) => [...f.slice(0, 2), ...f.slice(3)].join(','));
    writeFileSync(join(dir, 'missing.csv'), `${missing}\n${cut.join('\n')}\n`);
    const r = evaluate('missing.csv', '--json', '--tolerant');
    // Nothing could be read: a failure even with --tolerant.
    expect(r.code).toBe(1);
    const e = json(r);
    expect(e.entrees.evenements).toMatchObject({
      lignes: 30,
      utilisees: 0,
      rejetees: 0,
      non_lues: 30,
    });
    expect(e.rejets).toEqual([]);
    expect(e.diagnostics.find((d) => d.code === 'TABLE_COLONNE_MANQUANTE')).toMatchObject({
      severity: 'error',
      file: 'missing.csv',
      params: expect.objectContaining({ colonne: 'type' }) as unknown,
    });
    expect(evaluate('missing.csv').stdout).toContain(
      '30 événement(s) (0 utilisé(s), 0 après le 2025-12-31, 0 rejeté(s), 30 non lu(s))',
    );
  });

  it('ambiguous JJ/MM/AAAA dates (no day above 12) are rejected, with one hint for the file', () => {
    const rows = ROWS.slice(0, 6).map((f, i) =>
      [f[0], `0${String(i + 1)}/0${String(i + 2)}/2025`, ...f.slice(2)].join(','),
    );
    writeFileSync(join(dir, 'ambigu.csv'), `${SOURCE[0] ?? ''}\n${rows.join('\n')}\n`);
    const e = json(evaluate('ambigu.csv', '--json'));
    expect(codes(e.rejets)).toEqual(Array(6).fill('LIGNE_DATE_AMBIGUE'));
    const hint = e.diagnostics.filter((d) => d.code === 'TABLE_INDICE');
    expect(hint).toHaveLength(1);
    expect(hint[0]?.message).toContain('vos dates semblent au format JJ/MM/AAAA');
    const en = json(evaluate('ambigu.csv', '--json', '--lang', 'en'));
    expect(en.diagnostics.find((d) => d.code === 'TABLE_INDICE')?.message).toContain('DD/MM/YYYY');
  });

  it('CR-only line ends are line ends', () => {
    writeFileSync(join(dir, 'mac.csv'), `${SOURCE.slice(0, 11).join('\r')}\r`);
    expect(json(evaluate('mac.csv', '--json')).entrees.evenements.lignes).toBe(10);
  });

  it('a pretty-printed JSON object and a quoted field over several lines are one row each', () => {
    const objects = ROWS.slice(0, 5).map((f) => ({
      id: f[0],
      date: f[1],
      type: f[2],
      logement: f[3],
      ...(f[4] ? { reservataire: f[4] } : {}),
    }));
    writeFileSync(
      join(dir, 'pretty.ndjson'),
      `${objects.map((o) => JSON.stringify(o, null, 2)).join('\n')}\n`,
    );
    const p = json(evaluate('pretty.ndjson', '--json'));
    expect(p.entrees.evenements).toMatchObject({ lignes: 5, rejetees: 0 });
    const quoted = ROWS.slice(0, 4).map((f) => `${f.join(',')},"ligne 1\nligne 2"`);
    writeFileSync(join(dir, 'quoted.csv'), `${SOURCE[0] ?? ''},note\n${quoted.join('\n')}\n\n`);
    const q = json(evaluate('quoted.csv', '--json'));
    expect(q.entrees.evenements).toMatchObject({ lignes: 4, rejetees: 0 });
  });
});

describe('formats read directly', () => {
  it('reads an .xlsx workbook: the sheet named like the table, date cells or text, numbers; lines are sheet rows', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['rien ici']);
    const ws = wb.addWorksheet('Événements');
    ws.addRow(['ID', 'Date événement', 'Type', 'Logement', 'Réservataire', 'Candidats']);
    ROWS.slice(0, 12).forEach((f, i) => {
      const date = f[1] ?? '';
      ws.addRow([
        f[0],
        i % 2 ? new Date(`${date}T00:00:00Z`) : jjmm(date),
        f[2],
        f[3],
        f[4] ?? '',
        f[8] ? Number(f[8]) : null,
      ]);
    });
    ws.addRow([
      'E-BAD',
      new Date('2025-04-01T00:00:00Z'),
      'demenagement',
      ROWS[0]?.[3] ?? '',
      '',
      null,
    ]);
    await wb.xlsx.writeFile(join(dir, 'evenements.xlsx'));
    const r = evaluate('evenements.xlsx', '--json');
    const e = json(r);
    expect(e.entrees.evenements).toMatchObject({ lignes: 13, rejetees: 1 });
    // Row 14 of the sheet: header on row 1, 12 rows, then the bad one.
    expect(e.rejets.map((d) => [d.file, d.line, d.code])).toEqual([
      ['evenements.xlsx', 14, 'LIGNE_VALEUR_INCONNUE'],
    ]);
    expect(codes(e.diagnostics)).toContain('TABLE_XLSX_FEUILLE');
    writeFileSync(join(dir, 'faux.xlsx'), 'pas un classeur');
    expect(codes(json(evaluate('faux.xlsx', '--json')).diagnostics)).toContain(
      'TABLE_XLSX_ILLISIBLE',
    );
  });

  it('reads a parc workbook whose header is below a title row: the rows above are ignored, and said so', async () => {
    // A bailleur's export: « Patrimoine au 01/01/2025 », a blank row, then the header. The title
    // was taken for the header, so the parc was refused for missing columns, the title quoted.
    const [header = '', ...flats] = readFileSync(PARC, 'utf8').trim().split('\n');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Logements');
    ws.addRow(['Patrimoine de Mme Martin au 01/01/2025']);
    ws.addRow([]);
    ws.addRow(header.split(','));
    for (const l of flats) ws.addRow(l.split(','));
    await wb.xlsx.writeFile(join(dir, 'parc-titre.xlsx'));
    const args = (parc: string): string[] => [
      'evaluate',
      '--rules',
      RULES,
      '--parc',
      parc,
      '--events',
      join(repoRoot, 'test/fixtures/exemple-93/evenements.csv'),
      '--annee',
      '2025',
      '--json',
    ];
    const attendu = json(runCli(args(PARC), dir));
    const r = runCli(args('parc-titre.xlsx'), dir);
    expect(r.code, r.stderr).toBe(0);
    const e = json(r);
    expect(e.entrees.logements).toMatchObject({ lignes: flats.length, rejetees: 0, non_lues: 0 });
    expect(e.conventions).toEqual(attendu.conventions);
    const note = e.diagnostics.find((d) => d.code === 'TABLE_EN_TETE_DECALE');
    expect(note?.message).toBe(
      'En-tête lu ligne 3 : la première ligne non vide n’a pas les colonnes obligatoires (un titre ?) ; les 2 ligne(s) au-dessus de l’en-tête sont ignorées.',
    );
    expect(r.stdout + r.stderr).not.toContain('Martin');

    // No header within the first rows: refused as before, the title described by its length.
    const sans = new ExcelJS.Workbook();
    const feuille = sans.addWorksheet('Logements');
    feuille.addRow(['Patrimoine de Mme Martin au 01/01/2025']);
    feuille.addRow(['logement', 'commune']);
    for (const l of flats.slice(0, 12)) feuille.addRow(l.split(',').slice(0, 2));
    await sans.xlsx.writeFile(join(dir, 'parc-sans-en-tete.xlsx'));
    const refus = runCli(args('parc-sans-en-tete.xlsx'), dir);
    expect(refus.code).not.toBe(0);
    expect(refus.stdout + refus.stderr).not.toContain('Martin');
    const d = json(refus).diagnostics;
    expect(d.find((x) => x.code === 'TABLE_CELLULE_TITRE')).toMatchObject({ line: 1, column: 1 });
    expect(d.find((x) => x.code === 'TABLE_CELLULE_TITRE')?.message).toContain(
      'Cellule de 38 caractère(s)',
    );
    expect(codes(d)).toContain('TABLE_COLONNE_MANQUANTE');
    expect(json(refus).entrees.logements).toMatchObject({ non_lues: 13 });

    // A header of unknown names is no title: its names are still quoted, as in a CSV.
    const etranger = new ExcelJS.Workbook();
    const autre = etranger.addWorksheet('Logements');
    autre.addRow(['Num', 'Ville', 'Type']);
    for (const l of flats.slice(0, 3)) autre.addRow(l.split(',').slice(0, 3));
    await etranger.xlsx.writeFile(join(dir, 'parc-etranger.xlsx'));
    const inconnues = json(runCli(args('parc-etranger.xlsx'), dir)).diagnostics.filter(
      (x) => x.code === 'TABLE_COLONNE_INCONNUE',
    );
    expect(inconnues.map((x) => x.params['colonne'])).toEqual(['Num', 'Ville', 'Type']);
  });

  it('reads a CSV saved from such a workbook: the title line and the empty « ;;; » line above the header are ignored', () => {
    const lines = ROWS.slice(0, 10).map((f) => f.join(';'));
    const header = (SOURCE[0] ?? '').split(',').join(';');
    const blank = ';'.repeat(header.split(';').length - 1);
    writeFileSync(
      join(dir, 'titre.csv'),
      `Mouvements de Mme Martin au 30/06/2025${blank}\n${blank}\n${header}\n${lines.join('\n')}\n`,
    );
    const r = evaluate('titre.csv', '--json');
    expect(r.code, r.stderr).toBe(0);
    const e = json(r);
    expect(e.entrees.evenements).toMatchObject({ lignes: 10, rejetees: 0, non_lues: 0 });
    expect(e.diagnostics.find((d) => d.code === 'TABLE_EN_TETE_DECALE')?.message).toContain(
      'En-tête lu ligne 3',
    );
    // No header below the title: refused, the title told by its length, every line unread.
    writeFileSync(
      join(dir, 'sans-en-tete.csv'),
      `Mouvements de Mme Martin au 30/06/2025\nid;date\n${lines.join('\n')}\n`,
    );
    const refus = evaluate('sans-en-tete.csv', '--json');
    expect(refus.code).not.toBe(0);
    expect(refus.stdout + refus.stderr).not.toContain('Martin');
    const d = json(refus);
    expect(codes(d.diagnostics)).toContain('TABLE_CELLULE_TITRE');
    expect(codes(d.diagnostics)).toContain('TABLE_COLONNE_MANQUANTE');
    expect(d.entrees.evenements).toMatchObject({ lignes: 11, non_lues: 11 });
  });

  it('reads evenements.csv.gz; a damaged .gz is a file error', () => {
    const text = `${SOURCE.slice(0, 21).join('\n')}\n`;
    writeFileSync(join(dir, 'evenements.csv.gz'), gzipSync(text));
    const e = json(evaluate('evenements.csv.gz', '--json'));
    expect(e.entrees.evenements).toMatchObject({ lignes: 20, rejetees: 0 });
    writeFileSync(join(dir, 'abime.csv.gz'), gzipSync(text).subarray(0, 40));
    const bad = evaluate('abime.csv.gz', '--json');
    expect(bad.code).toBe(1);
    expect(codes(json(bad).diagnostics)).toContain('TABLE_GZIP_INVALIDE');
  });

  const stdin = (input: string | Buffer): CliRun => {
    const args = ['evaluate', '--rules', RULES, '--parc', PARC, '--events', '-'];
    const r = spawnSync(process.execPath, [cliPath, ...args, '--annee', '2025', '--json'], {
      cwd: dir,
      input,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  const csv = `${SOURCE.slice(0, 16).join('\n')}\n`;

  it('reads - (stdin), its format told by its content: CSV, gzip', () => {
    const a = json(stdin(csv));
    expect(a.entrees.evenements).toMatchObject({ fichier: '(stdin)', lignes: 15, rejetees: 0 });
    expect(json(stdin(gzipSync(csv))).conventions).toEqual(a.conventions);
  });

  it('reads NDJSON from stdin; - for both files is a usage error', () => {
    const ndjson = ROWS.slice(0, 15)
      .map((f) =>
        JSON.stringify({
          id: f[0],
          date: f[1],
          type: f[2],
          logement: f[3],
          ...(f[4] ? { reservataire: f[4] } : {}),
          ...(f[6] ? { decision: f[6] } : {}),
          ...(f[8] ? { candidats: Number(f[8]) } : {}),
        }),
      )
      .join('\n');
    const e = json(stdin(ndjson));
    expect(e.entrees.evenements).toMatchObject({
      fichier: '(stdin)',
      lignes: 15,
      utilisees: 15,
      rejetees: 0,
    });
    const both = runCli(
      ['evaluate', '--rules', RULES, '--parc', '-', '--events', '-', '--annee', '2025'],
      dir,
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('entrée standard');
  });
});

describe('paths that are not regular files', () => {
  it('refuses a FIFO and a device through a symlink at once', () => {
    const fifo = join(dir, 'tube.csv');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const started = Date.now();
    const r = evaluate('tube.csv', '--json');
    expect(r.code).toBe(1);
    expect(json(r).diagnostics.find((d) => d.code === 'FICHIER_NON_REGULIER')?.message).toContain(
      'FIFO',
    );
    symlinkSync('/dev/zero', join(dir, 'zero.csv'));
    const z = evaluate('zero.csv', '--json');
    expect(
      json(z).diagnostics.find((d) => d.code === 'FICHIER_NON_REGULIER')?.params,
    ).toMatchObject({ nature: 'périphérique' });
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('bilan refuses a FIFO too, without hanging on it', () => {
    const fifo = join(dir, 'tube-bilan.csv');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const args = ['bilan', '--rules', RULES, '--parc', PARC, '--events', fifo, '--annee', '2025'];
    const r = runCli([...args, '--out', join(dir, 'bilans'), '--html', '--json'], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { diagnostics: Diagnostic[] };
    expect(codes(out.diagnostics)).toContain('FICHIER_NON_REGULIER');
  });

  it('a missing path is « chemin introuvable », not « format inconnu »', () => {
    const parc = runCli(
      [
        'evaluate',
        '--rules',
        RULES,
        '--parc',
        '/nonexistent',
        '--events',
        'absent.csv',
        '--annee',
        '2025',
        '--json',
      ],
      dir,
    );
    const d = json(parc).diagnostics;
    expect(d.find((x) => x.file === '/nonexistent')).toMatchObject({
      code: 'CHEMIN_INTROUVABLE',
      message: 'Chemin introuvable : /nonexistent.',
    });
    expect(codes(d)).not.toContain('TABLE_FORMAT_INCONNU');
    // A set-up problem: nothing is evaluated on a missing input (exit 2, no tables).
    expect(parc.code).toBe(2);
    expect(json(parc)).not.toHaveProperty('conventions');
  });

  it('a missing --rules folder stops evaluate and bilan before anything is evaluated', () => {
    const events = join(repoRoot, 'test/fixtures/exemple-93/evenements.csv');
    const common = ['--rules', 'nope/', '--parc', PARC, '--events', events, '--annee', '2025'];
    for (const args of [
      ['evaluate', ...common, '--json'],
      ['bilan', ...common, '--out', join(dir, 'b-nope'), '--html', '--json'],
    ]) {
      const r = runCli(args, dir);
      expect(r.code, args[0]).toBe(2);
      expect(json(r).diagnostics).toEqual([
        expect.objectContaining({ code: 'CHEMIN_INTROUVABLE', file: 'nope/' }),
      ]);
    }
  });

  it('an empty table is refused whatever its format, before anything is evaluated', () => {
    // An empty .ndjson was a year without events (exit 0) where an empty .csv was TABLE_VIDE.
    const vides: [string, string | Buffer][] = [
      ['vide.csv', ''],
      ['vide.ndjson', ''],
      ['blancs.ndjson', '\n  \r\n'],
      ['vide.ndjson.gz', gzipSync('')],
    ];
    for (const [nom, contenu] of vides) {
      writeFileSync(join(dir, nom), contenu);
      const r = evaluate(nom, '--json');
      expect(r.code, nom).toBe(2);
      expect(json(r).diagnostics, nom).toEqual([
        expect.objectContaining({ code: 'TABLE_VIDE_ENTREE', file: nom }),
      ]);
      expect(json(r).diagnostics[0]?.message).toContain(`${nom} ne contient aucune ligne`);
    }
    // A header without rows is a table of no row: a year without events.
    writeFileSync(join(dir, 'entete.csv'), `${SOURCE[0] ?? ''}\n`);
    expect(evaluate('entete.csv', '--json').code).toBe(0);
  });
});
