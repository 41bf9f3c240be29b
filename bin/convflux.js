#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled library (npm install builds it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    'convflux: dist/ is missing. Run `npm install` (it builds the project) or `npm run build`.\n',
  );
  process.exit(2);
}
// A reader that stops early (`convflux evaluate … | head`) closes the pipe: end quietly, as
// Unix tools do, instead of dying on an unhandled EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}
const { main, termineAuRetour } = await import(entry.href);
const args = process.argv.slice(2);
process.exitCode = await main(args);
// Nothing is left to do once `evaluate` returns: exit now, when stdout and stderr hold no
// pending write (they are synchronous for files and pipes on Linux, not everywhere).
if (
  termineAuRetour(args) &&
  process.stdout.writableLength === 0 &&
  process.stderr.writableLength === 0
)
  process.exit();
