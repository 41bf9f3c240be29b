/**
 * A parc's typologie as files write it: the schema's codes (T1 … T6, T6 standing for « T6 et
 * plus ») in any case and with spaces — « t3 », « T 2 », « T6 et plus », « T6 ET PLUS », « T6+ »
 * — as a spreadsheet or another tool's export spells them.
 *
 * « 5 et plus » and « 6 et plus », written « T5 et plus », « T5+ », « T5 et + », « 5 pièces et
 * plus », « 5 et + », « 5+ » (the same with 6): 6 and more is the schema's T6 itself; « T5 et
 * plus », a class some exports use for their largest flats, is read as T5 — convflux's reading
 * (the smallest typologie it names: the file does not tell a T5 from a T6), not the file's word.
 * « T4 et plus » or lower, « T7 » or « F3 » are no code of the schema, and stay refused with the
 * list.
 */
const TYPOLOGIE = /^T\s*([1-6])$/;
const ET_PLUS = /^(?:T\s*([56])|([56])\s*(?:PIECES?)?)\s*(?:\+|ET\s*\+|ET\s+PLUS|OU\s+PLUS)$/;

/** The schema's code a typologie's spelling names, or undefined when it names none. */
export function typologieLue(valeur: string): string | undefined {
  const v = valeur
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toUpperCase();
  const m = TYPOLOGIE.exec(v);
  if (m) return `T${m[1] ?? ''}`;
  const plus = ET_PLUS.exec(v);
  return plus ? `T${plus[1] ?? plus[2] ?? ''}` : undefined;
}
