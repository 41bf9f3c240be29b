/**
 * The `format` of an import (`POST /api/bailleurs/:siren/imports?format=`): the one chosen, or
 * the file name's extension when « automatique » was left. Shared by the page (form posted
 * without JavaScript) and the browser script (`client/import.ts`).
 */
export type FormatImport = 'csv' | 'ndjson' | 'xlsx' | 'rpls';

const CHOISIS: readonly string[] = ['csv', 'ndjson', 'xlsx', 'rpls'];

const PAR_EXTENSION: Record<string, FormatImport> = {
  csv: 'csv',
  tsv: 'csv',
  txt: 'csv',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  xlsx: 'xlsx',
};

/** The format to send, or undefined when it cannot be told (the page asks for it). */
export function formatImport(choisi: string, nomFichier: string): FormatImport | undefined {
  if (CHOISIS.includes(choisi)) return choisi as FormatImport;
  const extension = /\.([A-Za-z0-9]+)$/.exec(nomFichier)?.[1]?.toLowerCase() ?? '';
  return PAR_EXTENSION[extension];
}

/** The natures of an import. */
export const NATURES_IMPORT: readonly string[] = ['evenements', 'parc'];
