/**
 * One row of the requests file (`--demandes`) as a Demande: the SNE numéro unique, the dates
 * (dépôt, renouvellement, refus of suitable offers), the wished typologie and communes, the
 * current commune and the fields the grid reads. No name, no address: columns that look like
 * them are refused (demandes-colonnes.ts). A message may quote the numéro unique, the dates
 * and the codes of communes, never another value of the row.
 */
import type { Diagnostic, DiagnosticParams, Lang } from '../diagnostics/diagnostic.js';
import { tableDiagnostic } from '../input/line-reader.js';
import {
  coerceBoolean,
  type ParseResult,
  type RowCells,
  type RowPosition,
} from '../input/read-table.js';
import type { CommunesConnues } from './communes-connues.js';
import type { Valeur } from './conditions.js';
import { CHAMPS_INTEGRES, type Champ, type Grille } from '../check/grille/grille.js';
export { COLONNES_DE_BASE } from '../check/grille/grille.js';
import { lecteurChamp, type Lecteur } from './lecteur-champ.js';
import { chiffres, jours } from './mois-entiers.js';

export interface Demande {
  numero_unique: string;
  ligne: number;
  date_depot: string;
  date_renouvellement?: string;
  /** Dates of the refusals of a suitable offer, sorted. */
  dates_refus: string[];
  communes_souhaitees: string[];
  commune_actuelle?: string;
  /**
   * The grid's fields and the built-in ones (typologie, localisation_actuelle), each at its
   * place in `champsDeLaGrille(grille).places`.
   */
  valeurs: Valeur[];
}

export interface ContexteDemande {
  grille: Grille;
  /** The communes known to the geography, and those of the grid's EPCI (localisation_actuelle). */
  communes: CommunesConnues;
  /** The scoring date. */
  date: string;
  file: string;
  lang: Lang;
  /** Read once per grid by `champsDeLaGrille`. */
  champs: ChampsDeLaGrille;
  /**
   * Set by `lireDemande` when a date cell of the row holds a slashed date it did not read
   * (JJ/MM/AAAA or MM/JJ/AAAA): the caller hands such a row to the reader that decides the
   * file's day/month order (coter.ts), and resets it. Only a rejected date sets it.
   */
  barres: boolean;
  /**
   * The file's slashed dates are day first (DatesEnOrdre decided it, nothing waits): read so at
   * once, each counted in `jjMm` (the note TABLE_DATES_JJ_MM_AAAA), without the detour.
   */
  jourMois: boolean;
  jjMm: number;
}

/** A computed field's place, its declaration and the places of its two operands. */
type Calcule = [number, Champ, number, number];

/** A field read from the rows: its name, its declaration, and the reader of its cells. */
type ChampLu = [string, Champ, Lecteur];

/** The fields a row is read for (typologie and the grid's own), and the computed ones. */
export interface ChampsDeLaGrille {
  /**
   * The place of each field in a request's values: those of `lus` first (typologie at 0), then
   * the computed ones, then localisation_actuelle.
   */
  places: ReadonlyMap<string, number>;
  /** As many values as places, all undefined: copied per row. */
  modele: readonly Valeur[];
  lus: ChampLu[];
  /** A computed field's place, its declaration and the places of its two operands. */
  calcules: Calcule[];
  /**
   * The fields read from each row, in the order of their cells (RowCells.value): the six of
   * SLOTS, then those of `lus`, from LUS on.
   */
  colonnes: string[];
}

/** Cells of a row (RowCells.value) holding the request's own fields. */
const NUMERO = 0;
const DEPOT = 1;
const RENOUVELLEMENT = 2;
const REFUS = 3;
const SOUHAITEES = 4;
const ACTUELLE = 5;
const SLOTS = [
  'numero_unique',
  'date_depot',
  'date_renouvellement',
  'dates_refus',
  'communes_souhaitees',
  'commune_actuelle',
];
/** Cell of the first field of `lus`. */
const LUS = SLOTS.length;

