import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { yamlData } from './yaml-data.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { Ajv, _ } = require('ajv');
const standaloneCode = require('ajv/dist/standalone').default;

/** One generation for all bundles of a build. */
let generated;

/** The module the plugin replaces; its source says what it stands for. */
const TARGET = path.join(ROOT, 'server', 'src', 'base', 'precompiled-validators.ts');
const VALIDATE = path.join(ROOT, 'server', 'src', 'base', 'validate.ts');
/** The schema compiler of the sources, which the bundles do without. */
const COMPILER = path.join(ROOT, 'server', 'src', 'base', 'compile-schema.ts');

/**
 * esbuild plugin: `server/src/base/precompiled-validators.ts` becomes Ajv's standalone code for
 * the schemas of `ratsfeder.yaml` and of profile files, compiled with the options that
 * `compile-schema.ts` compiles them with from the sources, so that no process compiles a
 * schema at start-up. The schemas are read from the sources themselves (bundled and run
 * here), so they cannot differ from the code's.
 */
export const precompiledValidators = {
  name: 'precompiled-validators',
  setup(build) {
    // A rebuild (--watch) reads the schemas again.
    build.onStart(() => {
      generated = undefined;
    });
    build.onLoad({ filter: /[\\/]precompiled-validators\.ts$/ }, async (args) => {
      if (path.resolve(args.path) !== TARGET) return undefined;
      generated ??= generate();
      return { contents: await generated, loader: 'js', resolveDir: path.dirname(TARGET), watchFiles: [] };
    });
    // Every schema a bundle validates against is precompiled: Ajv itself stays out of the bundles.
    build.onLoad({ filter: /[\\/]compile-schema\.ts$/ }, (args) => {
      if (path.resolve(args.path) !== COMPILER) return undefined;
      return {
        contents: 'export function compileSchema() { throw new Error("a schema without a precompiled validator (scripts/validators.mjs)"); }',
        loader: 'js',
      };
    });
  },
};

async function generate() {
  const entry = [
    `export { PROFILE_SCHEMA } from ${JSON.stringify(path.join(ROOT, 'server/src/profile/schema.ts'))};`,
    `export { configSchema } from ${JSON.stringify(path.join(ROOT, 'server/src/config/config.ts'))};`,
    `export { AJV_OPTIONS } from ${JSON.stringify(COMPILER)};`,
  ].join('\n');
  const built = await esbuild.build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
    plugins: [yamlData],
    define: { RATSFEDER_VERSION: '"dev"', 'import.meta.url': '"file:///"' },
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', built.outputFiles[0].text)(module, module.exports, require);
  const { PROFILE_SCHEMA, configSchema, AJV_OPTIONS } = module.exports;
  const schemas = { config: configSchema(), profile: PROFILE_SCHEMA };
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true, formats: _`FORMATS` } });
  const names = new Set();
  const collect = (value) => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      if (typeof value.format === 'string') names.add(value.format);
      Object.values(value).forEach(collect);
    }
  };
  collect(Object.values(schemas));
  for (const name of names) ajv.addFormat(name, { type: 'string', validate: () => true });
  for (const [name, schema] of Object.entries(schemas)) ajv.addSchema(schema, name);
  const validators = standaloneCode(ajv, Object.fromEntries(Object.keys(schemas).map((name) => [name, name])));
  // The formats are the ones `defineFormat` registers in validate.ts, asked when a value is checked.
  const formats = `{ ${[...names].map((name) => `${JSON.stringify(name)}: { validate: (value) => formatFits(${JSON.stringify(name)}, value) }`).join(', ')} }`;
  return [
    `import { formatFits } from ${JSON.stringify(VALIDATE)};`,
    `const FORMATS = ${formats};`,
    validators.replace(/^"use strict";/, ''),
    `export const PRECOMPILED = { ${Object.keys(schemas).join(', ')} };`,
  ].join('\n');
}
