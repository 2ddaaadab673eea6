import { mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DidChangeWatchedFilesNotification, DidOpenTextDocumentNotification, DocumentDiagnosticRequest, FileChangeType, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { cacheFileFor } from '../server/src/node/cache-store.js';
import type { RegisterStatus } from '../server/src/protocol/index.js';
import { ratsfederAsync } from './helpers.js';
import { PULL_CLIENT, TestClient } from './lsp-client.js';
import { startOparlServer, type OparlServer } from './oparl-server.js';

/*
 * The OParl cache shared between processes, over the real protocol: a language server notices
 * a sync that the CLI wrote after the server started (no restart), keeps its data when another
 * process leaves a damaged cache, and reads no file that a watched-file event names outside
 * the workspace folders.
 */

const DRAFT = '---\nart: Antrag\ntitel: Radwege\neinreicher: Freibeuter-Fraktion\n---\n\n## Beschlussvorschlag\n\nWie VIII-DS-05001 und VIII-DS-05002.\n\n## Begründung\n\nText.\n';

/** Every `ratsfeder/registerStatus` the server sends, and a wait for one that fits. */
function statuses(client: TestClient) {
  const seen: RegisterStatus[] = [];
  const waiters: { predicate: (status: RegisterStatus) => boolean; resolve: (status: RegisterStatus) => void }[] = [];
  client.connection.onNotification('ratsfeder/registerStatus', (status: RegisterStatus) => {
    seen.push(status);
    for (const waiter of [...waiters]) {
      if (!waiter.predicate(status)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(status);
    }
  });
  return {
    seen,
    next(predicate: (status: RegisterStatus) => boolean): Promise<RegisterStatus> {
      const already = seen.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve };
        waiters.push(waiter);
        setTimeout(() => reject(new Error(`no such status within 15 s; got ${JSON.stringify(seen)}`)), 15_000).unref();
      });
    },
  };
}

describe('a sync written by another process', () => {
  let oparl: OparlServer;
  let system: string;
  const papers: { reference: string; name: string }[] = [{ reference: 'VIII-DS-05001', name: 'Radwege im Süden' }];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    oparl = await startOparlServer();
    const { base } = oparl;
    system = `${base}/oparl/system`;
    oparl.json('/oparl/system', { id: system, type: 'https://schema.oparl.org/1.1/System', body: `${base}/oparl/bodies` });
    oparl.list('/oparl/bodies', [[{ id: `${base}/oparl/body/1`, type: 'https://schema.oparl.org/1.1/Body', name: 'Stadt Leipzig', paper: `${base}/oparl/papers` }]]);
    // The papers as they are at the time of each request.
    oparl.handle('/oparl/papers', (_request, response) => {
      const data = papers.map((paper, i) => ({ id: `${base}/oparl/paper/${i}`, type: 'https://schema.oparl.org/1.1/Paper', reference: paper.reference, name: paper.name, modified: '2025-05-20T10:00:00+02:00' }));
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data, links: {} }));
    });
  });
  afterAll(async () => {
    for (const client of clients) await client.close();
    await oparl.close();
  });
  afterEach(() => {
    delete process.env.RATSFEDER_CACHE_WATCH;
  });

  /** A project naming the loopback system, synced once by the CLI, and a server started on it. */
  async function start(watch: 'watch' | 'stat') {
    papers.splice(1);
    const workspace = mkdtempSync(path.join(tmpdir(), 'ratsfeder-fremdabgleich-'));
    writeFileSync(path.join(workspace, 'ratsfeder.yaml'), `register:\n  oparl: ${system}\n`);
    writeFileSync(path.join(workspace, 'radwege.antrag.md'), DRAFT);
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'ratsfeder-fremdabgleich-cache-'));
    expect((await ratsfederAsync(['register', 'sync', '--cache', cacheDir], workspace)).code).toBe(0);
    if (watch === 'stat') process.env.RATSFEDER_CACHE_WATCH = 'stat';
    const client = new TestClient();
    clients.push(client);
    const status = statuses(client);
    const indexed = client.nextRefresh();
    await client.initialize(PULL_CLIENT, { locale: 'de', workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'fremd' }], initializationOptions: { cacheDir, trusted: true } });
    await indexed;
    const uri = pathToFileURL(path.join(workspace, 'radwege.antrag.md')).href;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
    const unknown = async (): Promise<string[]> => {
      const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      return (report.kind === 'full' ? report.items : []).filter((item) => item.code === 'nummer-unbekannt').map((item) => /VIII-DS-\d+/.exec(typeof item.message === 'string' ? item.message : item.message.value)![0]);
    };
    const hover = async (needle: string): Promise<string> => {
      const line = DRAFT.split('\n').findIndex((text) => text.includes(needle));
      const result = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: DRAFT.split('\n')[line]!.indexOf(needle) + 2 } });
      return result ? (result.contents as MarkupContent).value : '';
    };
    return { workspace, cacheDir, client, status, unknown, hover };
  }

  it.each([['watching the cache folder', 'watch'] as const, ['with the stat before each request alone', 'stat'] as const])(
    'is seen by a running language server without a restart, %s',
    async (_name, watch) => {
      const { workspace, cacheDir, client, status, unknown, hover } = await start(watch);
      expect(await status.next((value) => value.oparl?.papers === 1)).toMatchObject({ oparl: { system, papers: 1 } });
      expect(await unknown()).toEqual(['VIII-DS-05002']);

      // The council publishes a paper; the CLI syncs in a process of its own.
      papers.push({ reference: 'VIII-DS-05002', name: 'Radwege im Norden' });
      const refreshed = client.nextRefresh();
      expect((await ratsfederAsync(['register', 'sync', '--cache', cacheDir], workspace)).code).toBe(0);
      if (watch === 'watch') {
        // The watch alone: no request in between.
        expect(await status.next((value) => value.oparl?.papers === 2)).toMatchObject({ oparl: { papers: 2 } });
        await refreshed;
        expect(await unknown()).toEqual([]);
      } else {
        // As an editor keeps asking: without a watch, a request looks at the file (at most once a
        // second) and is answered from what was read before; the new cache follows off its path.
        await expect.poll(unknown, { timeout: 15_000, interval: 300 }).toEqual([]);
        expect(await status.next((value) => value.oparl?.papers === 2)).toMatchObject({ oparl: { papers: 2 } });
        await refreshed;
      }
      expect(await hover('VIII-DS-05002')).toContain('Radwege im Norden');
      expect(client.logs.some((line) => line.includes('OParl-Cache neu gelesen'))).toBe(true);
      expect(client.alive).toBe(true);
    },
  );

  it('leaves the server answering with its previous data, and saying so, when another process leaves a damaged cache', async () => {
    const { cacheDir, client, status, unknown, hover } = await start('watch');
    await status.next((value) => value.oparl?.papers === 1);
    const file = cacheFileFor(cacheDir, system)!;
    const good = readFileSync(file);
    // Another program's write, atomic as Ratsfeder's own, but of a broken file.
    const temp = path.join(cacheDir, 'kaputt.tmp');
    writeFileSync(temp, good.subarray(0, Math.floor(good.length / 2)));
    renameSync(temp, file);
    await expect.poll(() => client.messages.find((message) => message.includes('beschädigt')), { timeout: 15_000 }).toBeDefined();
    const message = client.messages.find((text) => text.includes('beschädigt'))!;
    expect(message).toContain(`Der OParl-Cache ${file} ist beschädigt`);
    expect(message).toContain('Bis dahin gelten die zuletzt gelesenen OParl-Daten weiter (1 Dokumente');
    // Still the paper it knew, and still no opinion on one it never knew of.
    expect(await hover('VIII-DS-05001')).toContain('Radwege im Süden');
    expect(await unknown()).toEqual(['VIII-DS-05002']);
    expect(status.seen.at(-1)).toMatchObject({ oparl: { papers: 1 } });
    // Said once, not at every request.
    await unknown();
    expect(client.messages.filter((text) => text.includes('beschädigt'))).toHaveLength(1);
    // A good file again is read again.
    writeFileSync(temp, good);
    renameSync(temp, file);
    expect(client.alive).toBe(true);
    await expect.poll(() => client.logs.some((line) => line.includes('OParl-Cache neu gelesen')), { timeout: 15_000 }).toBe(true);
  });
});

