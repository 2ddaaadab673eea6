import type { Plugin } from 'esbuild';

/** See combined-constructs.mjs. */
export declare const combinedConstructs: Plugin;
