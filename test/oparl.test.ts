import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cacheFile, defaultCacheDir, loadCache, saveCache } from '../server/src/node/cache-store.js';
import { SyncError, syncOparl, type SyncOptions, type SyncProgress } from '../server/src/node/oparl.js';
import { compileProfile } from '../server/src/profile/compiled.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { applyPage, paperToEntry } from '../server/src/register/oparl.js';
import type { OparlCache, RegisterEntry } from '../server/src/register/types.js';
import { sendJson, startOparlServer, type Handler, type OparlServer } from './oparl-server.js';

// A switch for making `writeSync` fail like a full disk: the one write failure a test cannot
// provoke for real (tests run as root, so permissions do not stop writes).
const fsHooks = vi.hoisted(() => ({ writeError: undefined as string | undefined }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const writeSync = (...args: unknown[]): number => {
    if (fsHooks.writeError) throw Object.assign(new Error(`${fsHooks.writeError}: simulated`), { code: fsHooks.writeError });
    return (real.writeSync as (...a: unknown[]) => number)(...args);
  };
  return { ...real, writeSync };
});

const scanner = compileProfile(DEFAULT_PROFILE).scanner;
const T1 = new Date('2025-06-01T08:00:00.000Z');
const T2 = new Date('2025-06-02T09:30:00.000Z');

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ratsfeder-oparl-'));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function paper(base: string, n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `${base}/paper/${n}`,
    type: 'https://schema.oparl.org/1.1/Paper',
    reference: `VIII-A-${n}`,
    name: `Antrag Nummer ${n}`,
    paperType: 'Antrag',
    date: '2025-05-14',
    web: `https://ratsinformation.example/vo/${n}`,
    // Stamps that differ, as a server whose `modified` can be trusted gives them.
    modified: `2025-05-${String(1 + (n % 28)).padStart(2, '0')}T10:00:00+02:00`,
    ...extra,
  };
}

/**
 * Two bodies, the body list over two pages; body 1 has three pages of three papers (1–9),
 * body 2 two pages of two (101–104).
 */
function publishCouncil(server: OparlServer): void {
  const { base } = server;
  server.json('/oparl/system', { id: `${base}/oparl/system`, type: 'https://schema.oparl.org/1.1/System', oparlVersion: 'https://schema.oparl.org/1.1/', body: `${base}/oparl/bodies` });
  server.list('/oparl/bodies', [
    [{ id: `${base}/oparl/body/1`, type: 'https://schema.oparl.org/1.1/Body', name: 'Stadt Leipzig', paper: `${base}/oparl/body/1/papers` }],
    [{ id: `${base}/oparl/body/2`, type: 'https://schema.oparl.org/1.1/Body', name: 'Ortschaftsrat', paper: `${base}/oparl/body/2/papers` }],
  ]);
  server.list('/oparl/body/1/papers', [
    [paper(base, 1), paper(base, 2), paper(base, 3)],
    [paper(base, 4), paper(base, 5), paper(base, 6)],
    [paper(base, 7), paper(base, 8), paper(base, 9)],
  ]);
  server.list('/oparl/body/2/papers', [
    [paper(base, 101), paper(base, 102)],
    [paper(base, 103), paper(base, 104)],
  ]);
}

let server: OparlServer;
beforeEach(async () => {
  server = await startOparlServer();
});
afterEach(async () => {
  fsHooks.writeError = undefined;
  await server.close();
});

function sync(options: Partial<SyncOptions> = {}): ReturnType<typeof syncOparl> {
  return syncOparl({ system: `${server.base}/oparl/system`, scanner, now: () => T1, ...options });
}

/** Runs a sync that must fail, and returns its error. */
async function failure(options: Partial<SyncOptions> = {}): Promise<SyncError> {
  const error = await sync(options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SyncError);
  return error as SyncError;
}

/**
 * The guarantee behind every failure test: a cache saved before a failing sync is byte for
 * byte the same afterwards and still loads. Returns the sync's error.
 */