export function champsDeLaGrille(g: Grille): ChampsDeLaGrille {
  const typologie = CHAMPS_INTEGRES['typologie'] as Champ;
  const lus: ChampLu[] = [
    ['typologie', typologie, lecteurChamp(typologie, verificateurChamp(typologie, true))],
  ];
  const formules: [string, Champ, string, string][] = [];
  for (const [nom, c] of Object.entries(g.champs)) {
    const [a, b] = c.calcul?.ecart_absolu ?? c.calcul?.difference ?? [];
    if (a !== undefined && b !== undefined) formules.push([nom, c, a, b]);
    else if (!c.calcul) lus.push([nom, c, lecteurChamp(c, verificateurChamp(c))]);
  }
  const noms = [...lus.map(([n]) => n), ...formules.map(([n]) => n), 'localisation_actuelle'];
  const places = new Map(noms.map((n, i) => [n, i]));
  const place = (nom: string): number => places.get(nom) ?? -1;
  return {
    places,
    modele: noms.map(() => undefined),
    lus,
    calcules: formules.map(([nom, c, a, b]) => [place(nom), c, place(a), place(b)]),
    colonnes: [...SLOTS, ...lus.map(([n]) => n)],
  };
}

const AUCUN_PROBLEME: readonly Diagnostic[] = [];

/**
 * The problems of the row being read. One instance serves every row (`debut` starts a row: a
 * row is read from start to end without a pause, so no two rows share it).
 */
class RowProblems {
  /** Allocated at the first problem (most rows have none). */
  private found: Diagnostic[] | undefined;
  private ctx: ContexteDemande | undefined;
  private line = 0;
  private position: RowPosition | undefined;
  get diagnostics(): Diagnostic[] {
    return this.found ?? (AUCUN_PROBLEME as Diagnostic[]);
  }
  debut(ctx: ContexteDemande, line: number, position: RowPosition | undefined): this {
    this.found = undefined;
    this.ctx = ctx;
    this.line = line;
    this.position = position;
    return this;
  }
  add(code: string, params: DiagnosticParams, field = ''): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const column = field && this.position ? this.position.column(field) : 0;
    const pointer = field ? `/${field}` : '';
    (this.found ??= []).push(
      tableDiagnostic(ctx.file, ctx.lang, code, params, this.line, column, pointer),
    );
  }
}

const PROBLEMES = new RowProblems();

const text = (v: unknown): string | undefined =>
  v === undefined || v === null ? undefined : brut(v).trim() || undefined;

/** Any cell or JSON value as text (an NDJSON object or list as its JSON). */
function brut(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v) ?? '';
}

/** Whether s[from, to) are all ASCII digits. */
function digits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * A numéro as written: letters and digits only (ALPHANUMERIQUE), with flags: a lower-case letter
 * among them, no more digits than letters.
 */
const AUTRE = 0;
const ALPHANUMERIQUE = 1;
const AVEC_MINUSCULE = 2;
const PEU_DE_CHIFFRES = 4;

/**
 * What s is made of (a numéro unique as written): one pass over its characters. A numéro unique
 * is mostly digits (*choix convflux*, the SNE's composition not being in the texts read: the
 * département, the month and year of the first filing, a sequence number, then at most a few
 * letters, 2A/2B or the registering desk's code); « dupont7 » or « martin2024 », a name with a
 * number, has more letters than digits (PEU_DE_CHIFFRES). A numéro of digits only never takes the
 * letters' branch.
 */
function forme(s: string): number {
  let out = ALPHANUMERIQUE;
  let lettres = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c >= 97 && c <= 122) out |= AVEC_MINUSCULE;
    else if (c < 65 || c > 90) return AUTRE;
    lettres++;
  }
  return lettres > 0 && 2 * lettres >= s.length ? out | PEU_DE_CHIFFRES : out;
}

/** Whether s has an ASCII lower-case letter. */
function minuscule(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}

/**
 * A numéro unique as convflux compares and writes it: spaces removed, letters in capitals, as
 * the SNE writes it (« 02a1119000001 » is the request « 02A1119000001 », not another one). Also
 * for the numéro asked by `--explain` and `--releve`.
 */
export function numeroNormalise(s: string): string {
  const n = /\s/.test(s) ? s.replace(/\s+/g, '') : s;
  return minuscule(n) ? n.toUpperCase() : n;
}

/**
 * Words in a numéro written with spaces: two groups of at least two letters (« 12 rue de la
 * Paix », « Jean Dupont 7 »). A numéro's groups are digits, one of them at most with letters
 * (« 02A 1119 000001 », « BON 0000001 »); without this, spaces removed, « 12ruedelaPaix » had a digit and was
 * scored and written out as a numéro.
 */
