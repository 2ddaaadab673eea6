import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  CompletionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  FoldingRangeRequest,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from './helpers.js';
import { PULL_CLIENT, PUSH_CLIENT, TestClient } from './lsp-client.js';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'shared');
const uriOf = (name: string) => `file://${path.join(FIXTURES, name)}`;

let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

async function pullClient(): Promise<TestClient> {
  client = new TestClient();
  await client.initialize(PULL_CLIENT, { locale: 'de' });
  return client;
}

async function open(c: TestClient, uri: string, text: string, version = 1): Promise<void> {
  await c.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version, text } });
}

async function pull(c: TestClient, uri: string): Promise<Diagnostic[]> {
  const report = await c.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
  return report.kind === 'full' ? report.items : [];
}

const ANTRAG = `---
art: Antrag
titel: Testantrag
einreicher: Freibeuter-Fraktion
datum: 2025-05-14
---

## Beschlussvorschlag

Der Oberbürgermeister wird beauftragt, bis 2026-01-31 zu berichten (vgl. VIII-F-913).

## Begründung

Siehe oben.
`;

describe('language server over stdio', () => {
  it('announces its capabilities', async () => {
    client = new TestClient();
    const result = await client.initialize(PULL_CLIENT);
    expect(result.serverInfo?.name).toBe('ratsfeder');
    expect(result.capabilities.textDocumentSync).toMatchObject({ change: 2, openClose: true });
    expect(result.capabilities.diagnosticProvider).toMatchObject({ interFileDependencies: false });
    expect(result.capabilities.codeActionProvider).toBeTruthy();
    expect(result.capabilities.completionProvider).toBeTruthy();
    expect(result.capabilities.documentSymbolProvider).toBe(true);
    expect(result.capabilities.foldingRangeProvider).toBe(true);
  });

  it('reports the mistakes of the faulty fixture through pull diagnostics', async () => {
    const c = await pullClient();
    const name = 'ki-kampagne.anfrage-fehlerhaft.md';
    await open(c, uriOf(name), readFileSync(path.join(FIXTURES, name), 'utf8'));
    const diagnostics = await pull(c, uriOf(name));
    const codes = diagnostics.map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['datum-ungueltig', 'nummer-form', 'fragen-liste', 'frage-ohne-fragezeichen', 'abschnitt-doppelt']));
    const date = diagnostics.find((d) => d.code === 'datum-ungueltig')!;
    expect(date.range).toEqual({ start: { line: 4, character: 7 }, end: { line: 4, character: 17 } });
    expect(date.source).toBe('ratsfeder');
    expect(date.codeDescription?.href).toMatch(/docs\/regeln\/datum-ungueltig\.md$/);
    expect(date.message).toMatch(/kein gültiges Datum/);
  });

  it('gives no diagnostics for Markdown that is not a draft', async () => {
    const c = await pullClient();
    await open(c, 'file:///tmp/notes.md', '# Notizen\n\n## Beschlussvorschlag\n\nVIII-F-1\n');
    expect(await pull(c, 'file:///tmp/notes.md')).toEqual([]);
  });

  it('applies a quick fix and the finding is gone', async () => {
    const c = await pullClient();
    const uri = 'file:///tmp/fix.md';
    await open(c, uri, ANTRAG);
    const before = await pull(c, uri);
    const finding = before.find((d) => d.code === 'nummer-form')!;
    expect(finding).toBeDefined();
    const actions = (await c.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: finding.range,
      context: { diagnostics: [finding] },
    })) as CodeAction[];
    const action = actions.find((a) => a.title.includes('VIII-F-00913'))!;
    expect(action.kind).toBe('quickfix');
    const edits = action.edit!.changes![uri]!;
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, ANTRAG), edits);
    expect(fixed).toContain('(vgl. VIII-F-00913)');
    await c.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: edits.map((edit) => ({ range: edit.range, text: edit.newText })),
    });
    const after = await pull(c, uri);
    expect(after.filter((d) => d.code === 'nummer-form')).toEqual([]);
  });

  it('inserts a missing section with its skeleton', async () => {
    const c = await pullClient();
    const uri = 'file:///tmp/missing.md';
    const text = ANTRAG.replace(/## Beschlussvorschlag[\s\S]*?## Begründung/, '## Begründung');
    await open(c, uri, text);
    const finding = (await pull(c, uri)).find((d) => d.code === 'abschnitt-fehlt')!;
    expect(finding.message).toMatch(/Beschlussvorschlag/);
    const actions = (await c.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: finding.range, context: { diagnostics: [finding] } })) as CodeAction[];
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), actions[0]!.edit!.changes![uri]!);
    expect(fixed.indexOf('## Beschlussvorschlag')).toBeGreaterThan(0);
    expect(fixed.indexOf('## Beschlussvorschlag')).toBeLessThan(fixed.indexOf('## Begründung'));
    await c.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    expect((await pull(c, uri)).filter((d) => d.code === 'abschnitt-fehlt' || d.code === 'abschnitt-reihenfolge')).toEqual([]);
  });

  it('completes section headings, missing ones first', async () => {
    const c = await pullClient();
    const uri = 'file:///tmp/complete.md';
    const text = ANTRAG.replace(/## Begründung\n\nSiehe oben.\n/, '## Beg');
    await open(c, uri, text);
    const lines = text.split('\n');
    const line = lines.length - 1;
    const items = (await c.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line, character: lines[line]!.length },
    })) as CompletionItem[];
    const labels = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((item) => item.label);
    expect(labels[0]).toBe('Begründung');
    expect(labels).toContain('Finanzielle Auswirkungen');
    const begruendung = items.find((item) => item.label === 'Begründung')!;
    expect(begruendung.textEdit).toMatchObject({ newText: '## Begründung', range: { start: { line, character: 0 } } });
  });

  it('completes front-matter keys and values from the profile', async () => {
    const c = await pullClient();
    const uri = 'file:///tmp/fm.md';
    await open(c, uri, '---\nart: \ntitel: X\n\n---\n');
    const types = (await c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 1, character: 5 } })) as CompletionItem[];
    expect(types.map((item) => item.label)).toEqual(['Antrag', 'Anfrage', 'Änderungsantrag']);
    const keys = (await c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 3, character: 0 } })) as CompletionItem[];
    expect(keys.map((item) => item.label)).toEqual(expect.arrayContaining(['einreicher', 'datum', 'status', 'beratungsfolge']));
    expect(keys.map((item) => item.label)).not.toContain('titel');
  });

  it('returns the outline and folding ranges', async () => {
    const c = await pullClient();
    const uri = 'file:///tmp/outline.md';
    await open(c, uri, ANTRAG);
    const symbols = (await c.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(['Front Matter', 'Beschlussvorschlag', 'Begründung']);
    const folds = await c.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    expect(folds).toEqual(expect.arrayContaining([expect.objectContaining({ startLine: 0, endLine: 5 }), expect.objectContaining({ startLine: 7, endLine: 9 })]));
  });

  it('keeps incremental edits in sync: diagnostics equal those of a fresh open', async () => {
    const c = await pullClient();
    const uri = 'file:///tmp/edits.md';
    let document = TextDocument.create(uri, 'markdown', 1, ANTRAG);
    await open(c, uri, ANTRAG);
    const changes: TextDocumentContentChangeEvent[][] = [
      [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 11 } }, text: 'Anfrage' }],
      [{ range: { start: { line: 7, character: 3 }, end: { line: 7, character: 21 } }, text: 'Fragen' }],
      [{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, text: '- Warum\n- Wieso?\n\n' }],
      [{ range: { start: { line: 4, character: 7 }, end: { line: 4, character: 17 } }, text: '2025-02-30' }],
    ];
    let version = 1;
    for (const change of changes) {
      version++;
      document = TextDocument.update(document, change, version);
      await c.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: change });
    }
    const edited = await pull(c, uri);
    await open(c, 'file:///tmp/fresh.md', document.getText());
    const fresh = await pull(c, 'file:///tmp/fresh.md');
    expect(edited).toEqual(fresh);
    expect(edited.map((d) => d.code)).toEqual(expect.arrayContaining(['fragen-liste', 'frage-ohne-fragezeichen', 'datum-ungueltig']));
  });

  it('pushes diagnostics with the document version to clients without pull', async () => {
    client = new TestClient();
    await client.initialize(PUSH_CLIENT);
    const uri = 'file:///tmp/push.md';
    await open(client, uri, ANTRAG, 7);
    const published = await client.diagnostics(uri);
    expect(published.version).toBe(7);
    expect(published.diagnostics.map((d) => d.code)).toContain('nummer-form');
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 8 },
      contentChanges: [{ text: ANTRAG.replace('VIII-F-913', 'VIII-F-00913') }],
    });
    const next = await client.diagnostics(uri, (p) => p.version === 8);
    expect(next.diagnostics).toEqual([]);
  });

  it('answers in the council’s German in an English editor, and in English when the user chose it', async () => {
    client = new TestClient();
    await client.initialize(PULL_CLIENT, { locale: 'en-US' });
    const uri = 'file:///tmp/en.md';
    await open(client, uri, ANTRAG);
    expect((await pull(client, uri)).find((d) => d.code === 'nummer-form')!.message).toMatch(/ist keine kanonische Drucksachennummer/);
    await client.close();
    client = new TestClient();
    await client.initialize(PULL_CLIENT, { locale: 'de', initializationOptions: { sprache: 'en' } });
    await open(client, uri, ANTRAG);
    expect((await pull(client, uri)).find((d) => d.code === 'nummer-form')!.message).toMatch(/is not a canonical document number/);
  });

  it('reads rule severities from the editor settings', async () => {
    const c = await pullClient();
    c.settings = { regeln: { 'nummer-form': 'aus', 'datum-vergangen': 'fehler', unbekannt: 'fehler' } };
    const uri = 'file:///tmp/settings.md';
    await open(c, uri, ANTRAG.replace('2026-01-31', '2025-01-31'));
    const diagnostics = await pull(c, uri);
    expect(diagnostics.map((d) => d.code)).not.toContain('nummer-form');
    expect(diagnostics.find((d) => d.code === 'datum-vergangen')?.severity).toBe(1);
  });
});

