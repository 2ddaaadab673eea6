import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CancellationTokenSource,
  CompletionRequest,
  DefinitionRequest,
  DidChangeWatchedFilesNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentLinkRequest,
  ExecuteCommandRequest,
  HoverRequest,
  ReferencesRequest,
  WorkspaceSymbolRequest,
  type CompletionItem,
  type CompletionList,
  type Location,
  type MarkupContent,
  type SymbolInformation,
} from 'vscode-languageserver-protocol/node';
import { cacheFileFor } from '../server/src/node/cache-store.js';
import { ROOT } from './helpers.js';
import { PULL_CLIENT, TestClient } from './lsp-client.js';
import { startOparlServer, type OparlServer } from './oparl-server.js';
import type { DraftList, RegisterStatus } from '../server/src/protocol/index.js';

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
    // As the VS Code extension starts it: its messages name the extension's commands.
    { workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'arbeitsbereich' }], initializationOptions: { exportCommand: 'ratsfeder.exportDocx' } },
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
    // In VS Code, the extension's command, not the CLI's (other editors: see editors.test.ts).
    expect(unknown[0]!.message).toMatch(/^„VIII-A-03333“ steht nicht im Dokumentregister\. .*Befehl „Ratsfeder: Dokumentregister aktualisieren“\.$/);
  });
});

/**
 * Everything the server sends as `method`, in order; `next` waits for the first one from index
 * `from` on that satisfies `predicate`, and fails after a while instead of hanging the test.
 */
