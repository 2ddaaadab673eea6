// Shared helpers of the benchmark scripts: paths, statistics, the on-the-fly bundle of the
// analysis code, timed child processes and the result files that run.mjs collects.
//
// Timing rule for this suite: the machines it runs on are shared and noisy, so a figure is
// always a ratio of two contenders measured side by side (interleaved, several rounds, median),
// never a single absolute time. Absolute milliseconds are printed for orientation only.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { combinedConstructs } from '../scripts/combined-constructs.mjs';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const BENCH = path.join(ROOT, 'bench');
export const CORPUS = path.join(BENCH, '.corpus');
export const RSS_PRELOAD = path.join(BENCH, 'maxrss-preload.cjs');

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------
// Command line

/**
 * `--quick`, `--json FILE` and the script's own `--name value` options (`known`).
 * @param {string[]} [argv]
 * @param {string[]} [known]
 */
export function options(argv = process.argv.slice(2), known = []) {
  /** @type {{ quick: boolean, json: string | undefined, values: Record<string, string> }} */
  const result = { quick: false, json: undefined, values: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') {
      result.quick = true;
      continue;
    }
    const [key = '', inline] = arg.startsWith('--') ? arg.slice(2).split('=', 2) : [];
    if (key !== 'json' && !known.includes(key)) throw new BenchError(`unknown argument ${arg} (known: --quick, --json FILE${known.map((k) => `, --${k} N`).join('')})`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new BenchError(`${arg} needs a value`);
    if (key === 'json') result.json = value;
    else result.values[key] = value;
  }
  return result;
}

export function intOption(opts, key, fallback) {
  const raw = opts.values[key];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new BenchError(`--${key} needs a positive integer, got ${raw}`);
  return value;
}

/** A failure that makes the benchmark's output meaningless: the script exits non-zero. */
export class BenchError extends Error {}

/**
 * @param {unknown} condition
 * @param {string} message
 * @returns {asserts condition}
 */
export function check(condition, message) {
  if (!condition) throw new BenchError(message);
}

