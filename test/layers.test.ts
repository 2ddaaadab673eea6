import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '..');
const RULE = '@typescript-eslint/no-restricted-imports';

// One instance for every case: loading the config and the TypeScript parser is most of the cost.
const eslint = new ESLint({ cwd: ROOT });

/** The restricted-import messages that an import in a planted file at `filePath` gets. */
async function restricted(filePath: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import '${specifier}';\n`, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === RULE).map((message) => message.message);
}

describe('the layer order of ARCHITECTURE.md, as lint enforces it', () => {
  it.each([
    ['the core reaching for IO (rules → node)', 'server/src/rules/planted.ts', '../node/workspace.js'],
    ['the core reaching for IO (analysis → node)', 'server/src/analysis/planted.ts', '../node/workspace.js'],
    ['rules → service', 'server/src/rules/planted.ts', '../service/check.js'],
    ['register → rules', 'server/src/register/planted.ts', '../rules/types.js'],
    ['analysis → register', 'server/src/analysis/planted.ts', '../register/types.js'],
    ['spelling → rules', 'server/src/spelling/planted.ts', '../rules/types.js'],
    ['the core reaching for IO (spelling → node)', 'server/src/spelling/planted.ts', '../node/speller.js'],
    ['profile → analysis', 'server/src/profile/planted.ts', '../analysis/references.js'],
    ['profile → config', 'server/src/profile/planted.ts', '../config/config.js'],
    ['service → node', 'server/src/service/planted.ts', '../node/workspace.js'],
    ['node → lsp', 'server/src/node/planted.ts', '../lsp/server.js'],
    ['one edge → the other (lsp → cli)', 'server/src/lsp/planted.ts', '../cli/main.js'],
    ['lsp → cli/messages.ts (once an exception)', 'server/src/lsp/planted.ts', '../cli/messages.js'],
    ['base → anything', 'server/src/base/planted.ts', '../analysis/model.js'],
    ['base → anything', 'server/src/base/planted.ts', '../profile/types.js'],
    ['drafts (shared with the client) → analysis', 'server/src/drafts/planted.ts', '../analysis/model.js'],
    ['client → server internals', 'client/src/planted.ts', '../../server/src/rules/types.js'],
    ['client → server internals', 'client/src/planted.ts', '../../server/src/service/service.js'],
  ])('fails on %s', async (_kind, filePath, specifier) => {
    const messages = await restricted(filePath, specifier);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('Layer order (ARCHITECTURE.md, "Layers"');
  });

  it.each([
    ['rules → analysis', 'server/src/rules/planted.ts', '../analysis/model.js'],
    ['rules → register', 'server/src/rules/planted.ts', '../register/types.js'],
    ['rules → base', 'server/src/rules/planted.ts', '../base/locale.js'],
    ['analysis → profile', 'server/src/analysis/planted.ts', '../profile/types.js'],
    ['register → analysis', 'server/src/register/planted.ts', '../analysis/model.js'],
    ['register → spelling', 'server/src/register/planted.ts', '../spelling/vocabulary.js'],
    ['spelling → analysis', 'server/src/spelling/planted.ts', '../analysis/model.js'],
    ['node → service', 'server/src/node/planted.ts', '../service/check.js'],
    ['cli → node', 'server/src/cli/planted.ts', '../node/workspace.js'],
    ['base → base', 'server/src/base/planted.ts', './locale.js'],
    ['drafts → base', 'server/src/drafts/planted.ts', '../base/locale.js'],
    ['client → drafts', 'client/src/planted.ts', '../../server/src/drafts/new-draft.js'],
    ['client → protocol', 'client/src/planted.ts', '../../server/src/protocol/commands.js'],
    ['client → base', 'client/src/planted.ts', '../../server/src/base/locale.js'],
  ])('allows %s', async (_kind, filePath, specifier) => {
    expect(await restricted(filePath, specifier)).toEqual([]);
  });

  it('gives every folder of server/src a place in the order', async () => {
    // A folder without its own entry would fall back to no layer check at all.
    const folders = readdirSync(path.join(ROOT, 'server', 'src'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.length).toBeGreaterThan(5);
    for (const folder of folders) {
      // From every folder, an edge is out of reach (and each edge is out of the other's).
      const edge = folder === 'cli' ? '../lsp/server.js' : '../cli/main.js';
      expect(await restricted(`server/src/${folder}/planted.ts`, edge), folder).toHaveLength(1);
    }
  });
});
