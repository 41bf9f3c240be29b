/**
 * One hint per file when every row of it is rejected for the same reason: a whole export that
 * fails the same way (dates JJ/MM/AAAA that cannot be told from MM/JJ, a decimal comma, the
 * wrong column separator, flats that are not in the parc…) gets a sentence about the export,
 * besides the N identical rejections.
 */
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { tableDiagnostic } from './line-reader.js';

/** What the rejections of one file have in common, so far (mergeable across shards). */
export interface Uniformite {
  file: string;
  rows: number;
  rejected: number;
  /** code + pointer of the first reason of every rejected row; null when they differ. */
  key?: string | null;
  code?: string;
  champ?: string;
  tag?: string;
  message?: string;
}

export const uniformite = (file: string): Uniformite => ({ file, rows: 0, rejected: 0 });

/** Records one rejected row (its diagnostics) with an optional tag about its value. */
export function noterRejet(u: Uniformite, diagnostics: readonly Diagnostic[], tag?: string): void {
  const d = diagnostics[0];
  u.rejected++;
  if (!d) return;
  const key = `${d.code}${d.pointer}`;
  if (u.key === undefined) {
    u.key = key;
    u.code = d.code;
    u.champ = d.pointer.slice(1);
    u.message = d.message;
    if (tag) u.tag = tag;
  } else if (u.key !== key) u.key = null;
  else if (u.tag !== tag) delete u.tag;
}

/** The union of the same file's records (shards of one run). */
export function fusionnerUniformites(parts: readonly Uniformite[]): Uniformite | undefined {
  const [first, ...rest] = parts;
  if (!first) return undefined;
  const u: Uniformite = { ...first };
  for (const p of rest) {
    u.rows += p.rows;
    u.rejected += p.rejected;
    if (p.key === undefined) continue;
    if (u.key === undefined) Object.assign(u, { ...p, rows: u.rows, rejected: u.rejected });
    else if (u.key !== p.key) u.key = null;
    else if (u.tag !== p.tag) delete u.tag;
  }
  return u;
}

const INDICES: Record<string, { fr: string; en: string }> = {
  date_barres: {
    fr: 'vos dates semblent au format JJ/MM/AAAA (ou MM/JJ/AAAA) et aucune ne permet de trancher ; écrivez-les AAAA-MM-JJ (format de cellule « aaaa-mm-jj » dans Excel).',
    en: 'your dates look like DD/MM/YYYY (or MM/DD/YYYY) and none tells which; write them YYYY-MM-DD (cell format "yyyy-mm-dd" in Excel).',
  },
  mois_jour: {
    fr: 'vos dates semblent au format américain MM/JJ/AAAA : écrivez-les AAAA-MM-JJ (ou JJ/MM/AAAA).',
    en: 'your dates look American (MM/DD/YYYY): write them YYYY-MM-DD (or DD/MM/YYYY).',
  },
  decimal: {
    fr: 'vos nombres ont un séparateur décimal (virgule) : un nombre entier est attendu, sans décimales.',
    en: 'your numbers have a decimal separator (comma): a whole number is expected, without decimals.',
  },
  zero_initial: {
    fr: 'vos codes ont perdu leur zéro initial (Excel les a lus comme des nombres) : mettez la colonne au format Texte avant l’export.',
    en: 'your codes lost their leading zero (Excel read them as numbers): format the column as Text before exporting.',
  },
  LIGNE_NOMBRE_CHAMPS: {
    fr: 'le séparateur de colonnes des lignes n’est sans doute pas celui de l’en-tête (« ; », « , » ou tabulation).',
    en: 'the rows probably do not use the header’s column separator (";", "," or tab).',
  },
  LOGEMENT_INCONNU: {
    fr: 'aucun logement des événements n’est dans le parc : les deux fichiers viennent-ils du même bailleur et du même identifiant de logement ?',
    en: 'no flat of the events is in the parc: do both files come from the same bailleur and the same flat identifier?',
  },
};

/** The hint about a file whose rows are all rejected the same way (two rows at least). */
export function indiceUniforme(u: Uniformite | undefined, lang: Lang): Diagnostic | undefined {
  if (!u || u.rows < 2 || u.rejected < u.rows || !u.key || !u.code) return undefined;
  const known = INDICES[u.tag ?? ''] ?? INDICES[u.code];
  const indice = known ? known[lang] : (u.message ?? '');
  const champ = lang === 'fr' ? `« ${u.champ ?? ''} »` : `"${u.champ ?? ''}"`;
  const code = u.champ ? `${u.code}, ${champ}` : u.code;
  return tableDiagnostic(u.file, lang, 'TABLE_INDICE', { nombre: u.rows, code, indice }, 0, 0);
}

/** A tag from the raw text of a rejected field (see INDICES), or undefined. */
export function valeurTag(field: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (/^-?\d+,\d+$/.test(value.trim())) return 'decimal';
  if ((field === 'commune' || field === 'departement') && /^\d{4}$/.test(value))
    return 'zero_initial';
  return undefined;
}
