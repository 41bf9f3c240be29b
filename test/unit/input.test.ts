import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { CsvSplitter, detectDelimiter } from '../../src/input/csv.js';
import { READ_CHUNK_BYTES, readLines } from '../../src/input/line-reader.js';
import { EVENEMENT_COLUMNS, parseEvenement } from '../../src/input/parse-evenement.js';
import { LOGEMENT_COLUMNS, parseLogement } from '../../src/input/parse-logement.js';
import {
  readTable,
  shardOf,
  type ReadTableOptions,
  type RowPosition,
} from '../../src/input/read-table.js';
import { communesDuDepartement, territoires } from '../../src/reference/territoires.js';

let dir = '';
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'convflux-input-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a temporary file (text or bytes) and returns its path. */
function tmp(ext: string, content: string | Uint8Array): string {
  const path = join(dir, `f${String(n++)}${ext}`);
  writeFileSync(path, content);
  return path;
}

interface Row {
  row: Record<string, unknown>;
  line: number;
  position: RowPosition;
}

async function rowsOf(
  path: string,
  options: Partial<ReadTableOptions> = {},
): Promise<{ rows: Row[]; count: number; diagnostics: Diagnostic[] }> {
  const rows: Row[] = [];
  const r = await readTable(path, { lang: 'fr', ...options }, (row, line, position) => {
    rows.push({ row, line, position });
  });
  return { rows, count: r.rows, diagnostics: [...r.fileDiagnostics, ...r.diagnostics] };
}

const brief = (d: Diagnostic): Pick<Diagnostic, 'code' | 'line' | 'column' | 'pointer'> => ({
  code: d.code,
  line: d.line,
  column: d.column,
  pointer: d.pointer,
});

const PARC_HEADER =
  'logement;bailleur;departement;commune;epci;qpv;typologie;financement;annee_construction;hors_flux';
const FLAT = 'L1;552046484;93;93066;200054781;oui;T3;PLUS;1975;';

