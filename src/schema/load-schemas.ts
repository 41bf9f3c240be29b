import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv, ErrorObject, Options, ValidateFunction } from 'ajv';
import { packagePath } from '../package-path.js';

const require = createRequire(import.meta.url);

/** The options every validator is compiled with (at run time or, standalone, at build time). */
const OPTIONS: Options = {
  allErrors: true,
  strict: true,
  strictRequired: false,
  verbose: true,
  allowUnionTypes: true,
};

/**
 * An ajv instance with convflux's options, formats and annotation keyword; `source` keeps the
 * generated code (standalone validators). ajv is loaded here, not when this module is: a
 * command whose validators were compiled at build time never loads the compiler.
 */
export function createAjv(options: { source?: boolean } = {}): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  const addFormats = require('ajv-formats') as (ajv: Ajv) => Ajv;
  const ajv = new AjvClass({ ...OPTIONS, ...(options.source ? { code: { source: true } } : {}) });
  addFormats(ajv);
  // Annotation only: the human description of what a value should look like.
  ajv.addKeyword({ keyword: 'x-attendu', schemaType: 'string' });
  // Annotations: a value of this form that fails the pattern is out of range, not malformed.
  ajv.addKeyword({ keyword: 'x-forme', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-bornes', schemaType: 'object' });
  return ajv;
}

let ajvInstance: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** The JSON schema file under schemas/, as text. */
export function schemaText(name: string): string {
  return readFileSync(packagePath('schemas', name), 'utf8');
}

/** What a standalone validator records of what it was generated from. */
export function standaloneStamp(schema: string): string {
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  const sha = createHash('sha256').update(schema).digest('hex');
  return `// convflux standalone validator: schema sha256 ${sha}, ajv ${ajvVersion}`;
}

/** Where `npm run build` writes the standalone validator of a schema. */
export function standalonePath(name: string): string {
  return fileURLToPath(new URL(`./validators/${name.replace(/\.json$/, '')}.cjs`, import.meta.url));
}

/**
 * The validator written at build time (standalone-validators.ts) at `path` when it was generated
 * from this very schema text by this ajv version, else undefined. Like a compiled one, it
 * carries its schema (`validate.schema`: the input readers list its properties).
 */
export function loadStandalone(path: string, schema: string): ValidateFunction | undefined {
  if (!existsSync(path)) return undefined;
  // Only its first line is read here: require() reads the code.
  const stamp = Buffer.from(`${standaloneStamp(schema)}\n`);
  const head = Buffer.alloc(stamp.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!head.equals(stamp)) return undefined;
  const validate = require(path) as ValidateFunction;
  validate.schema = JSON.parse(schema) as object;
  return validate;
}

const parsed = new Map<string, object>();

/**
 * The JSON schema file under schemas/, parsed once per process, without its validator: what the
 * hand-written row checks read of it (properties, enums, patterns) needs no ajv code loaded.
 */
export function schemaJson(name: string): object {
  let schema = parsed.get(name);
  if (!schema) {
    schema = JSON.parse(schemaText(name)) as object;
    parsed.set(name, schema);
  }
  return schema;
}

/**
 * The validator of one schema file under schemas/, once per process: the one compiled at build
 * time when it is current (a cold command then never compiles), else compiled now.
 */
export function schemaValidator(name: string): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    const text = schemaText(name);
    validate = loadStandalone(standalonePath(name), text);
    if (!validate) {
      ajvInstance ??= createAjv();
      validate = ajvInstance.compile(JSON.parse(text) as object);
    }
    compiled.set(name, validate);
  }
  return validate;
}

/**
 * A schema's validator loaded at its first call, for readers whose rows mostly pass a
 * hand-written check (a clean file never loads its code); `erreurs`: those of the last call.
 */
export function validateurAuBesoin(name: string): {
  valide: (data: unknown) => boolean;
  erreurs: () => ErrorObject[];
} {
  let validate: ValidateFunction | undefined;
  return {
    valide: (data) => (validate ??= schemaValidator(name))(data),
    erreurs: () => validate?.errors ?? [],
  };
}

/** The validator compiled now, never the build's (tests compare both). */
export function compiledValidator(name: string): ValidateFunction {
  ajvInstance ??= createAjv();
  return ajvInstance.compile(JSON.parse(schemaText(name)) as object);
}

export type SchemaError = ErrorObject;
