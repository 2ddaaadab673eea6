// The spelling rule `rechtschreibung`: what it costs and how well it does.
//
// - Loading the dictionary (the shipped dist/hunspell-de.js: Hunspell in WebAssembly with
//   igerman98) in a fresh process, several rounds: time and the RSS it adds.
// - The language server's RSS with its spelling thread loaded (a draft with a typo open, until
//   the typo is reported) against the same server with the rule off; and the time to the first
//   diagnostics of both (the thread is off that path).
// - Keystroke cost: `checkText` on an example draft (examples/) after a one-character edit,
//   with the rule on and off, side by side (alternating order) in one process. As in the
//   editor, words already answered are memoised and a new word is asked after the analysis
//   (not timed), so only the changed text costs.
// - Suggestions for a flagged word (planted typos of test/rechtschreibung-eval/), p50 and p99.
// - The evaluation on real titles (test/rechtschreibung-eval.test.ts), whose figures this
//   step asks the test for.
//
//   node bench/spelling.mjs [--quick] [--json FILE]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { check, cleanEnv, startServer, figure, loadBundle, main, median, now, options, printFigures, quantile, ROOT, spread, writeResult } from './lib.mjs';

const lsp = createRequire(import.meta.url)('vscode-languageserver-protocol/node');

const GOALS = { keystrokeMs: 2, loadMs: 300, loadMiB: 60 };
const ENGINE = path.join(ROOT, 'dist', 'hunspell-de.js');
const SERVER = path.join(ROOT, 'dist', 'server.js');
const DRAFT = path.join(ROOT, 'examples', 'verwaltungsdigitalisierung.antrag.md');

main(async () => {
  const opts = options(process.argv.slice(2));
  const quick = opts.quick;
  check(existsSync(ENGINE) && existsSync(SERVER), 'dist/ is missing: run npm run build first');

  const load = loadRounds(quick ? 3 : 7);
  const server = await serverRounds(quick ? 1 : 3);
  const keystroke = await keystrokes(quick ? 300 : 1000);
  const suggestions = await suggestionTimes(quick ? 12 : 40);
  const evaluation = quick ? undefined : evaluate();

  const figures = [
    figure('spelling.load', 'spelling dictionary loaded in a fresh process (Hunspell WASM + igerman98)', median(load.ms), { unit: 'ms', digits: 0, goal: '<=', limit: GOALS.loadMs, detail: `${spread(load.ms, 0, ' ms')}` }),
    figure('spelling.loadRss', 'RSS the loaded dictionary adds to a fresh process', median(load.rssMiB), { unit: 'MiB', digits: 1, goal: '<=', limit: GOALS.loadMiB, detail: `${spread(load.rssMiB, 1, ' MiB')}; peak RSS of the process ${median(load.peakMiB).toFixed(1)} MiB` }),
    figure('spelling.serverRss', 'language server VmRSS its spelling thread adds (loaded, typo reported) vs rule off', median(server.gainMiB), { unit: 'MiB', digits: 1, goal: '<=', limit: GOALS.loadMiB, detail: `${spread(server.gainMiB, 1, ' MiB')}; on ${median(server.onMiB).toFixed(1)} MiB, off ${median(server.offMiB).toFixed(1)} MiB; spelling answered ${median(server.answeredMs).toFixed(0)} ms after the first diagnostics` }),
    figure('spelling.firstDiagnostics', 'first diagnostics of a draft, rule on ÷ rule off (the thread loads beside them)', median(server.firstRatio), { unit: '×', digits: 2, detail: `${spread(server.firstRatio)}; on ${median(server.firstOnMs).toFixed(0)} ms, off ${median(server.firstOffMs).toFixed(0)} ms from didOpen` }),
    figure('spelling.keystroke', 'keystroke cost of the rule: checkText p99 rule on − rule off, example draft, one-character edits', keystroke.p99On - keystroke.p99Off, { unit: 'ms', digits: 2, goal: '<=', limit: GOALS.keystrokeMs, detail: `p99 on ${keystroke.p99On.toFixed(2)} ms, off ${keystroke.p99Off.toFixed(2)} ms; p50 on ${keystroke.p50On.toFixed(2)} ms, off ${keystroke.p50Off.toFixed(2)} ms; ${keystroke.count} keystrokes, alternating order; ${keystroke.asked} new words asked between keystrokes` }),
    figure('spelling.suggest', 'suggestions for a flagged word, p99 (the likely slips checked against the dictionary, fresh words)', quantile(suggestions, 0.99), { unit: 'ms', digits: 0, detail: `p50 ${quantile(suggestions, 0.5).toFixed(0)} ms, max ${Math.max(...suggestions).toFixed(0)} ms, ${suggestions.length} planted typos` }),
  ];
  if (evaluation) figures.push(...evaluationFigures(evaluation));
  printFigures(figures);
  writeResult(opts.json, { name: 'spelling', title: 'Spelling', figures, info: { quick, load, server, keystroke, suggestions: { count: suggestions.length }, evaluation } });
});

