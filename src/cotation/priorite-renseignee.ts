/**
 * Whether a requests file says what the grid's priority rule reads. A request for which the file
 * gives no value of such a field said nothing: no column (`prioritaire_l441_1` absent from the
 * header, or the key from an NDJSON row), an empty cell (or one of spaces; `null` or `""` in
 * NDJSON). « Non » would then be a finding convflux made up, so the priority of a request not
 * found priority is « non renseigné ». Only a value the file gives (« non », `false`) is « non ».
 */
import { testsOf, type Condition, type Grille } from '../check/grille/grille.js';
import type { Valeur } from './conditions.js';
import type { ChampsDeLaGrille } from './demande.js';
import type { Cotation } from './noter.js';

/** What a request's priority is said to be (`--json`, `--csv`, `--explain`, the relevé). */
export type Priorite = 'oui' | 'non' | 'non_renseigne';

function champsDe(cond: Condition, into: Set<string>): void {
  for (const [nom] of testsOf(cond)) into.add(nom);
  for (const alt of cond.une_de ?? []) champsDe(alt, into);
}

/**
 * The places in a request's values (Demande.valeurs) of the fields read from the file that the
 * priority rule reads; empty when the grid has no priority rule.
 */
export function placesDePriorite(g: Grille, champs: ChampsDeLaGrille): number[] {
  return champsDePriorite(g)
    .filter((n) => champs.colonnes.includes(n))
    .map((n) => champs.places.get(n) ?? -1)
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

/**
 * Whether the request has no value for one of those fields: the reader of requests leaves a
 * field undefined when its column is missing or its cell empty (an invalid value rejects the row).
 */
export function prioriteNonDite(valeurs: readonly Valeur[], places: readonly number[]): boolean {
  for (const k of places) if (valeurs[k] === undefined) return true;
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
