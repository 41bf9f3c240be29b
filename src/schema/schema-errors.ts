import { attendu } from './attendu-en.js';
import type { DiagnosticParams, Lang } from '../diagnostics/diagnostic.js';
import { childPointer } from '../source/json-pointer.js';
import type { SchemaError } from './load-schemas.js';

/** A schema violation as structured data, before positions and messages. */
export interface SchemaFinding {
  code: string;
  pointer: string;
  /** Point at the key rather than the value (unknown keys). */
  atKey: boolean;
  params: DiagnosticParams;
}

const typeNames: Record<Lang, Record<string, string>> = {
  fr: {
    string: 'texte',
    number: 'nombre',
    integer: 'nombre entier',
    boolean: 'booléen (true/false)',
    object: 'table de clés',
    array: 'liste',
    null: 'vide',
  },
  en: {
    string: 'text',
    number: 'number',
    integer: 'whole number',
    boolean: 'boolean (true/false)',
    object: 'mapping',
    array: 'list',
    null: 'empty',
  },
};

function describe(value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return typeNames[lang]['null'] ?? 'null';
  if (Array.isArray(value)) return typeNames[lang]['array'] ?? 'array';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeNames[lang]['object'] ?? 'object';
}

function expected(error: SchemaError, lang: Lang): string | undefined {
  const schema: Record<string, unknown> | undefined = error.parentSchema;
  return attendu(schema?.['x-attendu'], lang);
}

/**
 * The bounds, when a value has the right form (`x-forme`) but its pattern refuses it: « 9999
 * jours » is a delay, too long, not a malformed one.
 */
function outOfRange(error: SchemaError, lang: Lang): string | undefined {
  const schema: Record<string, unknown> | undefined = error.parentSchema;
  const forme = schema?.['x-forme'];
  const bornes = schema?.['x-bornes'] as Partial<Record<Lang, unknown>> | undefined;
  const text = bornes?.[lang];
  if (typeof forme !== 'string' || typeof text !== 'string' || typeof error.data !== 'string')
    return undefined;
  return new RegExp(forme).test(error.data) ? text : undefined;
}

/** A hint for the classic French mistakes on numbers ("30 %", "0,30", 30 for 30 %). */
function numberHint(value: unknown): string | null {
  if (typeof value === 'string') {
    if (/%\s*$/.test(value)) return 'pourcentage';
    if (/^\s*\d+,\d+\s*$/.test(value)) return 'virgule';
    if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return 'guillemets';
  }
  if (typeof value === 'number' && value > 1 && value <= 100) return 'pourcent_entier';
  return null;
}

/** What a keyword without a message of its own asks, in French (ajv's messages are English). */
function detailFr(keyword: string, p: Record<string, unknown>): string {
  const limit = String(p['limit']);
  switch (keyword) {
    case 'maxItems':
      return `au plus ${limit} élément(s) attendu(s)`;
    case 'maxProperties':
      return `au plus ${limit} clé(s) attendue(s)`;
    case 'maxLength':
      return `au plus ${limit} caractère(s) attendu(s)`;
    case 'not':
      return 'cette forme est exclue par le schéma';
    case 'anyOf':
    case 'oneOf':
      return 'aucune des formes permises par le schéma ne convient';
    default:
      return `règle « ${keyword} » du schéma non respectée`;
  }
}