function record<T>(source: TestClient, method: string) {
  const seen: T[] = [];
  const waiters: { from: number; predicate: (value: T) => boolean; resolve: (value: T) => void }[] = [];
  source.connection.onNotification(method, (params: T) => {
    seen.push(params);
    for (const waiter of [...waiters]) {
      if (seen.length > waiter.from && waiter.predicate(params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  return {
    seen,
    next(predicate: (value: T) => boolean = () => true, from = 0): Promise<T> {
      const already = seen.slice(from).find(predicate);
      if (already !== undefined) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching ${method} within 10 s; got ${JSON.stringify(seen.slice(from))}`));
        }, 10_000);
        const waiter = {
          from,
          predicate,
          resolve: (value: T) => {
            clearTimeout(timer);
            resolve(value);
          },
        };
        waiters.push(waiter);
      });
    },
  };
}

type SyncAnswer = { ok: boolean; message: string; papers?: number; cancelled?: boolean };
type ProgressValue = { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; cancellable?: boolean };

/*
 * What the register holds and how it syncs, as the editor's status bar and sync command see
 * it: a workspace of two drafts, a note that is no draft and a register file with four
 * entries, an OParl server with five papers, and a cache folder of its own.
 */
describe('register status and sync over the protocol', () => {
  const CSV = [
    'nummer,titel,art,datum,url',
    'VIII-DS-01001,Schulnetzplan,Vorlage,2025-01-10,',
    'VIII-DS-01002,Bäderkonzept,Vorlage,2025-02-11,',
    'VIII-F-01003,Anfrage zu Spielplätzen,Anfrage,2025-03-12,',
    'VIII-A-01004,Antrag zu Parkbänken,Antrag,2025-04-13,',
  ].join('\n');
  const draft = (titel: string, nummer?: string) =>
    `---\nart: Antrag\ntitel: ${titel}\neinreicher: Freibeuter-Fraktion\n${nummer ? `nummer: ${nummer}\n` : ''}---\n\n## Beschlussvorschlag\n\nText.\n\n## Begründung\n\nText.\n`;

  let sync: TestClient;
  let oparl: OparlServer;
  let workspace: string;
  let cache: string;
  let statuses: ReturnType<typeof record<RegisterStatus>>;
  let progress: ReturnType<typeof record<{ token: string | number; value: ProgressValue }>>;
  const created: unknown[] = [];
  const shown: { type: number; message: string }[] = [];

  const execute = (params: { workDoneToken?: string }, token?: CancellationTokenSource) =>
    sync.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.registerSync', arguments: [{}], ...params }, token?.token) as Promise<SyncAnswer>;
  const onToken = (token: string) => progress.seen.filter((entry) => entry.token === token).map((entry) => entry.value);

  beforeAll(async () => {
    oparl = await startOparlServer();
    const { base } = oparl;
    oparl.json('/oparl/system', { id: `${base}/oparl/system`, type: 'https://schema.oparl.org/1.1/System', oparlVersion: 'https://schema.oparl.org/1.1/', body: `${base}/oparl/bodies` });
    oparl.list('/oparl/bodies', [[{ id: `${base}/oparl/body/1`, type: 'https://schema.oparl.org/1.1/Body', name: 'Stadt Leipzig', paper: `${base}/oparl/body/1/papers` }]]);
    const paper = (n: number) => ({ id: `${base}/paper/${n}`, type: 'https://schema.oparl.org/1.1/Paper', reference: `VIII-DS-0200${n}`, name: `Vorlage ${n}`, modified: '2025-05-20T10:00:00+02:00' });
    oparl.list('/oparl/body/1/papers', [[paper(1), paper(2), paper(3)], [paper(4), paper(5)]]);

    workspace = mkdtempSync(path.join(tmpdir(), 'ratsfeder-status-'));
    writeFileSync(path.join(workspace, 'ratsfeder.yaml'), `register:\n  oparl: ${base}/oparl/system\n`);
    writeFileSync(path.join(workspace, 'schulen.antrag.md'), draft('Schulen sanieren', 'VIII-A-03001'));
    writeFileSync(path.join(workspace, 'baeder.md'), draft('Bäder öffnen'));
    writeFileSync(path.join(workspace, 'notizen.md'), '# Notizen\n\nKein Entwurf.\n');
    writeFileSync(path.join(workspace, 'liste.register.csv'), CSV);
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-status-cache-'));
    cache = cacheFileFor(cacheDir, `${base}/oparl/system`)!;

    sync = new TestClient();
    statuses = record<RegisterStatus>(sync, 'ratsfeder/registerStatus');
    progress = record(sync, '$/progress');
    sync.connection.onRequest('window/workDoneProgress/create', (params: { token: unknown }) => {
      created.push(params.token);
      return null;
    });
    sync.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      shown.push(params);
    });
    await sync.initialize(
      { ...PULL_CLIENT, window: { workDoneProgress: true }, workspace: { ...PULL_CLIENT.workspace, didChangeWatchedFiles: { dynamicRegistration: true } } },
      { locale: 'de', workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'status' }], initializationOptions: { cacheDir, trusted: true } },
    );
  });
  afterAll(async () => {
    await sync.close();
    await oparl.close();
  });

  it('reports what the register holds once the workspace is indexed', async () => {
    expect(await statuses.next()).toEqual({ drafts: 2, files: 4, syncable: true });
  });

  it('reports sync progress on the token of the request, and the synced papers in the status', async () => {
    const createdBefore = created.length;
    const statusesBefore = statuses.seen.length;
    const answer = await execute({ workDoneToken: 'sync-1' });
    expect(answer).toMatchObject({ ok: true, papers: 5, message: expect.stringMatching(/^Dokumentregister aktualisiert \(vollständig\): 5 Dokumente \(5 neu oder geändert, 0 gelöscht\)/) });

    const status = await statuses.next((value) => value.oparl !== undefined, statusesBefore);
    expect(status).toEqual({ drafts: 2, files: 4, syncable: true, oparl: { system: `${oparl.base}/oparl/system`, syncedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/), papers: 5 } });
    // The first line of the file (the papers' details follow on a line of their own).
    const written = JSON.parse(readFileSync(cache, 'utf8').split('\n')[0]!) as { system: string; papers: { nummer: unknown[] } };
    expect(written.system).toBe(`${oparl.base}/oparl/system`);
    expect(written.papers.nummer).toHaveLength(5);

    // The progress ends before the answer is sent, so it is all here by now.
    const values = onToken('sync-1');
    expect(values.map((value) => value.kind).join(' ')).toMatch(/^begin( report)+ end$/);
    expect(values[0]).toMatchObject({ title: 'Dokumentregister aktualisieren', message: `${oparl.base}/oparl/system` });
    expect(values.at(-2)).toMatchObject({ message: expect.stringMatching(/^(Seite 3 von 3|3 Seiten), 5 Dokumente/) });
    // The client's token is used as it is; the server creates no progress of its own.
    expect(created.length).toBe(createdBefore);
  });

  it('counts a draft created on disk, not a note', async () => {
    const from = statuses.seen.length;
    writeFileSync(path.join(workspace, 'neu.antrag.md'), draft('Neue Bänke', 'VIII-A-03002'));
    writeFileSync(path.join(workspace, 'mehr-notizen.md'), '# Mehr Notizen\n');
    await sync.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [
        { uri: pathToFileURL(path.join(workspace, 'neu.antrag.md')).href, type: 1 },
        { uri: pathToFileURL(path.join(workspace, 'mehr-notizen.md')).href, type: 1 },
      ],
    });
    const status = await statuses.next((value) => value.drafts !== 2, from);
    expect(status).toMatchObject({ drafts: 3, files: 4, oparl: { papers: 5 } });
  });

  it('counts a new draft without a number as it is typed, and forgets it when it stops being one', async () => {
    const from = statuses.seen.length;
    const uri = pathToFileURL(path.join(workspace, 'unbenannt.md')).href;
    await sync.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: draft('Noch ohne Nummer') } });
    // An open document enters the register from its analysis, which its diagnostics run.
    await sync.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    expect(await statuses.next((value) => value.drafts === 4, from)).toMatchObject({ drafts: 4 });
    const after = statuses.seen.length;
    await sync.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: '# Doch nur eine Notiz\n' }] });
    await sync.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    expect(await statuses.next((value) => value.drafts === 3, after)).toMatchObject({ drafts: 3 });
    await sync.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  it('ends a cancelled sync quietly and leaves the cache as it was', async () => {
    expect(existsSync(cache)).toBe(true);
    const bytes = readFileSync(cache);
    const modified = statSync(cache).mtimeMs;
    const createdBefore = created.length;
    // The papers list now never answers, as a slow server would not for a long time.
    let arrived!: () => void;
    const waiting = new Promise<void>((resolve) => (arrived = resolve));
    oparl.handle('/oparl/body/1/papers', () => arrived());

    const cancel = new CancellationTokenSource();
    const answer = execute({ workDoneToken: 'sync-2' }, cancel);
    await waiting;
    cancel.cancel();
    const result = await answer;
    expect(result).toMatchObject({ ok: false, cancelled: true });
    expect(result.message).toMatch(/abgebrochen/);

    // An error message would have been sent before the answer.
    expect(shown.filter((message) => message.type === 1)).toEqual([]);
    expect(readFileSync(cache).equals(bytes)).toBe(true);
    expect(statSync(cache).mtimeMs).toBe(modified);
    expect(statuses.seen.at(-1)).toMatchObject({ oparl: { papers: 5 } });
    expect(onToken('sync-2').map((value) => value.kind).join(' ')).toMatch(/^begin( report)* end$/);
    expect(created.length).toBe(createdBefore);
  });
});

