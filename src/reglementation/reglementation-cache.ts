/**
 * The regulation's YAML files, parsed and validated once at build time (`npm run build`). A cold
 * command spends ≈ 0.15 s parsing them with positions and compiling their two schemas; with this
 * file it hashes them instead. A file is taken from the cache only when its bytes (SHA-256), the
 * schema it was validated against and the YAML parser are the ones of the build; any edited file
 * is parsed and validated as usual, with every diagnostic. Positions, when a later check needs
 * one, come from parsing the file then (load-yaml-file.ts, loadYamlKnown).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { packagePath } from '../package-path.js';

interface CacheFile {
  format: 1;
  /** Version of the `yaml` package that parsed the files. */
  yaml: string;
  /** SHA-256 of each schema the files were validated against. */
  schemas: Record<string, string>;
  /** `schema:sha256 of the file` → its data (valid against that schema). */
  fichiers: Record<string, unknown>;
}

export const REGLEMENTATION_CACHE = fileURLToPath(
  new URL('./reglementation-cache.json', import.meta.url),
);

const require = createRequire(import.meta.url);
const sha256 = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

function yamlVersion(): string {
  const path = require.resolve('yaml/package.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

function schemaSha(name: string): string {
  return sha256(readFileSync(packagePath('schemas', name)));
}

/** Looks a file up: its data when the build parsed and validated these very bytes. */
export type CacheLookup = (bytes: Uint8Array, schema: string) => unknown;

let reader: CacheLookup | undefined;

/** The lookup of the build's cache (a lookup that finds nothing when there is none). */
export function reglementationCache(path: string = REGLEMENTATION_CACHE): CacheLookup {
  if (reader && path === REGLEMENTATION_CACHE) return reader;
  let cache: CacheFile | undefined;
  try {
    if (existsSync(path)) cache = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
  } catch {
    // a damaged cache is not an error: the files are parsed
  }
  if (cache?.format !== 1 || cache.yaml !== yamlVersion()) cache = undefined;
  const schemasOk = new Map<string, boolean>();
  const lookup: CacheLookup = (bytes, schema) => {
    if (!cache) return undefined;
    let ok = schemasOk.get(schema);
    if (ok === undefined) {
      ok = cache.schemas[schema] === schemaSha(schema);
      schemasOk.set(schema, ok);
    }
    const data = ok ? cache.fichiers[`${schema}:${sha256(bytes)}`] : undefined;
    // A copy: each load owns its objects, as when it parses them.
    return data === undefined ? undefined : structuredClone(data);
  };
  if (path === REGLEMENTATION_CACHE) reader = lookup;
  return lookup;
}

/**
 * Writes the cache from files already parsed and validated without any diagnostic (the loader
 * hands them over): only data that survives JSON unchanged is kept.
 */
export function writeReglementationCache(
  files: readonly { bytes: Uint8Array; schema: string; data: unknown }[],
  path: string = REGLEMENTATION_CACHE,
): number {
  const cache: CacheFile = { format: 1, yaml: yamlVersion(), schemas: {}, fichiers: {} };
  for (const f of files) {
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(f.data)) as unknown, f.data)) continue;
    cache.schemas[f.schema] ??= schemaSha(f.schema);
    cache.fichiers[`${f.schema}:${sha256(f.bytes)}`] = f.data;
  }
  writeFileSync(path, `${JSON.stringify(cache)}\n`);
  return Object.keys(cache.fichiers).length;
}
