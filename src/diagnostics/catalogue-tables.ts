import type { CatalogueEntry } from './catalogue.js';

/**
 * Messages about the parc and events files as a whole (src/input/): encodings, formats read
 * (xlsx, gzip, stdin), header names, dates as JJ/MM/AAAA, the hint given once per file when
 * every row fails the same way. A row's own problems are in catalogue.ts (LIGNE_*).
 */
export const catalogueTables: Record<string, CatalogueEntry> = {
  ENCODAGE_WINDOWS_1252: {
    severity: 'info',
    fr: 'Fichier lu en Windows-1252 (Latin-1), l’encodage des exports Excel français : il n’est pas en UTF-8 (premier caractère accentué ligne {ligne}).',
    en: 'File read as Windows-1252 (Latin-1), the encoding of French Excel exports: it is not UTF-8 (first accented character on line {ligne}).',
  },
  TABLE_GZIP_INVALIDE: {
    severity: 'error',
    fr: 'Fichier .gz illisible : ce n’est pas un fichier compressé par gzip, ou il est tronqué ({raison}).',
    en: 'Unreadable .gz file: not gzip-compressed, or cut short ({raison}).',
  },
  TABLE_XLSX_ILLISIBLE: {
    severity: 'error',
    fr: 'Classeur Excel illisible : ce n’est pas un fichier .xlsx valide (les .xls d’Excel 97-2003 ne sont pas lus : enregistrez-le en .xlsx ou en CSV).',
    en: 'Unreadable Excel workbook: not a valid .xlsx file (Excel 97-2003 .xls files are not read: save it as .xlsx or CSV).',
  },
  TABLE_XLSX_FEUILLE: {
    severity: 'info',
    fr: 'Classeur de {nombre} feuilles : seule la feuille « {feuille} » est lue.',
    en: 'Workbook of {nombre} sheets: only the sheet "{feuille}" is read.',
  },
  TABLE_EN_TETE_DECALE: {
    severity: 'info',
    fr: 'En-tête lu ligne {ligne} : la première ligne non vide n’a pas les colonnes obligatoires (un titre ?) ; les {nombre} ligne(s) au-dessus de l’en-tête sont ignorées.',
    en: 'Header read on row {ligne}: the first non-empty row lacks the required columns (a title?); the {nombre} row(s) above the header are ignored.',
  },
  TABLE_CELLULE_TITRE: {
    severity: 'warning',
    fr: 'Cellule de {caracteres} caractère(s) qui ne nomme aucune colonne (un titre ?), et aucune des {lignes} lignes non vides suivantes n’est un en-tête avec les colonnes obligatoires.',
    en: 'Cell of {caracteres} character(s) that names no column (a title?), and none of the next {lignes} non-empty rows is a header with the required columns.',
  },
  TABLE_CELLULE_NOMBRE: {
    severity: 'error',
    fr: 'Ligne rejetée : la cellule de la colonne « {colonne} » est un nombre Excel ({chiffres} chiffres), or ce champ est un code écrit en texte et un nombre perd ses zéros en tête (0671119000001 devient 671119000001) : le code exact ne peut pas être retrouvé. Mettez la colonne au format Texte et saisissez-la de nouveau, ou exportez le fichier en CSV.',
    en: 'Row rejected: the cell of the column "{colonne}" is an Excel number ({chiffres} digits), but this field is a code written as text and a number loses its leading zeros (0671119000001 becomes 671119000001): the exact code cannot be told back. Format the column as Text and enter it again, or export the file as CSV.',
  },
  TABLE_COLONNE_SYNONYME_IGNOREE: {
    severity: 'warning',
    fr: 'Colonne « {colonne} » ignorée : le champ « {champ} » est déjà lu dans la colonne « {retenue} ».',
    en: 'Column "{colonne}" ignored: the field "{champ}" is already read from the column "{retenue}".',
  },
  TABLE_DATES_JJ_MM_AAAA: {
    severity: 'info',
    fr: 'Dates au format JJ/MM/AAAA lues comme jour/mois/année ({nombre} date(s)) : le fichier a des jours supérieurs à 12, ce format est donc sans ambiguïté.',
    en: 'Dates written DD/MM/YYYY read as day/month/year ({nombre} date(s)): the file has days above 12, so the format is unambiguous.',
  },
  LIGNE_DATE_AMBIGUE: {
    severity: 'error',
    fr: 'Date {valeur} ambiguë dans « {champ} » : jour/mois ou mois/jour ? Aucune date du fichier n’a un jour supérieur à 12 ; écrivez AAAA-MM-JJ.',
    en: 'Ambiguous date {valeur} in "{champ}": day/month or month/day? No date of the file has a day above 12; write YYYY-MM-DD.',
  },
  TABLE_INDICE: {
    severity: 'warning',
    fr: 'Les {nombre} lignes du fichier sont toutes rejetées pour la même raison ({code}) : {indice}',
    en: 'All {nombre} rows of the file are rejected for the same reason ({code}): {indice}',
  },
};
