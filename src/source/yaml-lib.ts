/**
 * The yaml library, loaded on first use. A plain convention is read without it (yaml-simple.ts),
 * and loading its seventy modules costs ≈ 40 ms of CPU: a one-bailleur `evaluate` whose
 * conventions are all plain never loads it. Same module instance as `import … from 'yaml'`.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

const require = createRequire(import.meta.url);
let lib: typeof Yaml | undefined;

export const yaml = (): typeof Yaml => (lib ??= require('yaml') as typeof Yaml);