describe('watched-file events', () => {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  it('read no file whose real location is outside the workspace folders', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'ratsfeder-ueberwacht-'));
    const outside = mkdtempSync(path.join(tmpdir(), 'ratsfeder-ausserhalb-'));
    writeFileSync(path.join(outside, 'fremd.register.csv'), 'nummer,titel\nVIII-DS-06001,Fremdes Register\nVIII-DS-06002,Noch eins\n');
    client = new TestClient();
    const status = statuses(client);
    const indexed = client.nextRefresh();
    await client.initialize(PULL_CLIENT, {
      locale: 'de',
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ueberwacht' }],
      initializationOptions: { cacheDir: mkdtempSync(path.join(tmpdir(), 'ratsfeder-ueberwacht-cache-')) },
    });
    await indexed;
    expect(await status.next(() => true)).toMatchObject({ files: 0 });
    // A link inside the workspace to a register file outside it, and a register file of its own.
    symlinkSync(path.join(outside, 'fremd.register.csv'), path.join(workspace, 'link.register.csv'));
    writeFileSync(path.join(workspace, 'eigen.register.csv'), 'nummer,titel\nVIII-DS-07001,Eigenes Register\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: ['link.register.csv', 'eigen.register.csv'].map((name) => ({ uri: pathToFileURL(path.join(workspace, name)).href, type: FileChangeType.Created as FileChangeType })),
    });
    expect(await status.next((value) => value.files > 0)).toMatchObject({ files: 1 });
    // A change to the target outside is not read either.
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(path.join(workspace, 'link.register.csv')).href, type: FileChangeType.Changed }] });
    writeFileSync(path.join(workspace, 'eigen.register.csv'), 'nummer,titel\nVIII-DS-07001,Eigenes Register\nVIII-DS-07002,Noch eins\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(path.join(workspace, 'eigen.register.csv')).href, type: FileChangeType.Changed }] });
    expect(await status.next((value) => value.files === 2 || value.files > 2)).toMatchObject({ files: 2 });
    expect(status.seen.every((value) => value.files <= 2)).toBe(true);
  });
});
