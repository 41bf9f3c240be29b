/**
 * A workbook read again when exceljs's streaming reader fails before giving a row (its
 * unzipping races: a sound workbook was refused as TABLE_XLSX_ILLISIBLE about once in a hundred
 * runs on a loaded machine), and a row handler's own error never taken for a bad workbook.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/input/read-table.js';
import { ErreurDuLecteur, readXlsxRelu } from '../../src/input/read-xlsx.js';

async function classeur(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Demandes');
  ws.addRow(['numero_unique', 'date_depot']);
  ws.addRow(['0671119000001', '2024-08-30']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Bytes exceljs fails on before any row (not a zip). */
const abime = (): Readable => Readable.from([Buffer.from('PK\u0003\u0004 pas un classeur')]);

describe('readXlsxRelu', () => {
  it('reads the workbook again when the first read failed before any row', async () => {
    const bon = await classeur();
    let ouvertures = 0;
    const lignes: string[][] = [];
    const r = await readXlsxRelu(
      abime(),
      () => {
        ouvertures++;
        return Promise.resolve(Readable.from([bon]));
      },
      [],
      (cells) => lignes.push(cells),
    );
    expect(ouvertures).toBe(1);
    expect(r.sheet).toBe('Demandes');
    expect(lignes).toEqual([
      ['numero_unique', 'date_depot'],
      ['0671119000001', '2024-08-30'],
    ]);
  });

  it('gives up after three reads, and at once when the bytes cannot be read again', async () => {
    let ouvertures = 0;
    const encore = () => {
      ouvertures++;
      return Promise.resolve(abime());
    };
    await expect(readXlsxRelu(abime(), encore, [], () => undefined)).rejects.toThrow();
    expect(ouvertures).toBe(2);
    await expect(readXlsxRelu(abime(), undefined, [], () => undefined)).rejects.toThrow();
  });

  it('throws the row handler’s error as its own, without reading again', async () => {
    const bon = await classeur();
    let ouvertures = 0;
    const bug = new RangeError('bogue de l’appelant');
    const lu = readXlsxRelu(
      Readable.from([bon]),
      () => {
        ouvertures++;
        return Promise.resolve(Readable.from([bon]));
      },
      [],
      () => {
        throw bug;
      },
    );
    const e: unknown = await lu.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ErreurDuLecteur);
    expect((e as ErreurDuLecteur).origine).toBe(bug);
    expect(ouvertures).toBe(0);
  });
});

describe('readTable on a workbook', () => {
  it('lets a row handler’s error through instead of calling the workbook illegible', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xlsx-relu-'));
    const path = join(dir, 'demandes.xlsx');
    writeFileSync(path, await classeur());
    const bug = new RangeError('bogue de l’appelant');
    const lu = readTable(path, { lang: 'fr' }, () => {
      throw bug;
    });
    await expect(lu).rejects.toBe(bug);
    // The same file with a handler that works: read, no diagnostic.
    const rows: unknown[] = [];
    const ok = await readTable(path, { lang: 'fr' }, (row) => rows.push(row));
    expect(ok.fileDiagnostics).toEqual([]);
    expect(rows).toEqual([{ numero_unique: '0671119000001', date_depot: '2024-08-30' }]);
  });
});