async function failsKeepingCache(options: Partial<SyncOptions> = {}): Promise<SyncError> {
  const file = cacheFile(path.join(tempDir(), 'cache'));
  const previous: OparlCache = {
    version: 2,
    system: `${server.base}/oparl/system`,
    syncedAt: T1.toISOString(),
    papers: new Map([['https://alt.example/paper/1', { nummer: 'VIII-A-00042', titel: 'Alt', source: 'oparl', origin: 'https://alt.example/paper/1' }]]),
  };
  saveCache(file, previous);
  const before = readFileSync(file);
  const loaded = loadCache(file);
  expect(loaded.problem).toBeUndefined();
  const error = await failure({ previous: loaded.cache, now: () => T2, ...options });
  expect(readFileSync(file).equals(before)).toBe(true);
  const after = loadCache(file);
  expect(after.problem).toBeUndefined();
  expect([...(after.cache?.papers.keys() ?? [])]).toEqual(['https://alt.example/paper/1']);
  // The German message says what happened and that the cache stays; the English one too.
  expect(error.message).toMatch(/[Dd]er bisherige Cache bleibt erhalten\./);
  expect(error.messageEn).toMatch(/previous cache is kept/);
  return error;
}

describe('paperToEntry', () => {
  const base = 'https://oparl.example';

  it('maps a paper to a register entry with the canonical number', () => {
    expect(paperToEntry(paper(base, 913, { reference: 'viii-f-913', name: 'Wie  viele\nBäume?', paperType: 'Anfrage', date: '2025-05-14T00:00:00+02:00' }), scanner)).toEqual({
      nummer: 'VIII-F-00913',
      titel: 'Wie viele Bäume?',
      art: 'Anfrage',
      datum: '2025-05-14',
      url: 'https://ratsinformation.example/vo/913',
      source: 'oparl',
      origin: `${base}/paper/913`,
    });
    expect(paperToEntry(paper(base, 1, { reference: 'VIII-A-01234-NF-1' }), scanner)?.nummer).toBe('VIII-A-01234-NF-01');
  });

  it('leaves out what is missing or unsafe instead of failing', () => {
    const entry = paperToEntry(paper(base, 5, { name: 42, paperType: '', date: '2025-02-30', web: 'javascript:alert(1)' }), scanner);
    expect(entry).toEqual({ nummer: 'VIII-A-00005', titel: '', source: 'oparl', origin: `${base}/paper/5` });
    expect(paperToEntry(paper(base, 6, { date: '2024-02-29', web: null, paperType: ['Antrag'] }), scanner)).toMatchObject({ datum: '2024-02-29' });
    expect(paperToEntry(paper(base, 6, { date: '14.05.2025' }), scanner)?.datum).toBeUndefined();
  });

  it('keeps a paper whose reference is not one number of the scheme, under the reference as written', () => {
    for (const [reference, nummer] of [
      [1234, '1234'],
      ['VIII-X-00001', 'VIII-X-00001'],
      ['IX-A-00001', 'IX-A-00001'],
      ['Ergänzung zu VIII-A-00001', 'Ergänzung zu VIII-A-00001'],
      ['VIII-A-00001, VIII-A-00002', 'VIII-A-00001, VIII-A-00002'],
      // Real references of other councils (Hürtgenwald, Karlsruhe, Augsburg, Braunschweig).
      ['  48/2018\n 1.  Ergänzung ', '48/2018 1. Ergänzung'],
      ['2022/1070/1', '2022/1070/1'],
      ['TVO-BSV/25/61736-2', 'TVO-BSV/25/61736-2'],
      ['1664\u0004/99', '1664/99'],
      [`VIII-A-00001${' '.repeat(200)}x`, 'VIII-A-00001 x'],
      ['x'.repeat(300), 'x'.repeat(100)],
    ] as const) {
      const entry = paperToEntry(paper(base, 1, { reference }), scanner);
      expect(entry, JSON.stringify(reference)).toMatchObject({ nummer, asWritten: true, titel: 'Antrag Nummer 1', origin: `${base}/paper/1` });
    }
    expect(paperToEntry(paper(base, 1), scanner)?.asWritten).toBeUndefined();
  });

  it('gives nothing for papers without a reference or an id', () => {
    for (const bad of [
      { reference: undefined },
      { reference: null },
      { reference: '' },
      { reference: '   ' },
      { reference: 'N/A' },
      { reference: ['VIII-A-00001'] },
      { id: undefined },
      { id: 'urn:paper:1' },
      { deleted: true },
    ]) {
      expect(paperToEntry(paper(base, 1, bad), scanner), JSON.stringify(bad)).toBeUndefined();
    }
    for (const junk of [null, undefined, 1, 'VIII-A-00001', [], [paper(base, 1)]]) expect(paperToEntry(junk, scanner)).toBeUndefined();
  });

  it('never throws, whatever the server sends', () => {
    fc.assert(
      fc.property(fc.anything(), fc.record({ id: fc.anything(), reference: fc.anything(), name: fc.anything(), date: fc.anything(), web: fc.anything(), deleted: fc.anything() }), (any, shaped) => {
        paperToEntry(any, scanner);
        paperToEntry(shaped, scanner);
        applyPage(new Map(), [any, shaped], scanner);
      }),
    );
  });
});

