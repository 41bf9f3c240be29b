/**
 * The floor of one bailleur × département by the CLI (issue 11: « within 4× a floor process that
 * imports ajv, yaml and json-rules-engine and splits the same files into lines »): a Node process
 * that loads the three libraries `evaluate` needs and reads every file named on its command line
 * (folders: their `.yaml` files, recursively), split into lines. Prints the number of lines.
 *
 *   node dist/bench/plancher-bailleur.js FILE|FOLDER…
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { Engine } from 'json-rules-engine';
import YAML from 'yaml';

function fichiers(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(path, f));
}

// The libraries are loaded as `evaluate` loads them (their module code runs), nothing more.
const charges = [typeof Ajv, typeof Engine, typeof YAML.parse];
let lignes = 0;
for (const arg of process.argv.slice(2))
  for (const f of fichiers(arg)) lignes += readFileSync(f, 'utf8').split('\n').length;
process.stdout.write(`${String(lignes)} lignes (${String(charges.length)} bibliothèques)\n`);
