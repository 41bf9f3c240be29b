import { isIsoDate } from '../convention/calendar.js';
import { financementLu } from '../input/financement-lu.js';

/**
 * A row of the public RPLS open-data file (« Données détaillées au logement du répertoire des
 * logements locatifs des bailleurs sociaux », data.gouv.fr) as a row of the parc (`--parc`).
 *
 * Verified against data.gouv.fr's « Modèle de données » of the 2023 file (consulted 2026-12-02):
 * `dep_code` → departement, `epci_code` → epci, `depcom_code` → commune; that file does not give
 * the owner (« L’identité du bailleur propriétaire du logement n’est pas fournie »): the bailleur
 * is the one the import is for.
 * NOT verified (names from the bailleurs' RPLS exports as convflux reads them, a choice of
 * convflux; each accepts the listed spellings): the flat's id (`numero_rpls`, `rpls`,
 * `identifiant`, `num_logement`), QPV (`qpv`, `qpv_code`: any code or 1/oui = in a QPV), rooms
 * (`nbpiece` → T1…T6, 6 and more = T6), initial financing (`finan_code`, `finan`,
 * `finan_libelle`: read from the first of them whose value names a financing —
 * src/input/financement-lu.ts: PLAI, PLUS, PLS, PLI, or a code or label of the RPLS
 * nomenclature, « 52 » or « HLM/O », as convflux reads it; anything else left for the parc's
 * check to reject), year of completion (`construct`, `annee_achevement`).
 */
const SYNONYMES: Record<string, readonly string[]> = {
  logement: ['numero_rpls', 'rpls', 'identifiant', 'num_logement', 'logement'],
  departement: ['dep_code'],
  commune: ['depcom_code', 'depcom'],
  epci: ['epci_code'],
  qpv: ['qpv', 'qpv_code'],
  typologie: ['nbpiece', 'nb_piece'],
  financement: ['finan_code', 'finan', 'finan_libelle'],
  annee_construction: ['construct', 'annee_achevement'],
};

/** The parc columns an RPLS header must provide (the others are optional). */
export const COLONNES_RPLS_REQUISES = [
  'logement',
  'departement',
  'commune',
  'typologie',
  'financement',
  'annee_construction',
] as const;

function texte(row: Record<string, unknown>, nom: string): string {
  const v = row[nom];
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/**
 * A field whose columns may be given together, one of them a value convflux cannot read: the
 * open data writes each coded field twice, `…_code` and `…_libelle` (DEP_CODE and DEP_LIBELLE,
 * EPCI_CODE and EPCI_LIBELLE… in data.gouv.fr's « Modèle de données » of the 2023 file), so a
 * FINAN_CODE that names no financing convflux reads (« 99 », autre financement) gives way to FINAN
 * or FINAN_LIBELLE when one of them names one.
 */
const LISIBLE: Readonly<Record<string, (v: string) => boolean>> = {
  financement: (v) => financementLu(v) !== undefined,
};

/**
 * The column a field is read from among `noms` (its spellings the row or header has): the first
 * with a value. For a LISIBLE field, the first whose value it can read, else the first that is
 * not a bare number (« Autre financement » rather than « 99 », for the refusal to quote), else
 * the first.
 */
function colonneLue(
  row: Record<string, unknown>,
  champ: string,
  noms: readonly string[],
): string | undefined {
  const pleines = noms.filter((nom) => texte(row, nom) !== '');
  const lisible = LISIBLE[champ];
  if (!lisible) return pleines[0];
  return (
    pleines.find((nom) => lisible(texte(row, nom))) ??
    pleines.find((nom) => !/^\d+$/.test(texte(row, nom))) ??
    pleines[0]
  );
}

function valeur(row: Record<string, unknown>, champ: string): string | undefined {
  const nom = colonneLue(row, champ, SYNONYMES[champ] ?? []);
  return nom === undefined ? undefined : texte(row, nom);
}

/** The header names of a row, lower-cased (RPLS files come in both cases). */
export function minuscules(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k.trim().toLowerCase()] = v;
  return out;
}

