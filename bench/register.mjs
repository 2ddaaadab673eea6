// The document register at council scale: a 100,000-document OParl cache, a workspace of 5,000
// drafts and a full OParl sync of 100,000 papers, measured against the goals of the issue:
//
//   1. the register from the cache file (loadCache + RegisterIndex) ≤ 300 ms, in a fresh process
//   2. reference completion p99 ≤ 10 ms in-process, after warm-up
//   3. the language server's resident memory with that register ≤ 150 MB
//   4. 5,000 drafts indexed at start-up ≤ 2 s (RegisterStore.loadFolder; and the server from
//      `initialized` to its `workspace/diagnostic/refresh`)
//   5. a full OParl sync of 100,000 papers (1,000 pages) from 127.0.0.1 ≤ 30 s, an incremental
//      sync of 100 changed papers ≤ 1 s
//
//   node bench/register.mjs [--quick] [--papers N] [--drafts N] [--sync-papers N] [--rounds N] [--json FILE]
//
// These goals are absolute times and sizes, so the figures are medians over repeated rounds in
// fresh processes (with their interquartile range), and each has a floor measured side by side
// (JSON.parse of the same file, reading the same files, a server without a register) for
// orientation on a noisy machine. --quick uses smaller sizes; its figures show the goal but do
// not judge it, because the goal is stated for the full sizes. Run `npm run build` first: the
// language server under test is dist/server.js.
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Random, seedFor } from './corpus.mjs';
import { changes, ensureCache, ensureWorkspace, paperObject, papersFingerprint, paperRecords, T1, T2, T_CHANGE } from './register-corpus.mjs';
import {
  BENCH,
  BenchError,
  check,
  cleanEnv,
  CORPUS,
  figure,
  intOption,
  keep,
  loadRegisterModules,
  main,
  median,
  mib,
  now,
  options,
  printFigures,
  quantile,
  ROOT,
  spread,
  table,
  writeResult,
} from './lib.mjs';

const require = createRequire(import.meta.url);
const SERVER = path.join(ROOT, 'dist', 'server.js');
const CHILD = path.join(BENCH, 'register-child.mjs');
const OPARL_SERVER = path.join(BENCH, 'oparl-server.mjs');

/** The issue's goals, and the sizes they are stated for. */
export const GOALS = {
  loadMs: 300,
  completionP99Ms: 10,
  serverRssMiB: 150,
  /** From the similar-documents issue: the index adds at most 50 MB to the server's memory. */
  similarRssMiB: 50,
  folderMs: 2000,
  serverFolderMs: 2000,
  fullSyncS: 30,
  incrementalMs: 1000,
};
export const GOAL_SIZES = { papers: 100_000, drafts: 5_000, syncPapers: 100_000, changes: 100 };

const fmt = (n) => n.toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------
// Helpers

/** Runs one measurement in a fresh process (bench/register-child.mjs) and returns its JSON. */
function child(args, timeoutMs = 300_000) {
  const run = spawnSync(process.execPath, [CHILD, JSON.stringify(args)], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 26 });
  if (run.error) throw new BenchError(`register-child ${args.mode}: ${run.error.message}`);
  check(run.status === 0, `register-child ${args.mode} failed (exit ${run.status ?? run.signal}): ${run.stderr.trim().slice(0, 800)}`);
  const line = run.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line);
}

/** Fresh processes of several contenders, interleaved: the order alternates between rounds. */
function interleaveChildren(contenders, rounds, onRound) {
  /** @type {Record<string, any[]>} */
  const results = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  const names = Object.keys(contenders);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...names].reverse() : names;
    for (const name of order) results[name].push(child(contenders[name]));
    onRound?.(round, results);
  }
  return results;
}

function ms(values, digits = 0) {
  return spread(values, digits, ' ms');
}

/**
 * A figure against one of the issue's goals. Measured at a smaller size than the goal's
 * (--quick), it shows the goal but does not judge it.
 * @param {string} key
 * @param {string} label
 * @param {number} value
 * @param {{ unit?: string, digits?: number, limit: number, detail: string, size: number, goalSize: number }} options
 */
function goalFigure(key, label, value, { unit, digits, limit, detail, size, goalSize }) {
  const fig = figure(key, label, value, { unit, digits, goal: '<=', limit, detail });
  if (size >= goalSize) return fig;
  return { ...fig, met: undefined, detail: `not judged: measured at ${fmt(size)}, the goal is for ${fmt(goalSize)}; ${detail}` };
}

function fold(text) {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').toLowerCase();
}