describe('readLines', () => {
  it('gives exact 1-based line numbers: CRLF, BOM, empty lines, last line without newline', async () => {
    const path = tmp('.txt', '\ufeffa\r\n\r\nb\n\n\nc;d\r\ne');
    const seen: [string, number][] = [];
    const r = await readLines(path, { lang: 'fr' }, (text, line) => seen.push([text, line]) > 0);
    expect(seen).toEqual([
      ['a', 1],
      ['b', 3],
      ['c;d', 6],
      ['e', 7],
    ]);
    expect(r).toEqual({ lines: 7, diagnostics: [], encoding: 'utf-8' });
  });

  it('reports a line that is not UTF-8 (byte and column) and keeps the others', async () => {
    const bytes = Buffer.concat([
      Buffer.from('ok\ncaf'),
      Buffer.from([0xe9]),
      Buffer.from(';x\nÉpinay\n'),
    ]);
    const seen: [string, number][] = [];
    const r = await readLines(
      tmp('.txt', bytes),
      { lang: 'fr', file: 'parc.csv' },
      (text, line) => seen.push([text, line]) > 0,
    );
    expect(seen).toEqual([
      ['ok', 1],
      ['Épinay', 3],
    ]);
    expect(r.diagnostics.map(brief)).toEqual([
      { code: 'ENCODAGE_INVALIDE', line: 2, column: 4, pointer: '' },
    ]);
    expect(r.diagnostics[0]?.params).toEqual({ octet: '0xE9' });
    expect(r.diagnostics[0]?.file).toBe('parc.csv');
  });

  it('splits multi-byte characters across 64 KiB read chunks correctly', async () => {
    const lines = Array.from(
      { length: 60_000 },
      (_, i) => `é${String(i)}—ligne ß ${'€'.repeat(i % 7)}`,
    );
    const text = lines.join('\n') + '\n';
    // Many chunks, so that characters of two and three bytes fall on their edges.
    expect(Buffer.byteLength(text)).toBeGreaterThan(20 * READ_CHUNK_BYTES);
    const path = tmp('.txt', text);
    const seen: string[] = [];
    let last = 0;
    const r = await readLines(path, { lang: 'fr' }, (text, line) => {
      seen.push(text);
      last = line;
      return true;
    });
    expect(r.diagnostics).toEqual([]);
    expect(seen).toEqual(lines);
    expect(last).toBe(60_000);
  });

  it('stops when the handler returns false', async () => {
    const seen: number[] = [];
    await readLines(tmp('.txt', 'a\nb\nc\n'), { lang: 'fr' }, (_t, line) => {
      seen.push(line);
      return line < 2;
    });
    expect(seen).toEqual([1, 2]);
  });

  it('skips a line over 1 MiB with one diagnostic, and keeps counting lines', async () => {
    const path = tmp('.txt', `a\n${'x'.repeat(3 * 1024 * 1024)}\nb\n`);
    const seen: [string, number][] = [];
    const r = await readLines(path, { lang: 'fr' }, (text, line) => seen.push([text, line]) > 0);
    expect(seen).toEqual([
      ['a', 1],
      ['b', 3],
    ]);
    expect(r.lines).toBe(3);
    expect(r.diagnostics.map(brief)).toEqual([
      { code: 'LIGNE_TROP_LONGUE', line: 2, column: 0, pointer: '' },
    ]);
  });

  it('rejects UTF-16 and binary files', async () => {
    const utf16 = await readLines(
      tmp('.csv', Buffer.from([0xff, 0xfe, 0x61, 0])),
      { lang: 'fr' },
      () => true,
    );
    expect(utf16.diagnostics.map((d) => d.code)).toEqual(['ENCODAGE_UTF16']);
    const xlsx = await readLines(
      tmp('.csv', Buffer.from([0x50, 0x4b, 3, 4, 0, 0])),
      { lang: 'fr' },
      () => true,
    );
    expect(xlsx.diagnostics.map((d) => d.code)).toEqual(['TABLE_FICHIER_BINAIRE']);
  });
});

describe('readLines: real exports', () => {
  it('ends lines at a lone CR too, and reads Windows-1252 after ASCII with one note', async () => {
    const bytes = Buffer.concat([
      Buffer.from('a;b\rc'),
      Buffer.from([0xe9]),
      Buffer.from('t\u00e9\r\n\rd', 'latin1'),
    ]);
    const seen: [string, number][] = [];
    const r = await readLines(tmp('.csv', bytes), { lang: 'fr' }, (t, l) => seen.push([t, l]) > 0);
    expect(seen).toEqual([
      ['a;b', 1],
      ['cété', 2],
      ['d', 4],
    ]);
    expect(r.encoding).toBe('windows-1252');
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.params])).toEqual([
      ['ENCODAGE_WINDOWS_1252', 'info', { ligne: 2 }],
    ]);
  });
});

describe('header names', () => {
  it('match without case, accents or separators, through synonyms; the field’s own name wins', async () => {
    const header =
      'N° RPLS;SIREN bailleur;Département;Code INSEE;Commune;EPCI;QPV;Typologie;Financement;Année de construction';
    const { rows, diagnostics } = await rowsOf(
      tmp('.csv', `${header}\nL1;552046484;93;93066;93066;;oui;T3;PLUS;1975\n`),
      { columns: LOGEMENT_COLUMNS },
    );
    expect(rows[0]?.row).toEqual({
      logement: 'L1',
      bailleur: '552046484',
      departement: '93',
      commune: '93066',
      qpv: 'oui',
      typologie: 'T3',
      financement: 'PLUS',
      annee_construction: '1975',
    });
    expect(diagnostics.map((d) => [d.code, d.severity, d.params['colonne']])).toEqual([
      ['TABLE_COLONNE_SYNONYME_IGNOREE', 'warning', 'Code INSEE'],
    ]);
  });
});

