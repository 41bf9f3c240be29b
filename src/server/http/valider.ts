/**
 * Every JSON body is validated against its schema under `schemas/service/` (the same files the
 * OpenAPI document is generated from). Errors are diagnostics with the JSON pointer of the field.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Request } from 'express';
import { createAjv, schemaText } from '../../schema/load-schemas.js';
import type { Corps } from './corps.js';
import { diagnosticRequete, ErreurHttp } from './erreur-http.js';

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

function attendu(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return 'aucun champ de ce nom (champ inconnu)';
  const hint = (e.parentSchema as { 'x-attendu'?: unknown } | undefined)?.['x-attendu'];
  return typeof hint === 'string' ? hint : (e.message ?? e.keyword);
}

/** The body as its type, or a 400 listing every invalid field. */
export function valider<K extends keyof Corps>(req: Request, nom: K): Corps[K] {
  const v = validateur(nom);
  const body: unknown = req.body;
  if (v(body)) return body as Corps[K];
  const diagnostics = (v.errors ?? []).map((e) => {
    const { pointer, champ: c } = champ(e);
    return diagnosticRequete(
      req,
      'SERVICE_CHAMP_INVALIDE',
      { champ: c, attendu: attendu(e) },
      pointer,
    );
  });
  throw new ErreurHttp(400, 'SERVICE_CHAMP_INVALIDE', {}, '', diagnostics);
}