describe('the register status without an OParl address', () => {
  it('says that none is set, and a sync asked by the editor answers why instead of showing a message', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'ratsfeder-no-oparl-'));
    // A council profile without an OParl interface, as a faction may write for its council.
    cpSync(path.join(ROOT, 'test', 'fixtures', 'profil', 'musterstadt.profile.yaml'), path.join(workspace, 'musterstadt.profile.yaml'));
    writeFileSync(path.join(workspace, 'ratsfeder.yaml'), 'profil: ./musterstadt.profile.yaml\n');
    const client = new TestClient();
    const statuses = record<RegisterStatus>(client, 'ratsfeder/registerStatus');
    const shown: string[] = [];
    client.connection.onRequest('window/showMessageRequest', (params: { message: string }) => {
      shown.push(params.message);
      return null;
    });
    try {
      await client.initialize(PULL_CLIENT, { locale: 'de', workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ohne' }], initializationOptions: { cacheDir: mkdtempSync(path.join(tmpdir(), 'ratsfeder-no-oparl-cache-')), trusted: true } });
      expect(await statuses.next()).toEqual({ drafts: 0, files: 0, syncable: false });
      const answer = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.registerSync', arguments: [{ editorSetup: true }] })) as SyncAnswer;
      expect(answer).toMatchObject({ ok: false, reason: 'no-system', message: expect.stringContaining('Keine OParl-Schnittstelle eingestellt') });
      expect(shown).toEqual([]);
      // Another editor gets the message from the server (asked before the answer).
      const other = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'ratsfeder.registerSync', arguments: [{}] })) as SyncAnswer;
      expect(other).toMatchObject({ ok: false, reason: 'no-system' });
      expect(shown).toEqual([answer.message]);
    } finally {
      await client.close();
    }
  });
});

