/**
 * The forecast's tables as CSV files and as one `.xlsx` workbook (exceljs): one sheet per table,
 * a bold frozen header, numbers stored as numbers with formats Excel shows in the reader's
 * locale (« 1 234,56 » and « 6,25 % » in a French Excel), and a last sheet with the method.
 */
import ExcelJS from 'exceljs';
import { toCsv } from '../explain/evaluation-csv.js';
import type { Tableau, TypeColonne } from './previsionnel-tableaux.js';

const FORMATS: Record<TypeColonne, string | undefined> = {
  texte: undefined,
  entier: '0',
  decimal: '#,##0.00',
  taux: '0.00%',
};

export function tableauCsv(t: Tableau): string {
  return toCsv(
    t.colonnes.map((c) => c.cle),
    t.lignes,
  );
}

function feuille(wb: ExcelJS.Workbook, t: Tableau): void {
  const ws = wb.addWorksheet(t.feuille, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = t.colonnes.map((c) => ({
    header: c.libelle,
    key: c.cle,
    width: Math.max(10, Math.min(40, c.libelle.length + 2)),
    ...(FORMATS[c.type] ? { style: { numFmt: FORMATS[c.type] } } : {}),
  }));
  ws.getRow(1).font = { bold: true };
  for (const ligne of t.lignes) ws.addRow(ligne);
}

/** The workbook's bytes. `date` fixes the document properties (never the clock). */
export async function classeurPrevisionnel(
  tableaux: readonly Tableau[],
  methode: readonly string[],
  o: { titre: string; auteur: string; date: string },
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const date = new Date(`${o.date}T00:00:00Z`);
  wb.creator = o.auteur;
  wb.title = o.titre;
  wb.created = date;
  wb.modified = date;
  for (const t of tableaux) feuille(wb, t);
  const ws = wb.addWorksheet('Méthode');
  ws.columns = [{ header: 'Méthode', key: 'texte', width: 120 }];
  ws.getRow(1).font = { bold: true };
  for (const phrase of methode) ws.addRow([phrase]).alignment = { wrapText: true };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
