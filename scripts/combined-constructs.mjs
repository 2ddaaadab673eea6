import { fileURLToPath } from 'node:url';

const shim = fileURLToPath(new URL('../server/src/analysis/combined-constructs.ts', import.meta.url));

/**
 * esbuild plugin: micromark's parser (`micromark/lib/parse.js`) gets `combineExtensions` from
 * `server/src/analysis/combined-constructs.ts`, which keeps the combination of the same
 * extensions instead of rebuilding it for every text. Every other importer, the module itself
 * included, gets the library.
 */
export const combinedConstructs = {
  name: 'combined-constructs',
  setup(build) {
    build.onResolve({ filter: /^micromark-util-combine-extensions$/ }, (args) =>
      /[\\/]micromark[\\/]lib[\\/]parse\.js$/.test(args.importer) ? { path: shim } : undefined,
    );
  },
};
