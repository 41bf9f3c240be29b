/**
 * The workbook of a bilan (`.xlsx`, exceljs): one sheet per table of the document, then the full
 * cross-tabulation (the CSV's rows). Cells are typed: numbers are numbers (counts with a
 * thousands separator, shares as percentages, both shown the French way by a French Excel or
 * LibreOffice), « — » (not applicable) is an empty cell, texts are texts. The workbook's dates
 * (its properties and its ZIP entries) are the evaluation date, never the clock.
 */
import ExcelJS from 'exceljs';
import type { FormatColonne, Tableau } from './bilan-tableaux.js';
import { BILAN_CSV_COLONNES } from './bilan-csv.js';
import { fixerDatesZip } from './zip-dates.js';

/** Number formats (Excel codes: `,` and `.` are shown as the reader's locale says). */
export const FORMATS_XLSX: Record<Exclude<FormatColonne, 'texte'>, string> = {
  entier: '#,##0',
  decimal: '#,##0.##',
  part: '0.0%',
};

function feuilleTableau(wb: ExcelJS.Workbook, t: Tableau): void {
  const ws = wb.addWorksheet(t.feuille);
  ws.addRow([`${t.numero}. ${t.titre}`]).font = { bold: true };
  const groupes = t.colonnes.map((c) => c.groupe ?? '');
  if (groupes.some(Boolean)) ws.addRow(groupes).font = { italic: true };
  const entete = ws.addRow(t.colonnes.map((c) => c.libelle));
  entete.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: entete.number, xSplit: 1 }];
  const rows = [...t.lignes, ...(t.total ? [t.total] : [])];
  rows.forEach((valeurs, r) => {
    const row = ws.addRow(valeurs.map((v) => (v === null ? undefined : v)));
    t.colonnes.forEach((c, i) => {
      if (c.format !== 'texte') row.getCell(i + 1).numFmt = FORMATS_XLSX[c.format];
    });
    if (t.total && r === rows.length - 1) row.font = { bold: true };
  });
  t.colonnes.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.format === 'texte' ? 32 : 13;
  });
  if (t.legende) ws.addRow([t.legende]).font = { italic: true };
}

/** The rows of the cross-tabulation, as the CSV's (header included). */
function feuilleCroisement(
  wb: ExcelJS.Workbook,
  lignes: readonly (string | number | boolean)[][],
): void {
  const ws = wb.addWorksheet('Ventilation croisée');
  ws.addRow([...BILAN_CSV_COLONNES]).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const l of lignes) {
    const row = ws.addRow(l.map((v) => (v === '' ? undefined : v)));
    row.eachCell((cell) => {
      if (typeof cell.value === 'number') cell.numFmt = FORMATS_XLSX.decimal;
    });
  }
  BILAN_CSV_COLONNES.forEach((_, i) => {
    ws.getColumn(i + 1).width = 14;
  });
}

export async function bilanXlsx(
  tableaux: readonly Tableau[],
  croisement: readonly (string | number | boolean)[][],
  meta: { titre: string; auteur: string; date: string },
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const date = new Date(`${meta.date}T00:00:00Z`);
  wb.creator = meta.auteur;
  wb.lastModifiedBy = meta.auteur;
  wb.title = meta.titre;
  wb.created = date;
  wb.modified = date;
  for (const t of tableaux) feuilleTableau(wb, t);
  feuilleCroisement(wb, croisement);
  const buffer = await wb.xlsx.writeBuffer();
  return fixerDatesZip(new Uint8Array(buffer), meta.date);
}