/** Turns ajv errors into findings: one per real problem, `if` wrappers dropped. */
export function schemaFindings(errors: readonly SchemaError[], lang: Lang): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  for (const e of errors) {
    const at = e.instancePath;
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'if':
        break;
      case 'additionalProperties': {
        const key = String(p['additionalProperty']);
        const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)
          ?.properties;
        findings.push({
          code: 'SCHEMA_CLE_INCONNUE',
          pointer: childPointer(at, key),
          atKey: true,
          params: { cle: key, permises: Object.keys(props ?? {}).join(', ') },
        });
        break;
      }
      case 'required':
        findings.push({
          code: 'SCHEMA_CLE_MANQUANTE',
          pointer: at,
          atKey: true,
          params: { cle: String(p['missingProperty']) },
        });
        break;
      case 'type': {
        const want = String(p['type']);
        findings.push({
          code: 'SCHEMA_TYPE',
          pointer: at,
          atKey: false,
          params: {
            attendu: expected(e, lang) ?? typeNames[lang][want] ?? want,
            recu: describe(e.data, lang),
            indice: want === 'number' || want === 'integer' ? numberHint(e.data) : null,
          },
        });
        break;
      }
      case 'enum':
        findings.push({
          code: 'SCHEMA_VALEUR_INCONNUE',
          pointer: at,
          atKey: false,
          params: {
            valeur: describe(e.data, lang),
            permises: ((p['allowedValues'] as unknown[] | undefined) ?? []).map(String).join(', '),
          },
        });
        break;
      case 'format':
        findings.push({
          code: p['format'] === 'date' ? 'SCHEMA_DATE_INVALIDE' : 'SCHEMA_FORMAT',
          pointer: at,
          atKey: false,
          params: {
            valeur: describe(e.data, lang),
            attendu: expected(e, lang) ?? String(p['format']),
          },
        });
        break;
      case 'pattern': {
        const bornes = outOfRange(e, lang);
        if (bornes !== undefined) {
          findings.push({
            code: 'SCHEMA_HORS_BORNES',
            pointer: at,
            atKey: false,
            params: { valeur: describe(e.data, lang), attendu: bornes, indice: null },
          });
          break;
        }
        findings.push({
          code: 'SCHEMA_FORMAT',
          pointer: at,
          atKey: false,
          params: {
            valeur: describe(e.data, lang),
            attendu: expected(e, lang) ?? `/${String(p['pattern'])}/`,
          },
        });
        break;
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        findings.push({
          code: 'SCHEMA_HORS_BORNES',
          pointer: at,
          atKey: false,
          params: {
            valeur: typeof e.data === 'number' ? e.data : describe(e.data, lang),
            attendu: expected(e, lang) ?? `${String(p['comparison'])} ${String(p['limit'])}`,
            indice: numberHint(e.data),
          },
        });
        break;
      case 'uniqueItems':
        findings.push({
          code: 'SCHEMA_DOUBLON_LISTE',
          pointer: childPointer(at, Number(p['i'])),
          atKey: false,
          params: { valeur: describe((e.data as unknown[])[Number(p['i'])], lang) },
        });
        break;
      case 'minLength':
        // A text shorter than its minimum is not empty: say what is expected, as for a format.
        if (typeof e.data === 'string' && e.data.trim() !== '') {
          findings.push({
            code: 'SCHEMA_FORMAT',
            pointer: at,
            atKey: false,
            params: {
              valeur: describe(e.data, lang),
              attendu:
                expected(e, lang) ??
                (lang === 'en'
                  ? `at least ${String(p['limit'])} characters`
                  : `au moins ${String(p['limit'])} caractères`),
            },
          });
          break;
        }
        findings.push({ code: 'SCHEMA_VIDE', pointer: at, atKey: false, params: {} });
        break;
      case 'minItems':
        // A list shorter than its minimum is not empty (`une_de` of one condition): say how many.
        if (Array.isArray(e.data) && e.data.length > 0) {
          const limit = String(p['limit']);
          findings.push({
            code: 'SCHEMA_INVALIDE',
            pointer: at,
            atKey: false,
            params: {
              detail:
                lang === 'en'
                  ? `at least ${limit} items expected, ${String(e.data.length)} given`
                  : `au moins ${limit} éléments attendus, ${String(e.data.length)} donné(s)`,
            },
          });
          break;
        }
        findings.push({ code: 'SCHEMA_VIDE', pointer: at, atKey: false, params: {} });
        break;
      case 'minProperties':
        findings.push({ code: 'SCHEMA_VIDE', pointer: at, atKey: false, params: {} });
        break;
      case 'const':
        // A single allowed value (`cotation: 1`): said like an enum's, not in ajv's English.
        findings.push({
          code: 'SCHEMA_VALEUR_INCONNUE',
          pointer: at,
          atKey: false,
          params: { valeur: describe(e.data, lang), permises: String(p['allowedValue']) },
        });
        break;
      default:
        findings.push({
          code: 'SCHEMA_INVALIDE',
          pointer: at,
          atKey: false,
          params: { detail: lang === 'en' ? (e.message ?? e.keyword) : detailFr(e.keyword, p) },
        });
    }
  }
  return findings;
}
