import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CompletionRequest,
  DefinitionRequest,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentLinkRequest,
  HoverRequest,
  ReferencesRequest,
  WorkspaceSymbolRequest,
  type CompletionItem,
  type CompletionList,
  type Location,
  type MarkupContent,
  type SymbolInformation,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from './helpers.js';
import { PULL_CLIENT, TestClient } from './lsp-client.js';

/*
 * The register in the editor, over the real protocol: a workspace with three drafts and a
 * register file (one of whose entries is hostile), indexed by the server at start-up.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-arbeitsbereich-'));
cpSync(path.join(ROOT, 'test', 'fixtures', 'arbeitsbereich'), dir, { recursive: true });
const uri = (name: string) => pathToFileURL(path.join(dir, name)).href;
const RADWEGE = uri('radwege.antrag.md');
const BELEUCHTUNG = uri('beleuchtung.antrag.md');
const AENDERUNG = uri('aenderung.md');

let client: TestClient;
const texts = new Map<string, string>();

async function open(name: string): Promise<string> {
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(path.join(dir, name), 'utf8');
  texts.set(uri(name), text);
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(name), languageId: 'markdown', version: 1, text } });
  return text;
}

/** The position of the first occurrence of `needle` (plus `shift` characters) in a document. */
function at(documentUri: string, needle: string, shift = 0) {
  const text = texts.get(documentUri)!;
  const offset = text.indexOf(needle) + shift;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

function items(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  return Array.isArray(result) ? result : (result?.items ?? []);
}

beforeAll(async () => {
  client = new TestClient();
  const indexed = client.nextRefresh();
  await client.initialize(
    { ...PULL_CLIENT, window: { workDoneProgress: true }, workspace: { ...PULL_CLIENT.workspace, symbol: { resolveSupport: { properties: ['location.range'] } } } },
    { workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'arbeitsbereich' }] },
  );
  await indexed;
  await open('radwege.antrag.md');
  await open('beleuchtung.antrag.md');
  await open('aenderung.md');
});
afterAll(() => client.close());

