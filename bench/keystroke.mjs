// Keystroke to diagnostics over LSP: the built server (dist/server.js --stdio) with a 5 KB
// draft open; a typist adds one character every few milliseconds (a burst faster than anyone
// types) and, like VS Code, asks for diagnostics after each keystroke. Measured per keystroke:
// from sending the change to receiving the diagnostics that answer for it or a later version.
// Goal: p99 ≤ 16 ms (one display frame), judged after a warm-up burst (the server of someone
// typing has been running); the first burst after start-up and a burst at a fast typist's pace
// (30 ms apart) are reported beside it.
//
//   node bench/keystroke.mjs [--quick] [--keys N] [--json FILE]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DRAFT_5K, ensureSingles } from './corpus.mjs';
import { check, startServer, figure, intOption, main, now, options, printFigures, quantile, writeResult } from './lib.mjs';

const lsp = createRequire(import.meta.url)('vscode-languageserver-protocol/node');

export const GOAL_MS = 16;
/** A typist at 33 characters a second, beyond the fastest people (about 15 to 20). */
const TYPIST_GAP_MS = 30;

main(async () => {
  const opts = options(process.argv.slice(2), ['keys', 'gap']);
  const keys = intOption(opts, 'keys', opts.quick ? 200 : 1000);
  const gapMs = intOption(opts, 'gap', 5);
  const warmup = opts.quick ? 100 : 300;
  const typistKeys = opts.quick ? 60 : 250;
  ensureSingles();
  const text = readFileSync(DRAFT_5K, 'utf8');

  const { proc, connection } = await startServer();

  const uri = 'file:///bench/keystroke.antrag.md';
  await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const first = await connection.sendRequest(lsp.DocumentDiagnosticRequest.type, { textDocument: { uri } });
  check(first.kind === 'full', 'the server gave no full diagnostic report for the 5 KB draft');

  // Type at the end of the last paragraph.
  const lines = text.split('\n');
  let line = lines.length - 1;
  while (line > 0 && lines[line].trim() === '') line--;
  let character = lines[line].length;
  let version = 1;

  /** `count` keystrokes `gap` ms apart, a diagnostic request after each; the latency of each. */
  async function burst(count, gap) {
    const latencies = [];
    const pending = [];
    let superseded = 0;
    for (let key = 0; key < count; key++) {
      const sent = ++version;
      const start = now();
      const position = { line, character };
      await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: sent }, contentChanges: [{ range: { start: position, end: position }, text: key % 7 === 6 ? ' ' : 'e' }] });
      character++;
      pending.push(
        connection.sendRequest(lsp.DocumentDiagnosticRequest.type, { textDocument: { uri } }).then(
          (report) => {
            check(report.kind === 'full', 'a diagnostic report was not full');
            return { version: sent, at: now() };
          },
          (error) => {
            // Superseded by the next keystroke's request: answered by that one.
            if (error?.code !== lsp.LSPErrorCodes.ServerCancelled) throw error;
            superseded++;
            return { version: sent, at: undefined };
          },
        ),
      );
      latencies.push({ version: sent, start });
      await new Promise((resolve) => setTimeout(resolve, gap));
    }
    const answers = await Promise.all(pending);
    // A keystroke's diagnostics arrive with the first answered request at or after it.
    const answered = answers.filter((answer) => answer.at !== undefined);
    check(answered.length > 0 && answered[answered.length - 1].version === version, 'the last keystroke got no diagnostics');
    const waits = latencies.map(({ version: sent, start }) => answered.find((answer) => answer.version >= sent).at - start);
    // Let the server settle before the next burst.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { waits, superseded, count, gap };
  }
  const describe = ({ waits, superseded, count, gap }) =>
    `p50 ${quantile(waits, 0.5).toFixed(1)} ms, max ${Math.max(...waits).toFixed(1)} ms; ${count} keystrokes ${gap} ms apart, a diagnostic request after each; ${superseded} requests superseded by a newer one`;

  // The first burst after start-up meets code that V8 has not optimised yet; someone typing
  // meets a server that has been running. It is reported apart and not judged.
  const cold = await burst(warmup, gapMs);
  const hot = await burst(keys, gapMs);
  const typist = await burst(typistKeys, TYPIST_GAP_MS);

  await connection.sendRequest(lsp.ShutdownRequest.type);
  await connection.sendNotification(lsp.ExitNotification.type);
  connection.dispose();
  proc.kill();

  const figures = [
    figure('keystroke.p99', `keystroke → diagnostics p99, 5 KB draft over LSP, keystrokes ${gapMs} ms apart`, quantile(hot.waits, 0.99), { unit: 'ms', digits: 1, goal: '<=', limit: GOAL_MS, detail: `${describe(hot)}; after a warm-up burst of ${warmup}` }),
    figure('keystroke.cold', 'keystroke → diagnostics p99, the first burst after start-up', quantile(cold.waits, 0.99), { unit: 'ms', digits: 1, detail: describe(cold) }),
    figure('keystroke.typist', `keystroke → diagnostics p99, keystrokes ${TYPIST_GAP_MS} ms apart (faster than anyone types)`, quantile(typist.waits, 0.99), { unit: 'ms', digits: 1, detail: describe(typist) }),
  ];
  printFigures(figures);
  writeResult(opts.json, { name: 'keystroke', figures });
});
