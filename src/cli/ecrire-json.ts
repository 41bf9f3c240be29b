/**
 * The `--json` output of a command: `JSON.stringify(value, null, 2)` and its line end, written in
 * pieces of about a million characters (src/output/json-par-lignes.ts). A large result — a
 * region's cotations, France's evaluation — is never one string: longer than a string may be, it
 * made the command end in ERREUR_INTERNE.
 */
import { lignesJson, parPieces } from '../output/json-par-lignes.js';
import type { CommandIo } from './io.js';

export function ecrireJson(io: CommandIo, value: unknown): void {
  for (const piece of parPieces(lignesJson(value))) io.out(piece);
}