function desMots(cellule: string): boolean {
  let mots = 0;
  for (const groupe of cellule.split(/\s+/))
    if (/[A-Za-z]{2,}/.test(groupe) && ++mots === 2) return true;
  return false;
}

/**
 * The numéro unique a cell (or the numéro asked by `--explain` and `--releve`) holds, as convflux
 * compares and writes it (numeroNormalise); undefined when it is none: 6 to 24 letters or
 * digits, more digits than letters, not two space-separated groups of letters (a name or an
 * address written there, never to be quoted).
 */
export function numeroLu(cellule: string): string | undefined {
  // Letters and digits only (the usual case): the numéro as written, checked without a regex.
  const f = forme(cellule);
  const simple = f !== AUTRE;
  // Letters in capitals (the SNE's), so a numéro typed in lower case is the same request.
  const numero = !simple
    ? numeroNormalise(cellule)
    : (f & AVEC_MINUSCULE) !== 0
      ? cellule.toUpperCase()
      : cellule;
  const invalide = simple
    ? numero.length < 6 || numero.length > 24 || (f & PEU_DE_CHIFFRES) !== 0
    : !/^[0-9A-Za-z]{6,24}$/.test(numero) ||
      desMots(cellule) ||
      (forme(numero) & PEU_DE_CHIFFRES) !== 0;
  return invalide ? undefined : numero;
}

/**
 * The years a request's or an attribution's date may have: 0000-01-01 is in the calendar, but a
 * request filed then has 2 000 years of seniority (years of 1900 to 2199 only).
 */
export const ANNEE_MIN = 1900;
export const ANNEE_MAX = 2199;

/**
 * AAAA-MM-JJ when it is a plausible calendar date, else undefined. A JJ/MM/AAAA date has been
 * written AAAA-MM-JJ by the reader that decides the file's day/month order (DatesEnOrdre): one
 * still slashed is a month-first file's (`enBarres`).
 */
export function lireDate(value: string): string | undefined {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45)
    return undefined;
  if (!digits(value, 0, 4) || !digits(value, 5, 7) || !digits(value, 8, 10)) return undefined;
  const y = chiffres(value, 0, 4);
  const m = chiffres(value, 5, 7);
  const d = chiffres(value, 8, 10);
  return y >= ANNEE_MIN && y <= ANNEE_MAX && m >= 1 && m <= 12 && d >= 1 && d <= jours(y, m)
    ? value
    : undefined;
}

/** A date written with slashes (NN/NN/AAAA), left so by DatesEnOrdre: the file is month first. */
export function enBarres(value: string): boolean {
  return /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(value);
}

/** JJ/MM/AAAA as AAAA-MM-JJ in a day-first file (ContexteDemande.jourMois), else undefined. */
function jourMois(value: string, ctx: ContexteDemande): string | undefined {
  if (!ctx.jourMois) return undefined;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (!m) return undefined;
  const [, j = '', mo = '', a = ''] = m;
  const d = lireDate(`${a}-${mo.padStart(2, '0')}-${j.padStart(2, '0')}`);
  if (d) ctx.jjMm++;
  return d;
}

/**
 * The rejection of a date field's value (`raw`, trimmed) that lireDate did not read; a slashed
 * one marks the row (ContexteDemande.barres): once through DatesEnOrdre, it is a month-first
 * file's.
 */
function dateRefusee(
  p: RowProblems,
  numero: string,
  champ: string,
  raw: string,
  ctx: ContexteDemande,
): void {
  // In a day-first file, a slashed date not read is no date (31/02/2025).
  const barres = !ctx.jourMois && enBarres(raw);
  if (barres) ctx.barres = true;
  p.add(
    barres ? 'COTATION_DATE_MOIS_JOUR' : 'COTATION_DATE_INVALIDE',
    { numero, champ, valeur: montrer(raw, ctx.lang) },
    champ,
  );
}

/** Quotable form of a date-like value (digits and separators only), else its length. */
export function montrer(value: string, lang: Lang): string {
  if (value === '') return lang === 'fr' ? 'une cellule vide' : 'an empty cell';
  if (/^[0-9/.-]{1,12}$/.test(value)) return value;
  const n = value.length;
  return lang === 'fr'
    ? `un texte de ${String(n)} caractère${n > 1 ? 's' : ''}`
    : `a text of ${String(n)} character${n > 1 ? 's' : ''}`;
}