/** Runs a script's main function; any failure ends in one line on stderr and exit code 1. */
export function main(fn) {
  fn().then(
    () => {},
    (error) => {
      const text = error instanceof BenchError ? error.message : (error?.stack ?? String(error));
      process.stderr.write(`bench: FAILED: ${text}\n`);
      process.exitCode = 1;
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Statistics and formatting

export function median(values) {
  check(values.length > 0, 'median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

/** Median with the interquartile range, e.g. `1.21× (IQR 1.18–1.25)`. */
export function spread(values, digits = 2, unit = '×') {
  return `${median(values).toFixed(digits)}${unit} (IQR ${quantile(values, 0.25).toFixed(digits)}–${quantile(values, 0.75).toFixed(digits)}, n=${values.length})`;
}

export function ms(value, digits = 1) {
  return `${value.toFixed(digits)} ms`;
}

export function mib(kib) {
  return `${(kib / 1024).toFixed(1)} MiB`;
}

export function table(rows) {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => String(row[col]).length)));
  return rows.map((row) => row.map((cell, col) => String(cell).padEnd(widths[col])).join('  ').trimEnd()).join('\n');
}

export function now() {
  return Number(process.hrtime.bigint()) / 1e6;
}

// ---------------------------------------------------------------------------------------------
// Results, collected by run.mjs

/**
 * A figure: what was measured, its value, the goal and whether it is met. `goal` is a
 * comparison against `limit` (`<=` or `>=`) or `undefined` for figures given for information.
 * @param {string} key
 * @param {string} label
 * @param {number | string} value
 * @param {{ unit?: string, digits?: number, goal?: '<=' | '>=' | '==', limit?: number | string, detail?: string }} [options]
 */
export function figure(key, label, value, { unit = '×', digits = 2, goal, limit, detail } = {}) {
  let met;
  if (goal === '<=') met = Number(value) <= Number(limit);
  else if (goal === '>=') met = Number(value) >= Number(limit);
  else if (goal === '==') met = value === limit;
  return { key, label, value, unit, digits, goal, limit, met, detail };
}

export function formatValue(fig) {
  if (typeof fig.value === 'string') return fig.value;
  if (fig.unit === 'KiB') return mib(fig.value);
  return `${fig.value.toFixed(fig.digits)}${fig.unit === '×' ? '×' : ` ${fig.unit}`}`;
}

export function formatGoal(fig) {
  if (fig.goal === undefined) return '–';
  const limit = typeof fig.limit === 'string' ? fig.limit : fig.unit === 'KiB' ? mib(fig.limit) : `${fig.limit}${fig.unit === '×' ? '×' : ` ${fig.unit}`}`;
  return fig.goal === '==' ? `= ${limit}` : `${fig.goal === '<=' ? '≤' : '≥'} ${limit}`;
}

export function writeResult(file, result) {
  if (!file) return;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}

export function printFigures(figures) {
  const rows = [['figure', 'value', 'goal', 'met']];
  for (const fig of figures) rows.push([fig.label, formatValue(fig), formatGoal(fig), fig.met === undefined ? '' : fig.met ? 'yes' : 'NO']);
  console.log(table(rows));
}

// ---------------------------------------------------------------------------------------------
// The analysis code, bundled on the fly

/** Council profiles are YAML files imported as data (the same plugin as esbuild.mjs). */
const yamlData = {
  name: 'yaml-data',
  setup(build) {
    build.onLoad({ filter: /\.ya?ml$/ }, async (args) => {
      const { parse } = await import('yaml');
      return { contents: JSON.stringify(parse(readFileSync(args.path, 'utf8'))), loader: 'json' };
    });
  },
};

/**
 * Bundles TypeScript modules from server/src into one CommonJS file under
 * bench/.corpus/.build/ and loads it. `exports` are `export … from …` lines relative to the
 * repository root; `names` the exports that must be there. Returns the module and the path of
 * the bundle (child processes can `require` it without bundling again).
 */
export async function loadBundle(name, exports, names, { external = ['./pdf.js'] } = {}) {
  const esbuild = await import('esbuild');
  const outfile = path.join(CORPUS, '.build', `${name}.cjs`);
  mkdirSync(path.dirname(outfile), { recursive: true });
  await esbuild.build({
    stdin: { contents: exports.join('\n'), resolveDir: ROOT, sourcefile: `bench-${name}-entry.ts`, loader: 'ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    // PDF.js is its own bundle (dist/pdf.js), required from beside the bundle that loads it.
    external,
    sourcemap: false,
    logLevel: 'warning',
    legalComments: 'none',
    // As in the shipped bundles, micromark keeps the combination of its constructs (scripts/combined-constructs.mjs).
    plugins: [yamlData, combinedConstructs],
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    define: { RATSFEDER_VERSION: '"bench"', 'import.meta.url': '__importMetaUrl' },
  });
  delete require.cache[outfile];
  const mod = require(outfile);
  for (const key of names) check(mod[key], `bundle ${name} lacks ${key}`);
  return { mod, file: outfile };
}

/**
 * Bundles the analysis modules from server/src into one CommonJS file (so that `checkText`
 * and `parseMarkdown` share one remark processor, as in dist/cli.js) and loads it.
 */
export async function loadAnalysis() {
  const { mod } = await loadBundle(
    'analysis',
    [
      "export { checkText } from './server/src/service/check.ts';",
      "export { analyse } from './server/src/analysis/analyse.ts';",
      "export { parseMarkdown, parseWhole, forgetPieces } from './server/src/analysis/parse.ts';",
      "export { lint } from './server/src/rules/engine.ts';",
      "export { DEFAULT_PROFILE } from './server/src/profile/load.ts';",
    ],
    ['checkText', 'analyse', 'parseMarkdown', 'parseWhole', 'forgetPieces', 'lint', 'DEFAULT_PROFILE'],
  );
  return mod;
}

/** The document register's modules (index, cache format and store, OParl sync, service), bundled. */
export const REGISTER_EXPORTS = {
  lines: [
    "export { RegisterIndex, LayeredRegister } from './server/src/register/index.ts';",
    "export { serializeCache, parseCache } from './server/src/register/cache.ts';",
    "export { paperToEntry } from './server/src/register/oparl.ts';",
    "export { loadCache, saveCache, cacheFileFor } from './server/src/node/cache-store.ts';",
    "export { RegisterStore } from './server/src/node/register-store.ts';",
    "export { syncOparl } from './server/src/node/oparl.ts';",
    "export { compileProfile } from './server/src/analysis/compiled-profile.ts';",
    "export { DEFAULT_PROFILE } from './server/src/profile/load.ts';",
    "export { createService } from './server/src/service/service.ts';",
  ],
  names: ['RegisterIndex', 'LayeredRegister', 'serializeCache', 'parseCache', 'paperToEntry', 'loadCache', 'saveCache', 'cacheFileFor', 'RegisterStore', 'syncOparl', 'compileProfile', 'DEFAULT_PROFILE', 'createService'],
};

export function loadRegisterModules() {
  return loadBundle('register', REGISTER_EXPORTS.lines, REGISTER_EXPORTS.names);
}

/** Options for `checkText` as the tests use them (test/helpers.ts): Leipzig profile, fixed date. */
export function checkOptions(mod, today = '2025-06-01') {
  return { profile: mod.DEFAULT_PROFILE, severities: {}, locale: 'de', today, host: {} };
}

/** The version of an installed package, from its package.json. */
export function installedVersion(name) {
  return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

// ---------------------------------------------------------------------------------------------
// In-process timing

let sink;


/** Per-call milliseconds of `fn`, over a batch of `count` calls. */
export function timeBatch(fn, count) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) sink = fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / count;
}

/** How many calls of `fn` fill about `targetMs`. */
export function calibrate(fn, targetMs) {
  let count = 1;
  for (;;) {
    const perCall = timeBatch(fn, count);
    if (perCall * count >= targetMs / 4 || count >= 1 << 20) return Math.max(1, Math.round(targetMs / Math.max(perCall, 1e-6)));
    count *= 2;
  }
}

export function warmUp(fn, durationMs) {
  const until = now() + durationMs;
  let calls = 0;
  while (now() < until) {
    sink = fn();
    calls++;
  }
  return calls;
}

/**
 * Interleaved rounds: every round times each contender once (a batch of calls), in an order
 * that alternates between rounds, so slow and fast phases of a noisy machine hit all alike.
 * Returns per-call milliseconds per contender and round.
 */
export function interleave(contenders, { rounds, batchMs }) {
  const counts = contenders.map((c) => calibrate(c.fn, batchMs));
  const times = contenders.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = contenders.map((_, i) => i);
    if (round % 2) order.reverse();
    if (round % 3 === 2) order.push(order.shift());
    // No forced GC between batches: a full collection there made every following call
    // several times slower (lost JIT feedback), which distorts more than it evens out.
    for (const i of order) times[i].push(timeBatch(contenders[i].fn, counts[i]));
  }
  return { times, counts };
}

export function roundRatios(a, b) {
  return a.map((value, i) => value / b[i]);
}

export function keep(value) {
  sink = value;
  return sink;
}

// ---------------------------------------------------------------------------------------------
// Child processes

/** The environment for measured processes: no inherited NODE_OPTIONS, no colours. */
export function cleanEnv(extra = {}) {
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.NODE_OPTIONS;
  return { ...env, ...extra };
}

/**
 * Runs a command once and returns its wall time, exit code and output. With `rss`, a preload
 * script records every Node process's peak RSS (KiB) into a file, read back here.
 */
export function runTimed(command, args, { cwd = ROOT, rss = false } = {}) {
  let rssFile;
  const extra = {};
  if (rss) {
    rssFile = path.join(CORPUS, '.build', `rss-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
    mkdirSync(path.dirname(rssFile), { recursive: true });
    rmSync(rssFile, { force: true });
    extra.NODE_OPTIONS = `--require=${RSS_PRELOAD}`;
    extra.BENCH_RSS_FILE = rssFile;
  }
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env: cleanEnv(extra), encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw new BenchError(`${command} ${args.join(' ')}: ${result.error.message}`);
  let processes = [];
  if (rssFile) {
    check(existsSync(rssFile), `no peak-RSS record from ${args.join(' ')} (preload not run?)`);
    processes = readFileSync(rssFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [pid, kib, ...argv] = line.split(' ');
        return { pid: Number(pid), maxRssKiB: Number(kib), argv: argv.join(' ') };
      });
    rmSync(rssFile, { force: true });
  }
  return {
    wallMs,
    code: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
    processes,
    // Processes of one tool may overlap in time; the largest one is its peak, the sum an upper bound.
    maxRssKiB: processes.length ? Math.max(...processes.map((p) => p.maxRssKiB)) : undefined,
  };
}

/**
 * The built language server (`dist/server.js --stdio`) started and initialised as a pull-diagnostics
 * client would: `settings` answer its configuration requests. Returns the process and the connection.
 */
export async function startServer(settings = {}) {
  const lsp = createRequire(import.meta.url)('vscode-languageserver-protocol/node');
  const proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { cwd: ROOT, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = lsp.createProtocolConnection(new lsp.StreamMessageReader(proc.stdout), new lsp.StreamMessageWriter(proc.stdin));
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', () => undefined);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  await connection.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { textDocument: { diagnostic: { dynamicRegistration: false }, synchronization: { dynamicRegistration: false } }, workspace: { configuration: true } },
  });
  await connection.sendNotification(lsp.InitializedNotification.type, {});
  return { proc, connection };
}
