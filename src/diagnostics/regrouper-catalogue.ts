/**
 * `npm run build` step: the compiled catalogue (dist/diagnostics/catalogue.js and the ≈ 35
 * catalogue-*.js whose entries it spreads) rewritten in place as one module by esbuild, with its
 * source map. Node's ESM loader costs ≈ 0,3 ms of CPU per module (resolve, read, compile, link):
 * the catalogue, which every command loads (main.ts, FileReport), took ≈ 15 ms to load as 36
 * modules and ≈ 3 ms as one (issue 11: one bailleur × département by the CLI within 4× its
 * floor). Its imports of other folders (e.g. textes-cch.js) stay imports, so that no module with
 * state or identity is copied; a catalogue-*.js imported on its own elsewhere is data.
 */
import { build, type Plugin } from 'esbuild';
import { packagePath } from '../package-path.js';

export const CATALOGUE_COMPILE = packagePath('dist', 'diagnostics', 'catalogue.js');

/** The catalogue's own files are bundled; every other import is left as written. */
const seulementLeCatalogue: Plugin = {
  name: 'seulement-le-catalogue',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'entry-point' || /^\.\/catalogue-[a-z-]+\.js$/.test(args.path)
        ? undefined
        : { path: args.path, external: true },
    );
  },
};

/** Rewrites `fichier` (the compiled catalogue) as one module; returns how many it held. */
export async function regrouperCatalogue(fichier = CATALOGUE_COMPILE): Promise<number> {
  const r = await build({
    entryPoints: [fichier],
    outfile: fichier,
    allowOverwrite: true,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    charset: 'utf8',
    sourcemap: true,
    metafile: true,
    plugins: [seulementLeCatalogue],
    logLevel: 'warning',
  });
  return Object.keys(r.metafile.inputs).length;
}
