import { Ajv, type Options, type ValidateFunction } from 'ajv';

/*
 * The schema compiler, for the sources only. The bundles carry the validators of their schemas
 * compiled when they were built (`precompiled-validators.ts`), and `esbuild.mjs` puts a stand-in
 * in place of this module (`scripts/validators.mjs`), so that no process loads Ajv at start-up.
 */

/** How the schemas are compiled: here, when first used, and by `scripts/validators.mjs` for the bundles. */
export const AJV_OPTIONS: Options = { allErrors: true, verbose: true, strict: false };

let ajv: Ajv | undefined;
const added = new Set<string>();

/** The validator of `schema`; `formats` are the string formats a schema may name, with their tests. */
export function compileSchema(schema: object, formats: ReadonlyMap<string, (value: string) => boolean>): ValidateFunction {
  ajv ??= new Ajv(AJV_OPTIONS);
  for (const [name, fits] of formats) {
    if (added.has(name)) continue;
    added.add(name);
    ajv.addFormat(name, { type: 'string', validate: fits });
  }
  return ajv.compile(schema);
}
