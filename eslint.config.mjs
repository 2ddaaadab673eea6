import tseslint from 'typescript-eslint';

// The layer boundaries of ARCHITECTURE.md, enforced. Each entry names what a layer must not import.
const core = ['server/src/analysis/**', 'server/src/rules/**', 'server/src/profile/**', 'server/src/config/**', 'server/src/register/**', 'server/src/export/**', 'server/src/drafts/**'];
const noIo = [
  { group: ['vscode', 'vscode-*'], message: 'The analysis core knows no editor: return data, let lsp/ convert it.' },
  { group: ['node:fs', 'fs', 'node:fs/*', 'fs/*', 'node:child_process', 'child_process', 'node:net', 'node:http', 'node:https'], message: 'The analysis core does no IO: take what you need through AnalysisHost or as text.' },
];

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
  {
    files: ['server/src/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['vscode'], message: 'Only client/ imports vscode.' }] }],
    },
  },
  {
    files: core,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: noIo }] },
  },
  {
    files: ['server/src/service/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-jsonrpc', 'vscode-jsonrpc/*'], message: 'The service speaks LSP types (vscode-languageserver-types) but knows no connection; that is lsp/.' },
            noIo[1],
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/**'],
    ignores: ['server/src/lsp/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode-languageserver', message: 'Only lsp/ talks to the connection.' }], patterns: [{ group: ['vscode-languageserver/*'], message: 'Only lsp/ talks to the connection.' }] }],
    },
  },
);
