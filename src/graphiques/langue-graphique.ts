/**
 * The language of a chart: its title, legend, axis labels and text alternative are written by its
 * caller in that language; here, what the chart library says itself (numbers, « sans objet », the
 * punctuation of the text alternative). French by default (the documents are French).
 */
import { FINE, nombre, typographier } from '../render/typographie.js';

export type LangueGraphique = 'fr' | 'en';

const ANGLAIS = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** A number as the language writes it: « 1 300,5 » (narrow no-break spaces), "1,300.5". */
export function nombreGraphique(langue: LangueGraphique, n: number): string {
  return langue === 'en' ? ANGLAIS.format(n).replace('-', '−') : nombre(n);
}

/** A share (0.3) as a percentage: « 30 % », "30%". */
export function pourcentGraphique(langue: LangueGraphique, part: number): string {
  return `${nombreGraphique(langue, part * 100)}${langue === 'en' ? '' : FINE}%`;
}

/** What a missing value is called in a text alternative. */
export const sansValeur = (langue: LangueGraphique): string =>
  langue === 'en' ? 'no value' : 'sans objet';

/** A series' name before its values: « dû : », "due:". */
export const deuxPoints = (langue: LangueGraphique): string => (langue === 'en' ? ':' : ' :');

/** French typography in French (spaces before : ; % and « »), the text as it is in English. */
export const typographie = (langue: LangueGraphique, texte: string): string =>
  langue === 'en' ? texte.replace(/'/g, '’') : typographier(texte);