const AUCUNE: string[] = [];

/**
 * A commune's code as text: an NDJSON number of four digits with its leading zero (1053 →
 * 01053: a code has five characters, so a code typed as a number lost only that zero), as a
 * workbook's number cell is read (ReadTableOptions.communes).
 */
export function codeCommune(v: unknown): string {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1000 && v <= 9999)
    return `0${String(v)}`;
  return typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : brut(v).trim();
}

/** The communes' list: `|`-separated codes, or an NDJSON list (numbers read by codeCommune). */
function listeCommunes(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(codeCommune).filter(Boolean);
  return typeof v === 'number' ? [codeCommune(v)] : liste(v);
}

/**
 * A `|`-separated cell (or an NDJSON list) as its non-empty values; one value without split. A
 * null in a list is no value, as an empty cell (it was read as the text « null »).
 */
function liste(v: unknown): string[] {
  if (Array.isArray(v))
    return v
      .filter((x) => x !== null && x !== undefined)
      .map((x) => brut(x).trim())
      .filter(Boolean);
  const s = text(v);
  if (s === undefined) return AUCUNE.slice();
  if (!s.includes('|')) return [s];
  return s
    .split('|')
    .map((x) => x.trim())
    .filter(Boolean);
}

function dateField(
  row: RowCells,
  slot: number,
  p: RowProblems,
  numero: string,
  ctx: ContexteDemande,
): string | undefined | null {
  const field = SLOTS[slot] ?? '';
  const raw = text(row.value(slot));
  if (raw === undefined) return undefined;
  const d = lireDate(raw) ?? jourMois(raw, ctx);
  if (!d) dateRefusee(p, numero, field, raw, ctx);
  return d ?? null;
}

function attendu(c: Champ, lang: Lang): string {
  const fr = lang === 'fr';
  if (c.type === 'booleen') return fr ? 'oui ou non' : 'yes or no';
  if (c.type === 'enum')
    return `${c.multiple ? (fr ? 'codes séparés par | parmi ' : 'codes separated by | among ') : ''}${Object.keys(c.valeurs ?? {}).join(', ')}`;
  const bornes =
    c.min !== undefined && c.max !== undefined
      ? fr
        ? ` entre ${String(c.min)} et ${String(c.max)}`
        : ` between ${String(c.min)} and ${String(c.max)}`
      : '';
  return (
    (c.type === 'entier'
      ? fr
        ? 'un nombre entier'
        : 'a whole number'
      : fr
        ? 'un nombre'
        : 'a number') + bornes
  );
}

/**
 * The checker of a field's cells: the verdict on every cell, which the fast reader
 * (lecteurChamp) repeats on the common ones; the typologie's text is normalised first.
 */
export function verificateurChamp(c: Champ, typologie = false): Lecteur {
  const permises = new Set(Object.keys(c.valeurs ?? {}));
  return (raw) =>
    valeurChamp(c, permises, typologie && typeof raw === 'string' ? lireTypologie(raw) : raw);
}

/** A cell as a number (decimal comma or point); digits alone are read without a copy. */
function nombre(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) {
      // Number() reads 0x…, 0b…, 0o… as hexadecimal, binary or octal: not a figure one writes.
      const x = s.charCodeAt(1) | 32;
      if (i === 1 && n === 0 && (x === 120 || x === 98 || x === 111)) return NaN;
      return Number(s.replace(',', '.'));
    }
    n = n * 10 + d;
  }
  return s.length < 16 ? n : Number(s);
}

/**
 * A figure as a spreadsheet's CSV export writes a formatted cell: « 35 % » or « 35% » read as
 * the number shown, 35 (as a workbook's percent cell is read), « 1 234,50 » with its thousands
 * grouped by a space, a no-break or a narrow no-break space. NaN for anything else. Only for a
 * cell `nombre` did not read (a rare path).
 */
function nombreAffiche(s: string): number {
  const pourcent = /\s*%$/.exec(s);
  const chiffres = pourcent ? s.slice(0, pourcent.index) : s;
  if (/^-?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$/.test(chiffres))
    return nombre(chiffres.replace(/[ \u00a0\u202f]/g, ''));
  return pourcent && /^-?\d+(?:[.,]\d+)?$/.test(chiffres) ? nombre(chiffres) : NaN;
}

