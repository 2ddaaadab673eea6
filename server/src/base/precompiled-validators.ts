import type { ValidateFunction } from 'ajv';

/**
 * The validators of `ratsfeder.yaml` and of profile files, compiled from their schemas when
 * the bundles are built: `esbuild.mjs` replaces this module with Ajv's standalone code for
 * them (`scripts/validators.mjs`), so that the command line and the language server do not
 * compile a schema at start-up. Run from the sources, there are none, and
 * `compile-schema.ts` compiles a schema when it is first used.
 */
export const PRECOMPILED: Readonly<Partial<Record<'config' | 'profile', ValidateFunction>>> | undefined = undefined;