/**
 * The parc fields an RPLS row (lower-cased keys) does not provide, each by the columns that would
 * (« FINAN_CODE ou FINAN ou FINAN_LIBELLE »: the open data's spelling, upper case).
 */
export function colonnesRplsManquantes(row: Record<string, unknown>, ou = 'ou'): string[] {
  return COLONNES_RPLS_REQUISES.filter((c) =>
    (SYNONYMES[c] ?? []).every((nom) => !(nom in row)),
  ).map((c) => (SYNONYMES[c] ?? []).map((nom) => nom.toUpperCase()).join(` ${ou} `));
}

/**
 * For each parc field, the column of the RPLS row (lower-cased keys) its value was read from:
 * the one `ligneRpls` reads it from (`colonneLue`), else the first the header has (an empty cell:
 * absent from the row). A field no column gives is absent.
 */
export function sourcesRpls(
  row: Record<string, unknown>,
  entete: { has(nom: string): boolean },
): Map<string, string> {
  const out = new Map<string, string>();
  for (const [champ, noms] of Object.entries(SYNONYMES)) {
    const present = noms.filter((nom) => nom in row || entete.has(nom));
    const nom = colonneLue(row, champ, present) ?? present[0];
    if (nom !== undefined) out.set(champ, nom);
  }
  return out;
}

/**
 * What the file's own column holds, for a refusal that names it: NBPIECE holds a number of rooms,
 * not convflux's T1…T6 (the other fields' values are the parc's own).
 */
const VALEURS_RPLS: Readonly<Record<string, { fr: string; en: string }>> = {
  typologie: {
    fr: 'un nombre entier de pièces, 1 ou plus (6 et plus : T6)',
    en: 'a whole number of rooms, 1 or more (6 and more: T6)',
  },
};

/** The values the RPLS column read as this parc field may hold, in the file's terms. */
export function valeursRpls(champ: string, lang: 'fr' | 'en'): string | undefined {
  return VALEURS_RPLS[champ]?.[lang];
}

function typologie(pieces: string | undefined): string | undefined {
  if (pieces === undefined) return undefined;
  const n = Number(pieces);
  if (!Number.isInteger(n) || n < 1) return pieces;
  return `T${String(Math.min(n, 6))}`;
}

function financement(f: string | undefined): string | undefined {
  return f === undefined ? undefined : (financementLu(f) ?? f);
}

/**
 * The year of completion: a year, or a date whose year it is — an Excel date cell (read as
 * AAAA-MM-JJ) or a date written JJ/MM/AAAA (the year is the same whichever is the day); anything
 * else is left for the parc's check to reject.
 */
function annee(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (isIsoDate(v)) return v.slice(0, 4);
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (!fr) return v;
  const [, a = '', b = '', y = ''] = fr;
  const jourPremier = `${y}-${b.padStart(2, '0')}-${a.padStart(2, '0')}`;
  const moisPremier = `${y}-${a.padStart(2, '0')}-${b.padStart(2, '0')}`;
  return isIsoDate(jourPremier) || isIsoDate(moisPremier) ? y : v;
}

function qpv(v: string | undefined): boolean {
  if (v === undefined) return false;
  const s = v.toLowerCase();
  return !['0', 'non', 'n', 'false', 'faux', 'hors qpv'].includes(s);
}

/** One RPLS row (lower-cased keys) as a parc row of `bailleur`. */
export function ligneRpls(row: Record<string, unknown>, bailleur: string): Record<string, unknown> {
  const dep = valeur(row, 'departement');
  const out: Record<string, unknown> = {
    logement: valeur(row, 'logement'),
    bailleur,
    // dep_code is an integer in the open data: « 1 » is département 01.
    departement: dep !== undefined && /^\d$/.test(dep) ? `0${dep}` : dep,
    commune: valeur(row, 'commune')?.padStart(5, '0'),
    qpv: qpv(valeur(row, 'qpv')),
    typologie: typologie(valeur(row, 'typologie')),
    financement: financement(valeur(row, 'financement')),
    annee_construction: annee(valeur(row, 'annee_construction')),
  };
  const epci = valeur(row, 'epci');
  if (epci !== undefined) out['epci'] = epci;
  return out;
}
