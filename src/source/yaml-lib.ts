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

/**
 * The data of a YAML text already checked, or read for a few fields (YAML 1.2, core schema, at
 * most 100 aliases: the library's defaults, written out). The library's warnings (an unknown tag…)
 * are not printed on the console: they would put the text's excerpt in a server's log, and
 * `check` reports them as diagnostics. An error still throws.
 */
export const donneesYaml = (text: string): unknown =>
  yaml().parse(text, { version: '1.2', schema: 'core', maxAliasCount: 100, logLevel: 'error' });