describe('applyPage', () => {
  const base = 'https://oparl.example';

  it('replaces changed papers by id, removes deleted ones and counts', () => {
    const papers = new Map<string, RegisterEntry>();
    expect(applyPage(papers, [paper(base, 1), paper(base, 2), paper(base, 3), 'junk', { id: 7 }], scanner)).toEqual({
      papers: 5,
      changed: 3,
      deleted: 0,
      skipped: 2,
      unfitting: 0,
      unfittingExamples: [],
      ids: [1, 2, 3].map((n) => `${base}/paper/${n}`),
    });
    const counts = applyPage(
      papers,
      [
        paper(base, 1, { name: 'Neuer Titel' }),
        { id: `${base}/paper/2`, deleted: true },
        { id: `${base}/paper/99`, deleted: true },
        paper(base, 3, { reference: 'N/A' }),
        paper(base, 4, { reference: '102/2002' }),
      ],
      scanner,
    );
    // Paper 3 lost its reference: its old entry would be wrong, so it goes.
    expect(counts).toEqual({ papers: 5, changed: 2, deleted: 2, skipped: 1, unfitting: 1, unfittingExamples: ['102/2002'], ids: [`${base}/paper/1`, `${base}/paper/4`] });
    expect([...papers.keys()]).toEqual([`${base}/paper/1`, `${base}/paper/4`]);
    expect(papers.get(`${base}/paper/1`)?.titel).toBe('Neuer Titel');
  });
});

