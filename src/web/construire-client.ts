/**
 * `npm run build` step: each browser entry point `src/web/client/<nom>.ts` bundled by esbuild
 * (minified, ES2020, for the browser) into `dist/web/assets/js/<nom>.js`, served at
 * `/assets/js/`; the pages work without them (progressive enhancement). A size report (bytes,
 * gzip bytes) is written beside them (`tailles.json`) and printed.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { packagePath } from '../package-path.js';

/** Where the browser sources are, and where their bundles go by default. */
export const SOURCES_CLIENT = packagePath('src', 'web', 'client');
export const SORTIE_CLIENT = packagePath('dist', 'web', 'assets', 'js');

export interface TailleBundle {
  nom: string;
  octets: number;
  gzip: number;
}

/** The entry points: every `*.ts` of the folder (its `tsconfig.json` and `*.d.ts` aside). */
export function pointsEntree(sources = SOURCES_CLIENT): string[] {
  return readdirSync(sources)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => join(sources, f));
}

/** Bundles every entry point into `sortie`; returns each bundle's size, also in `tailles.json`. */
export async function construireClient(
  sortie = SORTIE_CLIENT,
  sources = SOURCES_CLIENT,
): Promise<TailleBundle[]> {
  const entrees = pointsEntree(sources);
  await build({
    entryPoints: entrees,
    outdir: sortie,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
  });
  const tailles = entrees.map((e) => {
    const nom = basename(e, '.ts');
    const js = readFileSync(join(sortie, `${nom}.js`));
    return { nom, octets: js.length, gzip: gzipSync(js, { level: 9 }).length };
  });
  writeFileSync(join(sortie, 'tailles.json'), `${JSON.stringify(tailles, null, 2)}\n`);
  return tailles;
}

const ko = (n: number): string => `${(n / 1024).toFixed(1)} Ko`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const tailles = await construireClient();
  for (const t of tailles)
    process.stdout.write(
      `dist/web/assets/js/${t.nom}.js : ${ko(t.octets)} (${ko(t.gzip)} compressé)\n`,
    );
}
