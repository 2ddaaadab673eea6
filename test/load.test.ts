import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  HoverRequest,
  LSPErrorCodes,
  ResponseError,
  type Diagnostic,
} from 'vscode-languageserver-protocol';
import { ROOT, SLOW_DRAFT } from './helpers.js';
import { EXPORT_COMMAND, type ExportAnswer } from '../server/src/protocol/index.js';
import { PARSE_BUDGET_MS } from '../server/src/node/parse-thread.js';
import { parseCost, MAX_PARSE_COST } from '../server/src/analysis/parse-cost.js';
import { PULL_CLIENT, PUSH_CLIENT, TestClient } from './lsp-client.js';

/*
 * Under load: a burst of edits, each followed by a request, as a fast typist in an editor
 * that asks after every keystroke. The server must answer for the final text, drop stale
 * requests instead of analysing for them, and honour cancellation.
 */
const DRAFT = readFileSync(path.join(ROOT, 'examples', 'verwaltungsdigitalisierung.antrag.md'), 'utf8');
const EDITS = 100;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

async function start(capabilities: typeof PULL_CLIENT): Promise<TestClient> {
  process.env.RATSFEDER_LOG_ANALYSES = '1';
  const client = new TestClient();
  delete process.env.RATSFEDER_LOG_ANALYSES;
  clients.push(client);
  await client.initialize(capabilities);
  return client;
}

/** The text after typing `EDITS` characters at the end of the Begründung, one change each. */
function typed(): { changes: { line: number; character: number; text: string }[]; final: string } {
  const lines = DRAFT.split('\n');
  const line = lines.length - 2;
  const changes = Array.from({ length: EDITS }, (_, index) => ({ line, character: lines[line]!.length + index, text: index % 10 === 9 ? ' ' : 'x' }));
  lines[line] += changes.map((change) => change.text).join('');
  return { changes, final: lines.join('\n') };
}

