import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { packagePath } from '../package-path.js';

// ajv-formats is CommonJS with a default export; NodeNext sees the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let ajvInstance: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function ajv(): Ajv {
  if (!ajvInstance) {
    ajvInstance = new Ajv({
      allErrors: true,
      strict: true,
      strictRequired: false,
      verbose: true,
      allowUnionTypes: true,
    });
    addFormats(ajvInstance);
    // Annotation only: the human description of what a value should look like.
    ajvInstance.addKeyword({ keyword: 'x-attendu', schemaType: 'string' });
  }
  return ajvInstance;
}

/** The validator of one schema file under schemas/, compiled once per process. */
export function schemaValidator(name: string): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    const schema = JSON.parse(readFileSync(packagePath('schemas', name), 'utf8')) as object;
    validate = ajv().compile(schema);
    compiled.set(name, validate);
  }
  return validate;
}

export type SchemaError = ErrorObject;