describe('ratsfeder.yaml in the editor', () => {
  it('applies the workspace file, warns while it is broken, and follows its changes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-lsp-config-'));
    const config = path.join(dir, 'ratsfeder.yaml');
    const draft = path.join(dir, 'antrag.md');
    writeFileSync(config, 'regeln:\n  nummer-form: fehler\n');
    writeFileSync(draft, ANTRAG);
    const c = await pullClient();
    const uri = pathToFileURL(draft).href;
    await open(c, uri, ANTRAG);
    expect((await pull(c, uri)).find((d) => d.code === 'nummer-form')?.severity).toBe(1);

    writeFileSync(config, 'regeln:\n  nummer-from: aus\n');
    await c.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(config).href, type: 2 }] });
    const broken = await pull(c, uri);
    expect(broken[0]).toMatchObject({ code: 'konfiguration', severity: 2 });
    expect(broken[0]!.message).toContain('unbekannter Schlüssel „nummer-from“');
    expect(broken.find((d) => d.code === 'nummer-form')?.severity).toBe(2);

    writeFileSync(config, 'regeln:\n  nummer-form: aus\n');
    await c.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(config).href, type: 2 }] });
    const fixed = await pull(c, uri);
    expect(fixed.map((d) => d.code)).not.toContain('nummer-form');
    expect(fixed.map((d) => d.code)).not.toContain('konfiguration');
  });
});