const analyses = (client: TestClient, uri: string) => client.logs.filter((line) => line.startsWith(`analysed ${uri} v`)).length;
const key = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`);

describe('the server under a burst of edits', () => {
  it('answers the last pull request for the final text and drops the stale ones', async () => {
    const client = await start(PULL_CLIENT);
    const uri = 'file:///arbeitsbereich/last.antrag.md';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
    await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    const before = analyses(client, uri);

    const { changes, final } = typed();
    const answers: Promise<unknown>[] = [];
    changes.forEach((change, index) => {
      void client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: index + 2 },
        contentChanges: [{ range: { start: change, end: change }, text: change.text }],
      });
      answers.push(client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }).then((report) => report, (error: unknown) => error));
    });
    const settled = await Promise.all(answers);
    const superseded = settled.filter((answer) => answer instanceof ResponseError && answer.code === LSPErrorCodes.ServerCancelled);
    const last = settled[settled.length - 1] as { kind: string; items: Diagnostic[] };
    expect(last.kind).toBe('full');
    expect(superseded.length).toBeGreaterThan(EDITS / 2);
    const work = analyses(client, uri) - before;
    expect(work, `${work} analyses for ${EDITS} edits`).toBeLessThan(EDITS / 4);

    // The same findings as a fresh open of the final text.
    const fresh = 'file:///arbeitsbereich/frisch.antrag.md';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: fresh, languageId: 'markdown', version: 1, text: final } });
    const expected = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: fresh } })) as { items: Diagnostic[] };
    expect(key(last.items)).toEqual(key(expected.items));
  });

  it('publishes a few times for a burst, the last time for the final version', async () => {
    const client = await start(PUSH_CLIENT);
    const uri = 'file:///arbeitsbereich/push.antrag.md';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
    await client.diagnostics(uri, (params) => params.version === 1);
    const before = analyses(client, uri);
    const { changes } = typed();
    changes.forEach((change, index) => {
      void client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: index + 2 },
        contentChanges: [{ range: { start: change, end: change }, text: change.text }],
      });
    });
    const published = await client.diagnostics(uri, (params) => params.version === EDITS + 1);
    expect(published.version).toBe(EDITS + 1);
    // The first publish was for the opened version; the burst added only a few.
    expect(client.publishedCount(uri) - 1).toBeLessThan(EDITS / 4);
    const work = analyses(client, uri) - before;
    expect(work, `${work} analyses for ${EDITS} edits`).toBeLessThan(EDITS / 4);
  });

  it('answers a cancelled completion request with RequestCancelled, doing no work for it', async () => {
    const client = await start(PULL_CLIENT);
    const uri = 'file:///arbeitsbereich/abbruch.antrag.md';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
    const controller = new (await import('vscode-languageserver-protocol')).CancellationTokenSource();
    const pending = client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 20, character: 0 } }, controller.token);
    controller.cancel();
    const outcome = await pending.then((result) => result, (error: unknown) => error);
    expect(outcome).toBeInstanceOf(ResponseError);
    expect((outcome as ResponseError<unknown>).code).toBe(LSPErrorCodes.RequestCancelled);
    expect(analyses(client, uri)).toBe(0);
    // The server goes on answering.
    const items = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: DRAFT.split('\n').findIndex((line) => line.startsWith('## ')), character: 2 } });
    expect(Array.isArray(items) ? items.length : items?.items.length).toBeGreaterThan(0);
  });

  it('answers a cancelled diagnostic request with RequestCancelled, doing no work for it', async () => {
    const client = await start(PULL_CLIENT);
    const uri = 'file:///arbeitsbereich/abbruch-diagnose.antrag.md';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
    const controller = new (await import('vscode-languageserver-protocol')).CancellationTokenSource();
    const pending = client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, controller.token);
    controller.cancel();
    const outcome = await pending.then((result) => result, (error: unknown) => error);
    expect(outcome).toBeInstanceOf(ResponseError);
    expect((outcome as ResponseError<unknown>).code).toBe(LSPErrorCodes.RequestCancelled);
    expect(analyses(client, uri)).toBe(0);
    // The next request is answered, with one analysis.
    const report = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { kind: string };
    expect(report.kind).toBe('full');
    expect(analyses(client, uri)).toBe(1);
  });
});

describe('a draft whose parse would take minutes', () => {
  it('is refused with a notice, and the server goes on answering for other documents', { timeout: 30_000 }, async () => {
    const client = await start(PULL_CLIENT);
    // 128 KB of `](`: micromark took 35 s to parse it, blocking every other request.
    const costly = 'file:///arbeitsbereich/klammern.antrag.md';
    const text = `---\nart: Antrag\ntitel: T\neinreicher: F\n---\n\n## Beschlussvorschlag\n\n${']('.repeat(65_536)}\n`;
    const started = performance.now();
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: costly, languageId: 'markdown', version: 1, text } });
    const refused = client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: costly } }) as Promise<{ items: Diagnostic[] }>;
    const other = 'file:///arbeitsbereich/anderer.antrag.md';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: other, languageId: 'markdown', version: 1, text: DRAFT } });
    const heading = DRAFT.split('\n').findIndex((line) => line.startsWith('## '));
    const [report, items, otherReport] = await Promise.all([
      refused,
      client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: other }, position: { line: heading, character: 2 } }),
      client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: other } }) as Promise<{ kind: string }>,
    ]);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(report.items).toHaveLength(1);
    expect(report.items[0]).toMatchObject({ range: { start: { line: 8, character: 0 } }, source: 'ratsfeder' });
    expect(report.items[0]!.message).toMatch(/^Diese Datei enthält 65\.536-mal „\]\(“; so viele Link-Klammern hat kein Antrag/);
    expect(Array.isArray(items) ? items.length : items?.items.length).toBeGreaterThan(0);
    expect(otherReport.kind).toBe('full');
  });
});