describe('CSV splitting', () => {
  it('detects the delimiter from the header', () => {
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('"a,b";c;d')).toBe(';');
    expect(detectDelimiter('seule')).toBe(',');
  });

  it('reads quoted fields with doubled quotes and delimiters inside', () => {
    const s = new CsvSplitter(';');
    expect(s.split('"a;b";"dit ""oui""";;"";x')).toBe(true);
    expect(s.values.slice(0, s.count)).toEqual(['a;b', 'dit "oui"', '', '', 'x']);
    expect(s.starts.slice(0, s.count)).toEqual([0, 6, 20, 21, 24]);
    expect(s.split('a;b;')).toBe(true);
    expect(s.values.slice(0, s.count)).toEqual(['a', 'b', '']);
  });

  it('reports an unclosed quote and text after a closing quote', () => {
    const s = new CsvSplitter(',');
    expect(s.split('a,"b,c')).toBe(false);
    expect([s.error, s.errorColumn]).toEqual(['guillemet_non_ferme', 3]);
    expect(s.split('a,"b"c,d')).toBe(false);
    expect([s.error, s.errorColumn]).toEqual(['texte_apres_guillemet', 6]);
  });
});

describe('readTable: CSV', () => {
  it('reads a French Excel export (; separator, BOM, CRLF, quotes, empty cells absent)', async () => {
    const path = tmp(
      '.csv',
      `\ufeff${PARC_HEADER}\r\n${FLAT}\r\n\r\n"L;2";552046484;93;"93066";;non;T1;PLAI;1960;defense\r\n`,
    );
    const { rows, count, diagnostics } = await rowsOf(path, { columns: LOGEMENT_COLUMNS });
    expect(diagnostics).toEqual([]);
    expect(count).toBe(2);
    expect(rows.map((r) => [r.row, r.line])).toEqual([
      [
        {
          logement: 'L1',
          bailleur: '552046484',
          departement: '93',
          commune: '93066',
          epci: '200054781',
          qpv: 'oui',
          typologie: 'T3',
          financement: 'PLUS',
          annee_construction: '1975',
        },
        2,
      ],
      [
        {
          logement: 'L;2',
          bailleur: '552046484',
          departement: '93',
          commune: '93066',
          qpv: 'non',
          typologie: 'T1',
          financement: 'PLAI',
          annee_construction: '1960',
          hors_flux: 'defense',
        },
        4,
      ],
    ]);
  });

  it('reads a comma-separated file', async () => {
    const path = tmp('.csv', `${PARC_HEADER.replaceAll(';', ',')}\n${FLAT.replaceAll(';', ',')}`);
    const { rows, diagnostics } = await rowsOf(path, { columns: LOGEMENT_COLUMNS });
    expect(diagnostics).toEqual([]);
    expect(rows[0]?.row['typologie']).toBe('T3');
    expect(rows[0]?.line).toBe(2);
  });

  it('reports an unknown column with the expected ones, and still reads the rows', async () => {
    const path = tmp('.csv', `${PARC_HEADER};nom_locataire\n${FLAT};Dupont\n`);
    const { rows, diagnostics } = await rowsOf(path, { columns: LOGEMENT_COLUMNS });
    expect(diagnostics.map(brief)).toEqual([
      { code: 'TABLE_COLONNE_INCONNUE', line: 1, column: PARC_HEADER.length + 2, pointer: '' },
    ]);
    expect(diagnostics[0]?.message).toBe(
      'Colonne inconnue « nom_locataire », ignorée ; colonnes attendues : logement, bailleur, ' +
        'departement, commune, epci, qpv, typologie, financement, annee_construction, hors_flux, programme, rpls.',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.row).not.toHaveProperty('nom_locataire');
  });

  it('stops on a missing required column or a duplicate column', async () => {
    const missing = await rowsOf(
      tmp(
        '.csv',
        'logement;bailleur;departement;qpv;typologie;financement\nL1;552046484;93;oui;T1;PLUS\n',
      ),
      { columns: LOGEMENT_COLUMNS },
    );
    expect(missing.count).toBe(0);
    expect(missing.diagnostics.map((d) => [d.code, d.params['colonne']])).toEqual([
      ['TABLE_COLONNE_MANQUANTE', 'commune'],
      ['TABLE_COLONNE_MANQUANTE', 'annee_construction'],
    ]);
    const duplicate = await rowsOf(tmp('.csv', `${PARC_HEADER};qpv\n${FLAT};oui\n`), {
      columns: LOGEMENT_COLUMNS,
    });
    expect(duplicate.count).toBe(0);
    expect(duplicate.diagnostics.map(brief)).toEqual([
      { code: 'TABLE_COLONNE_DOUBLE', line: 1, column: PARC_HEADER.length + 2, pointer: '' },
    ]);
  });

  it('rejects a row with the wrong number of fields, or an unclosed quote, and goes on', async () => {
    const path = tmp(
      '.csv',
      `${PARC_HEADER}\n${FLAT};en trop\nL2;552046484;93\n"L3;552046484\n${FLAT}\n;;;;;;;;;\n`,
    );
    const { rows, diagnostics } = await rowsOf(path, { columns: LOGEMENT_COLUMNS });
    expect(rows.map((r) => r.line)).toEqual([5]);
    expect(diagnostics.map(brief)).toEqual([
      { code: 'LIGNE_NOMBRE_CHAMPS', line: 2, column: FLAT.length + 2, pointer: '' },
      { code: 'LIGNE_NOMBRE_CHAMPS', line: 3, column: 16, pointer: '' },
      { code: 'LIGNE_GUILLEMET_NON_FERME', line: 4, column: 1, pointer: '' },
    ]);
    expect(diagnostics[0]?.params).toEqual({ attendu: 10, trouve: 11 });
    expect(diagnostics[0]?.message).toBe(
      'Ligne de 11 champs au lieu de 10 (autant que de colonnes dans l’en-tête) : ligne ignorée.',
    );
  });

  it('reports a missing file, an unknown format and an empty file without throwing', async () => {
    const missing = await rowsOf(join(dir, 'absent.csv'), { file: 'absent.csv' });
    expect(missing.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['CHEMIN_INTROUVABLE', 'Chemin introuvable : absent.csv.'],
    ]);
    const xls = await rowsOf(tmp('.xls', 'x'));
    expect(xls.diagnostics.map((d) => [d.code, d.params['extension']])).toEqual([
      ['TABLE_FORMAT_INCONNU', '.xls'],
    ]);
    const xlsx = await rowsOf(tmp('.xlsx', 'x'));
    expect(xlsx.diagnostics.map((d) => d.code)).toEqual(['TABLE_XLSX_ILLISIBLE']);
    const empty = await rowsOf(tmp('.csv', '\r\n\r\n'));
    expect(empty.diagnostics.map((d) => d.code)).toEqual(['TABLE_VIDE']);
    const headerOnly = await rowsOf(tmp('.csv', `${PARC_HEADER}\n`), { columns: LOGEMENT_COLUMNS });
    expect(headerOnly).toEqual({ rows: [], count: 0, diagnostics: [] });
  });

  it('does not read rows under a header that is neither UTF-8 nor Windows-1252, and counts them', async () => {
    const bytes = Buffer.concat([
      Buffer.from('é;ann'),
      Buffer.from([0xe9]),
      Buffer.from('e\n1;2\n'),
    ]);
    let unread = -1;
    const r = await readTable(tmp('.csv', bytes), { lang: 'fr' }, () => undefined);
    unread = r.unread;
    expect(r.rows).toBe(0);
    expect(unread).toBe(1);
    expect(r.fileDiagnostics.map(brief)).toEqual([
      { code: 'ENCODAGE_INVALIDE', line: 1, column: 7, pointer: '' },
    ]);
  });
});

