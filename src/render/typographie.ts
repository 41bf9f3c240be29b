/**
 * French typography for printed documents (Lexique des règles typographiques en usage à
 * l'Imprimerie nationale): narrow no-break space before %, ; ! ? and between groups of digits,
 * no-break space inside « guillemets » and before :, decimal comma, 1er for the first day of a
 * month, numbers in words for contractual figures. Pure functions, no locale of the machine.
 */

/** U+202F ESPACE FINE INSÉCABLE: before % ; ! ? and between thousands. */
export const FINE = '\u202f';
/** U+00A0 ESPACE INSÉCABLE: inside « » and before :. */
export const INSECABLE = '\u00a0';

/** 1300000 → "1 300 000", 0.5 → "0,5" (narrow no-break spaces, decimal comma). */
export function nombre(value: number, decimales = 2): string {
  const factor = 10 ** decimales;
  const rounded = Math.round(value * factor) / factor;
  const negative = rounded < 0;
  const [entier = '0', fraction] = String(Math.abs(rounded)).split('.');
  const groupes = entier.replace(/\B(?=(\d{3})+(?!\d))/g, FINE);
  return `${negative ? '−' : ''}${groupes}${fraction ? `,${fraction}` : ''}`;
}

/** An integer of hundredths with both decimals, for tables whose columns add up: 421 → "4,21". */
export function centiemes(value: number): string {
  const signe = value < 0 ? '−' : '';
  const abs = Math.abs(Math.round(value));
  return `${signe}${nombre(Math.floor(abs / 100), 0)},${String(abs % 100).padStart(2, '0')}`;
}

/** A share (0.3) as a percentage: "30 %" with a narrow no-break space. */
export function pourcent(part: number): string {
  return `${nombre(part * 100, 2)}${FINE}%`;
}

const UNITES = [
  'zéro',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
  'dix-sept',
  'dix-huit',
  'dix-neuf',
];
const DIZAINES = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];

function sousCent(n: number): string {
  if (n < 20) return UNITES[n] ?? '';
  const d = Math.floor(n / 10);
  const u = n % 10;
  if (d === 7 || d === 9) {
    const base = d === 7 ? 'soixante' : 'quatre-vingt';
    const reste = 10 + u;
    return d === 7 && u === 1 ? 'soixante et onze' : `${base}-${UNITES[reste] ?? ''}`;
  }
  if (d === 8) return u === 0 ? 'quatre-vingts' : `quatre-vingt-${UNITES[u] ?? ''}`;
  const dizaine = DIZAINES[d] ?? '';
  if (u === 0) return dizaine;
  if (u === 1) return `${dizaine} et un`;
  return `${dizaine}-${UNITES[u] ?? ''}`;
}

function sousMille(n: number): string {
  const c = Math.floor(n / 100);
  const reste = n % 100;
  if (c === 0) return sousCent(reste);
  const centaines = c === 1 ? 'cent' : `${UNITES[c] ?? ''} cent${reste === 0 ? 's' : ''}`;
  return reste === 0 ? centaines : `${centaines} ${sousCent(reste)}`;
}

/**
 * A whole number in French words (traditional spelling, hyphens below one hundred):
 * 21 → "vingt et un", 80 → "quatre-vingts", 1300 → "mille trois cents".
 */
export function enLettres(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000_000) return nombre(n);
  if (n < 1000) return sousMille(n);
  const millions = Math.floor(n / 1_000_000);
  const milliers = Math.floor((n % 1_000_000) / 1000);
  const reste = n % 1000;
  const parts: string[] = [];
  if (millions) parts.push(`${sousMille(millions)} million${millions > 1 ? 's' : ''}`);
  if (milliers)
    parts.push(milliers === 1 ? 'mille' : `${sousMille(milliers).replace(/s$/, '')} mille`);
  if (reste) parts.push(sousMille(reste));
  return parts.join(' ');
}

/** A decimal number in words: 12.5 → "douze virgule cinq". */
export function decimalEnLettres(value: number): string {
  const text = String(Math.round(value * 100) / 100);
  const [entier = '0', fraction] = text.split('.');
  const mots = enLettres(Number(entier));
  if (!fraction) return mots;
  const zeros = /^0+/.exec(fraction)?.[0].length ?? 0;
  return `${mots} virgule ${'zéro '.repeat(zeros)}${enLettres(Number(fraction))}`;
}

/** "30 % (trente pour cent)". */
export function pourcentEnLettres(part: number): string {
  return `${decimalEnLettres(Math.round(part * 10000) / 100)} pour cent`;
}

const MOIS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** "2024-01-01" → "1er janvier 2024" (plain text; `typographierHtml` raises the ordinal). */
export function dateLongue(iso: string): string {
  const [y, m, d] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
  return `${d === 1 ? '1er' : String(d)}${INSECABLE}${MOIS[m - 1] ?? ''}${INSECABLE}${String(y)}`;
}

/** Elided preposition before a word: "de" + "un mois" → "d’un mois". */
export function de(mot: string): string {
  return /^[aeiouyéèêàâîïôûœh]/i.test(mot) && !/^h[aeiouy]/i.test(mot.slice(0, 2))
    ? `d’${mot}`
    : `de ${mot}`;
}

