/**
 * Whether a requests file says what the grid's priority rule reads. A file without the column
 * (`prioritaire_l441_1` absent from its header, or from an NDJSON row) said nothing: « Non » would
 * be a finding convflux made up, so the priority of a request not found priority is then
 * « non renseigné ». An empty cell or « non » in a column the file has stays « non ».
 */
import { testsOf, type Condition, type Grille } from '../check/grille/grille.js';
import type { RowCells } from '../input/read-table.js';
import type { Cotation } from './noter.js';

/** What a request's priority is said to be (`--json`, `--csv`, `--explain`, the relevé). */
export type Priorite = 'oui' | 'non' | 'non_renseigne';

function champsDe(cond: Condition, into: Set<string>): void {
  for (const [nom] of testsOf(cond)) into.add(nom);
  for (const alt of cond.une_de ?? []) champsDe(alt, into);
}

/**
 * The cells (RowCells.value) of the fields the priority rule reads; empty when the grid has no
 * priority rule.
 */
export function cellulesDePriorite(g: Grille, colonnes: readonly string[]): number[] {
  return champsDePriorite(g)
    .map((n) => colonnes.indexOf(n))
    .filter((k) => k >= 0);
}

/** The columns the priority rule reads (a computed field by its two operands), in order. */
export function champsDePriorite(g: Grille): string[] {
  if (!g.priorite) return [];
  const noms = new Set<string>();
  champsDe(g.priorite.si, noms);
  const lus = new Set<string>();
  for (const nom of noms) {
    const calcul = g.champs[nom]?.calcul;
    const operandes = calcul?.ecart_absolu ?? calcul?.difference;
    for (const n of operandes ?? [nom]) lus.add(n);
  }
  return [...lus];
}

/** Whether the row lacks one of those cells (the file has no column for it). */
export function prioriteNonDite(row: RowCells, cellules: readonly number[]): boolean {
  for (const k of cellules) if (row.value(k) === undefined) return true;
  return false;
}

/** The priority said: « oui » whatever the file lacks, « non » only when it said everything. */
export function prioriteDite(prioritaire: boolean, nonDite: boolean): Priorite {
  return prioritaire ? 'oui' : nonDite ? 'non_renseigne' : 'non';
}

/**
 * A cotation as `--json` and the API give it: `prioritaire` is null when the file does not say
 * (non renseigné), not false.
 */
export type CotationDite = Omit<Cotation, 'prioritaire'> & { prioritaire: boolean | null };

export function cotationDite(c: Cotation, nonDite: boolean): Cotation | CotationDite {
  return nonDite ? { ...c, prioritaire: null } : c;
}