function foldedWords(text) {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// 1. The register from the cache file, in fresh processes

function measureLoad(bundle, cache, probe, rounds) {
  console.log(`\n--- 1. register from the cache file: ${fmt(cache.count)} documents, ${(cache.bytes / 1024 / 1024).toFixed(1)} MiB, ${rounds} rounds of fresh processes`);
  const contenders = {
    load: { mode: 'load', bundle, file: cache.file, expected: cache.entries, probe },
    json: { mode: 'json', file: cache.file, expected: cache.entries },
  };
  child(contenders.load); // untimed: warms the file cache and checks the result
  const results = interleaveChildren(contenders, rounds, (round, r) =>
    console.log(
      `  round ${round + 1}/${rounds}: loadCache ${r.load[round].readParseMs.toFixed(0)} ms + RegisterIndex ${r.load[round].indexMs.toFixed(0)} ms = ${r.load[round].totalMs.toFixed(0)} ms; JSON.parse alone ${r.json[round].totalMs.toFixed(0)} ms; then the first title search ${r.load[round].firstSearchMs.toFixed(0)} ms`,
    ),
  );
  const total = results.load.map((r) => r.totalMs);
  const readParse = results.load.map((r) => r.readParseMs);
  const index = results.load.map((r) => r.indexMs);
  const floor = results.json.map((r) => r.totalMs);
  const ratio = total.map((t, i) => t / floor[i]);
  const firstSearch = results.load.map((r) => r.firstSearchMs);
  return { total, readParse, index, floor, ratio, firstSearch, firstSearchWord: results.load[0].firstSearchWord, rssKiB: median(results.load.map((r) => r.rssKiB)) };
}

// ---------------------------------------------------------------------------------------------
// 2. Completion, in-process

/**
 * What people type when they complete a reference: a number, character by character from
 * `VIII-` on (sometimes in lower case), and title words from their third letter on (sometimes
 * two words, sometimes without umlauts). Deterministic for a given register.
 */
function completionQueries(records, mixedCase) {
  const rnd = new Random(seedFor('completion-queries', records.length));
  const byPeriod = new Map();
  for (const record of records) {
    // Numbers with a lower-case letter in their code (`VIII-Ifo-…`) only where they can be
    // completed (see `mixedCaseCompletion`): the timings must be of real results.
    if (!mixedCase && record.nummer !== record.nummer.toUpperCase()) continue;
    const period = record.nummer.split('-')[0];
    if (!byPeriod.has(period)) byPeriod.set(period, []);
    byPeriod.get(period).push(record);
  }
  const periods = [...byPeriod.keys()].sort((a, b) => byPeriod.get(b).length - byPeriod.get(a).length);
  const current = byPeriod.has('VIII') ? 'VIII' : periods[0];
  const queries = [];
  for (let i = 0; i < 40; i++) {
    const period = rnd.chance(0.7) ? current : rnd.pick(periods);
    const target = rnd.pick(byPeriod.get(period));
    const lower = rnd.chance(0.1);
    for (let end = period.length + 1; end <= target.nummer.length; end++) {
      const typed = target.nummer.slice(0, end);
      queries.push({ kind: 'number', typed: lower ? typed.toLowerCase() : typed, target: end === target.nummer.length ? target : undefined });
    }
  }
  for (let i = 0; i < 30; i++) {
    const target = rnd.pick(records);
    const titleWords = target.titel.split(/[^\p{L}]+/u).filter((w) => w.length >= 5);
    if (titleWords.length === 0) {
      i--;
      continue;
    }
    const at = rnd.int(0, titleWords.length - 1);
    let phrase = titleWords[at];
    if (rnd.chance(0.3) && titleWords[at + 1]) phrase = `${phrase} ${titleWords[at + 1]}`;
    if (rnd.chance(0.15)) phrase = phrase.replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u');
    if (rnd.chance(0.3)) phrase = phrase.toLowerCase();
    for (let end = 3; end <= phrase.length; end++) {
      const typed = phrase.slice(0, end);
      if (typed.endsWith(' ')) continue;
      queries.push({ kind: 'title', typed, target: end === phrase.length ? target : undefined });
    }
  }
  return queries;
}

/** An Änderungsantrag whose `bezug:` list holds every query, one per line: completion at each line's end. */
function queryDocument(queries) {
  const head = ['---', 'art: Änderungsantrag', 'titel: Änderung zur Vorlage', 'einreicher: Freibeuter-Fraktion', 'datum: 2025-05-20', 'bezug:'];
  const lines = [...head, ...queries.map((q) => `  - ${q.typed}`), '---', '', '## Beschlussvorschlag', '', 'Der Beschlussvorschlag wird wie folgt geändert:', '', '1. Punkt 2 entfällt.', '', '## Begründung', '', 'Siehe Vorlage.', ''];
  const positions = queries.map((q, i) => ({ line: head.length + i, character: `  - ${q.typed}`.length }));
  return { text: lines.join('\n'), positions };
}

function checkResults(query, entries, what) {
  check(entries.length > 0, `${what}: completion of ${JSON.stringify(query.typed)} (${query.kind}) returned nothing`);
  if (!query.target) return;
  if (query.kind === 'number') {
    check(entries.some((e) => e.nummer === query.target.nummer), `${what}: completion of the full number ${query.typed} does not offer ${query.target.nummer}`);
  } else {
    const terms = foldedWords(query.typed);
    const first = new Set(foldedWords(entries[0].titel));
    check(
      terms.every((term) => [...first].some((word) => word.startsWith(term))),
      `${what}: title search ${JSON.stringify(query.typed)} ranks first ${entries[0].nummer} "${entries[0].titel}", which does not match`,
    );
  }
}

function measureCompletion(mod, cache, records, passes, mixedCase) {
  console.log(`\n--- 2. reference completion in-process: ${fmt(cache.count)} documents`);
  const store = new mod.RegisterStore(mod.compileProfile(mod.DEFAULT_PROFILE));
  store.loadCache(cache.file);
  check(store.cacheProblem === undefined, `cache problem: ${store.cacheProblem}`);
  const register = store.register();
  check(register.size === cache.entries, `the register has ${register.size} entries, expected ${cache.entries}`);
  const queries = completionQueries(records, mixedCase);
  const { text, positions } = queryDocument(queries);
  const service = mod.createService();
  const checkOpts = { profile: mod.DEFAULT_PROFILE, severities: {}, locale: 'de', today: '2025-06-01', host: { register: store.lookup }, configProblems: [], register: store.lookup };
  const document = { uri: 'file:///bench/bezug.aenderungsantrag.md', version: 1, text };
  const referenceItems = (i) => service.completions(document, checkOpts, positions[i]).filter((item) => item.kind === 18);
  const direct = (q) => (q.kind === 'number' ? register.complete(q.typed, 50) : register.search(q.typed, 50));

  // Correct results first (and the analysis of the document, which completion reuses, is cached).
  for (const [i, q] of queries.entries()) {
    const entries = direct(q);
    checkResults(q, entries, 'register');
    const items = referenceItems(i);
    check(items.length === entries.length && items[0].label === entries[0].nummer, `service: completion of ${JSON.stringify(q.typed)} gave ${items.length} items (${items[0]?.label}), the register ${entries.length} (${entries[0]?.nummer})`);
  }
  const counts = { number: queries.filter((q) => q.kind === 'number').length, title: queries.filter((q) => q.kind === 'title').length };
  console.log(`  ${queries.length} queries (${counts.number} number prefixes of 40 numbers, ${counts.title} title-word prefixes of 30 words); ${passes} timed passes each for the service and the register`);

  // Warm-up: two passes of each.
  for (let w = 0; w < 2; w++) {
    for (let i = 0; i < queries.length; i++) keep(referenceItems(i));
    for (const q of queries) keep(direct(q));
  }
  const serviceTimes = [];
  const registerTimes = [];
  const perQuery = queries.map(() => []);
  const passP99 = [];
  const timePass = (fn, into, perQueryInto) => {
    const pass = [];
    for (let i = 0; i < queries.length; i++) {
      const t0 = now();
      keep(fn(i));
      const t = now() - t0;
      pass.push(t);
      into.push(t);
      perQueryInto?.[i].push(t);
    }
    return pass;
  };
  for (let p = 0; p < passes; p++) {
    const serviceFirst = p % 2 === 0;
    if (!serviceFirst) timePass((i) => direct(queries[i]), registerTimes);
    const pass = timePass(referenceItems, serviceTimes, perQuery);
    passP99.push(quantile(pass, 0.99));
    if (serviceFirst) timePass((i) => direct(queries[i]), registerTimes);
  }
  const seen = new Set();
  const slowest = queries
    .map((q, i) => ({ typed: q.typed, kind: q.kind, medianMs: median(perQuery[i]), results: direct(q).length }))
    .sort((a, b) => b.medianMs - a.medianMs)
    .filter((q) => !seen.has(q.typed) && seen.add(q.typed));
  const byKind = (kind) => queries.flatMap((q, i) => (q.kind === kind ? perQuery[i] : []));
  return {
    queries: queries.length,
    counts,
    service: { p50: quantile(serviceTimes, 0.5), p99: quantile(serviceTimes, 0.99), max: Math.max(...serviceTimes), n: serviceTimes.length, passP99 },
    register: { p50: quantile(registerTimes, 0.5), p99: quantile(registerTimes, 0.99), max: Math.max(...registerTimes), n: registerTimes.length },
    number: { p50: quantile(byKind('number'), 0.5), p99: quantile(byKind('number'), 0.99) },
    title: { p50: quantile(byKind('title'), 0.5), p99: quantile(byKind('title'), 0.99) },
    slowest: slowest.slice(0, 8),
    document: { text, positions, queries },
  };
}

/**
 * Whether a typed prefix of a number whose type code has lower-case letters (Leipzig's
 * `Ifo`, Informationsvorlage) finds it: `numberKey` upper-cases what was typed, the register
 * keeps the canonical spelling, so `VIII-Ifo-0` would never match `VIII-Ifo-01234`.
 */
function mixedCaseCompletion(mod, cache, records) {
  const target = records.findLast((r) => r.nummer !== r.nummer.toUpperCase() && r.nummer.split('-').length === 3);
  if (!target) return undefined;
  const store = new mod.RegisterStore(mod.compileProfile(mod.DEFAULT_PROFILE));
  store.loadCache(cache.file);
  const register = store.register();
  check(register.get(target.nummer), `${target.nummer} is not in the register`);
  const prefix = target.nummer.slice(0, target.nummer.length - 3);
  const found = register.complete(prefix, 50).filter((e) => e.nummer.startsWith(prefix)).length;
  const typedExactly = register.complete(target.nummer, 50).some((e) => e.nummer === target.nummer);
  const searched = register.search(target.nummer, 50).some((e) => e.nummer === target.nummer);
  return { prefix, target: target.nummer, found, typedExactly, searched };
}

// ---------------------------------------------------------------------------------------------
// 3 and 4. The language server

const lsp = require('vscode-languageserver-protocol/node');

/** Client capabilities of a pull-diagnostics editor (as VS Code), with work-done progress and web symbols. */
const CAPABILITIES = {
  textDocument: {
    diagnostic: { dynamicRegistration: false },
    synchronization: { dynamicRegistration: false },
    completion: { completionItem: { snippetSupport: true, labelDetailsSupport: true } },
  },
  workspace: { configuration: true, workspaceFolders: true, symbol: { resolveSupport: { properties: ['location.range'] } } },
  window: { workDoneProgress: true },
};

function procStatus(pid) {
  const file = `/proc/${pid}/status`;
  check(existsSync(file), `${file} is missing: the server's memory is read from Linux's /proc`);
  const text = readFileSync(file, 'utf8');
  const field = (name) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(text);
    check(match, `no ${name} in ${file}`);
    return Number(match[1]);
  };
  return { rssKiB: field('VmRSS'), hwmKiB: field('VmHWM') };
}