describe('the register in the editor', () => {
  it('reports indexing progress', () => {
    expect(client.progress.map((p) => p.kind)).toEqual(expect.arrayContaining(['begin', 'end']));
  });

  it('completes a number prefix with numbers and titles, most recent first', async () => {
    const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: AENDERUNG }, position: at(AENDERUNG, 'VIII-DS-0', 9) });
    const found = items(result).filter((item) => item.kind === 18);
    expect(found.map((item) => item.label)).toEqual(['VIII-DS-01234', 'VIII-DS-00815']);
    expect(found[0]).toMatchObject({ labelDetails: { description: 'Radverkehrsentwicklungsplan 2030' }, detail: 'Vorlage · 02.04.2025', textEdit: { newText: 'VIII-DS-01234' } });
  });

  it('completes title words in bezug', async () => {
    const text = texts.get(AENDERUNG)!.replace('bezug: ', 'bezug: Haushalt');
    texts.set(AENDERUNG, text);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: AENDERUNG, version: 2 }, contentChanges: [{ text }] });
    const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: AENDERUNG }, position: at(AENDERUNG, 'Haushalt', 8) });
    expect(items(result).map((item) => item.label)).toEqual(['VIII-DS-00815']);
  });

  it('hovers with title, type, date and a link', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: RADWEGE }, position: at(RADWEGE, 'VIII-DS-01234', 3) });
    const value = (hover!.contents as MarkupContent).value;
    expect(value).toContain('**VIII\\-DS\\-01234** — Radverkehrsentwicklungsplan 2030');
    expect(value).toContain('Vorlage · 02\\.04\\.2025 · Quelle: Registerdatei');
    expect(value).toContain('(https://ratsinformation.leipzig.de/allris_leipzig_public/vo020?VOLFDNR=1001)');
  });

  it('never turns register data into HTML, commands or non-http links', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: RADWEGE }, position: at(RADWEGE, 'VIII-F-00913', 3) });
    const value = (hover!.contents as MarkupContent).value;
    expect(value).toContain('\\<img src=x onerror=alert\\(1\\)\\>');
    expect(value).not.toMatch(/(?<!\\)</);
    expect(value).not.toMatch(/\]\(command:/);
    expect(value).not.toContain('javascript:');
    // No URL of its own: the link is the profile's search page for the number.
    expect(value).toContain('(https://ratsinformation.leipzig.de/allris_leipzig_public/suche?q=VIII-F-00913)');
  });

  it('links numbers to the local draft or the register page', async () => {
    const links = await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: RADWEGE } });
    const targets = links!.map((link) => link.target);
    expect(targets).toContain(BELEUCHTUNG);
    expect(targets).toContain('https://ratsinformation.leipzig.de/allris_leipzig_public/vo020?VOLFDNR=1001');
    expect(targets.every((target) => target!.startsWith('file:') || target!.startsWith('https:'))).toBe(true);
  });

  it('goes to the draft that carries a number', async () => {
    const locations = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: RADWEGE }, position: at(RADWEGE, 'VIII-A-02222', 2) })) as Location[];
    expect(locations).toEqual([{ uri: BELEUCHTUNG, range: { start: { line: 5, character: 8 }, end: { line: 5, character: 20 } } }]);
  });

  it('finds every draft citing a number', async () => {
    const position = at(RADWEGE, 'VIII-A-01111', 2);
    const without = await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: RADWEGE }, position, context: { includeDeclaration: false } });
    expect(without).toEqual([{ uri: BELEUCHTUNG, range: { start: { line: 10, character: 55 }, end: { line: 10, character: 67 } } }]);
    const withDeclaration = await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: RADWEGE }, position, context: { includeDeclaration: true } });
    expect(withDeclaration!.map((location) => location.uri).sort()).toEqual([BELEUCHTUNG, RADWEGE].sort());
  });

  it('searches workspace symbols by number and title words', async () => {
    const byWords = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'Radwege' })) as SymbolInformation[];
    expect(byWords.map((symbol) => symbol.name)).toEqual(expect.arrayContaining(['VIII-A-01111 Radwege am Ring sanieren', 'VIII-A-02222 Beleuchtung der Radwege']));
    const byNumber = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'VIII-DS-012' })) as SymbolInformation[];
    expect(byNumber.map((symbol) => symbol.location.uri)).toEqual(['https://ratsinformation.leipzig.de/allris_leipzig_public/vo020?VOLFDNR=1001']);
  });

  it('follows drafts created on disk', async () => {
    writeFileSync(path.join(dir, 'neu.md'), '---\nart: Anfrage\ntitel: Parkhaus am Zoo\neinreicher: X\nnummer: VIII-F-01999\n---\n\n## Fragen\n\n1. Wann?\n');
    const refreshed = client.nextRefresh();
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('neu.md'), type: 1 }] });
    await refreshed;
    const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'Parkhaus' })) as SymbolInformation[];
    expect(symbols.map((symbol) => symbol.location.uri)).toEqual([uri('neu.md')]);
  });

  it('reports unknown numbers as information, since the register knows more than the drafts', async () => {
    const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: BELEUCHTUNG } });
    expect(report.kind === 'full' ? report.items : []).toEqual([]);
    const text = texts.get(RADWEGE)!.replace('VIII-A-02222.', 'VIII-A-03333.');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: RADWEGE, version: 2 }, contentChanges: [{ text }] });
    const changed = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: RADWEGE } });
    const unknown = (changed.kind === 'full' ? changed.items : []).filter((d) => d.code === 'nummer-unbekannt');
    expect(unknown.map((d) => d.severity)).toEqual([3]);
    expect(unknown[0]!.message).toMatch(/^„VIII-A-03333“ steht nicht im Dokumentregister\. .*„ratsfeder register sync“/);
  });
});
