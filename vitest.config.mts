import { parse } from 'yaml';
import { defineConfig, type Plugin } from 'vitest/config';

// The same YAML-as-data loading that esbuild.mjs does for the bundles.
const yamlData: Plugin = {
  name: 'yaml-data',
  transform(code, id) {
    if (!/\.ya?ml$/.test(id)) return undefined;
    return { code: `export default ${JSON.stringify(parse(code))};`, map: null };
  },
};

/**
 * The unit tier: tests that call the code in this process and need no build, no `.vsix`, no
 * child process and no program from outside. `npm run test:unit` runs it in seconds. Every other
 * test file is in the integration tier, so a new test file that does not appear here gets the
 * built bundles (CONTRIBUTING.md says where a new test goes).
 */
const UNIT = [
  'test/aenderung.test.ts',
  'test/docs.test.ts',
  'test/engine.test.ts',
  'test/fixtures.test.ts',
  'test/kalender.test.ts',
  'test/line-ends.test.ts',
  'test/messages.test.ts',
  'test/number-schemes.test.ts',
  'test/parse.test.ts',
  'test/parse-cost.test.ts',
  'test/profile.test.ts',
  'test/rechtschreibung.test.ts',
  'test/register.test.ts',
  'test/register-details.test.ts',
  'test/rules.test.ts',
  'test/service.test.ts',
  'test/similar.test.ts',
  'test/similar-eval.test.ts',
  'test/snippets.test.ts',
];

export default defineConfig({
  plugins: [yamlData],
  test: {
    testTimeout: 30_000,
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        // The files share their workers' module graph (half the time of loading it per file): they
        // mock nothing and set no environment, and the code's memos (parse.ts's pieces, front matters,
        // compiled profiles, validators, word stems) change no result; parse.test.ts forgets the pieces
        // where it counts what is kept.
        test: { name: 'unit', include: UNIT, isolate: false, globalSetup: ['test/global-setup.ts'] },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['test/**/*.test.ts', ...UNIT.map((file) => `!${file}`)], globalSetup: ['test/global-setup.ts', 'test/global-setup-package.ts'] },
      },
    ],
  },
});
