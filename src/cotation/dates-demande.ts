/**
 * A request's dates (dépôt, renouvellement, refus) written JJ/MM/AAAA are read through the
 * tables' one reader of such dates (src/input/dates-en-ordre.ts), which decides the file's
 * day/month order: a row whose date `lireDemande` did not read for its slashes goes through it
 * (and so does every row while one waits), the others are read at once — the hot path does
 * nothing more for a row of AAAA-MM-JJ dates.
 */
import type { RowCells } from '../input/read-table.js';

/** The date fields of a request, in the order of their cells (demande.ts SLOTS 1 to 3). */
export const CHAMPS_DATES = ['date_depot', 'date_renouvellement', 'dates_refus'] as const;

/** The date field holding several dates. */
export const LISTES_DATES = ['dates_refus'] as const;

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