describe('parseLogement', () => {
  async function parse(body: string, lang: 'fr' | 'en' = 'fr') {
    const path = tmp('.csv', `${PARC_HEADER}\n${body}\n`);
    const results: ReturnType<typeof parseLogement>[] = [];
    await readTable(path, { lang, columns: LOGEMENT_COLUMNS }, (row, line, position) => {
      results.push(parseLogement(row, line, 'parc.csv', lang, position));
    });
    return results;
  }

  it('coerces CSV text into a Logement', async () => {
    const [r] = await parse(FLAT);
    expect(r).toEqual({
      ok: true,
      value: {
        logement: 'L1',
        bailleur: '552046484',
        departement: '93',
        commune: '93066',
        epci: '200054781',
        qpv: true,
        typologie: 'T3',
        financement: 'PLUS',
        annee_construction: 1975,
      },
    });
  });

  it('accepts the usual spellings of booleans', async () => {
    for (const [text, value] of [
      ['true', true],
      ['VRAI', true],
      ['Oui', true],
      ['1', true],
      ['false', false],
      ['Faux', false],
      ['NON', false],
      ['0', false],
    ] as const) {
      const [r] = await parse(`L1;552046484;93;93066;;${text};T3;PLUS;1975;`);
      expect(r?.ok && r.value.qpv).toBe(value);
    }
  });

  it('reports a bad enum value at its line and column, with the allowed values', async () => {
    const [r] = await parse('L1;552046484;93;93066;;oui;T7;PLUS;1975;');
    expect(r?.ok).toBe(false);
    if (r?.ok !== false) return;
    expect(r.diagnostics.map(brief)).toEqual([
      { code: 'LIGNE_VALEUR_INCONNUE', line: 2, column: 28, pointer: '/typologie' },
    ]);
    expect(r.diagnostics[0]?.message).toBe(
      'Valeur "T7" inconnue pour « typologie ». Valeurs permises : T1, T2, T3, T4, T5, T6.',
    );
    expect(r.diagnostics[0]?.file).toBe('parc.csv');
    expect(r.diagnostics[0]?.severity).toBe('error');
  });

  it('reports every bad field of a row, in English too', async () => {
    const [r] = await parse('L1;55204648;93;75;;peut-être;T3;PLUS;1 975;', 'en');
    if (r?.ok !== false) throw new Error('expected errors');
    expect(r.diagnostics.map((d) => [d.code, d.pointer, d.message])).toEqual([
      [
        'LIGNE_CHAMP_INVALIDE',
        '/bailleur',
        'Field "bailleur": expected a 9-digit SIREN; found: "55204648".',
      ],
      [
        'LIGNE_CHAMP_INVALIDE',
        '/commune',
        'Field "commune": expected a 5-character INSEE commune code (e.g. "93066", "2A004"); found: "75".',
      ],
      [
        'LIGNE_CHAMP_INVALIDE',
        '/qpv',
        'Field "qpv": expected a boolean (true/false, oui/non, vrai/faux, 1/0); found: "peut-être".',
      ],
      [
        'LIGNE_CHAMP_INVALIDE',
        '/annee_construction',
        'Field "annee_construction": expected a year between 1800 and 2100 (digits only); found: "1 975".',
      ],
    ]);
  });

  it('never quotes the flat identifier, and reports missing fields', async () => {
    const long = 'X'.repeat(70);
    const [r] = await parse(`${long};552046484;93;93066;;;T3;;1975;`);
    if (r?.ok !== false) throw new Error('expected errors');
    expect(r.diagnostics.map(brief)).toEqual([
      // Empty cells: the column of the cell.
      { code: 'LIGNE_CHAMP_MANQUANT', line: 2, column: 92, pointer: '/qpv' },
      { code: 'LIGNE_CHAMP_MANQUANT', line: 2, column: 96, pointer: '/financement' },
      { code: 'LIGNE_CHAMP_INVALIDE', line: 2, column: 1, pointer: '/logement' },
    ]);
    expect(r.diagnostics[2]?.message).toBe(
      'Champ « logement » : attendu un identifiant de 1 à 64 caractères sans caractère nul (ex. le numéro RPLS) ; ' +
        'trouvé : texte de 70 caractères.',
    );
    expect(JSON.stringify(r.diagnostics)).not.toContain('XXXX');
  });

  it('validates NDJSON values, with empty and null fields taken as absent', () => {
    const r = parseLogement(
      {
        logement: 'L9',
        bailleur: '552046484',
        departement: '2A',
        commune: '2A004',
        epci: null,
        qpv: false,
        typologie: 'T6',
        financement: 'PLI',
        annee_construction: 2001,
        hors_flux: '',
      },
      1,
      'parc.ndjson',
      'fr',
    );
    expect(r).toEqual({
      ok: true,
      value: {
        logement: 'L9',
        bailleur: '552046484',
        departement: '2A',
        commune: '2A004',
        qpv: false,
        typologie: 'T6',
        financement: 'PLI',
        annee_construction: 2001,
      },
    });
  });
});