describe('the drafts view over the protocol', () => {
  it('lists every draft of the workspace with its type, title and findings, the open buffer before the disk', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'ratsfeder-entwuerfe-'));
    const draft = (art: string, titel: string, body: string) => `---\nart: ${art}\ntitel: ${titel}\neinreicher: Freibeuter-Fraktion\n---\n\n${body}`;
    writeFileSync(path.join(workspace, 'baenke.antrag.md'), draft('Antrag', 'Mehr Bänke', '## Beschlussvorschlag\n\nDer Oberbürgermeister wird beauftragt, Bänke aufzustellen.\n\n## Begründung\n\nEs fehlen Bänke.\n'));
    writeFileSync(path.join(workspace, 'licht.anfrage.md'), draft('Anfrage', 'Licht im Park', '## Sachverhalt\n\nEs ist dunkel.\n'));
    writeFileSync(path.join(workspace, 'notizen.md'), '# Notizen\n\nKein Entwurf.\n');
    const client = new TestClient();
    try {
      const indexed = client.nextRefresh();
      await client.initialize(PULL_CLIENT, { locale: 'de', workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'entwuerfe' }], initializationOptions: { cacheDir: mkdtempSync(path.join(tmpdir(), 'ratsfeder-entwuerfe-cache-')) } });
      await indexed;
      const list = async () => {
        const answer = (await client.connection.sendRequest('ratsfeder/entwuerfe', {})) as DraftList;
        return [...answer.drafts].sort((a, b) => a.uri.localeCompare(b.uri));
      };
      const baenke = pathToFileURL(path.join(workspace, 'baenke.antrag.md')).href;
      const licht = pathToFileURL(path.join(workspace, 'licht.anfrage.md')).href;
      expect(await list()).toEqual([
        { uri: baenke, art: 'Antrag', titel: 'Mehr Bänke', errors: 0, warnings: 0 },
        // The Fragen section is missing.
        { uri: licht, art: 'Anfrage', titel: 'Licht im Park', errors: 1, warnings: 0 },
      ]);

      // An unsaved edit counts: the view shows what the editor shows.
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: baenke, languageId: 'markdown', version: 1, text: draft('Antrag', 'Mehr Bänke und Tische', '## Begründung\n\nEs fehlen Bänke.\n') } });
      expect((await list())[0]).toEqual({ uri: baenke, art: 'Antrag', titel: 'Mehr Bänke und Tische', errors: 1, warnings: 0 });
      // Once open, a draft listed from disk is judged from its buffer.
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: licht, languageId: 'markdown', version: 1, text: draft('Anfrage', 'Licht im Park', '## Sachverhalt\n\nEs ist dunkel.\n\n## Fragen\n\n1. Wann wird es hell?\n') },
      });
      const report = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: licht } })) as { items: unknown[] };
      expect(report.items).toEqual([]);
    } finally {
      await client.close();
    }
  });
});

describe('ignorieren: in ratsfeder.yaml', () => {
  it('keeps the folders it names out of the workspace scan, also as files change there', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'ratsfeder-ignorieren-'));
    const draft = (titel: string, nummer: string) => `---\nart: Antrag\ntitel: ${titel}\neinreicher: Freibeuter-Fraktion\nnummer: ${nummer}\n---\n\n## Beschlussvorschlag\n\nText.\n\n## Begründung\n\nText.\n`;
    writeFileSync(path.join(workspace, 'ratsfeder.yaml'), 'ignorieren:\n  - archiv\n  - "*.alt.md"\n');
    writeFileSync(path.join(workspace, 'schulen.antrag.md'), draft('Schulen sanieren', 'VIII-A-03001'));
    writeFileSync(path.join(workspace, 'baeder.alt.md'), draft('Bäder öffnen', 'VIII-A-03002'));
    writeFileSync(path.join(workspace, 'liste.register.csv'), 'nummer,titel\nVIII-DS-01001,Schulnetzplan\n');
    mkdirSync(path.join(workspace, 'archiv'));
    writeFileSync(path.join(workspace, 'archiv', 'parks.antrag.md'), draft('Parks pflegen', 'VIII-A-03003'));
    writeFileSync(path.join(workspace, 'archiv', 'alt.register.csv'), 'nummer,titel\nVIII-DS-01002,Bäderkonzept\nVIII-DS-01003,Parkkonzept\n');
    const client = new TestClient();
    const statuses = record<RegisterStatus>(client, 'ratsfeder/registerStatus');
    try {
      await client.initialize(
        { ...PULL_CLIENT, workspace: { ...PULL_CLIENT.workspace, didChangeWatchedFiles: { dynamicRegistration: true } } },
        { locale: 'de', workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ignorieren' }], initializationOptions: { cacheDir: mkdtempSync(path.join(tmpdir(), 'ratsfeder-ignorieren-cache-')), trusted: true } },
      );
      expect(await statuses.next()).toMatchObject({ drafts: 1, files: 1 });
      const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'VIII' })) as SymbolInformation[];
      expect(symbols.map((symbol) => symbol.name).join(' ')).not.toMatch(/03002|03003|01002/);

      // A draft created in the left-out folder does not enter the register; one beside it does.
      writeFileSync(path.join(workspace, 'archiv', 'neu.antrag.md'), draft('Neu', 'VIII-A-03004'));
      writeFileSync(path.join(workspace, 'kita.antrag.md'), draft('Kitas bauen', 'VIII-A-03005'));
      const from = statuses.seen.length;
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [
          { uri: pathToFileURL(path.join(workspace, 'archiv', 'neu.antrag.md')).href, type: 1 },
          { uri: pathToFileURL(path.join(workspace, 'kita.antrag.md')).href, type: 1 },
        ],
      });
      expect(await statuses.next((value) => value.drafts !== 1, from)).toMatchObject({ drafts: 2, files: 1 });
    } finally {
      await client.close();
    }
  });
});

