/**
 * A request's dates (dépôt, renouvellement, refus) written JJ/MM/AAAA are read through the
 * tables' one reader of such dates (src/input/dates-en-ordre.ts), which decides the file's
 * day/month order: a row with a slashed date goes through it (and so does every row while one
 * waits), the others are read at once — most files write AAAA-MM-JJ or have decided within their
 * first rows, so the hot path only looks for a slash in three cells.
 */
import type { RowCells } from '../input/read-table.js';

/** The date fields of a request, in the order of their cells (demande.ts SLOTS 1 to 3). */
export const CHAMPS_DATES = ['date_depot', 'date_renouvellement', 'dates_refus'] as const;

/** The date field holding several dates. */
export const LISTES_DATES = ['dates_refus'] as const;

/** Cell of date_depot in RowCells (demande.ts DEPOT); the two others follow it. */
const PREMIERE = 1;

/** Whether a date cell of the row holds a slash (or is a JSON list): a date to read in order. */
export function datesEnBarres(cells: RowCells): boolean {
  for (let k = PREMIERE; k < PREMIERE + CHAMPS_DATES.length; k++) {
    const v = cells.value(k);
    if (typeof v === 'string' ? v.indexOf('/') !== -1 : Array.isArray(v)) return true;
  }
  return false;
}

/** A row as the reader of dates hands it on, seen as the cells `colonnes` (RowCells). */
export class CellulesDeLigne implements RowCells {
  constructor(
    private readonly ligne: Record<string, unknown>,
    private readonly colonnes: readonly string[],
    readonly json: Record<string, unknown> | undefined,
  ) {}
  value(k: number): unknown {
    return this.ligne[this.colonnes[k] ?? ''];
  }
  row(): Record<string, unknown> {
    return this.ligne;
  }
}
