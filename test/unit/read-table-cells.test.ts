/**
 * readTableCells (rows read by column) against readTable (rows as objects) on generated files:
 * the same rows on the same lines, each field's cell equal to the object's value (an empty
 * cell is '' where the object leaves the field out), the same rejections and diagnostics.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readTable,
  readTableCells,
  type ReadTableOptions,
  type ReadTableResult,
} from '../../src/input/read-table.js';

let dir = '';
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'convflux-cells-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const NAMES = ['numero', 'date', 'commune', 'note', 'libre'];
/** Asked for by the cells reader: every name, a synonym's target, and a field no file has. */
const FIELDS = [...NAMES, 'jamais'];
const COLUMNS: ReadTableOptions['columns'] = {
  allowed: [...NAMES, 'jamais'],
  required: ['numero'],
  aliases: { commune: ['code_commune'] },
};

interface Seen {
  line: number;
  values: unknown[];
}

async function both(
  path: string,
  options: ReadTableOptions,
): Promise<{ objects: Seen[]; cells: Seen[]; a: ReadTableResult; b: ReadTableResult }> {
  const objects: Seen[] = [];
  const cells: Seen[] = [];
  const a = await readTable(path, options, (row, line) => {
    objects.push({ line, values: FIELDS.map((f) => row[f]) });
  });
  const b = await readTableCells(path, options, FIELDS, (row, line) => {
    cells.push({ line, values: FIELDS.map((_, k) => row.value(k)) });
  });
  return { objects, cells, a, b };
}

/** What the object reader gives for a cell: an empty cell is left out. */
const asObject = (v: unknown): unknown => (v === '' ? undefined : v);

function expectSame(r: Awaited<ReturnType<typeof both>>): void {
  expect(r.b).toEqual(r.a);
  expect(r.cells.map((s) => s.line)).toEqual(r.objects.map((s) => s.line));
  expect(r.cells.map((s) => s.values.map(asObject))).toEqual(r.objects.map((s) => s.values));
}

const cellArb = fc.oneof(
  fc.constant(''),
  fc.constant(' '),
  fc.constantFrom('75001', 'é', 'a,b', 'a;b', 'dit "oui"', 'deux\nlignes', '""', 'x\r'),
  fc.string({ maxLength: 6 }),
);

/** A CSV cell as an exporter writes it: quoted when it must be, sometimes when it need not. */
function quote(value: string, delimiter: string, always: boolean): string {
  const must = /["\n\r]/.test(value) || value.includes(delimiter);
  return must || always ? `"${value.replace(/"/g, '""')}"` : value;
}

const fileArb = fc.record({
  header: fc.shuffledSubarray([...NAMES, 'code_commune', 'inconnue'], { minLength: 1 }),
  delimiter: fc.constantFrom(',', ';', '\t'),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  rows: fc.array(
    fc.record({
      cells: fc.array(cellArb, { maxLength: 8 }),
      quoted: fc.boolean(),
      kind: fc.constantFrom('row', 'row', 'row', 'blank', 'empty', 'bad'),
    }),
    { maxLength: 25 },
  ),
});

type GeneratedFile = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;

function csvOf(f: GeneratedFile): string {
  const eol = f.crlf ? '\r\n' : '\n';
  const width = f.header.length;
  const lines = [f.header.join(f.delimiter)];
  for (const r of f.rows) {
    if (r.kind === 'blank') lines.push('');
    else if (r.kind === 'empty') lines.push(f.delimiter.repeat(width - 1));
    else if (r.kind === 'bad') lines.push(`"x"y${f.delimiter}z`);
    else {
      // Mostly the header's width, sometimes not (a row with too few or too many fields).
      const cells = r.cells.length >= 6 ? r.cells : [...r.cells, ...Array<string>(width).fill('')];
      const row = cells.slice(0, r.cells.length === 7 ? width + 1 : width);
      lines.push(row.map((c) => quote(c, f.delimiter, r.quoted)).join(f.delimiter));
    }
  }
  return (f.bom ? '\ufeff' : '') + lines.join(eol) + eol;
}

describe('readTableCells', () => {
  it('reads the same rows, cells and rejections as readTable (CSV, with and without columns)', async () => {
    let delivered = 0;
    await fc.assert(
      fc.asyncProperty(fileArb, fc.boolean(), async (f, checked) => {
        const path = join(dir, `f${String(n++)}.csv`);
        writeFileSync(path, csvOf(f));
        const options: ReadTableOptions = { lang: 'fr', ...(checked ? { columns: COLUMNS } : {}) };
        const r = await both(path, options);
        expectSame(r);
        delivered += r.cells.length;
      }),
      { numRuns: 300 },
    );
    // Not vacuous: the files held rows, not only rejections (280–400 rows over 300 random
    // files; 300 itself was missed about once in 40 runs).
    expect(delivered).toBeGreaterThan(100);
  });

  it('gives each field its column once the header is read: synonyms, unknown and missing columns', async () => {
    const path = join(dir, 'synonymes.csv');
    writeFileSync(path, 'libre;code_commune;numero;inconnue\r\n;67482;N1;x\r\n"a;b";;N2;\r\n');
    const seen: unknown[][] = [];
    const r = await readTableCells(path, { lang: 'fr', columns: COLUMNS }, FIELDS, (row) => {
      seen.push(FIELDS.map((_, k) => row.value(k)));
      expect(row.json).toBeUndefined();
    });
    expect(seen).toEqual([
      ['N1', undefined, '67482', undefined, '', undefined],
      ['N2', undefined, '', undefined, 'a;b', undefined],
    ]);
    expect(r.fileDiagnostics.map((d) => d.code)).toEqual(['TABLE_COLONNE_INCONNUE']);
  });

  it('reads NDJSON values as they are, with the row’s object', async () => {
    const path = join(dir, 'lignes.ndjson');
    writeFileSync(
      path,
      '{"numero":"N1","note":12,"commune":["67482"],"autre":true}\n[1]\n{"numero":"N2","date":null}\n',
    );
    const r = await both(path, { lang: 'fr' });
    expectSame(r);
    expect(r.cells).toEqual([
      { line: 1, values: ['N1', undefined, ['67482'], 12, undefined, undefined] },
      { line: 3, values: ['N2', null, undefined, undefined, undefined, undefined] },
    ]);
    const keys: string[][] = [];
    await readTableCells(path, { lang: 'fr' }, FIELDS, (row) => {
      keys.push(Object.keys(row.json ?? {}));
    });
    expect(keys).toEqual([
      ['numero', 'note', 'commune', 'autre'],
      ['numero', 'date'],
    ]);
  });
});
