/** One row of `--events` (CSV text or NDJSON values) as an Evenement, checked against its schema. */
import type { Lang } from '../diagnostics/diagnostic.js';
import type { Evenement } from '../flux/evenement.js';
import { schemaJson, validateurAuBesoin } from '../schema/load-schemas.js';
import { ALIASES_EVENEMENT } from './column-names.js';
import { verifierConge } from './verifier-conge.js';
import {
  coerceInteger,
  clearEmpty,
  rowDiagnostics,
  type ParseResult,
  type RowFieldSpec,
  type RowPosition,
  type TableColumns,
} from './read-table.js';

/** Its code is loaded for the first row the hand-written check leaves to ajv. */
const validateur = validateurAuBesoin('evenement.schema.json');
const validate = validateur.valide;
const schema = schemaJson('evenement.schema.json') as {
  properties: Record<string, unknown>;
  required: string[];
};

const FIELDS: readonly string[] = Object.keys(schema.properties);

/**
 * Columns of the events file: for readTable's header check. Only id, date, type and logement
 * are required columns; the others are required per row, by type.
 */
export const EVENEMENT_COLUMNS: TableColumns = {
  allowed: FIELDS,
  required: schema.required,
  aliases: ALIASES_EVENEMENT,
};

const SPEC: RowFieldSpec = {
  allowed: FIELDS,
  // Codes, enums and dates; not the event or flat identifiers, not the number of candidates.
  shown: new Set([
    'public',
    'date',
    'type',
    'reservataire',
    'motif',
    'decision',
    'par',
    'date_liberation_prevue',
    'contingent',
  ]),
  expected: {
    id: {
      fr: 'un identifiant de 1 à 128 caractères sans caractère nul',
      en: 'an identifier of 1 to 128 characters with no NUL character',
    },
    date: { fr: 'une date réelle au format AAAA-MM-JJ', en: 'a real date as YYYY-MM-DD' },
    date_liberation_prevue: {
      fr: 'une date réelle au format AAAA-MM-JJ',
      en: 'a real date as YYYY-MM-DD',
    },
    logement: {
      fr: 'un identifiant de logement de 1 à 64 caractères sans caractère nul',
      en: 'a flat identifier of 1 to 64 characters with no NUL character',
    },
    reservataire: {
      fr: 'un identifiant de réservataire en minuscules et tirets (ex. "etat-93")',
      en: 'a réservataire id in lower case and dashes (e.g. "etat-93")',
    },
    annule: {
      fr: 'l’identifiant de l’événement annulé (1 à 128 caractères, sans caractère nul)',
      en: 'the id of the cancelled event (1 to 128 characters, no NUL character)',
    },
    candidats: {
      fr: 'un nombre entier positif ou nul (chiffres seuls)',
      en: 'a whole number, zero or more (digits only)',
    },
  },
};

/** « dalo+premier_quartile_hors_qpv » (a CSV cell; « | » too) → its values; blank → undefined. */
export function listePublics(cell: string): string[] | undefined {
  const values = cell
    .split(/[+|]/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return values.length ? values : undefined;
}

/**
 * Checks one events row and returns it as an Evenement. CSV text is coerced first (candidats
 * as an integer, public split on « + »); empty or null fields become undefined, i.e. absent.
 * Per type: orientation and designation need a reservataire, hors_assiette a motif, caleol a
 * decision, refus a par; fields without meaning for the type are accepted (exporters fill every
 * column) and kept (a public flag off a CALEOL attribution is an alert of the engine).
 * The row object is modified and reused as the value.
 */
export function parseEvenement(
  row: Record<string, unknown>,
  line: number,
  file: string,
  lang: Lang,
  position?: RowPosition,
): ParseResult<Evenement> {
  // Optional fields are often exported empty: cleared up front, with constant keys (fast).
  const reservataire = row['reservataire'];
  if (reservataire === '' || reservataire === null) row['reservataire'] = undefined;
  const motif = row['motif'];
  if (motif === '' || motif === null) row['motif'] = undefined;
  const decision = row['decision'];
  if (decision === '' || decision === null) row['decision'] = undefined;
  const par = row['par'];
  if (par === '' || par === null) row['par'] = undefined;
  const contingent = row['contingent'];
  if (contingent === '' || contingent === null) row['contingent'] = undefined;
  const candidats = row['candidats'];
  if (candidats === '' || candidats === null) row['candidats'] = undefined;
  else if (typeof candidats === 'string') row['candidats'] = coerceInteger(candidats);
  const publics = row['public'];
  if (publics === '' || publics === null) row['public'] = undefined;
  else if (typeof publics === 'string') row['public'] = listePublics(publics);
  const annule = row['annule'];
  if (annule === '' || annule === null) row['annule'] = undefined;
  const prevue = row['date_liberation_prevue'];
  if (prevue === '' || prevue === null) row['date_liberation_prevue'] = undefined;
  if (validate(row) || (clearEmpty(row, FIELDS) && validate(row))) {
    const value = row as unknown as Evenement;
    const impossible = verifierConge(value, line, file, lang, position);
    return impossible.length ? { ok: false, diagnostics: impossible } : { ok: true, value };
  }
  return {
    ok: false,
    diagnostics: rowDiagnostics(validateur.erreurs(), row, SPEC, {
      file,
      lang,
      line,
      position,
    }),
  };
}