describe('syncOparl', () => {
  it('reads every page of every body in a full sync', async () => {
    publishCouncil(server);
    const progress: SyncProgress[] = [];
    // One request at a time, so that the order of the requests is fixed.
    const result = await sync({ onProgress: (p) => progress.push(p), concurrency: 1 });

    expect(result.mode).toBe('full');
    expect(result).toMatchObject({ pages: 7, bodies: 2, papers: 13, changed: 13, deleted: 0, skipped: 0 });
    expect(result.cache.system).toBe(`${server.base}/oparl/system`);
    expect(result.cache.syncedAt).toBe(T1.toISOString());
    expect([...result.cache.papers.values()].map((entry) => entry.nummer).sort()).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 101, 102, 103, 104].map((n) => `VIII-A-${String(n).padStart(5, '0')}`).sort(),
    );
    expect(result.cache.papers.get(`${server.base}/paper/101`)).toEqual({
      nummer: 'VIII-A-00101',
      titel: 'Antrag Nummer 101',
      art: 'Antrag',
      datum: '2025-05-14',
      url: 'https://ratsinformation.example/vo/101',
      source: 'oparl',
      origin: `${server.base}/paper/101`,
    });
    expect(server.requests).toEqual([
      '/oparl/system',
      '/oparl/bodies',
      '/oparl/bodies?page=2',
      '/oparl/body/1/papers',
      '/oparl/body/1/papers?page=2',
      '/oparl/body/1/papers?page=3',
      '/oparl/body/2/papers',
      '/oparl/body/2/papers?page=2',
    ]);
    expect(progress.map((p) => p.pages)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(progress.at(-1)).toMatchObject({ phase: 'papers', pages: 7, totalPages: 7, papers: 13, deleted: 0, skipped: 0, unfitting: 0, url: `${server.base}/oparl/body/2/papers?page=2`, remainingMs: 0 });
    expect(result).toMatchObject({ unfitting: 0, unfittingExamples: [], warnings: [], resumed: false, modifiedUnreliable: false, fullSyncDue: false });
    expect(result.cache).toMatchObject({ version: 2, fullSyncAt: T1.toISOString() });
  });

  it('asks only for changes since the last sync and applies changes and deletions', async () => {
    publishCouncil(server);
    const first = await sync();
    const file = cacheFile(tempDir());
    saveCache(file, first.cache);
    const previous = loadCache(file).cache;
    expect(previous?.papers.size).toBe(13);

    const { base } = server;
    server.requests.length = 0;
    // With modified_since the server answers with changes only, deletions included (OParl 1.1).
    const changes = (pages: unknown[][], full: unknown[][]): Handler => (_request, response, url) => {
      const chosen = url.searchParams.has('modified_since') ? pages : full;
      const number = Number(url.searchParams.get('page') ?? '1');
      const next = new URL(`${base}${url.pathname}${url.search}`);
      next.searchParams.set('page', String(number + 1));
      sendJson(response, { data: chosen[number - 1] ?? [], links: number < chosen.length ? { next: next.href } : {} });
    };
    server.handle(
      '/oparl/body/1/papers',
      changes(
        [
          [paper(base, 2, { name: 'Antrag Nummer 2 (Neufassung)' }), { id: `${base}/paper/5`, type: 'https://schema.oparl.org/1.1/Paper', deleted: true }],
          [paper(base, 10)],
        ],
        [],
      ),
    );
    server.handle('/oparl/body/2/papers', changes([[{ id: `${base}/paper/103`, deleted: true }]], []));

    const result = await sync({ previous, now: () => T2 });
    expect(result.mode).toBe('incremental');
    expect(result).toMatchObject({ pages: 5, bodies: 2, papers: 4, changed: 2, deleted: 2, update: 'modified-since' });
    // One day before the last sync's start, in whole seconds with an offset, written unencoded.
    const since = '2025-05-31T08:00:00+00:00';
    expect(server.requests.filter((request) => request.includes('/papers'))).toEqual([
      `/oparl/body/1/papers?modified_since=${since}`,
      `/oparl/body/1/papers?page=2&modified_since=${since}`,
      `/oparl/body/2/papers?modified_since=${since}`,
    ]);

    expect(result.cache.syncedAt).toBe(T2.toISOString());
    expect(result.cache.papers.size).toBe(13 + 1 - 2);
    expect(result.cache.papers.get(`${base}/paper/2`)?.titel).toBe('Antrag Nummer 2 (Neufassung)');
    expect(result.cache.papers.get(`${base}/paper/10`)?.nummer).toBe('VIII-A-00010');
    expect(result.cache.papers.has(`${base}/paper/5`)).toBe(false);
    expect(result.cache.papers.has(`${base}/paper/103`)).toBe(false);
    expect(result.cache.papers.get(`${base}/paper/1`)?.titel).toBe('Antrag Nummer 1');
    // The previous cache is not modified: a caller may still save or use it.
    expect(previous?.papers.size).toBe(13);
  });

  it('syncs in full when the previous cache is for another system', async () => {
    publishCouncil(server);
    const previous: OparlCache = { version: 1, system: 'https://andere-stadt.example/oparl/system', syncedAt: T1.toISOString(), papers: new Map() };
    const result = await sync({ previous });
    expect(result.mode).toBe('full');
    expect(server.requests.some((request) => request.includes('modified_since'))).toBe(false);
  });

  it('follows an http redirect and understands gzip', async () => {
    publishCouncil(server);
    const { base } = server;
    server.handle('/old/system', (_request, response) => response.writeHead(301, { location: '/oparl/system' }).end());
    server.handle('/oparl/body/2/papers', (_request, response) => {
      const body = gzipSync(JSON.stringify({ data: [paper(base, 200)], links: {} }));
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length }).end(body);
    });
    const result = await sync({ system: `${base}/old/system` });
    expect(result.cache.system).toBe(`${base}/old/system`);
    expect(result.cache.papers.get(`${base}/paper/200`)?.nummer).toBe('VIII-A-00200');
  });

  it('retries after HTTP 500 and succeeds', async () => {
    publishCouncil(server);
    const list = '/oparl/body/1/papers';
    let failures = 1;
    const times: number[] = [];
    server.handle(list, (_request, response, url) => {
      times.push(Date.now());
      if (failures-- > 0) {
        response.writeHead(500).end('kaputt');
        return;
      }
      const page = Number(url.searchParams.get('page') ?? '1');
      sendJson(response, { data: [paper(server.base, page)], links: page < 2 ? { next: `${server.base}${list}?page=2` } : {} });
    });
    const result = await sync();
    expect(server.count(list)).toBe(3);
    expect(server.requests.filter((request) => request === list)).toHaveLength(2);
    // The default backoff starts at about 250 ms.
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(200);
    expect(result.cache.papers.size).toBe(2 + 4);
  });

  it('gives up after the retries with a SyncError naming the status', async () => {
    publishCouncil(server);
    server.handle('/oparl/body/2/papers', (_request, response) => response.writeHead(503).end());
    const error = await failsKeepingCache({ retries: 2, retryDelayMs: 10 });
    expect(error).toMatchObject({ kind: 'http', status: 503 });
    expect(error.url).toMatch(/\/oparl\/body\/2\/papers\?modified_since=/);
    expect(error.message).toContain(`Der OParl-Server antwortete auf ${error.url} mit HTTP 503 (3 Versuche). Später erneut versuchen`);
    expect(server.count('/oparl/body/2/papers')).toBe(3);
  });

  it('does not retry other 4xx answers', async () => {
    publishCouncil(server);
    server.handle('/oparl/bodies', (_request, response) => response.writeHead(404).end());
    const error = await failsKeepingCache({ retryDelayMs: 10 });
    expect(error).toMatchObject({ kind: 'http', status: 404, url: `${server.base}/oparl/bodies` });
    expect(server.count('/oparl/bodies')).toBe(1);
  });

  it('times out on a body that never ends', async () => {
    publishCouncil(server);
    server.handle('/oparl/body/1/papers', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"data": [');
    });
    const started = Date.now();
    const error = await failsKeepingCache({ timeoutMs: 300, retries: 1, retryDelayMs: 10 });
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('nicht innerhalb von 300 ms vollständig geantwortet (2 Versuche)');
    expect(server.count('/oparl/body/1/papers')).toBe(2);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('times out on a server that never answers', async () => {
    publishCouncil(server);
    server.handle('/oparl/system', () => undefined);
    const error = await failsKeepingCache({ timeoutMs: 300, retries: 0 });
    expect(error).toMatchObject({ kind: 'timeout', url: `${server.base}/oparl/system` });
  });

  it('retries a connection closed in the middle of a body', async () => {
    publishCouncil(server);
    let failures = 1;
    server.handle('/oparl/body/2/papers', (_request, response) => {
      if (failures-- > 0) {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': 1_000 });
        response.write('{"data": [', () => response.destroy());
        return;
      }
      sendJson(response, { data: [paper(server.base, 300)], links: {} });
    });
    const result = await sync({ retryDelayMs: 10 });
    expect(server.count('/oparl/body/2/papers')).toBe(2);
    expect(result.cache.papers.get(`${server.base}/paper/300`)?.nummer).toBe('VIII-A-00300');
  });

  it('syncs in full when the previous time stamp is not a date', async () => {
    publishCouncil(server);
    const previous: OparlCache = { version: 1, system: `${server.base}/oparl/system`, syncedAt: 'gestern', papers: new Map() };
    const result = await sync({ previous });
    expect(result.mode).toBe('full');
    expect(server.requests.some((request) => request.includes('modified_since'))).toBe(false);
  });

  it('fails on invalid JSON without retrying', async () => {
    publishCouncil(server);
    server.handle('/oparl/body/1/papers', (_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('<html>Wartungsarbeiten</html>'));
    const error = await failsKeepingCache();
    expect(error.kind).toBe('json');
    expect(error.message).toMatch(/ist kein gültiges JSON/);
    expect(server.count('/oparl/body/1/papers')).toBe(1);
  });

  it('fails on a System without a body list and on a list page without data', async () => {
    server.json('/oparl/system', { id: 'x', type: 'https://schema.oparl.org/1.1/System' });
    expect((await failsKeepingCache()).kind).toBe('format');
    publishCouncil(server);
    server.json('/oparl/body/2/papers', { links: {} });
    expect((await failsKeepingCache()).kind).toBe('format');
  });

  it('stops at a next link that points to a page already read', async () => {
    publishCouncil(server);
    const list = '/oparl/body/1/papers';
    server.handle(list, (_request, response, url) => sendJson(response, { data: [paper(server.base, 1)], links: { next: `${server.base}${url.pathname}${url.search}` } }));
    const error = await failsKeepingCache();
    expect(error.kind).toBe('loop');
    expect(server.count(list)).toBe(1);
  });

  it('stops at maxPages', async () => {
    publishCouncil(server);
    const list = '/oparl/body/1/papers';
    server.handle(list, (_request, response, url) => {
      const page = Number(url.searchParams.get('page') ?? '1');
      sendJson(response, { data: [], links: { next: `${server.base}${list}?page=${page + 1}` } });
    });
    const error = await failsKeepingCache({ maxPages: 10 });
    expect(error.kind).toBe('too-many-pages');
    // System is no list page; 2 body-list pages plus 8 paper-list pages make the 10.
    expect(server.count(list)).toBe(8);
  });

  it('refuses a next link with another scheme', async () => {
    publishCouncil(server);
    server.json('/oparl/body/1/papers', { data: [], links: { next: 'file:///etc/passwd' } });
    const error = await failsKeepingCache();
    expect(error).toMatchObject({ kind: 'url', url: 'file:///etc/passwd' });
  });

  it('stops reading a response larger than maxBytes', async () => {
    publishCouncil(server);
    const big = { data: Array.from({ length: 200 }, (_, i) => paper(server.base, i + 1)), links: {} };
    // With a Content-Length the answer is refused at once; without one, while it streams.
    server.json('/oparl/body/1/papers', big);
    expect((await failsKeepingCache({ maxBytes: 4_000 })).kind).toBe('too-large');
    server.handle('/oparl/body/1/papers', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const text = JSON.stringify(big);
      for (let at = 0; at < text.length; at += 1_000) response.write(text.slice(at, at + 1_000));
      response.end();
    });
    const error = await failsKeepingCache({ maxBytes: 4_000 });
    expect(error.kind).toBe('too-large');
    expect(error.message).toContain('größer als 4000 Bytes');
  });

  it('counts decompressed bytes against maxBytes', async () => {
    publishCouncil(server);
    server.handle('/oparl/body/1/papers', (_request, response) => {
      const body = gzipSync(JSON.stringify({ data: [], links: {}, padding: ' '.repeat(1_000_000) }));
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length }).end(body);
    });
    expect((await failsKeepingCache({ maxBytes: 100_000 })).kind).toBe('too-large');
  });

  it('refuses a redirect to another scheme', async () => {
    publishCouncil(server);
    server.handle('/oparl/bodies', (_request, response) => response.writeHead(302, { location: 'file:///etc/passwd' }).end());
    const error = await failsKeepingCache();
    expect(error).toMatchObject({ kind: 'redirect', url: `${server.base}/oparl/bodies` });
    expect(error.message).toContain('file:///etc/passwd');
  });

  it('refuses more than five redirects', async () => {
    publishCouncil(server);
    server.handle('/hop', (_request, response, url) => {
      const n = Number(url.searchParams.get('n') ?? '0');
      response.writeHead(307, { location: `/hop?n=${n + 1}` }).end();
    });
    server.handle('/oparl/bodies', (_request, response) => response.writeHead(302, { location: '/hop' }).end());
    const error = await failsKeepingCache();
    expect(error.kind).toBe('redirect');
    expect(error.message).toContain('mehr als 5-mal');
    expect(server.count('/hop')).toBe(5);
  });

  it('refuses a System URL that is not http(s)', async () => {
    const error = await failsKeepingCache({ system: 'ftp://127.0.0.1/oparl/system' });
    expect(error.kind).toBe('url');
    expect(server.requests).toEqual([]);
  });

  it('reports a refused connection after its retries', async () => {
    const closed = await startOparlServer();
    const url = `${closed.base}/oparl/system`;
    await closed.close();
    const error = await failure({ system: url, retries: 1, retryDelayMs: 10 });
    expect(error.kind).toBe('network');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('can be cancelled', async () => {
    publishCouncil(server);
    const controller = new AbortController();
    server.handle('/oparl/body/1/papers', () => controller.abort());
    const error = await failsKeepingCache({ signal: controller.signal });
    expect(error.kind).toBe('aborted');
  });
});

