/**
 * `npm run build` step: data files written next to the compiled code, read by cold commands
 * instead of the slower sources they come from (each is ignored when its source changed).
 * - dist/reference/territoires-index.jsonl: the geography (territoires-index.ts);
 * - dist/reglementation/reglementation-cache.json: the regulation's YAML files, parsed and
 *   validated (reglementation-cache.ts);
 * - dist/schema/validators/*.cjs: the JSON schemas compiled by ajv (standalone-validators.ts);
 * - dist/diagnostics/catalogue.js: the compiled catalogue rewritten as one module
 *   (regrouper-catalogue.ts; it is not a data file, but it is made here, after the compiler).
 */
import { loadReglementation } from './reglementation/load-reglementation.js';
import {
  REGLEMENTATION_CACHE,
  writeReglementationCache,
} from './reglementation/reglementation-cache.js';
import { decoupageVersion, territoiresFromSource } from './reference/territoires.js';
import { TERRITOIRES_INDEX, writeTerritoiresIndex } from './reference/territoires-index.js';
import { writeStandaloneValidators } from './schema/standalone-validators.js';
import { CATALOGUE_COMPILE, regrouperCatalogue } from './diagnostics/regrouper-catalogue.js';

writeTerritoiresIndex(territoiresFromSource(), decoupageVersion());
const validators = writeStandaloneValidators();
const collect: { bytes: Uint8Array; schema: string; data: unknown }[] = [];
const { diagnostics } = loadReglementation('fr', undefined, { cache: false, collect });
const n = writeReglementationCache(collect);
const modules = await regrouperCatalogue();
process.stdout.write(
  `${TERRITOIRES_INDEX}\n${String(validators.length)} validateurs ajv autonomes\n${REGLEMENTATION_CACHE} (${String(n)} fichiers` +
    `${diagnostics.length ? `, ${String(diagnostics.length)} diagnostic(s) dans la réglementation` : ''})\n` +
    `${CATALOGUE_COMPILE} (${String(modules)} modules en un)\n`,
);
