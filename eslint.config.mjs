import tseslint from 'typescript-eslint';

// The layer order of ARCHITECTURE.md ("Layers"), enforced. Lowest first: a folder of server/src
// may import the folders of lower layers, never one of its own layer or above. Files sit one
// level below server/src, so a folder is reached as `../<folder>/…`.
const LAYERS = [['base'], ['protocol'], ['profile'], ['analysis'], ['spelling'], ['register'], ['rules'], ['config'], ['export', 'drafts'], ['service'], ['node'], ['lsp', 'cli']];
/** Folders that the VS Code client imports too: they may import nothing but base/ and protocol/, so no server code reaches the client bundle. */
const SHARED_WITH_CLIENT = ['base', 'protocol', 'drafts'];

const ORDER = LAYERS.map((layer) => layer.join(', ')).join(' → ');
const rankOf = (folder) => LAYERS.findIndex((layer) => layer.includes(folder));

/** The restricted-imports pattern for the folders of server/src that `folder` must not reach. */
function higherLayers(folder) {
  const rank = rankOf(folder);
  const allowed = SHARED_WITH_CLIENT.includes(folder) && folder !== 'base' ? ['base', 'protocol'].filter((f) => f !== folder) : LAYERS.slice(0, rank).flat();
  const forbidden = LAYERS.flat().filter((other) => other !== folder && !allowed.includes(other));
  const may = allowed.length > 0 ? `${folder}/ may import only ${allowed.map((f) => `${f}/`).join(', ')}` : `${folder}/ imports nothing from server/src`;
  return {
    group: allowed.length === 0 ? ['../*'] : forbidden.flatMap((other) => [`../${other}`, `../${other}/*`]),
    message: `Layer order (ARCHITECTURE.md, "Layers": ${ORDER}): ${may}.`,
  };
}

// What a layer must not import from outside the project.
const NO_EDITOR = { group: ['vscode'], message: 'Only client/ imports vscode.' };
const NO_EDITOR_TYPES = { group: ['vscode', 'vscode-*'], message: 'The analysis core knows no editor: return data, let lsp/ convert it.' };
const NO_IO = {
  group: ['node:fs', 'fs', 'node:fs/*', 'fs/*', 'node:child_process', 'child_process', 'node:net', 'node:http', 'node:https'],
  message: 'The analysis core does no IO: take what you need through AnalysisHost or as text.',
};
const NO_CONNECTION = { group: ['vscode-languageserver', 'vscode-languageserver/*'], message: 'Only lsp/ talks to the connection.' };
const NO_CONNECTION_SERVICE = {
  group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-jsonrpc', 'vscode-jsonrpc/*'],
  message: 'The service speaks LSP types (vscode-languageserver-types) but knows no connection; that is lsp/.',
};
const OUTSIDE = {
  base: [NO_EDITOR_TYPES, NO_IO],
  // The protocol may name LSP types and JSON-RPC message types; it opens no connection and does no IO.
  protocol: [NO_EDITOR, NO_CONNECTION, NO_IO],
  profile: [NO_EDITOR_TYPES, NO_IO],
  analysis: [NO_EDITOR_TYPES, NO_IO],
  spelling: [NO_EDITOR_TYPES, NO_IO],
  register: [NO_EDITOR_TYPES, NO_IO],
  rules: [NO_EDITOR_TYPES, NO_IO],
  config: [NO_EDITOR_TYPES, NO_IO],
  export: [NO_EDITOR_TYPES, NO_IO],
  drafts: [NO_EDITOR_TYPES, NO_IO],
  service: [NO_CONNECTION_SERVICE, NO_IO],
  node: [NO_EDITOR, NO_CONNECTION],
  cli: [NO_EDITOR, NO_CONNECTION],
  lsp: [NO_EDITOR],
};

/** One folder's import restrictions: what is outside its reach in the project and beyond. */
function layer(folder) {
  return {
    files: [`server/src/${folder}/**`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [higherLayers(folder), ...OUTSIDE[folder]] }] },
  };
}

/** The client reaches into server/src only for what both sides share. */
const client = {
  files: ['client/src/**'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['../../server/src/*', ...SHARED_WITH_CLIENT.map((folder) => `!../../server/src/${folder}`)],
            message: `Layer order (ARCHITECTURE.md, "Layers"): client/ imports from server/src only ${SHARED_WITH_CLIENT.map((f) => `${f}/`).join(', ')}; ask the server for the rest.`,
          },
        ],
      },
    ],
  },
};

// What Node gives a script without an import, for the benchmarks' `no-undef` (TypeScript checks
// the names in .ts files).
const nodeGlobals = Object.fromEntries(
  ['AbortController', 'AbortSignal', 'Buffer', 'URL', 'URLSearchParams', 'TextDecoder', 'TextEncoder', 'clearImmediate', 'clearInterval', 'clearTimeout', 'console', 'fetch', 'performance', 'process', 'queueMicrotask', 'setImmediate', 'setInterval', 'setTimeout', 'structuredClone'].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  // JavaScript is not linted, except the benchmarks (type-checked through tsconfig.bench.json).
  { ignores: ['dist/**', 'node_modules/**', 'bench/.corpus/**', '**/*.js', '**/*.mjs', '!bench/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['bench/*.mjs'],
    languageOptions: { sourceType: 'module', globals: nodeGlobals },
    rules: { 'no-undef': 'error' },
  },
  // Files directly in server/src (type declarations) and any folder not yet in LAYERS.
  { files: ['server/src/**'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [NO_EDITOR, NO_CONNECTION] }] } },
  ...LAYERS.flat().map(layer),
  client,
);
