/**
 * Build step: every schema under schemas/ compiled by ajv into standalone code (CommonJS) next to
 * the compiled library, stamped with the schema's SHA-256 and ajv's version. `schemaValidator`
 * loads it instead of compiling (≈ 40 ms and ajv's compiler off a cold command); a schema edited
 * since the build is compiled as before. A property test checks both give the same errors.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { packagePath } from '../package-path.js';
import { createAjv, schemaText, standalonePath, standaloneStamp } from './load-schemas.js';

const require = createRequire(import.meta.url);

export function writeStandaloneValidators(): string[] {
  const standaloneCode =
    require('ajv/dist/standalone') as typeof import('ajv/dist/standalone/index.js').default;
  const written: string[] = [];
  for (const name of readdirSync(packagePath('schemas')).filter((f) =>
    f.endsWith('.schema.json'),
  )) {
    const text = schemaText(name);
    const ajv = createAjv({ source: true });
    const code = standaloneCode(ajv, ajv.compile(JSON.parse(text) as object));
    const path = standalonePath(name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${standaloneStamp(text)}\n${code}\n`);
    written.push(path);
  }
  return written;
}
