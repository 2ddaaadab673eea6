import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

/** esbuild plugin: council profiles are YAML files; bundle them as plain data, parsed once at build time. */
export const yamlData = {
  name: 'yaml-data',
  setup(build) {
    build.onLoad({ filter: /\.ya?ml$/ }, async (args) => ({
      contents: JSON.stringify(parse(await readFile(args.path, 'utf8'))),
      loader: 'json',
    }));
  },
};