describe('parseEvenement', () => {
  const HEADER = 'id,date,type,logement,reservataire,motif,decision,par,candidats';
  async function parse(body: string) {
    const path = tmp('.csv', `${HEADER}\n${body}\n`);
    const results: ReturnType<typeof parseEvenement>[] = [];
    await readTable(path, { lang: 'fr', columns: EVENEMENT_COLUMNS }, (row, line, position) => {
      results.push(parseEvenement(row, line, 'events.csv', 'fr', position));
    });
    return results;
  }

  it('reads each type, ignoring fields without meaning for it', async () => {
    const results = await parse(
      [
        'e1,2025-01-31,liberation,L1,,,,,',
        'e2,2025-02-01,orientation,L1,etat-93,,,,',
        'e3,2025-02-03,designation,L1,etat-93,,,,3',
        'e4,2025-02-10,caleol,L1,,,attribution,,',
        'e5,2025-02-12,refus,L1,,,,candidat,',
        'e6,2025-02-13,hors_assiette,L2,,mutation_interne,,,',
        'e7,2024-02-29,bail_signe,L1,etat-93,,refus,bailleur,0',
      ].join('\n'),
    );
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true, true, true]);
    expect(results[2]).toEqual({
      ok: true,
      value: {
        id: 'e3',
        date: '2025-02-03',
        type: 'designation',
        logement: 'L1',
        reservataire: 'etat-93',
        candidats: 3,
      },
    });
  });

  it('requires the fields each type needs', async () => {
    const results = await parse(
      [
        'e1,2025-02-01,orientation,L1,,,,,',
        'e2,2025-02-01,designation,L1,,,,,2',
        'e3,2025-02-01,hors_assiette,L1,,,,,',
        'e4,2025-02-01,caleol,L1,,,,,',
        'e5,2025-02-01,refus,L1,,,,,',
      ].join('\n'),
    );
    const found = results.map((r) =>
      r.ok ? [] : r.diagnostics.map((d) => [d.code, d.line, d.pointer, d.params['type']]),
    );
    expect(found).toEqual([
      [['LIGNE_CHAMP_REQUIS_POUR_TYPE', 2, '/reservataire', 'orientation']],
      [['LIGNE_CHAMP_REQUIS_POUR_TYPE', 3, '/reservataire', 'designation']],
      [['LIGNE_CHAMP_REQUIS_POUR_TYPE', 4, '/motif', 'hors_assiette']],
      [['LIGNE_CHAMP_REQUIS_POUR_TYPE', 5, '/decision', 'caleol']],
      [['LIGNE_CHAMP_REQUIS_POUR_TYPE', 6, '/par', 'refus']],
    ]);
    const first = results[0];
    expect(first?.ok === false && first.diagnostics[0]?.message).toBe(
      'Champ « reservataire » absent ou vide : il est obligatoire pour un événement « orientation ».',
    );
    expect(first?.ok === false && first.diagnostics[0]?.column).toBe(30);
  });

  it('rejects impossible dates, unknown types and bad counts', async () => {
    const results = await parse(
      [
        'e1,2025-02-29,liberation,L1,,,,,',
        'e2,2025-02-01,vente,L1,,,,,',
        'e3,2025-02-01,designation,L1,etat-93,,,,-2',
      ].join('\n'),
    );
    const found = results.map((r) =>
      r.ok ? [] : r.diagnostics.map((d) => [d.code, d.column, d.message]),
    );
    expect(found).toEqual([
      [
        [
          'LIGNE_DATE_INVALIDE',
          4,
          'Date "2025-02-29" invalide dans « date » : attendu une date réelle au format AAAA-MM-JJ (ou JJ/MM/AAAA dans un fichier).',
        ],
      ],
      [
        [
          'LIGNE_VALEUR_INCONNUE',
          15,
          'Valeur "vente" inconnue pour « type ». Valeurs permises : liberation, mise_en_service, ' +
            'hors_assiette, orientation, designation, caleol, refus, bail_signe, reprise, conge, ' +
            'retrait_conge, notification, annulation.',
        ],
      ],
      [
        [
          'LIGNE_CHAMP_INVALIDE',
          41,
          'Champ « candidats » : attendu un nombre entier positif ou nul (chiffres seuls) ; ' +
            'trouvé : texte de 2 caractères.',
        ],
      ],
    ]);
  });
});