function withTimeout(promise, timeoutMs, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new BenchError(`${what}: no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    }),
  ]);
}

/**
 * Starts dist/server.js --stdio with `xdg` as XDG_CACHE_HOME and `folder` as the workspace,
 * initializes it and waits for its `workspace/diagnostic/refresh` (the register is indexed).
 * Then reads VmRSS and VmHWM, checks that the register is the expected one (a workspace symbol
 * query for `probe`), optionally times completion requests, and shuts it down.
 */
async function runServer({ name, xdg, folder, probe, completion, settleMs, similar }) {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, env: cleanEnv({ XDG_CACHE_HOME: xdg }), stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr = [];
  proc.stderr.on('data', (chunk) => stderr.push(chunk.toString()));
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const connection = lsp.createProtocolConnection(new lsp.StreamMessageReader(proc.stdout), new lsp.StreamMessageWriter(proc.stdin));
  /** @type {any[]} */
  const logs = [];
  /** @type {number | undefined} */
  let refreshAt;
  let resolveRefresh;
  const refreshed = new Promise((resolve) => {
    resolveRefresh = resolve;
  });
  connection.onRequest('workspace/diagnostic/refresh', () => {
    if (refreshAt === undefined) {
      refreshAt = now();
      resolveRefresh();
    }
    return null;
  });
  // With `similar.off`, the editor's settings turn the similar-documents rule off.
  const settings = similar?.off ? { regeln: { 'aehnliches-dokument': 'aus' } } : {};
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', () => undefined);
  connection.onNotification('window/logMessage', (params) => void logs.push(params));
  connection.onNotification('window/showMessage', (params) => void logs.push(params));
  connection.onNotification('textDocument/publishDiagnostics', () => undefined);
  connection.listen();
  try {
    const t0 = now();
    await withTimeout(
      connection.sendRequest(lsp.InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(folder).href,
        capabilities: CAPABILITIES,
        workspaceFolders: [{ uri: pathToFileURL(folder).href, name: path.basename(folder) }],
        locale: 'de',
      }),
      60_000,
      `${name}: initialize`,
    );
    const initializedAt = now();
    await connection.sendNotification(lsp.InitializedNotification.type, {});
    await withTimeout(refreshed, 180_000, `${name}: workspace/diagnostic/refresh after initialized (stderr: ${stderr.join('').slice(0, 300)})`);
    const memory = procStatus(proc.pid);
    /** @type {Record<string, any>} */
    const result = { initializeMs: initializedAt - t0, indexMs: /** @type {number} */ (refreshAt) - initializedAt, ...memory };

    // Is the register the expected one? (After the memory reading, so as not to change it.)
    const symbols = await connection.sendRequest(lsp.WorkspaceSymbolRequest.type, { query: probe?.nummer ?? 'VIII-DS-0' });
    if (probe) {
      check(
        symbols?.some((s) => s.name.startsWith(`${probe.nummer} `) || s.name === probe.nummer),
        `${name}: the server does not know ${probe.nummer} (workspace/symbol gave ${JSON.stringify(symbols?.slice(0, 3))})`,
      );
    } else {
      check(Array.isArray(symbols) && symbols.length === 0, `${name}: a server without register found symbols: ${JSON.stringify(symbols?.slice(0, 3))}`);
    }
    const problems = logs.filter((l) => l.type <= 2);
    check(problems.length === 0, `${name}: the server reported problems: ${problems.map((l) => l.message).join(' | ').slice(0, 500)}`);

    if (settleMs) {
      // Memory once the server has been used and left alone: a title search first (the word
      // index may be built lazily), then VmRSS while idle; V8 returns the garbage of loading
      // to the system only after a while.
      const found = await connection.sendRequest(lsp.WorkspaceSymbolRequest.type, { query: 'Sanierung' });
      check((found?.length ?? 0) > 0, `${name}: a title search for "Sanierung" found nothing`);
      const samples = [];
      const idleFrom = now();
      while (now() - idleFrom < settleMs) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        samples.push({ atMs: now() - idleFrom, ...procStatus(proc.pid) });
      }
      const lowest = samples.reduce((a, b) => (b.rssKiB < a.rssKiB ? b : a));
      result.settled = { rssKiB: lowest.rssKiB, atMs: lowest.atMs, afterSearchKiB: samples[0].rssKiB, idleMs: settleMs };
    }

    if (similar) {
      // The first check of a draft: the similar-documents rule builds its index over the
      // register (unless it is off), and VmRSS is read once the diagnostics are there.
      const uri = pathToFileURL(path.join(folder, 'aehnlich.antrag.md')).href;
      await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: similar.text } });
      const report = await withTimeout(connection.sendRequest(lsp.DocumentDiagnosticRequest.type, { textDocument: { uri } }), 60_000, `${name}: diagnostics of the draft`);
      const found = report.items.some((d) => d.code === 'aehnliches-dokument');
      check(found === !similar.off, `${name}: the similar-documents finding is ${found ? 'there' : 'missing'} with the rule ${similar.off ? 'off' : 'on'}`);
      result.afterDraft = procStatus(proc.pid);
    }

    if (completion) {
      const { text, positions, queries } = completion.document;
      const uri = pathToFileURL(path.join(folder, 'bezug.aenderungsantrag.md')).href;
      await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const ask = (i) => connection.sendRequest(lsp.CompletionRequest.type, { textDocument: { uri }, position: positions[i] });
      const sample = positions.map((_, i) => i).filter((i) => i % completion.every === 0);
      for (const i of sample.slice(0, 20)) await ask(i); // warm-up, and the document's analysis
      const times = [];
      for (const i of sample) {
        const t = now();
        const answer = await ask(i);
        times.push(now() - t);
        const items = (Array.isArray(answer) ? answer : (answer?.items ?? [])).filter((item) => item.kind === 18);
        check(items.length > 0, `${name}: LSP completion of ${JSON.stringify(queries[i].typed)} returned nothing`);
      }
      result.completionMs = times;
    }
    return result;
  } finally {
    await connection.sendRequest(lsp.ShutdownRequest.type).catch(() => undefined);
    await connection.sendNotification(lsp.ExitNotification.type).catch(() => undefined);
    const timer = setTimeout(() => proc.kill(), 3000);
    await exited;
    clearTimeout(timer);
    connection.dispose();
  }
}

/** An Antrag titled `titel`: a register document of that title is as similar as can be. */
function similarDraft(titel) {
  return `---\nart: Antrag\ntitel: ${JSON.stringify(titel)}\neinreicher: Freibeuter-Fraktion\ndatum: 2025-05-14\n---\n\n## Beschlussvorschlag\n\nDer Oberbürgermeister wird beauftragt, das Vorhaben umzusetzen.\n\n## Begründung\n\nDas Vorhaben ist nötig.\n`;
}

async function measureServer({ cache, workspace, rounds, completion, cacheProbe, settleMs }) {
  console.log(`\n--- 3/4. language server (dist/server.js --stdio): ${rounds} rounds of six configurations`);
  const temp = mkdtempSync(path.join(os.tmpdir(), 'ratsfeder-bench-'));
  try {
    const noCache = path.join(temp, 'xdg-empty');
    const withCache = path.join(temp, 'xdg-register');
    const empty = path.join(temp, 'arbeitsbereich-leer');
    mkdirSync(noCache, { recursive: true });
    mkdirSync(path.join(withCache, 'ratsfeder'), { recursive: true });
    mkdirSync(empty, { recursive: true });
    copyFileSync(cache.file, path.join(withCache, 'ratsfeder', path.basename(cache.file)));
    const configs = {
      baseline: { label: 'no register, empty folder', xdg: noCache, folder: empty },
      cache: { label: `${fmt(cache.count)}-document cache, empty folder`, xdg: withCache, folder: empty, probe: cacheProbe, completion },
      drafts: { label: `no cache, ${fmt(workspace.drafts)} drafts`, xdg: noCache, folder: workspace.dir, probe: { nummer: workspace.probe } },
      both: { label: `${fmt(cache.count)}-document cache and ${fmt(workspace.drafts)} drafts`, xdg: withCache, folder: workspace.dir, probe: { nummer: workspace.probe } },
      // A draft titled like a register document, checked with the similar-documents rule on and off.
      similarOn: { label: `${fmt(cache.count)}-document cache, a draft checked`, xdg: withCache, folder: empty, probe: cacheProbe, similar: { text: similarDraft(cacheProbe.titel) } },
      similarOff: { label: `${fmt(cache.count)}-document cache, a draft checked, rule aehnliches-dokument off`, xdg: withCache, folder: empty, probe: cacheProbe, similar: { text: similarDraft(cacheProbe.titel), off: true } },
    };
    const names = Object.keys(configs);
    /** @type {Record<string, any[]>} */
    const results = Object.fromEntries(names.map((n) => [n, []]));
    for (let round = 0; round < rounds; round++) {
      const order = names.map((_, i) => names[(i + round) % names.length]);
      for (const name of order) {
        // Once per run, the memory of the server with the register after a while of idling.
        const r = await runServer({ name, ...configs[name], settleMs: name === 'cache' && round === 0 ? settleMs : undefined });
        results[name].push(r);
        console.log(
          `  round ${round + 1}/${rounds} ${name.padEnd(10)}${r.afterDraft ? ` after the draft's check VmRSS ${mib(r.afterDraft.rssKiB)};` : ''} initialized → refresh ${r.indexMs.toFixed(0).padStart(5)} ms, VmRSS ${mib(r.rssKiB)}, VmHWM ${mib(r.hwmKiB)}${r.completionMs ? `, LSP completion p50 ${quantile(r.completionMs, 0.5).toFixed(1)} ms` : ''}${r.settled ? `; idle: VmRSS ${mib(r.settled.afterSearchKiB)} after a title search, lowest ${mib(r.settled.rssKiB)} after ${(r.settled.atMs / 1000).toFixed(1)} s` : ''}`,
        );
      }
    }
    return { configs, results };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// 4. RegisterStore.loadFolder, in fresh processes

function measureFolder(bundle, workspace, rounds) {
  console.log(`\n--- 4. RegisterStore.loadFolder: ${fmt(workspace.drafts)} drafts (${workspace.numbered} with a number) and a register file of ${workspace.fileEntries} entries, ${(workspace.bytes / 1024 / 1024).toFixed(1)} MiB; ${rounds} rounds of fresh processes`);
  const contenders = {
    folder: { mode: 'folder', bundle, dir: workspace.dir, drafts: workspace.drafts, numbered: workspace.numbered, fileEntries: workspace.fileEntries, probe: workspace.probe },
    files: { mode: 'files', dir: workspace.dir, drafts: workspace.drafts },
  };
  child(contenders.folder);
  const results = interleaveChildren(contenders, rounds, (round, r) =>
    console.log(`  round ${round + 1}/${rounds}: loadFolder ${r.folder[round].loadFolderMs.toFixed(0)} ms + register() ${r.folder[round].registerMs.toFixed(0)} ms; reading the files alone ${r.files[round].totalMs.toFixed(0)} ms`),
  );
  const total = results.folder.map((r) => r.totalMs);
  const floor = results.files.map((r) => r.totalMs);
  return { total, loadFolder: results.folder.map((r) => r.loadFolderMs), register: results.folder.map((r) => r.registerMs), floor, ratio: total.map((t, i) => t / floor[i]) };
}

// ---------------------------------------------------------------------------------------------
// 5. OParl sync against a local server

async function startOparl(papers, changeCount) {
  const proc = spawn(process.execPath, [OPARL_SERVER, '--papers', String(papers), '--changes', String(changeCount), '--lifetime-s', '1800'], { cwd: ROOT, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr = [];
  proc.stderr.on('data', (chunk) => stderr.push(chunk.toString()));
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    let buffer = '';
    proc.stdout.on('data', (chunk) => {
      buffer += chunk.toString();
      const newline = buffer.indexOf('\n');
      if (newline >= 0) resolve(JSON.parse(buffer.slice(0, newline)));
    });
    proc.once('exit', (code) => reject(new BenchError(`the OParl server exited (${code}) before it was ready: ${stderr.join('').slice(0, 500)}`)));
  });
  const info = await withTimeout(ready, 120_000, 'the OParl server');
  // A fresh connection per request (no keep-alive): the server closes idle connections after
  // 5 s, and a pooled one could be reused just as it closes.
  const get = (pathname) =>
    new Promise((resolve, reject) => {
      const request = http.get(`${info.base}${pathname}`, { agent: false }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          if (response.statusCode !== 200) return reject(new BenchError(`OParl server ${pathname}: HTTP ${response.statusCode}`));
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        });
        response.on('error', reject);
      });
      request.on('error', (error) => reject(new BenchError(`OParl server ${pathname}: ${error.message} (server stderr: ${stderr.join('').slice(0, 300)})`)));
    });
  return {
    ...info,
    get,
    async stop() {
      await get('/bench/stop').catch(() => undefined);
      proc.stdin.end();
      const timer = setTimeout(() => proc.kill(), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The papers a correct sync produces (full at T1; after the changes at T2), as fingerprints. */
function expectedSyncs(mod, records, change, base) {
  const scanner = mod.compileProfile(mod.DEFAULT_PROFILE).scanner;
  const papers = new Map();
  for (const record of records) {
    const paper = paperObject(record, base);
    papers.set(paper.id, mod.paperToEntry(paper, scanner));
  }
  const full = papersFingerprint(papers);
  for (const { kind, record } of change.list) {
    const paper = paperObject(record, base, T_CHANGE);
    if (kind === 'deleted') papers.delete(paper.id);
    else papers.set(paper.id, mod.paperToEntry(paper, scanner));
  }
  return { full, incremental: papersFingerprint(papers), size: papers.size };
}

async function measureSync(mod, bundle, { papers, changeCount, fullRounds, incrementalRounds }) {
  console.log(`\n--- 5. OParl sync: ${fmt(papers)} papers (${Math.ceil(papers / 100)} pages of 100) from a local server; then ${changeCount} changed papers`);
  const t0 = now();
  const server = await startOparl(papers, changeCount);
  console.log(`  OParl server ready in ${((now() - t0) / 1000).toFixed(1)} s at ${server.base} (${server.pages} pages, gzip ${server.gzip ? 'on' : 'off'})`);
  try {
    const records = paperRecords(papers);
    const change = changes(records, changeCount);
    const expected = expectedSyncs(mod, records, change, server.base);
    const previousFile = path.join(CORPUS, '.build', 'sync', 'oparl-register.json');
    rmSync(path.dirname(previousFile), { recursive: true, force: true });
    const full = [];
    for (let round = 0; round < fullRounds; round++) {
      const r = child(
        {
          mode: 'sync',
          bundle,
          system: server.system,
          now: T1,
          fingerprint: expected.full,
          save: round === 0 ? previousFile : undefined,
          expect: { mode: 'full', pages: 1 + server.pages, bodies: 1, papers, changed: papers, deleted: 0, skipped: 0, size: papers },
        },
        600_000,
      );
      full.push(r);
      console.log(`  full sync ${round + 1}/${fullRounds}: ${(r.syncMs / 1000).toFixed(2)} s, ${r.pages} pages, ${fmt(r.papers)} papers${r.saveMs === undefined ? '' : `; saveCache ${r.saveMs.toFixed(0)} ms`}, peak RSS of the process ≥ ${mib(r.rssKiB)}`);
    }
    await server.get('/bench/epoch?n=1');
    const incremental = [];
    for (let round = 0; round < incrementalRounds; round++) {
      const r = child({
        mode: 'sync',
        bundle,
        system: server.system,
        now: T2,
        previous: previousFile,
        fingerprint: expected.incremental,
        expect: { mode: 'incremental', pages: 2, bodies: 1, papers: change.list.length, changed: change.modified + change.added, deleted: change.deleted, skipped: 0, size: expected.size },
      });
      incremental.push(r);
      console.log(`  incremental sync ${round + 1}/${incrementalRounds}: ${r.syncMs.toFixed(0)} ms, ${r.papers} papers (${r.changed} changed, ${r.deleted} deleted)`);
    }
    const stats = await server.get('/bench/stats');
    return { full, incremental, stats, pages: server.pages, change };
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------

main(async () => {
  const opts = options(process.argv.slice(2), ['papers', 'drafts', 'sync-papers', 'rounds']);
  const quick = opts.quick;
  const sizes = {
    papers: intOption(opts, 'papers', quick ? 20_000 : GOAL_SIZES.papers),
    drafts: intOption(opts, 'drafts', quick ? 1_000 : GOAL_SIZES.drafts),
    syncPapers: intOption(opts, 'sync-papers', quick ? 10_000 : GOAL_SIZES.syncPapers),
    changes: GOAL_SIZES.changes,
  };
  const rounds = intOption(opts, 'rounds', quick ? 5 : 11);
  const plan = {
    load: rounds,
    passes: quick ? 3 : 5,
    server: quick ? 2 : 5,
    folder: quick ? 3 : 7,
    fullSync: quick ? 2 : 3,
    incremental: quick ? 5 : 9,
    settleMs: quick ? 10_000 : 25_000,
  };
  check(existsSync(SERVER), 'dist/server.js is missing: run `npm run build` first');
  check(process.platform === 'linux', 'the server memory figures read /proc: this benchmark runs on Linux');

  const started = now();
  const { mod, file: bundle } = await loadRegisterModules();
  const cache = ensureCache(mod, sizes.papers);
  const workspace = ensureWorkspace(sizes.drafts);
  const records = paperRecords(sizes.papers);
  const last = records[records.length - 1];
  const probe = { nummer: last.nummer, titel: last.titel };
  console.log(`corpus: cache ${path.relative(ROOT, cache.file)} (${fmt(cache.count)} documents, ${(cache.bytes / 1024 / 1024).toFixed(1)} MiB); workspace ${path.relative(ROOT, workspace.dir)} (${fmt(workspace.drafts)} drafts); ready in ${((now() - started) / 1000).toFixed(1)} s`);

  const load = measureLoad(bundle, cache, probe, plan.load);
  const mixed = mixedCaseCompletion(mod, cache, records);
  if (mixed) {
    console.log(
      `  mixed-case type code: completing ${JSON.stringify(mixed.prefix)} offers ${mixed.found} numbers; the full ${mixed.target} typed ${mixed.typedExactly ? 'is' : 'is NOT'} offered, searched ${mixed.searched ? 'is' : 'is NOT'} found`,
    );
  }
  const completion = measureCompletion(mod, cache, records, plan.passes, mixed === undefined || (mixed.found > 0 && mixed.typedExactly));
  console.log(
    table([
      ['slowest completions (service, median)', 'kind', 'results', 'ms'],
      ...completion.slowest.map((s) => [JSON.stringify(s.typed), s.kind, s.results, s.medianMs.toFixed(2)]),
    ]),
  );
  const folder = measureFolder(bundle, workspace, plan.folder);
  const server = await measureServer({ cache, workspace, rounds: plan.server, completion: { document: completion.document, every: quick ? 4 : 2 }, cacheProbe: probe, settleMs: plan.settleMs });
  const sync = await measureSync(mod, bundle, { papers: sizes.syncPapers, changeCount: sizes.changes, fullRounds: plan.fullSync, incrementalRounds: plan.incremental });

  // -------------------------------------------------------------------------------------------
  const s = server.results;
  const field = (name, key) => s[name].map((r) => r[key]);
  const lspCompletion = s.cache.flatMap((r) => r.completionMs);
  const registerRss = field('cache', 'rssKiB').map((v, i) => v - s.baseline[i].rssKiB);
  const similarRss = s.similarOn.map((r, i) => r.afterDraft.rssKiB - s.similarOff[i].afterDraft.rssKiB);
  const fullS = sync.full.map((r) => r.syncMs / 1000);
  const incMs = sync.incremental.map((r) => r.syncMs);
  const n = fmt(sizes.papers);
  const figures = [
    goalFigure('register.load', `register of ${n} documents from the cache file (loadCache + RegisterIndex, fresh process)`, median(load.total), {
      unit: 'ms',
      digits: 0,
      limit: GOALS.loadMs,
      size: sizes.papers,
      goalSize: GOAL_SIZES.papers,
      detail: `${ms(load.total)}; of which loadCache ${median(load.readParse).toFixed(0)} ms, RegisterIndex ${median(load.index).toFixed(0)} ms`,
    }),
    figure('register.loadVsParse', 'register from the cache file ÷ JSON.parse of the same file', median(load.ratio), { detail: `${spread(load.ratio)}; JSON.parse alone ${median(load.floor).toFixed(0)} ms` }),
    figure('register.firstSearch', 'first title search after loading the register (fresh process)', median(load.firstSearch), {
      unit: 'ms',
      digits: 0,
      detail: `${ms(load.firstSearch)}; "${load.firstSearchWord}"; the completion figures below are after warm-up and do not include it`,
    }),
    goalFigure('register.completionP99', `reference completion p99, service in-process, ${n} documents`, completion.service.p99, {
      unit: 'ms',
      digits: 2,
      limit: GOALS.completionP99Ms,
      size: sizes.papers,
      goalSize: GOAL_SIZES.papers,
      detail: `p50 ${completion.service.p50.toFixed(2)} ms, max ${completion.service.max.toFixed(1)} ms, n=${completion.service.n} (${completion.queries} queries × ${plan.passes} passes); p99 per pass ${spread(completion.service.passP99, 2, ' ms')}`,
    }),
    figure('register.completionP50', 'reference completion p50, service in-process', completion.service.p50, {
      unit: 'ms',
      digits: 2,
      detail: `number prefixes p50 ${completion.number.p50.toFixed(2)} / p99 ${completion.number.p99.toFixed(2)} ms; title words p50 ${completion.title.p50.toFixed(2)} / p99 ${completion.title.p99.toFixed(2)} ms`,
    }),
    ...(mixed
      ? [
          figure('register.mixedCase', `completion of numbers with a lower-case type code (typed ${JSON.stringify(mixed.prefix)})`, mixed.found > 0 && mixed.typedExactly ? 'works' : 'nothing offered', {
            goal: '==',
            limit: 'works',
            detail: `${mixed.found} of the register's numbers offered for ${JSON.stringify(mixed.prefix)}; ${mixed.target} typed in full ${mixed.typedExactly ? 'is' : 'is not'} offered; searching it ${mixed.searched ? 'finds' : 'does not find'} it${mixed.found > 0 && mixed.typedExactly ? '' : ' (the typed prefix is upper-cased, the canonical number is not)'}`,
          }),
        ]
      : []),
    figure('register.registerP99', 'register.complete/search alone p99 (limit 50)', completion.register.p99, { unit: 'ms', digits: 2, detail: `p50 ${completion.register.p50.toFixed(2)} ms, max ${completion.register.max.toFixed(1)} ms, n=${completion.register.n}` }),
    figure('register.lspCompletion', 'completion round trip over LSP (stdio), p99', quantile(lspCompletion, 0.99), { unit: 'ms', digits: 1, detail: `p50 ${quantile(lspCompletion, 0.5).toFixed(1)} ms, n=${lspCompletion.length} over ${plan.server} servers` }),
    goalFigure('register.serverRss', `language server VmRSS with the ${n}-document register, after indexing`, median(field('cache', 'rssKiB')), {
      unit: 'KiB',
      limit: GOALS.serverRssMiB * 1024,
      size: sizes.papers,
      goalSize: GOAL_SIZES.papers,
      detail: `${spread(field('cache', 'rssKiB').map((v) => v / 1024), 1, ' MiB')}; without register ${mib(median(field('baseline', 'rssKiB')))}, so the register adds ${mib(median(registerRss))}`,
    }),
    ...(s.cache[0].settled
      ? [
          figure('register.serverRssIdle', `language server VmRSS with the ${n}-document register, used and then idle`, s.cache[0].settled.rssKiB, {
            unit: 'KiB',
            detail: `lowest within ${(s.cache[0].settled.idleMs / 1000).toFixed(0)} s of idling, after ${(s.cache[0].settled.atMs / 1000).toFixed(1)} s; ${mib(s.cache[0].settled.afterSearchKiB)} right after a title search (one server)`,
          }),
        ]
      : []),
    goalFigure('register.similarRss', `VmRSS the similarity index adds to the language server, ${n}-document register`, median(similarRss), {
      unit: 'KiB',
      limit: GOALS.similarRssMiB * 1024,
      size: sizes.papers,
      goalSize: GOAL_SIZES.papers,
      detail: `${spread(similarRss.map((v) => v / 1024), 1, ' MiB')}; VmRSS after the first check of a draft, rule aehnliches-dokument on ${mib(median(s.similarOn.map((r) => r.afterDraft.rssKiB)))} and off ${mib(median(s.similarOff.map((r) => r.afterDraft.rssKiB)))}`,
    }),
    figure('register.serverHwm', `language server peak VmHWM with the ${n}-document register`, median(field('cache', 'hwmKiB')), {
      unit: 'KiB',
      detail: `max ${mib(Math.max(...field('cache', 'hwmKiB')))}; without register ${mib(median(field('baseline', 'hwmKiB')))}`,
    }),
    figure('register.serverCacheIndex', `language server initialized → refresh, ${n}-document cache`, median(field('cache', 'indexMs')), { unit: 'ms', digits: 0, detail: `${ms(field('cache', 'indexMs'))}; without register ${median(field('baseline', 'indexMs')).toFixed(0)} ms` }),
    goalFigure('register.folder', `${fmt(sizes.drafts)} drafts indexed (RegisterStore.loadFolder + register(), fresh process)`, median(folder.total), {
      unit: 'ms',
      digits: 0,
      limit: GOALS.folderMs,
      size: sizes.drafts,
      goalSize: GOAL_SIZES.drafts,
      detail: `${ms(folder.total)}; ${spread(folder.ratio, 1)} the time to read the files (${median(folder.floor).toFixed(0)} ms)`,
    }),
    goalFigure('register.serverFolder', `language server initialized → refresh, ${fmt(sizes.drafts)} drafts`, median(field('drafts', 'indexMs')), {
      unit: 'ms',
      digits: 0,
      limit: GOALS.serverFolderMs,
      size: sizes.drafts,
      goalSize: GOAL_SIZES.drafts,
      detail: `${ms(field('drafts', 'indexMs'))}; VmRSS ${mib(median(field('drafts', 'rssKiB')))}`,
    }),
    figure('register.serverBoth', `language server initialized → refresh, ${n}-document cache and ${fmt(sizes.drafts)} drafts`, median(field('both', 'indexMs')), {
      unit: 'ms',
      digits: 0,
      detail: `${ms(field('both', 'indexMs'))}; VmRSS ${mib(median(field('both', 'rssKiB')))}, VmHWM ${mib(median(field('both', 'hwmKiB')))}`,
    }),
    goalFigure('register.syncFull', `full OParl sync of ${fmt(sizes.syncPapers)} papers (${sync.pages} pages) from 127.0.0.1`, median(fullS), {
      unit: 's',
      digits: 2,
      limit: GOALS.fullSyncS,
      size: sizes.syncPapers,
      goalSize: GOAL_SIZES.syncPapers,
      detail: `${spread(fullS, 2, ' s')}; ${(median(fullS) * 1000 / sync.pages).toFixed(1)} ms per page; saveCache afterwards ${sync.full[0].saveMs.toFixed(0)} ms`,
    }),
    goalFigure('register.syncIncremental', `incremental OParl sync of ${sizes.changes} changed papers (register of ${fmt(sizes.syncPapers)})`, median(incMs), {
      unit: 'ms',
      digits: 0,
      limit: GOALS.incrementalMs,
      size: sizes.syncPapers,
      goalSize: GOAL_SIZES.syncPapers,
      detail: `${ms(incMs)}; ${sync.change.modified} changed, ${sync.change.deleted} deleted, ${sync.change.added} new`,
    }),
  ];
  printFigures(figures);
  writeResult(opts.json, {
    name: 'register',
    title: 'The document register at council scale',
    figures,
    info: {
      quick,
      sizes,
      plan,
      cacheBytes: cache.bytes,
      workspace: { drafts: workspace.drafts, numbered: workspace.numbered, fileEntries: workspace.fileEntries, bytes: workspace.bytes },
      load: { totalMs: median(load.total), readParseMs: median(load.readParse), indexMs: median(load.index), jsonParseMs: median(load.floor), firstSearchMs: median(load.firstSearch) },
      completion: { queries: completion.queries, counts: completion.counts, service: completion.service, register: completion.register, number: completion.number, title: completion.title, slowest: completion.slowest },
      server: Object.fromEntries(
        Object.entries(server.results).map(([name, list]) => [
          name,
          { label: server.configs[name].label, indexMs: median(list.map((r) => r.indexMs)), rssKiB: median(list.map((r) => r.rssKiB)), hwmKiB: median(list.map((r) => r.hwmKiB)) },
        ]),
      ),
      serverIdle: s.cache[0].settled,
      folder: { totalMs: median(folder.total), loadFolderMs: median(folder.loadFolder), registerMs: median(folder.register), readFilesMs: median(folder.floor) },
      sync: {
        fullS: median(fullS),
        incrementalMs: median(incMs),
        pages: sync.pages,
        saveMs: sync.full[0].saveMs,
        bytesSent: sync.stats.bytesSent,
        requests: sync.stats.requests,
        fullRounds: plan.fullSync,
        incrementalRounds: plan.incremental,
      },
    },
  });
});