// ---------------------------------------------------------------------------------------------

/** Fresh processes: RSS before and after `loadEngine()` of the shipped bundle, and its time. */
function loadRounds(rounds) {
  const script = `
    const before = process.memoryUsage().rss;
    const start = performance.now();
    require(${JSON.stringify(ENGINE)}).loadEngine().then((engine) => {
      const ms = performance.now() - start;
      if (!engine.correct('Schulsporthallensanierung') || engine.correct('Schulsporthalensanierung')) throw new Error('wrong answers');
      const after = process.memoryUsage().rss;
      process.stdout.write(JSON.stringify({ ms, rss: after - before, peak: process.resourceUsage().maxRSS * 1024 }));
    });`;
  /** @type {{ ms: number[], rssMiB: number[], peakMiB: number[] }} */
  const out = { ms: [], rssMiB: [], peakMiB: [] };
  for (let round = 0; round < rounds; round++) {
    const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8' });
    check(run.status === 0, `loading the dictionary failed: ${run.stderr}`);
    const result = JSON.parse(run.stdout);
    out.ms.push(result.ms);
    out.rssMiB.push(result.rss / 1024 / 1024);
    out.peakMiB.push(result.peak / 1024 / 1024);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

function vmRss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
}

/** One server: a draft with a typo open; with the rule on, until the typo is reported. */
async function serverOnce(ruleOn) {
  const settings = ruleOn ? {} : { regeln: { rechtschreibung: 'aus' } };
  const { proc, connection } = await startServer(settings);
  const uri = 'file:///bench/spelling.antrag.md';
  const text = `${readFileSync(DRAFT, 'utf8')}\nDie Antraege der Elternvertretung sind unbeantwortet.\n`;
  const opened = now();
  await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const first = await connection.sendRequest(lsp.DocumentDiagnosticRequest.type, { textDocument: { uri } });
  const firstMs = now() - opened;
  check(first.kind === 'full', 'no full diagnostic report');
  let answeredMs;
  if (ruleOn) {
    const until = now() + 20_000;
    for (;;) {
      const report = await connection.sendRequest(lsp.DocumentDiagnosticRequest.type, { textDocument: { uri } });
      if (report.items.some((item) => item.code === 'rechtschreibung')) break;
      check(now() < until, 'the language server reported no spelling within 20 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    answeredMs = now() - opened - firstMs;
  }
  // Let the load's garbage settle as it would while someone types.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const rssMiB = vmRss(proc.pid);
  await connection.sendRequest(lsp.ShutdownRequest.type);
  await connection.sendNotification(lsp.ExitNotification.type);
  connection.dispose();
  proc.kill();
  return { firstMs, answeredMs, rssMiB };
}

async function serverRounds(rounds) {
  /** @type {Record<'onMiB' | 'offMiB' | 'gainMiB' | 'firstOnMs' | 'firstOffMs' | 'firstRatio' | 'answeredMs', number[]>} */
  const out = { onMiB: [], offMiB: [], gainMiB: [], firstOnMs: [], firstOffMs: [], firstRatio: [], answeredMs: [] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [false, true] : [true, false];
    const results = {};
    for (const on of order) results[on ? 'on' : 'off'] = await serverOnce(on);
    out.onMiB.push(results.on.rssMiB);
    out.offMiB.push(results.off.rssMiB);
    out.gainMiB.push(results.on.rssMiB - results.off.rssMiB);
    out.firstOnMs.push(results.on.firstMs);
    out.firstOffMs.push(results.off.firstMs);
    out.firstRatio.push(results.on.firstMs / results.off.firstMs);
    out.answeredMs.push(results.on.answeredMs);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/**
 * The editor's way of asking: answers from memory, a word not seen yet is `undefined` and
 * asked after the analysis (here: answered between keystrokes, not timed).
 */
class EditorSpeller {
  constructor(engine) {
    this.engine = engine;
    this.answers = new Map();
    this.suggested = new Map();
    this.queue = new Set();
    this.suggestQueue = new Set();
    this.asked = 0;
  }
  correct(word) {
    const answer = this.answers.get(word);
    if (answer === undefined) this.queue.add(word);
    return answer;
  }
  suggestions(word) {
    const found = this.suggested.get(word);
    if (found === undefined) this.suggestQueue.add(word);
    return found;
  }
  /** What the spelling thread does between keystrokes. */
  answer() {
    for (const word of this.queue) this.answers.set(word, this.engine.correct(word));
    this.asked += this.queue.size;
    this.queue.clear();
    for (const word of this.suggestQueue) this.suggested.set(word, this.engine.suggestions(word));
    this.suggestQueue.clear();
  }
}

async function keystrokes(count) {
  const { mod } = await loadBundle('spelling', ["export { checkText } from './server/src/service/check.ts';", "export { DEFAULT_PROFILE } from './server/src/profile/load.ts';"], ['checkText', 'DEFAULT_PROFILE']);
  const engine = await createRequire(import.meta.url)(ENGINE).loadEngine();
  const speller = new EditorSpeller(engine);
  const base = readFileSync(DRAFT, 'utf8').trimEnd();
  // Someone writes sentences at the end of the draft, character by character.
  const sentences = [
    ' Die Verwaltung wird gebeten, dem Stadtrat bis zum Jahresende einen Sachstandsbericht zur Umsetzung vorzulegen.',
    ' Die Ergebnisse sind im Fachausschuss vorzustellen und mit den Ortschaftsräten abzustimmen.',
    ' Für die Sanierung der Schulsporthallen sind Fördermittel des Landes zu beantragen.',
    ' Die Bürgerinnen und Bürger werden über das Beteiligungsportal rechtzeitig informiert.',
  ];
  const options = (severities) => ({ profile: mod.DEFAULT_PROFILE, severities, locale: 'de', today: '2025-06-01', host: { spelling: speller } });
  const on = options({});
  const off = options({ rechtschreibung: 'aus' });
  // The draft as it was before typing began: its words answered, as in an editor that has been open.
  mod.checkText(base, on);
  speller.answer();
  mod.checkText(base, on);
  speller.answer();
  const times = { on: [], off: [] };
  let typed = 0;
  let which = 0;
  const warmup = Math.min(200, count);
  for (let key = 0; key < count + warmup; key++) {
    if (typed === sentences[which % sentences.length].length) {
      typed = 0;
      which++;
    }
    typed++;
    const text = `${base}${sentences[which % sentences.length].slice(0, typed)}\n`;
    // The changed piece parsed once, untimed, so that neither contender pays it for the other.
    mod.checkText(text, off);
    const order = key % 2 ? ['off', 'on'] : ['on', 'off'];
    for (const contender of order) {
      const start = now();
      const checked = mod.checkText(text, contender === 'on' ? on : off);
      const ms = now() - start;
      check(checked.findings !== undefined, 'checkText gave no findings');
      if (key >= warmup) times[contender].push(ms);
    }
    speller.answer();
  }
  return {
    count,
    asked: speller.asked,
    p99On: quantile(times.on, 0.99),
    p99Off: quantile(times.off, 0.99),
    p50On: quantile(times.on, 0.5),
    p50Off: quantile(times.off, 0.5),
  };
}

// ---------------------------------------------------------------------------------------------

/** Planted typos (test/rechtschreibung-eval/tippfehler.tsv), every n-th, each asked once of a fresh engine. */
async function suggestionTimes(count) {
  const engine = await createRequire(import.meta.url)(ENGINE).loadEngine();
  const rows = readFileSync(path.join(ROOT, 'test', 'rechtschreibung-eval', 'tippfehler.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .slice(1)
    .map((line) => line.split('\t')[0]);
  const step = Math.max(1, Math.floor(rows.length / count));
  const words = rows.filter((_, index) => index % step === 0).slice(0, count);
  const times = [];
  for (const word of words) {
    const start = now();
    engine.suggestions(word);
    times.push(now() - start);
  }
  return times;
}

// ---------------------------------------------------------------------------------------------

function evaluate() {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'ratsfeder-spelling-')), 'figures.json');
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, RATSFEDER_EVAL_JSON: out };
  delete env.NODE_OPTIONS;
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'integration', 'test/rechtschreibung-eval.test.ts'], { cwd: ROOT, env, encoding: 'utf8' });
  check(run.status === 0, `the evaluation test failed:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(readFileSync(out, 'utf8'));
}

function evaluationFigures(e) {
  const pct = (share) => share * 100;
  const flags = (name, label) => {
    const f = e[name];
    return figure(`spelling.falseFlags.${name}`, `spelling: false flags, ${label}`, pct(f.share), {
      unit: '%',
      digits: 2,
      goal: '<=',
      limit: pct(f.goal),
      detail: `${f.falseFlags} of ${f.tokens} words${f.sample > 1 ? ` (every ${f.sample}nd paper)` : ''}; ${f.realErrors} real misspellings flagged too; most frequent: ${f.top.slice(0, 6).join(', ')}`,
    });
  };
  return [
    flags('karlsruhe', 'Karlsruhe’s real titles (other half’s register)'),
    flags('leipzig', 'Leipzig’s real titles (other half’s register)'),
    flags('huertgenwald', 'Hürtgenwald’s real titles (other half’s register)'),
    flags('examples', 'the example drafts'),
    figure('spelling.typosFlagged', 'spelling: planted typos flagged', pct(e.typos.flagged), { unit: '%', digits: 1, goal: '>=', limit: pct(e.typos.goals.flagged), detail: `${e.typos.count} typos; missed: ${e.typos.misses.join(', ')}` }),
    figure('spelling.typosFound', 'spelling: intended word among the first three suggestions', pct(e.typos.found), { unit: '%', digits: 1, goal: '>=', limit: pct(e.typos.goals.found), detail: `not among them: ${e.typos.notFound.join(', ')}` }),
  ];
}