describe('empty values', () => {
  it('takes an empty or null required field as missing, not as invalid', () => {
    const r = parseEvenement(
      { id: '', date: '2025-01-01', type: 'liberation', logement: null, motif: '' },
      7,
      'events.ndjson',
      'fr',
    );
    expect(!r.ok && r.diagnostics.map((d) => [d.code, d.line, d.pointer])).toEqual([
      ['LIGNE_CHAMP_MANQUANT', 7, '/id'],
      ['LIGNE_CHAMP_MANQUANT', 7, '/logement'],
    ]);
  });
});

describe('readTable: NDJSON', () => {
  it('delivers good lines and rejects bad ones with their line and column', async () => {
    const path = tmp(
      '.ndjson',
      [
        '{"id":"e1","date":"2025-01-31","type":"liberation","logement":"L1","motif":null}',
        '',
        '{"id":"e2","date":"2025-01-31",}',
        '[1,2]',
        '{"id":"e3","date":"2025-02-01","type":"orientation","logement":"L1", "nom": "x"}',
        '{"id":"e4","date":"2025-02-01","type":"reprise","logement":"L1"}',
      ].join('\r\n'),
    );
    const parsed: ReturnType<typeof parseEvenement>[] = [];
    const r = await readTable(
      path,
      { lang: 'fr', file: 'events.ndjson' },
      (row, line, position) => {
        parsed.push(parseEvenement(row, line, 'events.ndjson', 'fr', position));
      },
    );
    expect(r.rows).toBe(3);
    expect(r.diagnostics.map(brief)).toEqual([
      { code: 'LIGNE_JSON_INVALIDE', line: 3, column: 32, pointer: '' },
      { code: 'LIGNE_JSON_PAS_OBJET', line: 4, column: 1, pointer: '' },
    ]);
    expect(r.diagnostics[1]?.message).toBe(
      'La ligne contient une liste au lieu d’un objet JSON {…} : ligne ignorée.',
    );
    expect(parsed.map((p) => p.ok)).toEqual([true, false, true]);
    const bad = parsed[1];
    expect(bad?.ok === false && bad.diagnostics.map(brief)).toEqual([
      { code: 'LIGNE_CHAMP_REQUIS_POUR_TYPE', line: 5, column: 0, pointer: '/reservataire' },
      { code: 'LIGNE_CHAMP_INCONNU', line: 5, column: 77, pointer: '/nom' },
    ]);
  });

  it('reads .jsonl too', async () => {
    const { count } = await rowsOf(tmp('.jsonl', '{"a":1}\n{"a":2}\n'));
    expect(count).toBe(2);
  });
});

