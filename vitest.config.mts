import { parse } from 'yaml';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      // The same YAML-as-data loading that esbuild.mjs does for the bundles.
      name: 'yaml-data',
      transform(code, id) {
        if (!/\.ya?ml$/.test(id)) return undefined;
        return { code: `export default ${JSON.stringify(parse(code))};`, map: null };
      },
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
