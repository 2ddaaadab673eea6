import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DidOpenTextDocumentNotification, DocumentDiagnosticRequest, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { ROOT } from './helpers.js';
import { PULL_CLIENT, TestClient } from './lsp-client.js';

/*
 * Similar documents at the edges: `ratsfeder register similar` and, over the real protocol,
 * the rule's finding and the hover on the `titel` line. The workspace is the rule's fixture
 * folder (a register file with near-duplicates, paraphrases and unrelated titles), plus a
 * faction draft with a number of its own and a hostile register entry.
 */
const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-aehnlich-'));
cpSync(path.join(ROOT, 'test', 'regeln', 'aehnliches-dokument'), dir, { recursive: true });
writeFileSync(
  path.join(dir, 'feindlich.register.csv'),
  'nummer;titel;art;datum;url\nVIII-F-00999;"Rohdaten [klick](command:workbench.action.quit) <img src=x> Open Data";Anfrage;2025-01-01;javascript:alert(1)\n',
);
writeFileSync(
  path.join(dir, 'eigener.antrag.md'),
  '---\nart: Antrag\ntitel: Trinkbrunnen in allen Stadtteilen\nnummer: VIII-A-01400\neinreicher: Freibeuter-Fraktion\n---\n\n## Beschlussvorschlag\n\nDer Oberbürgermeister wird beauftragt, Trinkbrunnen aufzustellen.\n',
);
const uri = (name: string) => pathToFileURL(path.join(dir, name)).href;

async function ratsfeder(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'bin', 'ratsfeder.js'), ...args], { cwd: dir, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('ratsfeder register similar', () => {
  it('ranks the register for a draft, leaving out what it cites, as text', async () => {
    const { code, stdout } = await ratsfeder(['register', 'similar', 'nok-gleiches-thema.md', '--limit', '3']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ *\d+ %  VIII-F-00642  2024-03-12  Veröffentlichung von Rohdaten in städtischen Berichten als Open Data  \(Anfrage\)$/);
    const cited = await ratsfeder(['register', 'similar', 'ok-dokument-zitiert.md']);
    expect(cited.stdout).not.toMatch(/VIII-F-00642/);
  });

  it('ranks the register for words, as JSON with scores from 0 to 1', async () => {
    const { code, stdout } = await ratsfeder(['register', 'similar', 'Barrierefreie', 'Strassenbahn-Haltestellen', '--format', 'json', '--limit', '2']);
    expect(code).toBe(0);
    const found = JSON.parse(stdout) as { nummer: string; score: number; titel: string }[];
    expect(found.map((item) => item.nummer)).toEqual(['VII-F-02210', 'VIII-A-00902']);
    for (const item of found) expect(item.score).toBeGreaterThan(0);
    expect(found[0]!.score).toBeLessThanOrEqual(1);
  });

  it('says so when nothing is similar, and when there is nothing to look for', async () => {
    expect(await ratsfeder(['register', 'similar', 'Quantencomputer'])).toMatchObject({ code: 1, stdout: 'Nichts gefunden.\n' });
    expect((await ratsfeder(['register', 'similar', 'fehlt.md'])).code).toBe(2);
    expect((await ratsfeder(['register', 'similar', '--lang', 'en'])).stderr).toMatch(/similar needs a draft/);
  });
});

describe('similar documents in the editor', () => {
  let client: TestClient;
  const texts = new Map<string, string>();

  async function open(name: string, text = readFileSync(path.join(dir, name), 'utf8')): Promise<void> {
    texts.set(uri(name), text);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(name), languageId: 'markdown', version: 1, text } });
  }

  async function diagnostics(name: string) {
    const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri(name) } });
    return (report.kind === 'full' ? report.items : []).filter((d) => d.code === 'aehnliches-dokument');
  }

  beforeAll(async () => {
    client = new TestClient();
    const indexed = client.nextRefresh();
    await client.initialize(PULL_CLIENT, { workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'aehnlich' }] });
    await indexed;
    await open('nok-gleiches-thema.md');
    await open('eigener.antrag.md');
  });
  afterAll(() => client.close());

  it('reports the most similar document on the title, as information', async () => {
    const found = await diagnostics('nok-gleiches-thema.md');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 3, range: { start: { line: 2, character: 7 }, end: { line: 2, character: 50 } } });
    expect(found[0]!.message).toMatch(/^Ähnliches Dokument im Register: VIII-F-00642 „Veröffentlichung von Rohdaten in städtischen Berichten als Open Data“ \(Anfrage, 12\.03\.2024\), \d+ % ähnlich\./);
  });

  it('lists the top five in the hover over the title line, escaped, with web links only', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('nok-gleiches-thema.md') }, position: { line: 2, character: 2 } });
    const value = (hover?.contents as MarkupContent).value;
    const lines = value.split('\n').filter((line) => line.startsWith('- '));
    expect(value).toMatch(/^\*\*Ähnliche Dokumente im Register\*\*/);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeLessThanOrEqual(5);
    // VIII-F-00642 is also a draft of the workspace (ok-eigene-nummer.md), which answers for
    // it: the link is the profile's address of the number, never the draft's file: URI.
    expect(lines[0]).toMatch(/^- \d+ % ähnlich · \[VIII\\-F\\-00642\]\(https:\/\/ratsinformation\.leipzig\.de\/allris_leipzig_public\/suche\?q=VIII-F-00642\) · Veröffentlichung von Rohdaten/);
    // Each line says what the document shares with the draft.
    expect(lines[0]).toMatch(/ · gemeinsam: .*Rohdaten/);
    expect(lines.find((line) => line.includes('VII\\-F\\-02210'))).toBeUndefined();
    // The hostile entry is listed, but only as text: no command: link, no HTML, no javascript: URL.
    const hostile = lines.find((line) => line.includes('00999'))!;
    expect(hostile).toContain('\\[klick\\]\\(command\\:workbench\\.action\\.quit\\) \\<img src=x\\>');
    expect(value).not.toMatch(/\]\((?!https:)/);
    expect(value).not.toContain('javascript');
  });

  it('never points a draft at itself, also while its number is being changed', async () => {
    expect(await diagnostics('eigener.antrag.md')).toEqual([]);
    const text = texts.get(uri('eigener.antrag.md'))!.replace('VIII-A-01400', 'VIII-A-01401');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri('eigener.antrag.md'), version: 2 }, contentChanges: [{ text }] });
    expect(await diagnostics('eigener.antrag.md')).toEqual([]);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('eigener.antrag.md') }, position: { line: 2, character: 2 } });
    expect((hover?.contents as MarkupContent).value).not.toContain('01400');
  });
});
