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
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