describe('a draft whose parse takes minutes, which the estimate does not foresee', () => {
  it('is stopped after the time budget with a notice, while other documents are answered at once; an edit brings it back', { timeout: 60_000 }, async () => {
    // The estimate lets it through: only the parse thread's budget stops it.
    expect(parseCost(SLOW_DRAFT).cost).toBeLessThan(MAX_PARSE_COST);
    const client = await start(PULL_CLIENT);
    const slow = 'file:///arbeitsbereich/langsam.antrag.md';
    const other = 'file:///arbeitsbereich/anderer.antrag.md';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: slow, languageId: 'markdown', version: 1, text: SLOW_DRAFT } });
    const started = performance.now();
    let stoppedAt = Infinity;
    const stopped = (client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: slow } }) as Promise<{ items: Diagnostic[] }>).then((report) => {
      stoppedAt = performance.now();
      return report;
    });

    // While the slow draft is parsed, another draft's completion, hover and diagnostics are
    // answered well within the budget, not after it.
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: other, languageId: 'markdown', version: 1, text: DRAFT } });
    const lines = DRAFT.split('\n');
    const heading = lines.findIndex((line) => line.startsWith('## '));
    const cited = lines.findIndex((line) => line.includes('VIII-DS-00815'));
    const [items, hover, otherReport] = await Promise.all([
      client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: other }, position: { line: heading, character: 2 } }),
      client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: other }, position: { line: cited, character: lines[cited]!.indexOf('VIII-DS-00815') + 3 } }),
      client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: other } }) as Promise<{ kind: string; items: Diagnostic[] }>,
    ]);
    const answeredAfter = performance.now() - started;
    expect(answeredAfter, `other document answered after ${answeredAfter.toFixed(0)} ms`).toBeLessThan(PARSE_BUDGET_MS / 2);
    expect(stoppedAt).toBe(Infinity);
    expect(Array.isArray(items) ? items.length : items?.items.length).toBeGreaterThan(0);
    expect(hover).not.toBeUndefined();
    expect(otherReport.kind).toBe('full');

    // The slow draft: one notice, after the budget, naming what most likely makes it slow.
    const report = await stopped;
    expect(stoppedAt - started).toBeGreaterThanOrEqual(PARSE_BUDGET_MS - 50);
    expect(stoppedAt - started).toBeLessThan(PARSE_BUDGET_MS + 15_000);
    expect(report.items).toHaveLength(1);
    expect(report.items[0]).toMatchObject({ source: 'ratsfeder', range: { start: { line: 9 } } });
    expect(report.items[0]!.message).toMatch(/^Die Prüfung dieser Datei wurde nach 5 Sekunden abgebrochen, weil das Einlesen zu lange dauerte; .*„\]\(“/);

    // Edited into an ordinary draft, it is checked again, as a fresh one is.
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: slow, version: 2 }, contentChanges: [{ text: DRAFT }] });
    const edited = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: slow } })) as { items: Diagnostic[] };
    expect(key(edited.items)).toEqual(key(otherReport.items));
  });
});

describe('exporting such a draft from the editor', () => {
  it('is refused after the time budget, saying why, while other documents are answered at once', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-slow-export-'));
    const slowFile = path.join(dir, 'langsam.antrag.md');
    writeFileSync(slowFile, SLOW_DRAFT);
    const client = await start(PULL_CLIENT);
    const slow = `file://${slowFile}`;
    const other = `file://${path.join(dir, 'anderer.antrag.md')}`;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: other, languageId: 'markdown', version: 1, text: DRAFT } });
    const started = performance.now();
    let refusedAt = Infinity;
    const exported = (client.connection.sendRequest(ExecuteCommandRequest.type, { command: EXPORT_COMMAND, arguments: [{ uri: slow }] }) as Promise<ExportAnswer>).then((answer) => {
      refusedAt = performance.now();
      return answer;
    });
    const heading = DRAFT.split('\n').findIndex((line) => line.startsWith('## '));
    const items = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: other }, position: { line: heading, character: 2 } });
    const answeredAfter = performance.now() - started;
    expect(answeredAfter, `other document answered after ${answeredAfter.toFixed(0)} ms`).toBeLessThan(PARSE_BUDGET_MS / 2);
    expect(refusedAt).toBe(Infinity);
    expect(Array.isArray(items) ? items.length : items?.items.length).toBeGreaterThan(0);

    const answer = await exported;
    expect(refusedAt - started).toBeGreaterThanOrEqual(PARSE_BUDGET_MS - 50);
    expect(refusedAt - started).toBeLessThan(PARSE_BUDGET_MS + 15_000);
    expect(answer).toMatchObject({ ok: false, kind: 'not-readable' });
    expect(answer.ok ? '' : answer.message).toMatch(/^langsam\.antrag\.md:10: Das Einlesen wurde nach 5 Sekunden abgebrochen, weil es zu lange dauerte; der Entwurf wird nicht exportiert\. Vermutlich liegt es an Link-Klammern/);
    expect(existsSync(path.join(dir, 'langsam.antrag.docx'))).toBe(false);
  });
});