/** "a", "a et b", "a, b et c". */
export function listeEt(items: readonly string[], conjonction = 'et'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjonction} ${items[items.length - 1] ?? ''}`;
}

/** "552046484" → "552 046 484". */
export function siren(code: string): string {
  return /^\d{9}$/.test(code)
    ? `${code.slice(0, 3)}${FINE}${code.slice(3, 6)}${FINE}${code.slice(6)}`
    : code;
}

/** First letter in lower case ("Directeur général" → "directeur général"). */
export function minusculeInitiale(text: string): string {
  return text.charAt(0).toLocaleLowerCase('fr') + text.slice(1);
}

/** First letter in upper case. */
export function majusculeInitiale(text: string): string {
  return text.charAt(0).toLocaleUpperCase('fr') + text.slice(1);
}

/**
 * Fixes the spaces of French punctuation in running text: typewriter apostrophe → ’,
 * no-break space inside « » and before :, narrow no-break space before ; ! ? and %,
 * "1er" keeps its no-break space to the month. Idempotent.
 */
export function typographier(text: string): string {
  return (
    text
      .replace(/'|&#x27;|&#39;/g, '’')
      .replace(/«[ \u00a0\u202f]*/g, `«${INSECABLE}`)
      .replace(/[ \u00a0\u202f]*»/g, `${INSECABLE}»`)
      // Not after an opening bracket: « (%) » stays as written.
      .replace(/(^|[^\s\u00a0\u202f([])[ \u00a0\u202f]*([;!?%])/g, `$1${FINE}$2`)
      .replace(/(^|[^\s\u00a0\u202f])[ \u00a0\u202f]+:/g, `$1${INSECABLE}:`)
  );
}

/**
 * Applies `typographier` to the text of an HTML document, never to tags, attributes, entities,
 * or the content of <style> and <script>.
 */
export function typographierHtml(html: string): string {
  const out: string[] = [];
  const pattern = /(<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>|<[^>]*>)/gi;
  let last = 0;
  for (const m of html.matchAll(pattern)) {
    out.push(typographierTexte(html.slice(last, m.index)), m[0]);
    last = m.index + m[0].length;
  }
  out.push(typographierTexte(html.slice(last)));
  return out.join('');
}

/**
 * Legal references never break across lines: "art." and "n°" keep their number, "L. 441-1",
 * "R. 441-5-2 IV" and "n° 2020-145" are kept whole (class "insecable": white-space nowrap).
 */
function references(text: string): string {
  return text
    .replace(/\b(art\.|n°) /g, `$1${INSECABLE}`)
    .replace(
      /(?:\b[LRD]\.|n°)[ \u00a0]\d+(?:-\d+)*(?:[ \u00a0](?:I|II|III|IV|V|VI)\b)?/g,
      (ref) => `<span class="insecable">${ref.replace(/ /g, INSECABLE)}</span>`,
    );
}

/**
 * The ordinal of the first day of a month in superscript: « 1<sup>er</sup> janvier 2024 »
 * (Lexique de l'Imprimerie nationale). Only before a month name: a date, nothing else.
 */
function ordinaux(text: string): string {
  return text.replace(
    /(^|[^0-9])1er(?=[ \u00a0](?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b)/g,
    '$11<sup>er</sup>',
  );
}

const NOMS_MOIS =
  'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre';

/**
 * A date written in the text (« du 3 juillet 2019 », a label the parties wrote) is never cut
 * between the day and the month nor between the month and the year, as `dateLongue` prints them.
 */
function dates(text: string): string {
  return text
    .replace(
      new RegExp(`(^|[^0-9])([12]?[0-9]|3[01]|1er) (?=(?:${NOMS_MOIS})\\b)`, 'g'),
      `$1$2${INSECABLE}`,
    )
    .replace(new RegExp(`\\b(${NOMS_MOIS}) (?=[0-9]{4}\\b)`, 'g'), `$1${INSECABLE}`);
}

/**
 * A civility keeps its name (« Mme Claire Martin », « M. Thomas Petit ») and a number keeps the
 * unit or the noun it counts (« 60 logements », « 48 heures », « 675 000 € »): no line breaks
 * between them (Lexique de l'Imprimerie nationale).
 */
function insecables(text: string): string {
  return text
    .replace(/(^|[\s(«\u00a0])(M\.|MM\.|Mme|Mmes|Mlle|Me) (?=\p{Lu})/gu, `$1$2${INSECABLE}`)
    .replace(
      /(\d) (?=(?:logements?|ans?|mois|jours?|heures?|€|euros?|m²)(?![\p{L}\d]))/gu,
      `$1${INSECABLE}`,
    );
}

/** Text between tags: entities (&amp; &#x27; …) are kept whole, the rest is typeset. */
function typographierTexte(text: string): string {
  if (!text.trim()) return text;
  const decoded = text.replace(/&#x27;|&#39;/g, "'");
  const parts = decoded.split(/(&[a-zA-Z#0-9]+;)/);
  return parts
    .map((p, i) => (i % 2 === 1 ? p : ordinaux(dates(insecables(references(typographier(p)))))))
    .join('');
}
