// Bundles the nine entry points: the CLI, one bundle per CLI command, the server, the client,
// and PDF.js, the parse thread and the spelling engine on their own.
// Each bundle carries its own dependencies, so a process loads one file instead of hundreds of
// ESM modules (start-up time matters for a CLI that runs once per commit hook).
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { yamlData } from './scripts/yaml-data.mjs';
import { precompiledValidators } from './scripts/validators.mjs';
import { combinedConstructs } from './scripts/combined-constructs.mjs';

const { version } = JSON.parse(await readFile(new URL('./package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [yamlData, precompiledValidators, combinedConstructs],
  // Some dependencies are ESM and read `import.meta.url`; in a CommonJS bundle it comes from __filename.
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  define: { RATSFEDER_VERSION: JSON.stringify(version), 'import.meta.url': '__importMetaUrl' },
};

const builds = [
  // The CLI only dispatches; each command's bundle is loaded when it is called.
  { ...common, entryPoints: { cli: 'server/src/cli/main.ts' }, outdir: 'dist', external: ['./server.js', './check.js', './register.js', './export.js'] },
  // PDF.js (`dist/pdf.js`) is loaded from beside them when a document's text is fetched.
  { ...common, entryPoints: { check: 'server/src/cli/check-command.ts' }, outdir: 'dist', external: ['./pdf.js', './hunspell-de.js'] },
  { ...common, entryPoints: { register: 'server/src/cli/register-command.ts' }, outdir: 'dist', external: ['./pdf.js'] },
  { ...common, entryPoints: { export: 'server/src/cli/export-command.ts' }, outdir: 'dist', external: ['./pdf.js'] },
  { ...common, entryPoints: { server: 'server/src/lsp/main.ts' }, outdir: 'dist', external: ['./pdf.js', './hunspell-de.js'] },
  { ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  // PDF.js, loaded by the server and `ratsfeder register` only when a document's text is fetched.
  { ...common, entryPoints: { pdf: 'server/src/node/pdf-extract.ts' }, outdir: 'dist' },
  // The Markdown parse of large drafts on a thread with a time budget (`server/src/node/parse-thread.ts`),
  // started by the server and `ratsfeder check` from beside them.
  { ...common, entryPoints: { parse: 'server/src/node/parse-worker.ts' }, outdir: 'dist' },
  // Hunspell and its German dictionary, loaded where spelling is checked (`dist/hunspell.wasm`,
  // `dist/woerterbuch/` beside it).
  { ...common, entryPoints: { 'hunspell-de': 'server/src/node/hunspell.ts' }, outdir: 'dist' },
];

/** The files the spelling bundle reads at run time: the WebAssembly engine and the dictionary with its licence. */
async function copySpellingFiles() {
  await mkdir('dist/woerterbuch', { recursive: true });
  await copyFile('node_modules/hunspell-wasm/wasm/hunspell.wasm', 'dist/hunspell.wasm');
  await copyFile('node_modules/dictionary-de/index.aff', 'dist/woerterbuch/de.aff');
  await copyFile('node_modules/dictionary-de/index.dic', 'dist/woerterbuch/de.dic');
  await copyFile('node_modules/dictionary-de/license', 'dist/woerterbuch/LICENSE-de');
}

if (watch) {
  await copySpellingFiles();
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all([...builds.map((options) => esbuild.build(options)), copySpellingFiles()]);
}
