/** A delay of the convention ("1 mois") typeset for the text: « un (1) mois », « d’un (1) mois ». */
import { parseDelai } from '../convention/calendar.js';
import { de, enLettres } from './typographie.js';
import type { DelaiView } from './view-model.js';

export function delai(text: string): DelaiView {
  const d = parseDelai(text);
  if (!d) return { texte: text, deTexte: de(text), enMois: false, brut: text };
  const unite = d.unite === 'mois' ? 'mois' : d.unite === 'jour' ? 'jour' : 'semaine';
  const pluriel = d.nombre > 1 && unite !== 'mois' ? 's' : '';
  const texte = `${enLettres(d.nombre)} (${String(d.nombre)}) ${unite}${pluriel}`;
  return { texte, deTexte: de(texte), enMois: d.unite === 'mois', brut: text };
}
