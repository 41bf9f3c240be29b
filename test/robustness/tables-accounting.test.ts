/**
 * Row accounting of the parc and events files, as a property over generated files: every row of
 * the events file is used, rejected (and named, by line), after the evaluation date, or — when
 * the header lacks a required column — counted as not read; blank lines are not rows; a quoted
 * CSV field or a pretty-printed JSON object spanning several lines is one row. CSV with `,`, `;`
 * or tabs, LF / CRLF / CR line ends, NDJSON compact or pretty-printed, header faults included.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/evaluate.js';
import { loadConventions, type LoadedConventions } from '../../src/engine/load-conventions.js';
import { repoRoot } from '../helpers.js';

const PARC = [
  'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux',
  '93-552046484-00001,552046484,93,93066,200057867,false,T3,PLUS,2000,',
  '93-552046484-00002,552046484,93,93066,200057867,false,T2,PLAI,2005,',
].join('\n');
const FLATS = ['93-552046484-00001', '93-552046484-00002', 'INCONNU-1'];
const COLUMNS = ['id', 'date', 'type', 'logement', 'reservataire', 'commentaire'] as const;

interface Ev {
  id: string;
  date: string;
  type: string;
  logement: string;
  reservataire: string;
  commentaire: string;
}

const event: fc.Arbitrary<Ev> = fc.record({
  id: fc.constantFrom('E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8'),
  date: fc.constantFrom(
    '2025-01-10',
    '2025-03-15',
    '2025-09-01',
    '2025-02-30',
    '10/01/2025',
    'hier',
  ),
  type: fc.constantFrom('liberation', 'orientation', 'bail_signe', 'demenagement'),
  logement: fc.constantFrom(...FLATS),
  reservataire: fc.constantFrom('', 'etat-93', 'montreuil', 'Inconnu !'),
  commentaire: fc.constantFrom('', 'rien', 'sur\ndeux lignes', 'dit "oui"; non', 'x\n\ny'),
});

type Fault = 'aucun' | 'colonne_en_plus' | 'colonne_manquante' | 'casse_accents';
interface File {
  format: 'csv' | 'ndjson';
  delimiter: ',' | ';' | '\t';
  eol: '\n' | '\r\n' | '\r';
  pretty: boolean;
  fault: Fault;
  blanks: boolean[];
  events: Ev[];
}

const file: fc.Arbitrary<File> = fc.record({
  format: fc.constantFrom('csv', 'ndjson'),
  delimiter: fc.constantFrom(',', ';', '\t'),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  pretty: fc.boolean(),
  fault: fc.constantFrom('aucun', 'colonne_en_plus', 'colonne_manquante', 'casse_accents'),
  blanks: fc.array(fc.boolean(), { maxLength: 30 }),
  events: fc.array(event, { maxLength: 25 }),
});

function quote(value: string, delimiter: string): string {
  return /["\n\r]/.test(value) || value.includes(delimiter)
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}

/** The file's text; a record's fields never hold a CR (the file's line end would be ambiguous). */
function write(f: File): string {
  const { eol } = f;
  const lines: string[] = [];
  const blank = (i: number): void => {
    if (f.blanks[i]) lines.push(f.delimiter === '\t' || f.format === 'ndjson' ? '' : '  ');
  };
  const columns = COLUMNS.filter((c) => f.fault !== 'colonne_manquante' || c !== 'type');
  if (f.format === 'csv') {
    const names = columns.map((c) =>
      f.fault === 'casse_accents' && c === 'reservataire'
        ? 'Réservataire'
        : c === 'date' && f.fault === 'casse_accents'
          ? 'DATE'
          : c,
    );
    if (f.fault !== 'colonne_en_plus') names.pop();
    lines.push(names.join(f.delimiter));
  }
  f.events.forEach((e, i) => {
    blank(i);
    if (f.format === 'csv') {
      const values = columns.map((c) => quote(e[c], f.delimiter));
      if (f.fault !== 'colonne_en_plus') values.pop();
      lines.push(values.join(f.delimiter));
    } else {
      const o: Record<string, string> = {};
      for (const c of columns) if (c !== 'commentaire' && e[c] !== '') o[c] = e[c];
      lines.push(f.pretty ? JSON.stringify(o, null, 2) : JSON.stringify(o));
    }
  });
  blank(f.events.length);
  return lines.join('\n').replace(/\n/g, eol) + eol;
}

let dir = '';
let conventions: LoadedConventions;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'convflux-accounting-'));
  writeFileSync(join(dir, 'logements.csv'), PARC);
  conventions = await loadConventions([join(repoRoot, 'rules')], { lang: 'fr', cwd: dir });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('row accounting (property)', () => {
  it('rows in = used + rejected + after the date (+ not read under a bad header), each rejected row named', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(file, async (f) => {
        const name = `ev${String(n++)}.${f.format === 'csv' ? 'csv' : 'ndjson'}`;
        // Fields with newlines exist only in the CSV's commentaire column.
        writeFileSync(join(dir, name), write(f));
        const simulation = await Simulation.ouvrir({
          parc: join(dir, 'logements.csv'),
          evenements: join(dir, name),
          annee: 2025,
          date: '2025-06-30',
          lang: 'fr',
          cwd: dir,
        });
        const { evaluation: e } = await simulation.evaluer(conventions);
        const ev = e.entrees.evenements;
        // Every generated record is a row, whatever its line ends, blank lines or quotes.
        expect(ev.lignes).toBe(f.events.length);
        expect(ev.utilisees + ev.rejetees + ev.hors_periode + ev.non_lues).toBe(ev.lignes);
        expect(ev.utilisees).toBeGreaterThanOrEqual(0);
        const lines = new Set(e.rejets.filter((d) => d.file === name).map((d) => d.line));
        expect(lines.size).toBe(ev.rejetees);
        expect([...lines].every((l) => l > 0)).toBe(true);
        const codes = e.diagnostics.map((d) => d.code);
        if (f.format === 'csv' && f.fault === 'colonne_manquante') {
          expect(codes).toContain('TABLE_COLONNE_MANQUANTE');
          expect(ev.non_lues).toBe(f.events.length);
        } else expect(ev.non_lues).toBe(0);
        if (f.format === 'csv' && f.fault === 'colonne_en_plus')
          expect(e.diagnostics.find((d) => d.code === 'TABLE_COLONNE_INCONNUE')).toMatchObject({
            severity: 'warning',
            line: 1,
          });
        // The parc is read once, whatever happens to the events.
        expect(e.entrees.logements).toMatchObject({ lignes: 2, rejetees: 0, non_lues: 0 });
      }),
      { numRuns: 120 },
    );
  }, 60_000);
});