/**
 * A value of a declared field, or null when it is not one (reported). A cell of spaces is an
 * empty cell (undefined: it meets no criterion), not a 0 nor a bad code.
 */
function valeurChamp(c: Champ, permises: ReadonlySet<string>, raw: unknown): Valeur | null {
  if (typeof raw === 'string' && text(raw) === undefined) return undefined;
  if (c.type === 'booleen') {
    const b = coerceBoolean(raw);
    return typeof b === 'boolean' ? b : null;
  }
  if (c.type === 'enum') {
    if (!c.multiple) return codePermis(permises, text(raw) ?? '') ?? null;
    const values: string[] = [];
    for (const v of liste(raw)) {
      const code = codePermis(permises, v);
      if (code === undefined) return null;
      values.push(code);
    }
    return values;
  }
  const t = typeof raw === 'number' ? '' : (text(raw) ?? '');
  let n = typeof raw === 'number' ? raw : nombre(t);
  if (Number.isNaN(n)) n = nombreAffiche(t);
  if (!Number.isFinite(n) || (c.type === 'entier' && !Number.isInteger(n))) return null;
  if ((c.min !== undefined && n < c.min) || (c.max !== undefined && n > c.max)) return null;
  return n;
}

/**
 * The grid's code written `v`, in any case: a grid's codes are lower-case ASCII (the schema), so
 * « CDI » or « Locataire_HLM », as a spreadsheet capitalises them, can be no other code.
 */
function codePermis(permises: ReadonlySet<string>, v: string): string | undefined {
  if (permises.has(v)) return v;
  const minuscules = v.toLowerCase();
  return permises.has(minuscules) ? minuscules : undefined;
}

/** `T3 ` as `t3`, without a copy when it is already written so. */
function lireTypologie(raw: string): string {
  return /^t[0-9]$/.test(raw) ? raw : raw.trim().toLowerCase();
}

function champsDeclares(
  row: RowCells,
  ctx: ContexteDemande,
  p: RowProblems,
  numero: string,
): Valeur[] {
  const valeurs = ctx.champs.modele.slice();
  const lus = ctx.champs.lus;
  for (let k = 0; k < lus.length; k++) {
    const lu = lus[k] as ChampLu;
    const raw = row.value(LUS + k);
    if (raw === undefined || raw === null || raw === '') continue;
    const v = lu[2](raw);
    if (v === null) {
      const [nom, c] = lu;
      const valeur =
        c.type === 'enum' || c.type === 'booleen'
          ? montrer(brut(raw), ctx.lang)
          : ctx.lang === 'fr'
            ? 'une valeur invalide'
            : 'an invalid value';
      p.add(
        'COTATION_VALEUR_CHAMP',
        { numero, champ: nom, valeur, attendu: attendu(c, ctx.lang) },
        nom,
      );
    } else valeurs[k] = v;
  }
  const calcules = ctx.champs.calcules;
  for (let k = 0; k < calcules.length; k++) {
    const [place, c, a, b] = calcules[k] as Calcule;
    const x = valeurs[a];
    const y = valeurs[b];
    if (typeof x === 'number' && typeof y === 'number')
      valeurs[place] = c.calcul?.ecart_absolu ? Math.abs(x - y) : x - y;
  }
  return valeurs;
}

function communesSouhaitees(
  row: RowCells,
  ctx: ContexteDemande,
  p: RowProblems,
  numero: string,
): string[] {
  const souhaitees = listeCommunes(row.value(SOUHAITEES));
  for (const code of souhaitees)
    if (!ctx.communes.connue(code)) communeInconnue(code, 'communes_souhaitees', ctx, p, numero);
  return souhaitees;
}

function communeActuelle(
  row: RowCells,
  ctx: ContexteDemande,
  p: RowProblems,
  numero: string,
): string | undefined {
  const actuelle = codeCommune(row.value(ACTUELLE)) || undefined;
  if (actuelle !== undefined && !ctx.communes.connue(actuelle))
    communeInconnue(actuelle, 'commune_actuelle', ctx, p, numero);
  return actuelle;
}

/**
 * A code that is no commune's; four digits that are one with a leading zero (1053: 01053, a
 * code a spreadsheet saved as a number, then as CSV text) are rejected with that reading
 * proposed, never taken for it: a CSV cell is text, and 1053 may be a slip for 10053 as well.
 */