describe('sharding', () => {
  function parcCsv(rows: number): string {
    const lines = [PARC_HEADER];
    for (let i = 0; i < rows; i++) {
      const id = i % 50 === 0 ? `"L""${String(i)}"` : `L${String(i)}`;
      lines.push(`${id};552046484;93;93066;;oui;T${String((i % 6) + 1)};PLUS;1975;`);
    }
    lines.push(';552046484;93;93066;;oui;T1;PLUS;1975;', 'L-bad;552046484', '"L-open;1');
    return lines.join('\n');
  }

  it('partitions the rows and the diagnostics exactly (CSV)', async () => {
    const path = tmp('.csv', parcCsv(3000));
    const whole = await rowsOf(path, { columns: LOGEMENT_COLUMNS });
    expect(whole.count).toBe(3001);
    for (const count of [2, 3]) {
      const lines: number[] = [];
      const diagnostics: string[] = [];
      for (let index = 0; index < count; index++) {
        const part = await rowsOf(path, {
          columns: LOGEMENT_COLUMNS,
          shard: { index, count, field: 'logement' },
        });
        expect(part.count).toBeGreaterThan(0);
        for (const r of part.rows) {
          lines.push(r.line);
          const id = r.row['logement'];
          expect(id === undefined ? 0 : shardOf(id, count)).toBe(index);
        }
        diagnostics.push(...part.diagnostics.map((d) => `${d.code}@${String(d.line)}`));
      }
      expect(lines.sort((a, b) => a - b)).toEqual(whole.rows.map((r) => r.line));
      expect(diagnostics.sort()).toEqual(
        whole.diagnostics.map((d) => `${d.code}@${String(d.line)}`).sort(),
      );
    }
  });

  it('partitions NDJSON rows the same way as CSV rows', async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `L${String(i)}`);
    const path = tmp('.ndjson', ids.map((id) => JSON.stringify({ logement: id })).join('\n'));
    const csv = tmp('.csv', ['logement', ...ids].join('\n'));
    for (let index = 0; index < 2; index++) {
      const shard = { index, count: 2, field: 'logement' };
      const a = await rowsOf(path, { shard });
      const b = await rowsOf(csv, { shard });
      expect(a.rows.map((r) => r.row['logement'])).toEqual(b.rows.map((r) => r.row['logement']));
      expect(a.count).toBeGreaterThan(400);
    }
  });
});

describe('volume', () => {
  it('reads and validates a 200 000-row parc file', async () => {
    const lines = [PARC_HEADER];
    const typologies = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'];
    // Real communes of the département: parc rows are checked against the geography.
    const communes = communesDuDepartement(territoires(), '93');
    for (let i = 0; i < 200_000; i++) {
      lines.push(
        `RPLS${String(i)};552046484;93;${communes[i % communes.length] ?? '93066'};;${i % 2 ? 'oui' : 'non'};${typologies[i % 6] ?? 'T1'};PLUS;${String(1950 + (i % 70))};`,
      );
    }
    const path = tmp('.csv', lines.join('\r\n'));
    let ok = 0;
    const r = await readTable(
      path,
      { lang: 'fr', columns: LOGEMENT_COLUMNS },
      (row, line, position) => {
        if (parseLogement(row, line, path, 'fr', position).ok) ok++;
      },
    );
    expect(r).toEqual({
      rows: 200_000,
      rejected: 0,
      unread: 0,
      diagnostics: [],
      fileDiagnostics: [],
    });
    expect(ok).toBe(200_000);
  });
});
