import { dirname, relative, resolve, sep } from 'node:path';
import { packagePath } from '../../package-path.js';
import type { CommandIo } from '../io.js';
import type { Flags } from '../main.js';

/**
 * `convflux schema [FICHIER]`: the line to paste at the top of a convention so that the editor
 * (YAML language server) completes and documents it. The schema's path is relative to FICHIER
 * (it need not exist yet), absolute without it.
 */
export function runSchema(file: string | undefined, flags: Flags, io: CommandIo): number {
  const schema = packagePath('schemas', 'convention.schema.json');
  const path =
    file === undefined
      ? schema
      : relative(dirname(resolve(io.cwd, file)), schema)
          .split(sep)
          .join('/');
  const modeline = `# yaml-language-server: $schema=${path}`;
  if (flags.json) io.out(JSON.stringify({ ok: true, schema, modeline, diagnostics: [] }));
  else io.out(modeline);
  return 0;
}