describe('ratsfeder.yaml in the editor', () => {
  it('is checked against its schema as it is typed, at the place of each problem', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-lsp-config-'));
    const c = await pullClient();
    const uri = pathToFileURL(path.join(dir, 'ratsfeder.yaml')).href;
    await open(c, uri, 'profil: leipzig\nregeln:\n  nummer-form: aus\n  gibtsnicht: warnung\n');
    const found = await pull(c, uri);
    expect(found).toEqual([expect.objectContaining({ range: { start: { line: 3, character: 2 }, end: { line: 3, character: 21 } }, severity: 1, code: 'konfiguration', message: expect.stringContaining('gibtsnicht') })]);
    await c.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'profil: leipzig\n' }] });
    expect(await pull(c, uri)).toEqual([]);
  });
});

describe('the export command', () => {
  it('exports the open buffer beside the draft, and refuses errors with the findings', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-lsp-export-'));
    const draft = path.join(dir, 'antrag.md');
    writeFileSync(draft, ANTRAG);
    // As the VS Code extension starts it, naming its export command: the refusal names its button.
    client = new TestClient();
    await client.initialize(PULL_CLIENT, { locale: 'de', initializationOptions: { exportCommand: 'ratsfeder.exportDocx' } });
    const c = client;
    const uri = pathToFileURL(draft).href;
    await open(c, uri, ANTRAG);
    const done = (await c.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.export', arguments: [{ uri }] })) as { ok: boolean; file: string };
    expect(done).toMatchObject({ ok: true, file: path.join(dir, 'antrag.docx') });
    expect(readFileSync(done.file).subarray(0, 2).toString()).toBe('PK');

    // The editor's unsaved text counts, not the disk's.
    await c.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: ANTRAG.replace('datum: 2025-05-14', 'datum: 2025-02-30') }] });
    const refused = (await c.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.export', arguments: [{ uri, out: 'neu.docx' }] })) as { ok: boolean; findings: { ruleId: string; line: number }[] };
    expect(refused).toMatchObject({ ok: false, kind: 'errors' });
    expect(refused.findings).toEqual([expect.objectContaining({ ruleId: 'datum-ungueltig', line: 5 })]);
    // In the editor's words: the draft by its name, the button instead of the CLI's option.
    expect((refused as unknown as { message: string }).message).toBe('antrag.md hat 1 Fehler und wird nicht exportiert; erst beheben oder „Trotzdem exportieren“ wählen.');
    // Judged only, before the save dialog: the same refusal, and nothing written.
    const judged = (await c.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.export', arguments: [{ uri, out: 'neu.docx', check: true }] })) as { ok: boolean };
    expect(judged).toMatchObject({ ok: false, kind: 'errors', findings: refused.findings });
    expect(existsSync(path.join(dir, 'neu.docx'))).toBe(false);
    const forced = (await c.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.export', arguments: [{ uri, out: 'neu.docx', force: true }] })) as { ok: boolean; file: string };
    expect(forced).toMatchObject({ ok: true, file: path.join(dir, 'neu.docx') });
    await c.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text: ANTRAG }] });
    const written = statSync(forced.file).mtimeMs;
    const fine = (await c.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.export', arguments: [{ uri, out: 'neu.docx', check: true }] })) as { ok: boolean };
    expect(fine).toMatchObject({ ok: true, checked: true, file: forced.file });
    expect(statSync(forced.file).mtimeMs).toBe(written);

    // Its own unchanged export is replaced; a DOCX that is not (any more) as Ratsfeder wrote it
    // is refused, for the editor to ask, in the editor's words; replaced when asked to.
    expect(await c.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.export', arguments: [{ uri, out: 'neu.docx' }] })).toMatchObject({ ok: true });
    writeFileSync(forced.file, 'in Word überarbeitet');
    const kept = (await c.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.export', arguments: [{ uri, out: 'neu.docx' }] })) as { ok: boolean; kind: string; message: string };
    expect(kept).toMatchObject({ ok: false, kind: 'overwrite' });
    expect(kept.message).toBe('neu.docx gibt es schon, und Ratsfeder hat sie nicht geschrieben; der Export überschreibt sie nicht. „Überschreiben“ wählen oder ein anderes Ziel wählen. Es wurde nichts geschrieben.');
    expect(readFileSync(forced.file, 'utf8')).toBe('in Word überarbeitet');
    const replaced = await c.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.export', arguments: [{ uri, out: 'neu.docx', overwrite: true }] });
    expect(replaced).toMatchObject({ ok: true });
    expect(readFileSync(forced.file).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('language server over other transports', () => {
  it('starts through `ratsfeder lsp --stdio`', async () => {
    client = new TestClient([path.join(ROOT, 'bin', 'ratsfeder.js'), 'lsp', '--stdio']);
    const result = await client.initialize(PULL_CLIENT);
    expect(result.serverInfo?.name).toBe('ratsfeder');
  });

  it('speaks over Node IPC (as VS Code starts it)', async () => {
    const child = fork(path.join(ROOT, 'dist', 'server.js'), ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
      expect(result.capabilities.documentSymbolProvider).toBe(true);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