function communeInconnue(
  code: string,
  champ: string,
  ctx: ContexteDemande,
  p: RowProblems,
  numero: string,
): void {
  if (/^[1-9][0-9]{3}$/.test(code) && ctx.communes.connue(`0${code}`))
    p.add('COTATION_COMMUNE_SANS_ZERO', { numero, champ, valeur: code, code: `0${code}` }, champ);
  else
    p.add('COTATION_COMMUNE_INCONNUE', { numero, champ, valeur: montrer(code, ctx.lang) }, champ);
}

/** The dates against each other and the scoring date (arguments, not an object: a hot path). */
function checkDates(
  depot: string,
  r: string | undefined,
  refusees: readonly string[],
  ctx: ContexteDemande,
  p: RowProblems,
  numero: string,
): void {
  // A dépôt, a renewal or a refusal after the scoring date is not an error: scoring as of a past
  // date on today's file is a normal use; it had not happened then (the request is left out,
  // coter.ts; the renewal or refusal is ignored, noter.ts).
  if (r !== undefined && r < depot)
    p.add(
      'COTATION_RENOUVELLEMENT_INCOHERENT',
      { numero, renouvellement: r, depot },
      'date_renouvellement',
    );
  for (const refus of refusees)
    if (refus < depot) p.add('COTATION_REFUS_AVANT_DEPOT', { numero, refus, depot }, 'dates_refus');
}

function refusDates(
  row: RowCells,
  p: RowProblems,
  numero: string,
  ctx: ContexteDemande,
): string[] | undefined {
  const out: string[] = [];
  const cellule = row.value(REFUS);
  if (cellule === undefined || cellule === '') return out;
  let ok = true;
  for (const raw of liste(cellule)) {
    const d = lireDate(raw) ?? jourMois(raw, ctx);
    if (d) out.push(d);
    else {
      ok = false;
      dateRefusee(p, numero, 'dates_refus', raw, ctx);
    }
  }
  return ok ? out.sort() : undefined;
}

/**
 * Checks one row and returns it as a Demande, or every reason it is rejected. The row's cells
 * are those of `ctx.champs.colonnes`, in that order.
 */
export function lireDemande(
  row: RowCells,
  line: number,
  ctx: ContexteDemande,
  position?: RowPosition,
): ParseResult<Demande> {
  const p = PROBLEMES.debut(ctx, line, position);
  const brutNumero = row.value(NUMERO);
  // A JSON number has lost its leading zeros (0671119000001 is written 671119000001): the
  // numéro cannot be told back (a workbook's number cell is rejected by the reader).
  if (typeof brutNumero === 'number') {
    p.add('COTATION_NUMERO_NOMBRE', {}, 'numero_unique');
    return { ok: false, diagnostics: p.diagnostics };
  }
  const numero = numeroLu(text(brutNumero) ?? '');
  if (numero === undefined) {
    p.add('COTATION_NUMERO_INVALIDE', {}, 'numero_unique');
    return { ok: false, diagnostics: p.diagnostics };
  }
  const depot = dateField(row, DEPOT, p, numero, ctx);
  if (depot === undefined) p.add('COTATION_DATE_ABSENTE', { numero }, 'date_depot');
  const renouvellement = dateField(row, RENOUVELLEMENT, p, numero, ctx);
  const refus = refusDates(row, p, numero, ctx);
  if (typeof depot === 'string' && renouvellement !== null && refus)
    checkDates(depot, renouvellement, refus, ctx, p, numero);
  const valeurs = champsDeclares(row, ctx, p, numero);
  const souhaitees = communesSouhaitees(row, ctx, p, numero);
  const actuelle = communeActuelle(row, ctx, p, numero);
  if (p.diagnostics.length || typeof depot !== 'string' || !refus)
    return { ok: false, diagnostics: p.diagnostics };
  valeurs[valeurs.length - 1] = ctx.communes.localisation(actuelle, souhaitees[0]);
  // One object shape for every request (no spread: a hot path).
  const value: Demande = {
    numero_unique: numero,
    ligne: line,
    date_depot: depot,
    date_renouvellement: renouvellement ?? undefined,
    dates_refus: refus,
    communes_souhaitees: souhaitees,
    commune_actuelle: actuelle,
    valeurs,
  };
  return { ok: true, value };
}