describe('editor settings over the protocol', () => {
  const draft = (bezug?: string) => `---\nart: Antrag\ntitel: Mehr Bänke im Clara-Zetkin-Park\neinreicher: Freibeuter-Fraktion\n${bezug ? `bezug: ${bezug}\n` : ''}---\n\n## Beschlussvorschlag\n\nDer Oberbürgermeister wird beauftragt, Bänke aufzustellen.\n\n## Begründung\n\nEs fehlen Bänke.\n`;

  async function findings(files: Record<string, string>, settings: Record<string, unknown>, name: string): Promise<string[]> {
    const workspace = mkdtempSync(path.join(tmpdir(), 'ratsfeder-einstellungen-'));
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(workspace, file), text);
    const client = new TestClient();
    client.settings = settings;
    try {
      const indexed = client.nextRefresh();
      await client.initialize(PULL_CLIENT, { locale: 'de', workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'einstellungen' }], initializationOptions: { cacheDir: mkdtempSync(path.join(tmpdir(), 'ratsfeder-einstellungen-cache-')) } });
      await indexed;
      const uri = pathToFileURL(path.join(workspace, name)).href;
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: files[name]! } });
      const report = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { items: { code?: string | number }[] };
      return report.items.map((item) => String(item.code));
    } finally {
      await client.close();
    }
  }

  it('checks with the council the editor names (ratsfeder.profil) where ratsfeder.yaml names none', async () => {
    // A document number as Karlsruhe writes it; Leipzig's are VIII-A-00123.
    const files = { 'baenke.antrag.md': draft('2025/0123') };
    expect(await findings(files, {}, 'baenke.antrag.md')).toContain('feld-wert');
    expect(await findings(files, { profil: 'karlsruhe' }, 'baenke.antrag.md')).not.toContain('feld-wert');
    // The file wins.
    expect(await findings({ ...files, 'ratsfeder.yaml': 'profil: leipzig\n' }, { profil: 'karlsruhe' }, 'baenke.antrag.md')).toContain('feld-wert');
  });

  it('reports similar documents from the threshold the editor sets (ratsfeder.register.Ähnlichkeitsschwelle)', async () => {
    const files = {
      'baenke.antrag.md': draft(),
      'rat.register.csv': [
        'nummer,titel,art,datum',
        'VIII-A-00777,Mehr Sitzbänke im Clara-Zetkin-Park,Antrag,2025-03-01',
        'VIII-A-00778,Radweg an der Karl-Liebknecht-Straße,Antrag,2025-03-02',
        'VIII-F-00779,Schulsanierung in Grünau,Anfrage,2025-03-03',
      ].join('\n'),
    };
    expect(await findings(files, {}, 'baenke.antrag.md')).toContain('aehnliches-dokument');
    expect(await findings(files, { register: { Ähnlichkeitsschwelle: 1 } }, 'baenke.antrag.md')).not.toContain('aehnliches-dokument');
  });
});
