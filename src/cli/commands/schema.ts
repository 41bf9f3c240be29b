import { relative } from 'node:path';
import { packagePath } from '../../package-path.js';
import type { CommandIo } from '../io.js';
import type { Flags } from '../main.js';

/** Where the convention schema is, and the header line that gives editors completion. */
export function runSchema(flags: Flags, io: CommandIo): number {
  const schema = packagePath('schemas', 'convention.schema.json');
  if (flags.json) {
    io.out(JSON.stringify({ ok: true, schema, diagnostics: [] }));
  } else {
    io.out(schema);
    io.out(
      flags.lang === 'fr'
        ? `En tête d'une convention (chemin relatif au fichier) :\n# yaml-language-server: $schema=${relative(io.cwd, schema)}`
        : `At the top of a convention (path relative to the file):\n# yaml-language-server: $schema=${relative(io.cwd, schema)}`,
    );
  }
  return 0;
}
