/**
 * Every JSON body is validated against its schema under `schemas/service/` (the same files the
 * OpenAPI document is generated from). Errors are diagnostics with the JSON pointer of the field.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Request } from 'express';
import type { Lang } from '../../diagnostics/diagnostic.js';
import { attendu as attenduHint } from '../../schema/attendu-en.js';
import { createAjv, schemaText } from '../../schema/load-schemas.js';
import type { Corps } from './corps.js';
import { diagnosticRequete, ErreurHttp, langue } from './erreur-http.js';

const ajv = createAjv();
const validators = new Map<string, ValidateFunction>();

/** The validator of `schemas/service/<nom>.schema.json` (compiled once per process). */
function validateur(nom: string): ValidateFunction {
  let v = validators.get(nom);
  if (!v) {
    v = ajv.compile(JSON.parse(schemaText(`service/${nom}.schema.json`)) as object);
    validators.set(nom, v);
  }
  return v;
}

function champ(e: ErrorObject): { pointer: string; champ: string } {
  const missing = e.keyword === 'required' ? `/${String(e.params['missingProperty'])}` : '';
  const extra =
    e.keyword === 'additionalProperties' ? `/${String(e.params['additionalProperty'])}` : '';
  const pointer = `${e.instancePath}${missing}${extra}`;
  return { pointer, champ: pointer === '' ? '(corps)' : pointer.slice(1).replaceAll('/', '.') };
}

/** The schema node of the field in error (for `required`: the missing property's). */
function noeud(e: ErrorObject): unknown {
  const parent = e.parentSchema as { properties?: Record<string, unknown> } | undefined;
  if (e.keyword !== 'required') return parent;
  return parent?.properties?.[String(e.params['missingProperty'])];
}

const GENERIQUE: Record<string, { fr: string; en: string }> = {
  additionalProperties: {
    fr: 'aucun champ de ce nom (champ inconnu)',
    en: 'no field of that name (unknown field)',
  },
  required: { fr: 'une valeur (champ obligatoire)', en: 'a value (required field)' },
  type: { fr: 'une valeur de type {type}', en: 'a value of type {type}' },
};

/** What was expected, in the request's language: the schema's hint, else a generic phrase. */
function attendu(e: ErrorObject, lang: Lang): string {
  if (e.keyword === 'additionalProperties') return GENERIQUE['additionalProperties']?.[lang] ?? '';
  const hint = attenduHint(
    (noeud(e) as { 'x-attendu'?: unknown } | undefined)?.['x-attendu'],
    lang,
  );
  if (hint) return hint;
  const g = GENERIQUE[e.keyword]?.[lang];
  if (g) return g.replace('{type}', String(e.params['type']));
  return lang === 'en' ? 'a value the schema allows' : 'une valeur permise par le schéma';
}

/** The body as its type, or a 400 listing every invalid field. */
export function valider<K extends keyof Corps>(req: Request, nom: K): Corps[K] {
  const v = validateur(nom);
  const body: unknown = req.body;
  if (body === undefined) {
    // No parser read it: a body of another type (text/plain, CSV…) or none. It was answered
    // « Champ (corps) : une valeur de type object attendu », which did not say what to send.
    const type = req.headers['content-type'] ?? '';
    const autre = type !== '' && !type.toLowerCase().includes('json');
    throw new ErreurHttp(autre ? 415 : 400, 'SERVICE_CORPS_ATTENDU', {
      attendu: langue(req) === 'en' ? 'a JSON object' : 'un objet JSON',
      type: 'application/json',
    });
  }
  if (v(body)) return body as Corps[K];
  const diagnostics = (v.errors ?? []).map((e) => {
    const { pointer, champ: c } = champ(e);
    return diagnosticRequete(
      req,
      'SERVICE_CHAMP_INVALIDE',
      {
        champ: c === '(corps)' && langue(req) === 'en' ? '(body)' : c,
        attendu: attendu(e, langue(req)),
      },
      pointer,
    );
  });
  throw new ErreurHttp(400, 'SERVICE_CHAMP_INVALIDE', {}, '', diagnostics);
}
