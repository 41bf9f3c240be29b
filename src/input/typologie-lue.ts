/**
 * A parc's typologie as files write it: the schema's codes (T1 … T6, T6 standing for « T6 et
 * plus ») in any case and with spaces — « t3 », « T 2 », « T6 et plus », « T6 ET PLUS », « T6+ »
 * — as a spreadsheet or another tool's export spells them. Only the spellings of one code: « T5
 * et plus » (a T5 or a T6) or « T7 » are no code of the schema, and stay refused with the list.
 */
const TYPOLOGIE = /^T\s*([1-6])$/;
const T6_ET_PLUS = /^T\s*6\s*(?:\+|ET\s+PLUS)$/;

/** The schema's code a typologie's spelling names, or undefined when it names none. */
export function typologieLue(valeur: string): string | undefined {
  const v = valeur.trim().toUpperCase();
  const m = TYPOLOGIE.exec(v);
  if (m) return `T${m[1] ?? ''}`;
  return T6_ET_PLUS.test(v) ? 'T6' : undefined;
}
