import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DidOpenTextDocumentNotification, DocumentDiagnosticRequest, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import type { PreviewModel } from '../server/src/protocol/index.js';
import { ROOT } from './helpers.js';
import { PULL_CLIENT, TestClient } from './lsp-client.js';

/*
 * The hover on an amendment block (```aenderung) and the check of its quote against a Vorlage in
 * the workspace, through the built server; the analysis behind them is in aenderung.test.ts.
 */

const fixture = readFileSync(path.join(ROOT, 'test', 'fixtures', 'aenderung-synopse.md'), 'utf8');
const VORLAGE = readFileSync(path.join(ROOT, 'test', 'fixtures', 'aenderung-vorlage.md'), 'utf8');

describe('the hover on an amendment block, over the protocol', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-aenderung-lsp-'));
  writeFileSync(path.join(dir, 'vorlage.antrag.md'), VORLAGE);
  const uri = pathToFileURL(path.join(dir, 'baeume.aenderungsantrag.md')).href;
  let client: TestClient;
  const position = (needle: string) => {
    const before = fixture.slice(0, fixture.indexOf(needle)).split('\n');
    return { line: before.length - 1, character: before[before.length - 1]!.length };
  };

  beforeAll(async () => {
    client = new TestClient();
    const indexed = client.nextRefresh();
    await client.initialize(PULL_CLIENT, { workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'baeume' }] });
    await indexed;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: fixture } });
  });
  afterAll(() => client.close());

  it('shows the change word by word, deletions struck, insertions bold, all escaped', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: position('jährlich 800') });
    expect((hover!.contents as MarkupContent).value).toBe(
      [
        '**Änderung** · Punkt 1',
        'Die Stadt pflanzt bis ~~2030~~ **2028** jährlich ~~500~~ **800 großkronige** Straßenbäume in der Südvorstadt\\.',
        '~~gestrichen~~ · **eingefügt**',
      ].join('\n\n'),
    );
    expect(hover!.range).toEqual({ start: { line: 12, character: 0 }, end: { line: 18, character: 3 } });
  });

  it('escapes what the draft writes, so no HTML gets through', async () => {
    const text = fixture.replace('großkronige', '<img src=x onerror=alert(1)> *großkronige*');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: position('jährlich 800') });
    const value = (hover!.contents as MarkupContent).value;
    expect(value).not.toMatch(/(?<!\\)</);
    expect(value).toContain('\\<img src=x onerror=alert\\(1\\)\\>');
    expect(value).toContain('\\*großkronige\\*');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: fixture }] });
  });

  it('gives the preview the header block, the Synopse of each block and where numbers lead', async () => {
    const preview = (await client.connection.sendRequest('ratsfeder/vorschau', { textDocument: { uri } })) as PreviewModel;
    expect(preview).toMatchObject({
      kind: 'Änderungsantrag zu VIII-DS-04711',
      rows: [
        { label: 'Einreicher', value: 'Freibeuter-Fraktion' },
        { label: 'Datum', value: '02.06.2025' },
        { label: 'Status', value: 'öffentlich' },
      ],
      betreffLabel: 'Betreff',
      betreff: 'Änderungen zur Vorlage „Straßenbäume in der Südvorstadt“',
      synopse: ['Bisherige Fassung', 'Neue Fassung'],
    });
    expect(preview.amendments.map((amendment) => amendment.stelle)).toEqual(['Punkt 1', 'Punkt 3', 'neuer Punkt 4']);
    expect(preview.amendments[0]!.parts.filter((part) => part.kind !== 'same').map((part) => `${part.kind}:${part.text.trim()}`)).toEqual(['removed:2030', 'added:2028', 'removed:500', 'added:800 großkronige']);
    expect(preview.amendments[1]!.parts).toEqual([{ kind: 'removed', text: 'Die Fußgängerzone wird geprüft.' }]);
    // The Vorlage is a draft of the workspace: the number leads to its file.
    expect(preview.links).toContainEqual({ text: 'VIII-DS-04711', target: pathToFileURL(path.join(dir, 'vorlage.antrag.md')).href });
    // A note is no draft.
    const note = pathToFileURL(path.join(dir, 'notiz.md')).href;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: note, languageId: 'markdown', version: 1, text: '# Notiz\n' } });
    expect(await client.connection.sendRequest('ratsfeder/vorschau', { textDocument: { uri: note } })).toBeNull();
  });

  it('checks the quote against the Vorlage in the workspace', async () => {
    const wording = async () => {
      const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      return (report.kind === 'full' ? report.items : []).filter((diagnostic) => diagnostic.code === 'aenderung-wortlaut').map((diagnostic) => diagnostic.message);
    };
    expect(await wording()).toEqual([]);
    const text = fixture.replace('Die Fußgängerzone wird geprüft.', 'Die Fußgängerzone wird sorgfältig geprüft.');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text }] });
    expect(await wording()).toEqual([
      'Der bisherige Wortlaut weicht vom Text von „VIII-DS-04711“ ab: „… wird sorgfältig geprüft.“ statt „… wird geprüft.“. Zitieren Sie die Stelle wörtlich.',
    ]);
  });
});