describe('cache store', () => {
  const cache = (titel: string): OparlCache => ({
    version: 1,
    system: 'https://oparl.example/system',
    syncedAt: T1.toISOString(),
    papers: new Map([['https://oparl.example/paper/1', { nummer: 'VIII-A-00001', titel, art: 'Antrag', datum: '2025-05-14', url: 'https://ratsinformation.example/vo/1', source: 'oparl', origin: 'https://oparl.example/paper/1' }]]),
  });

  it('finds the user cache directory per platform', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/anna')).toBe('/xdg/ratsfeder');
    expect(defaultCacheDir({ XDG_CACHE_HOME: 'relativ' }, 'linux', '/home/anna')).toBe('/home/anna/.cache/ratsfeder');
    expect(defaultCacheDir({}, 'linux', '/home/anna')).toBe('/home/anna/.cache/ratsfeder');
    expect(defaultCacheDir({}, 'darwin', '/Users/anna')).toBe('/Users/anna/Library/Caches/ratsfeder');
    expect(defaultCacheDir({ LOCALAPPDATA: 'C:\\Users\\anna\\AppData\\Local' }, 'win32', 'C:\\Users\\anna')).toBe('C:\\Users\\anna\\AppData\\Local\\ratsfeder\\Cache');
    expect(defaultCacheDir({}, 'win32', 'C:\\Users\\anna')).toBe('C:\\Users\\anna\\AppData\\Local\\ratsfeder\\Cache');
    expect(cacheFile('/xdg/ratsfeder')).toBe(path.join('/xdg/ratsfeder', 'oparl-register.json'));
  });

  it('saves, replaces and loads, creating the directory and leaving no temp files', () => {
    const dir = path.join(tempDir(), 'neu', 'ratsfeder');
    const file = cacheFile(dir);
    expect(loadCache(file)).toEqual({});
    saveCache(file, cache('Erst'));
    saveCache(file, cache('Zweit'));
    expect(readdirSync(dir)).toEqual(['oparl-register.json']);
    const loaded = loadCache(file);
    expect(loaded.problem).toBeUndefined();
    expect(loaded.cache?.papers.get('https://oparl.example/paper/1')?.titel).toBe('Zweit');
  });

  it('fails with a clear message when the directory cannot be made, and leaves nothing behind', () => {
    const root = tempDir();
    const old = cacheFile(root);
    saveCache(old, cache('Alt'));
    const before = readFileSync(old);
    writeFileSync(path.join(root, 'blocker'), 'eine Datei, kein Ordner');
    const file = path.join(root, 'blocker', 'ratsfeder', 'oparl-register.json');
    expect(() => saveCache(file, cache('Neu'))).toThrow(/Der OParl-Cache .*blocker.* konnte nicht gespeichert werden: der Ordner .* lässt sich nicht anlegen \((ENOTDIR|EEXIST): ein Teil des Pfads ist eine Datei/);
    expect(readdirSync(root).sort()).toEqual(['blocker', 'oparl-register.json']);
    expect(readFileSync(old).equals(before)).toBe(true);
    expect(readFileSync(path.join(root, 'blocker'), 'utf8')).toBe('eine Datei, kein Ordner');
  });

  it('removes its temp file when the rename fails', () => {
    const root = tempDir();
    const file = cacheFile(root);
    // A non-empty directory where the file should be: the temp file is written, the rename fails.
    mkdirSync(file);
    writeFileSync(path.join(file, 'drin'), 'x');
    expect(() => saveCache(file, cache('Neu'))).toThrow(/die neue Datei lässt sich nicht an ihre Stelle setzen/);
    expect(readdirSync(root)).toEqual(['oparl-register.json']);
    expect(readdirSync(file)).toEqual(['drin']);
  });

  it('keeps the old cache when the disk is full', () => {
    const root = tempDir();
    const file = cacheFile(root);
    saveCache(file, cache('Alt'));
    const before = readFileSync(file);
    fsHooks.writeError = 'ENOSPC';
    expect(() => saveCache(file, cache('Neu'))).toThrow(/in .* lässt sich nicht schreiben \(ENOSPC: kein Speicherplatz mehr frei\)\. Speicherplatz freigeben/);
    fsHooks.writeError = undefined;
    expect(readdirSync(root)).toEqual(['oparl-register.json']);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(loadCache(file).cache?.papers.get('https://oparl.example/paper/1')?.titel).toBe('Alt');
  });

  it('reports a corrupt or foreign cache file and leaves it untouched', () => {
    const root = tempDir();
    const file = cacheFile(root);
    for (const text of ['{"version":1,"system":"x","syncedAt":', '{"version":3,"system":"x","syncedAt":"y","papers":[]}', '\u0000\u0001binär']) {
      writeFileSync(file, text);
      const mtime = statSync(file).mtimeMs;
      const loaded = loadCache(file);
      expect(loaded.cache).toBeUndefined();
      expect(loaded.problem).toBe(
        `Der OParl-Cache ${file} ist beschädigt oder stammt aus einer anderen Ratsfeder-Version und wird nicht verwendet. Die Datei bleibt unverändert; eine neue Synchronisierung ersetzt sie durch einen vollständigen Abgleich.`,
      );
      expect(readFileSync(file, 'utf8')).toBe(text);
      expect(statSync(file).mtimeMs).toBe(mtime);
    }
  });

  it('reports a cache path it cannot read', () => {
    const root = tempDir();
    const file = cacheFile(root);
    mkdirSync(file);
    const loaded = loadCache(file);
    expect(loaded.cache).toBeUndefined();
    expect(loaded.problem).toContain(`Der OParl-Cache ${file} kann nicht gelesen werden (EISDIR`);
    expect(statSync(file).isDirectory()).toBe(true);
  });
});
