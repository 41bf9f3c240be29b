/** One row of `--parc` (CSV text or NDJSON values) as a Logement, checked against its schema. */
import type { Lang } from '../diagnostics/diagnostic.js';
import type { Logement } from '../flux/logement.js';
import { schemaJson, validateurAuBesoin } from '../schema/load-schemas.js';
import { ALIASES_LOGEMENT } from './column-names.js';
import {
  coerceBoolean,
  coerceInteger,
  clearEmpty,
  rowDiagnostics,
  type ParseResult,
  type RowFieldSpec,
  type RowPosition,
  type TableColumns,
} from './read-table.js';
import { financementLu } from './financement-lu.js';
import { typologieLue } from './typologie-lue.js';
import { verifierCodesLogement } from './validate-logement.js';

/** Its code is loaded for the first row the hand-written check leaves to ajv. */
const validateur = validateurAuBesoin('logement.schema.json');
const validate = validateur.valide;
const schema = schemaJson('logement.schema.json') as {
  properties: Record<string, unknown>;
  required: string[];
};

const FIELDS: readonly string[] = Object.keys(schema.properties);
const TYPOLOGIES: ReadonlySet<unknown> = new Set(
  (schema.properties['typologie'] as { enum: string[] }).enum,
);
const FINANCEMENTS: ReadonlySet<unknown> = new Set(
  (schema.properties['financement'] as { enum: string[] }).enum,
);

/** Columns of the parc file: for readTable's header check. */
export const LOGEMENT_COLUMNS: TableColumns = {
  allowed: FIELDS,
  required: schema.required,
  aliases: ALIASES_LOGEMENT,
};

/**
 * How every reader of a parc reads its file (`evaluate`, `classer`, `check --parc`, the imports):
 * its columns, its sheet of a workbook, and the codes an Excel number cell lost a zero of (a
 * commune 1053 → 01053, a département 1 → 01).
 */
export const LECTURE_PARC = {
  columns: LOGEMENT_COLUMNS,
  sheets: ['logements', 'parc', 'patrimoine'],
  communes: ['commune'],
  departements: ['departement'],
} as const;

const SPEC: RowFieldSpec = {
  allowed: FIELDS,
  // Codes and enums: quoting them helps and reveals nothing about a household.
  shown: new Set([
    'bailleur',
    'departement',
    'commune',
    'epci',
    'qpv',
    'typologie',
    'financement',
    'annee_construction',
    'hors_flux',
  ]),
  expected: {
    logement: {
      fr: 'un identifiant de 1 à 64 caractères sans caractère nul (ex. le numéro RPLS)',
      en: 'an identifier of 1 to 64 characters (e.g. the RPLS number)',
    },
    bailleur: { fr: 'un SIREN de 9 chiffres', en: 'a 9-digit SIREN' },
    departement: {
      fr: 'un code de département (ex. "93", "2A", "974")',
      en: 'a département code (e.g. "93", "2A", "974")',
    },
    commune: {
      fr: 'un code commune INSEE de 5 caractères (ex. "93066", "2A004")',
      en: 'a 5-character INSEE commune code (e.g. "93066", "2A004")',
    },
    epci: { fr: 'un SIREN d’EPCI ou d’EPT de 9 chiffres', en: 'a 9-digit EPCI or EPT SIREN' },
    qpv: {
      fr: 'un booléen (true/false, oui/non, vrai/faux, 1/0)',
      en: 'a boolean (true/false, oui/non, vrai/faux, 1/0)',
    },
    annee_construction: {
      fr: 'une année entre 1800 et 2100 (chiffres seuls)',
      en: 'a year between 1800 and 2100 (digits only)',
    },
  },
};

/**
 * Checks one parc row and returns it as a Logement. CSV text is coerced first (qpv as a
 * boolean, annee_construction as an integer, a typologie spelt « t3 », « T 2 » or « T6 et plus »
 * as its code: typologie-lue.ts; a financing of the RPLS nomenclature, « HLM/O » or « 52 », as
 * the parc's category convflux reads it as: financement-lu.ts); empty or null fields become
 * undefined, i.e. absent. Then its codes are checked against the SIREN check digit and the
 * official geography (validate-logement.ts). The row object is modified and reused as the value.
 */
export function parseLogement(
  row: Record<string, unknown>,
  line: number,
  file: string,
  lang: Lang,
  position?: RowPosition,
): ParseResult<Logement> {
  // Optional fields are often exported empty: cleared up front, with constant keys (fast).
  const epci = row['epci'];
  if (epci === '' || epci === null) row['epci'] = undefined;
  const rpls = row['rpls'];
  if (rpls === '' || rpls === null) row['rpls'] = undefined;
  const horsFlux = row['hors_flux'];
  if (horsFlux === '' || horsFlux === null) row['hors_flux'] = undefined;
  const qpv = row['qpv'];
  if (typeof qpv !== 'boolean' && qpv !== undefined) row['qpv'] = coerceBoolean(qpv);
  const annee = row['annee_construction'];
  if (typeof annee === 'string') row['annee_construction'] = coerceInteger(annee);
  const typologie = row['typologie'];
  if (typeof typologie === 'string' && !TYPOLOGIES.has(typologie))
    row['typologie'] = typologieLue(typologie) ?? typologie;
  const financement = row['financement'];
  if (typeof financement === 'string' && !FINANCEMENTS.has(financement))
    row['financement'] = financementLu(financement) ?? financement;
  const ctx = { file, lang, line, position };
  if (validate(row) || (clearEmpty(row, FIELDS) && validate(row))) {
    const codes = verifierCodesLogement(row, ctx, true);
    if (!codes) return { ok: true, value: row as unknown as Logement };
    return { ok: false, diagnostics: codes };
  }
  const diagnostics = rowDiagnostics(validateur.erreurs(), row, SPEC, ctx);
  const codes = verifierCodesLogement(row, ctx, false);
  if (codes) diagnostics.push(...codes);
  return { ok: false, diagnostics };
}
