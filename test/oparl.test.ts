import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CacheWriteError, cacheFileFor, cacheFileName, checkpointFile, defaultCacheDir, loadCache, loadCheckpoint, removeCheckpoint, saveCache, saveCheckpoint } from '../server/src/node/cache-store.js';
import { SyncError, syncOparl, type SyncCheckpoint, type SyncOptions, type SyncProgress } from '../server/src/node/oparl.js';
import { syncText } from '../server/src/node/sync-messages.js';
import { compileProfile } from '../server/src/analysis/compiled-profile.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import { jsonChunks, parseCache, serializeCache } from '../server/src/register/cache.js';
import { Projects } from '../server/src/node/project.js';
import { applyPage, organizationKind, paperToEntry, toOrganization, webBase } from '../server/src/register/oparl.js';
import type { OparlCache, RegisterEntry } from '../server/src/register/types.js';
import { sendJson, startOparlServer, type Handler, type OparlServer } from './oparl-server.js';

/** The cache file of a System URL in `dir`, as the tests' caches are named. */
const CACHE_NAME = cacheFileName('https://oparl.example/system')!;
const cacheFile = (dir: string): string => path.join(dir, CACHE_NAME);

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
/** A sync's failure as the user reads it, in German and in English. */
const de = (error: SyncError): string => syncText(error.failure, 'de');
const en = (error: SyncError): string => syncText(error.failure, 'en');

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
  expect(de(error)).toMatch(/[Dd]er bisherige Cache bleibt erhalten\./);
  expect(en(error)).toMatch(/previous cache is kept/);
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
    expect(de(error)).toContain(`Der OParl-Server antwortete auf ${error.url} mit HTTP 503 (3 Versuche). Später erneut versuchen`);
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
    expect(de(error)).toContain('nicht innerhalb von 300 ms vollständig geantwortet (2 Versuche)');
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
    expect(de(error)).toMatch(/ist kein gültiges JSON/);
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
    // The server gave the address, not the user.
    expect(de(error)).toContain('Dem Betreiber des OParl-Servers melden');
    expect(de(error)).not.toContain('System-URL');
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
    expect(de(error)).toContain('größer als 4000 Bytes');
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
    expect(de(error)).toContain('file:///etc/passwd');
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
    expect(de(error)).toContain('mehr als 5-mal');
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
    expect(de(error)).toContain('ECONNREFUSED');
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
    expect(cacheFileFor('/xdg/ratsfeder', 'https://oparl.example/system')).toBe(path.join('/xdg/ratsfeder', CACHE_NAME));
  });

  it('names the cache of each System URL after its host and a hash of the whole URL, never after a user or password', () => {
    const name = cacheFileName('https://ratsinfo.leipzig.de/bi/oparl/1.0/system.asp')!;
    expect(name).toMatch(/^oparl-ratsinfo\.leipzig\.de-[0-9a-f]{12}\.json$/);
    // One system however its address is written: case of scheme and host, the default port, a fragment, a user and password.
    for (const same of ['HTTPS://RatsInfo.Leipzig.DE:443/bi/oparl/1.0/system.asp', 'https://ratsinfo.leipzig.de/bi/oparl/1.0/system.asp#oben', 'https://anna:geheim@ratsinfo.leipzig.de/bi/oparl/1.0/system.asp']) {
      expect(cacheFileName(same), same).toBe(name);
    }
    // Another system, also one on the same host, has a cache of its own.
    expect(cacheFileName('https://ratsinfo.leipzig.de/bi/oparl/1.1/system.asp')).not.toBe(name);
    expect(cacheFileName('http://ratsinfo.leipzig.de/bi/oparl/1.0/system.asp')).not.toBe(name);
    expect(cacheFileName('http://127.0.0.1:8080/oparl/system')).toMatch(/^oparl-127\.0\.0\.1-8080-[0-9a-f]{12}\.json$/);
    expect(cacheFileName('http://[::1]:8080/oparl/system')).toMatch(/^oparl-1-8080-[0-9a-f]{12}\.json$/);
    expect(cacheFileName('https://anna:geheim@rat.example/oparl')).not.toMatch(/anna|geheim/);
    for (const bad of ['file:///etc/passwd', 'keine Adresse', '']) expect(cacheFileName(bad), bad).toBeUndefined();
    expect(cacheFileFor('/xdg/ratsfeder', undefined)).toBeUndefined();
  });

  it('moves the former single cache to the name of its System URL, with its index and texts, and leaves it alone for another URL', () => {
    const dir = tempDir();
    const legacy = path.join(dir, 'oparl-register.json');
    saveCache(legacy, cache('Alt'));
    writeFileSync(path.join(dir, 'oparl-register.similar.json'), '{}');
    mkdirSync(path.join(dir, 'oparl-register.texte'));
    writeFileSync(path.join(dir, 'oparl-register.texte', 'VIII-A-00001.json'), '{}');
    // Another project's System URL finds no cache, and the former one stays where it is.
    const other = cacheFileFor(dir, 'https://anderer-rat.example/oparl/system')!;
    expect(loadCache(other)).toEqual({});
    expect(existsSync(legacy)).toBe(true);
    // The System URL the former cache was synced from gets it, and needs no new sync.
    const file = cacheFileFor(dir, 'https://oparl.example/system')!;
    expect(loadCache(file).cache?.papers.get('https://oparl.example/paper/1')?.titel).toBe('Alt');
    const base = CACHE_NAME.replace(/\.json$/, '');
    expect(readdirSync(dir).sort()).toEqual([CACHE_NAME, `${base}.similar.json`, `${base}.texte`].sort());
    expect(readdirSync(path.join(dir, `${base}.texte`))).toEqual(['VIII-A-00001.json']);
    // Once moved, it is that system's only: asked again, nothing changes.
    expect(cacheFileFor(dir, 'https://oparl.example/system')).toBe(file);
    expect(loadCache(cacheFileFor(dir, 'https://anderer-rat.example/oparl/system')!)).toEqual({});
  });

  it('never puts the former cache over one that a sync has written under the new name', () => {
    const dir = tempDir();
    const file = path.join(dir, CACHE_NAME);
    saveCache(file, cache('Neu'));
    saveCache(path.join(dir, 'oparl-register.json'), cache('Alt'));
    expect(cacheFileFor(dir, 'https://oparl.example/system')).toBe(file);
    expect(loadCache(file).cache?.papers.get('https://oparl.example/paper/1')?.titel).toBe('Neu');
    expect(existsSync(path.join(dir, 'oparl-register.json'))).toBe(true);
  });

  it('leaves a former cache that is damaged, or no regular file, where it is', () => {
    const dir = tempDir();
    const legacy = path.join(dir, 'oparl-register.json');
    writeFileSync(legacy, '{"version":2,"system":"https://oparl.example/system","syncedAt":');
    const file = cacheFileFor(dir, 'https://oparl.example/system')!;
    expect(loadCache(file)).toEqual({});
    expect(readdirSync(dir)).toEqual(['oparl-register.json']);
    rmSync(legacy);
    mkdirSync(legacy);
    expect(loadCache(cacheFileFor(dir, 'https://oparl.example/system')!)).toEqual({});
    expect(statSync(legacy).isDirectory()).toBe(true);
  });

  it('saves, replaces and loads, creating the directory and leaving no temp files', () => {
    const dir = path.join(tempDir(), 'neu', 'ratsfeder');
    const file = cacheFile(dir);
    expect(loadCache(file)).toEqual({});
    saveCache(file, cache('Erst'));
    saveCache(file, cache('Zweit'));
    expect(readdirSync(dir)).toEqual([CACHE_NAME]);
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
    const { failure } = saveFailure(() => saveCache(file, cache('Neu')));
    expect(syncText(failure, 'de')).toMatch(/Der OParl-Cache .*blocker.* konnte nicht gespeichert werden: der Ordner .* lässt sich nicht anlegen \((ENOTDIR|EEXIST): ein Teil des Pfads ist eine Datei.*\)\. Den Pfad prüfen.* Der bisherige Cache ist unverändert\./);
    expect(syncText(failure, 'en')).toMatch(/The OParl cache .*blocker.* could not be saved: the folder .* cannot be created \((ENOTDIR|EEXIST): part of the path is a file.*\)\. Check the path.* The previous cache is unchanged\./);
    expect(readdirSync(root).sort()).toEqual(['blocker', CACHE_NAME].sort());
    expect(readFileSync(old).equals(before)).toBe(true);
    expect(readFileSync(path.join(root, 'blocker'), 'utf8')).toBe('eine Datei, kein Ordner');
  });

  it('removes its temp file when the rename fails', () => {
    const root = tempDir();
    const file = cacheFile(root);
    // A non-empty directory where the file should be: the temp file is written, the rename fails.
    mkdirSync(file);
    writeFileSync(path.join(file, 'drin'), 'x');
    expect(syncText(saveFailure(() => saveCache(file, cache('Neu'))).failure, 'de')).toMatch(/die neue Datei lässt sich nicht an ihre Stelle setzen/);
    expect(readdirSync(root)).toEqual([CACHE_NAME]);
    expect(readdirSync(file)).toEqual(['drin']);
  });

  it('keeps the old cache when the disk is full', () => {
    const root = tempDir();
    const file = cacheFile(root);
    saveCache(file, cache('Alt'));
    const before = readFileSync(file);
    fsHooks.writeError = 'ENOSPC';
    const full = saveFailure(() => saveCache(file, cache('Neu'))).failure;
    expect(syncText(full, 'de')).toMatch(/in .* lässt sich nicht schreiben \(ENOSPC: kein Speicherplatz mehr frei\)\. Speicherplatz freigeben/);
    expect(syncText(full, 'en')).toMatch(/cannot be written to \(ENOSPC: no space left\)\. Free some disk space/);
    fsHooks.writeError = undefined;
    expect(readdirSync(root)).toEqual([CACHE_NAME]);
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
      expect(syncText(loaded.problem!, 'de')).toBe(
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
    expect(syncText(loaded.problem!, 'de')).toContain(`Der OParl-Cache ${file} kann nicht gelesen werden (keine gewöhnliche Datei, sondern eine Pipe, ein Gerät oder ein Ordner)`);
    expect(statSync(file).isDirectory()).toBe(true);
  });
});

/*
 * Real objects, as the councils' servers sent them (from the collection described in
 * /work/shared/data/oparl-real/README.md), cut to what the tests need; long file URLs shortened.
 */
const AUGSBURG = 'https://www.augsburg.sitzung-online.de/public/oparl';
const AUGSBURG_SYSTEM = {
  id: `${AUGSBURG}/system`,
  type: 'https://schema.oparl.org/1.1/System',
  oparlVersion: 'https://schema.oparl.org/1.1/',
  body: `${AUGSBURG}/bodies`,
  name: 'ALLRIS OParl der Stadt Augsburg',
  vendor: 'https://www.cc-egov.de',
  product: 'https://cc-egov.de/de-de/produkte/allris',
  created: '2025-12-03T13:52:29+01:00',
  modified: '2025-12-03T13:52:29+01:00',
  web: 'https://www.augsburg.sitzung-online.de/public/',
  deleted: false,
};
const AUGSBURG_PAPER = {
  id: `${AUGSBURG}/papers?id=1001737`,
  type: 'https://schema.oparl.org/1.1/Paper',
  body: `${AUGSBURG}/bodies?id=1`,
  name: 'Zukunftsbericht Integration-Wegweiser für eine Kommune (Fortschreibung Integrationsbericht)',
  reference: 'TVO-BSV/25/61736-2',
  date: '2025-12-01',
  paperType: 'Tischvorlage',
  mainFile: {
    id: `${AUGSBURG}/files?id=1059421&dtyp=130`,
    type: 'https://schema.oparl.org/1.1/File',
    name: 'Sammeldokument öffentlich',
    date: '2025-12-01',
    fileName: '2025-12-01 TVO-BSV_25_61736-2 Zukunftsbericht Inte SAO.pdf',
    mimeType: 'pdf',
    size: 3163823,
    accessUrl: 'https://www.augsburg.sitzung-online.de/public/doc?DOLFDNR=1059421&DOCTYP=130&OTYP=41&ANNOTS=1',
    downloadUrl: '',
    deleted: false,
  },
  originatorPerson: [null],
  consultation: [
    {
      id: `${AUGSBURG}/consultations?id=1001439&bi=1001359`,
      type: 'https://schema.oparl.org/1.1/Consultation',
      paper: `${AUGSBURG}/papers?id=1001737`,
      organization: [`${AUGSBURG}/organizations?typ=gr&id=160`],
      agendaItem: `${AUGSBURG}/agendaItems?id=1002246`,
      meeting: `${AUGSBURG}/meetings?id=2825`,
      authoritative: true,
      role: 'Entscheidung',
      deleted: false,
    },
  ],
  web: 'https://www.augsburg.sitzung-online.de/public/vo020?VOLFDNR=1001737',
  created: '2025-12-01T13:46:24+01:00',
  modified: '2025-12-01T13:50:31+01:00',
  deleted: false,
};
const AUGSBURG_ORGANIZATION = {
  id: `${AUGSBURG}/organizations?typ=gr&id=1`,
  type: 'https://schema.oparl.org/1.1/Organization',
  body: `${AUGSBURG}/bodies?id=1`,
  name: 'Stadtrat Augsburg',
  shortName: 'Rat',
  startDate: '2006-07-19',
  organizationType: 'Hauptorgan',
  classification: 'Stadtrat',
  meeting: `${AUGSBURG}/meetings?organization=1`,
  web: 'https://www.augsburg.sitzung-online.de/public/gr020?GRLFDNR=1',
  deleted: false,
};
const KARLSRUHE = 'https://web1.karlsruhe.de/oparl/bodies/0001';
/** Karlsruhe (SessionNet) has no `web`: the files are the only link. */
const KARLSRUHE_PAPER = {
  auxiliaryFile: [
    { accessUrl: `${KARLSRUHE}/downloadfiles/a/00642554.pdf`, downloadUrl: `${KARLSRUHE}/downloadfiles/00642554.pdf`, fileName: '00642554.pdf', id: `${KARLSRUHE}/files/642554`, mimeType: 'application/pdf', name: 'Änderungs-/Ergänzungsantrag', type: 'https://schema.oparl.org/1.1/File' },
    { accessUrl: `${KARLSRUHE}/downloadfiles/a/00642562.pdf`, downloadUrl: `${KARLSRUHE}/downloadfiles/00642562.pdf`, fileName: '00642562.pdf', id: `${KARLSRUHE}/files/642562`, mimeType: 'application/pdf', name: 'Stellungnahme Antrag', type: 'https://schema.oparl.org/1.1/File' },
  ],
  body: KARLSRUHE,
  consultation: [
    {
      agendaItem: `${KARLSRUHE}/agendaitems/73997`,
      authoritative: true,
      created: '2022-11-14T16:51:58+01:00',
      id: `${KARLSRUHE}/consultations/28567`,
      meeting: `${KARLSRUHE}/meetings/6605`,
      modified: '2025-03-03T13:33:42+01:00',
      organization: [`${KARLSRUHE}/organizations/gr/32130`],
      paper: `${KARLSRUHE}/papers/vo/47772`,
      role: 'Entscheidung',
      type: 'https://schema.oparl.org/1.1/Consultation',
    },
  ],
  created: '2022-11-14T16:24:27+01:00',
  date: '2022-11-14',
  id: `${KARLSRUHE}/papers/vo/47772`,
  modified: '2025-03-03T14:30:52+01:00',
  name: 'Kein Verkauf der Immobilie der Majolika',
  paperType: 'Änderungs-/Ergänzungsantrag',
  reference: '2022/1070/1',
  subordinatedPaper: [`${KARLSRUHE}/papers/vo/47516`],
  type: 'https://schema.oparl.org/1.1/Paper',
  underDirectionOf: [`${KARLSRUHE}/organizations/at/882972`],
};
const KARLSRUHE_DELETED = { body: KARLSRUHE, created: '2026-03-05T14:08:43+01:00', deleted: true, id: `${KARLSRUHE}/papers/vo/54250`, modified: '2026-03-05T14:08:43+01:00', name: '', paperType: '', reference: '', type: 'https://schema.oparl.org/1.1/Paper' };
const KARLSRUHE_ORGANIZATIONS = [
  { id: `${KARLSRUHE}/organizations/at/883022`, type: 'https://schema.oparl.org/1.1/Organization', body: KARLSRUHE, name: 'Behindertenbeauftragte', shortName: 'SJB', startDate: '2026-01-01' },
  { id: `${KARLSRUHE}/organizations/at/882972`, type: 'https://schema.oparl.org/1.1/Organization', body: KARLSRUHE, name: 'Tiefbauamt', shortName: 'TBA' },
  { id: `${KARLSRUHE}/organizations/gr/34531`, type: 'https://schema.oparl.org/1.1/Organization', body: KARLSRUHE, name: 'Planungsausschuss', shortName: 'PlanA' },
  { id: `${KARLSRUHE}/organizations/gr/32130`, type: 'https://schema.oparl.org/1.1/Organization', body: KARLSRUHE, name: 'Betriebsausschuss "Eigenbetrieb Fußballstadion im Wildpark"', shortName: 'BetrA Fußball', classification: 'Beschließender Ausschuss' },
];
const SDNET = 'https://sdnetrim.kdvz-frechen.de/rim4220/webservice/oparl/v1.0';
const HUERTGENWALD_SYSTEM = {
  id: `${SDNET}/system`,
  type: 'https://schema.oparl.org/1.0/System',
  oparlVersion: 'https://schema.oparl.org/1.0/',
  body: `${SDNET}/body`,
  name: 'SD.NET RIM',
  contactEmail: 'info@sternberg24.de',
  contactName: 'STERNBERG Software GmbH & Co. KG',
  website: 'https://www.ratsinfomanagement.net/',
  vendor: 'https://www.sitzungsdienst.net/',
  product: 'https://www.sitzungsdienst.net/produkte/gremieninformationssystem/oparl-schnittstelle/',
  'STERNBERG:RIMVersion': '5.0.4',
};
const HUERTGENWALD_PAPER = {
  id: `${SDNET}/body/1/paper/782`,
  type: 'https://schema.oparl.org/1.0/Paper',
  body: `${SDNET}/body/1`,
  name: 'Regelförderung der Vereine im Gemeindegebiet durch die Gemeinde Hürtgenwald; \nhier: Neuverteilung für den Zeitraum 2007 bis 2009',
  reference: '159/2006',
  date: '2007-01-23',
  paperType: 'Beschlussvorlage',
  mainFile: {
    id: `${SDNET}/body/1/file/1-3156`,
    type: 'https://schema.oparl.org/1.0/File',
    name: 'Beschlussvorlage (Regelförderung der Vereine im Gemeindegebiet durch die Gemeinde Hürtgenwald; \nhier: Neuverteilung für den Zeitraum 2007 bis 2009)',
    mimeType: 'application/pdf',
    accessUrl: `${SDNET}/body/1/files/UGhVM0hpd2NXNFdFcExjZf1Oo/Beschlussvorlage_159-2006.pdf`,
    downloadUrl: `${SDNET}/body/1/files/download/UGhVM0hpd2NXNFdFcExjZf1Oo/Beschlussvorlage_159-2006.pdf`,
  },
  consultation: [
    {
      id: `${SDNET}/body/1/consultation/1509`,
      type: 'https://schema.oparl.org/1.0/Consultation',
      agendaItem: `${SDNET}/body/1/agendaitem/3540`,
      meeting: `${SDNET}/body/1/meeting/333`,
      organization: [`${SDNET}/body/1/organization/1-9`],
    },
  ],
  created: '2009-12-17T15:55:45+01:00',
  modified: '2009-12-17T15:55:45+01:00',
  web: 'https://sdnetrim.kdvz-frechen.de/rim4220/vorgang/?__=UGhVM0hpd2NXNFdFcExjZfguHhjq-UYk6gPOBPWv7CM',
};
/** Deleted SD.NET objects have no `type`. */
const HUERTGENWALD_DELETED = { id: `${SDNET}/body/1/paper/3435`, created: '2020-02-10T09:15:53+01:00', modified: '2020-03-17T10:53:34+01:00', deleted: true };
const HUERTGENWALD_ORGANIZATIONS = [
  { name: 'Christlich Demokratische Union', organizationType: 'Fraktion', kind: 'fraktion' },
  { name: 'Wahlausschuss', shortName: 'WS', organizationType: 'Gremium', classification: 'Gremien', kind: 'gremium' },
  { name: 'Gemeinderat', shortName: 'GR', organizationType: 'Gremium', classification: 'Gremien', kind: 'gremium' },
  { name: 'Abteilung 1', organizationType: 'Dienststellen', kind: 'verwaltung' },
  { name: 'Ortsvorsteher', shortName: 'OV', organizationType: 'Gremium', classification: 'Ortsvorsteher', kind: 'gremium' },
] as const;
/** Leipzig's ALLRIS 1.0 (2014–2020): `web` is `N/A` followed by the page's relative address. */
const LEIPZIG_OLD_SYSTEM = 'https://ratsinfo.leipzig.de/bi/oparl/1.0/system.asp';
const LEIPZIG_OLD_PAPER = {
  id: 'https://ratsinfo.leipzig.de/bi/oparl/1.0/papers.asp?id=1000030',
  type: 'https://schema.oparl.org/1.0/Paper',
  body: 'https://ratsinfo.leipzig.de/bi/oparl/1.0/bodies.asp?id=2387',
  name: 'Konzept der Stadt Leipzig zur fairen und nachhaltigen Beschaffung\r\n(eRis: DS V/3966)',
  reference: 'DS-00029/14',
  paperType: 'Informationsvorlage',
  date: '2014-09-09',
  mainFile: {
    id: 'https://ratsinfo.leipzig.de/bi/oparl/1.0/files.asp?dtyp=130&id=1000487',
    type: 'https://schema.oparl.org/1.0/File',
    name: 'Vorlage-Sammeldokument',
    fileName: '1000487.pdf',
    mimeType: 'application/pdf',
    accessUrl: 'https://ratsinfo.leipzig.de/bi/oparl/1.0/download.asp?dtyp=130&id=1000487',
  },
  web: 'N/Avo020.asp?VOLFDNR=1000030',
  created: '2014-07-23T12:00:00+02:00',
  modified: '2014-09-09T10:03:49+02:00',
};
/** A Bonn meeting (ALLRIS 4) whose `auxiliaryFile` is one object, not an array. */
const BONN_MEETING = {
  id: 'https://www.bonn.sitzung-online.de/public/oparl/meetings?id=664',
  type: 'https://schema.oparl.org/1.1/Meeting',
  name: 'Sitzung des Projektbeirates Behindertenpolitischer Teilhabeplan',
  meetingState: 'eingeladen',
  cancelled: false,
  start: '2021-05-11T17:00:00+02:00',
  end: '2021-05-12T00:00:00+02:00',
  organization: ['https://www.bonn.sitzung-online.de/public/oparl/organizations?typ=gr&id=334'],
  auxiliaryFile: {
    id: 'https://www.bonn.sitzung-online.de/public/oparl/files?id=268781&dtyp=134',
    type: 'https://schema.oparl.org/1.1/File',
    name: 'Alle Anlagen öffentlich',
    accessUrl: 'https://www.bonn.sitzung-online.de/public/doc?DOLFDNR=268781&DOCTYP=134&OTYP=41',
    downloadUrl: '',
  },
  web: 'https://www.bonn.sitzung-online.de/public/to010?SILFDNR=664',
  deleted: false,
};
/** Braunschweig's paper 1664/99 as its server sent it: raw control characters inside a string (bytes 0x04, 0x01, 0x06, 0x03). */
const BRAUNSCHWEIG_PAPER_TEXT =
  '{\n  "id": "https://ratsinfo.braunschweig.de/bi/oparl/1.0/papers.asp?id=1664",\n  "type": "https://schema.oparl.org/1.0/Paper",\n  "name": "Volkshochschule Braunschweig e. V.\\r\\nUmwandlung in eine Gesellschaft mit beschr\u201enkter Haftung (GmbH) \\n @ \u0004\u0001  A |     \u0006 @   \u201d\u0003  \u00ff",\n  "reference": "1664\\/99",\n  "web": "https://ratsinfo.braunschweig.de/bi/vo020.asp?VOLFDNR=1664",\n  "created": "1999-02-08T12:00:00+01:00",\n  "modified": "1999-02-08T12:00:00+01:00"\n}';

describe('real papers', () => {
  it('registers an Augsburg paper with its Beratungsfolge and file', () => {
    expect(paperToEntry(AUGSBURG_PAPER, scanner)).toEqual({
      nummer: 'TVO-BSV/25/61736-2',
      asWritten: true,
      titel: 'Zukunftsbericht Integration-Wegweiser für eine Kommune (Fortschreibung Integrationsbericht)',
      art: 'Tischvorlage',
      datum: '2025-12-01',
      url: 'https://www.augsburg.sitzung-online.de/public/vo020?VOLFDNR=1001737',
      source: 'oparl',
      origin: `${AUGSBURG}/papers?id=1001737`,
      details: {
        consultations: [{ organizations: [`${AUGSBURG}/organizations?typ=gr&id=160`], meeting: `${AUGSBURG}/meetings?id=2825`, role: 'Entscheidung', authoritative: true }],
        files: [{ name: 'Sammeldokument öffentlich', url: 'https://www.augsburg.sitzung-online.de/public/doc?DOLFDNR=1059421&DOCTYP=130&OTYP=41&ANNOTS=1', main: true }],
      },
    });
  });

  it('links a Karlsruhe paper without web to its first file, with the federführendes Amt and the related paper', () => {
    const entry = paperToEntry(KARLSRUHE_PAPER, scanner);
    expect(entry).toMatchObject({ nummer: '2022/1070/1', asWritten: true, url: `${KARLSRUHE}/downloadfiles/a/00642554.pdf`, art: 'Änderungs-/Ergänzungsantrag' });
    expect(entry?.details).toEqual({
      consultations: [{ organizations: [`${KARLSRUHE}/organizations/gr/32130`], meeting: `${KARLSRUHE}/meetings/6605`, role: 'Entscheidung', authoritative: true }],
      files: [
        { name: 'Änderungs-/Ergänzungsantrag', url: `${KARLSRUHE}/downloadfiles/a/00642554.pdf` },
        { name: 'Stellungnahme Antrag', url: `${KARLSRUHE}/downloadfiles/a/00642562.pdf` },
      ],
      underDirectionOf: [`${KARLSRUHE}/organizations/at/882972`],
      related: [{ id: `${KARLSRUHE}/papers/vo/47516`, relation: 'subordinated' }],
    });
    // The main file, where there is one, comes before the attachments.
    const withMain = { ...KARLSRUHE_PAPER, mainFile: { accessUrl: `${KARLSRUHE}/downloadfiles/a/1.pdf`, name: 'Vorlage' } };
    expect(paperToEntry(withMain, scanner)?.url).toBe(`${KARLSRUHE}/downloadfiles/a/1.pdf`);
    expect(paperToEntry(KARLSRUHE_DELETED, scanner)).toBeUndefined();
    expect(paperToEntry(HUERTGENWALD_DELETED, scanner)).toBeUndefined();
  });

  it('reads a Hürtgenwald consultation without a role, and a title over two lines', () => {
    expect(paperToEntry(HUERTGENWALD_PAPER, scanner)).toMatchObject({
      nummer: '159/2006',
      asWritten: true,
      titel: 'Regelförderung der Vereine im Gemeindegebiet durch die Gemeinde Hürtgenwald; hier: Neuverteilung für den Zeitraum 2007 bis 2009',
      details: {
        consultations: [{ organizations: [`${SDNET}/body/1/organization/1-9`], meeting: `${SDNET}/body/1/meeting/333` }],
        files: [{ name: 'Beschlussvorlage (Regelförderung der Vereine im Gemeindegebiet durch die Gemeinde Hürtgenwald; hier: Neuverteilung für den Zeitraum 2007 bis 2009)', main: true }],
      },
    });
  });

  it('resolves ALLRIS 1.0’s "N/A"-prefixed web address against the system, and drops what is not http(s)', () => {
    const context = { webBase: webBase(LEIPZIG_OLD_SYSTEM) };
    expect(context.webBase).toBe('https://ratsinfo.leipzig.de/bi/');
    expect(webBase('https://www.augsburg.sitzung-online.de/public/oparl/system')).toBe('https://www.augsburg.sitzung-online.de/public/');
    expect(webBase('https://rat.example/api/system')).toBe('https://rat.example/');
    expect(paperToEntry(LEIPZIG_OLD_PAPER, scanner, context)).toMatchObject({ url: 'https://ratsinfo.leipzig.de/bi/vo020.asp?VOLFDNR=1000030', titel: 'Konzept der Stadt Leipzig zur fairen und nachhaltigen Beschaffung (eRis: DS V/3966)' });
    // Without a base, and for "N/A" alone, the main file is the link; a script never is.
    expect(paperToEntry(LEIPZIG_OLD_PAPER, scanner)?.url).toBe('https://ratsinfo.leipzig.de/bi/oparl/1.0/download.asp?dtyp=130&id=1000487');
    expect(paperToEntry({ ...LEIPZIG_OLD_PAPER, web: 'N/A' }, scanner, context)?.url).toBe('https://ratsinfo.leipzig.de/bi/oparl/1.0/download.asp?dtyp=130&id=1000487');
    for (const web of ['N/Ajavascript:alert(1)', 'N/Afile:///etc/passwd', 'vo020.asp?VOLFDNR=1']) {
      expect(paperToEntry({ ...LEIPZIG_OLD_PAPER, web, mainFile: undefined }, scanner, context)?.url, web).toBeUndefined();
    }
    // "N/A" and "" are missing values wherever they stand.
    expect(paperToEntry(paper('https://oparl.example', 7, { name: 'N/A', paperType: 'N/A', date: 'N/A', web: '' }), scanner)).toEqual({ nummer: 'VIII-A-00007', titel: '', source: 'oparl', origin: 'https://oparl.example/paper/7' });
  });

  it('reads auxiliaryFile as one object, and originatorPerson absent or [null]', () => {
    const single = paperToEntry({ ...AUGSBURG_PAPER, web: undefined, mainFile: undefined, auxiliaryFile: BONN_MEETING.auxiliaryFile }, scanner);
    expect(single?.url).toBe(BONN_MEETING.auxiliaryFile.accessUrl);
    expect(single?.details?.files).toEqual([{ name: 'Alle Anlagen öffentlich', url: BONN_MEETING.auxiliaryFile.accessUrl }]);
    expect(paperToEntry({ ...AUGSBURG_PAPER, originatorPerson: undefined }, scanner)?.nummer).toBe('TVO-BSV/25/61736-2');
  });
});

describe('organization kinds', () => {
  it('follows organizationType, then classification, then the vendor’s id', () => {
    for (const { kind, ...organization } of HUERTGENWALD_ORGANIZATIONS) {
      expect(toOrganization({ id: `${SDNET}/body/1/organization/1-1`, type: 'https://schema.oparl.org/1.0/Organization', ...organization })?.kind, organization.name).toBe(kind);
    }
    expect(KARLSRUHE_ORGANIZATIONS.map((organization) => toOrganization(organization)?.kind)).toEqual(['verwaltung', 'verwaltung', 'gremium', 'gremium']);
    expect(toOrganization(AUGSBURG_ORGANIZATION)).toEqual({ id: AUGSBURG_ORGANIZATION.id, name: 'Stadtrat Augsburg', shortName: 'Rat', kind: 'gremium' });
    expect(toOrganization({ ...AUGSBURG_ORGANIZATION, id: `${AUGSBURG}/organizations?typ=fr&id=7`, organizationType: undefined, classification: undefined })?.kind).toBe('fraktion');
  });

  it('knows the words councils use', () => {
    const kind = (organizationType: string) => organizationKind({ organizationType });
    for (const word of ['Gremium', 'Ausschuss', 'Rat', 'Beirat', 'Ortschaftsrat', 'Stadtbezirksrat', 'Verwaltungsausschuss', 'Hauptorgan', 'Kommission']) expect(kind(word), word).toBe('gremium');
    for (const word of ['Fraktion', 'Gruppe im Rat']) expect(kind(word), word).toBe('fraktion');
    for (const word of ['Verwaltungsbereich', 'Amt', 'Dezernat', 'Referat', 'Dienststellen', 'Fachbereich']) expect(kind(word), word).toBe('verwaltung');
    for (const word of ['Partei', 'Sonstiges']) expect(kind(word), word).toBe('sonstige');
    for (const word of ['', 'N/A', 'Xyz']) expect(kind(word), word).toBeUndefined();
  });
});

describe('cache version 2', () => {
  const base = 'https://oparl.example';
  const withDetails = (n: number): RegisterEntry =>
    paperToEntry(
      paper(base, n, {
        reference: n % 3 === 0 ? `${n}/2025` : `VIII-A-${n}`,
        consultation: [
          { organization: [`${base}/org/${n % 7}`], meeting: `${base}/meeting/${n % 50}`, role: n % 2 ? 'Beschlussfassung' : 'Vorberatung', authoritative: n % 2 === 1 },
          { organization: [`${base}/org/1`, `${base}/org/2`] },
        ],
        mainFile: { name: 'Vorlage', accessUrl: `${base}/files/${n}/vorlage.pdf` },
        auxiliaryFile: [{ name: 'Anlage 1', accessUrl: `${base}/files/${n}/anlage-1.pdf` }],
        underDirectionOf: [`${base}/org/amt-${n % 4}`],
        relatedPaper: [`${base}/paper/${n + 1}`],
        superordinatedPaper: `${base}/paper/${n - 1}`,
      }),
      scanner,
    )!;

  it('keeps details, references as written and organization kinds through the file', () => {
    const papers = new Map([1, 2, 3].map((n) => [`${base}/paper/${n}`, withDetails(n)] as const));
    papers.set(`${base}/paper/4`, { nummer: 'VIII-A-00004', titel: 'Ohne alles', source: 'oparl', origin: `${base}/paper/4` });
    const cache: OparlCache = {
      version: 2,
      system: `${base}/system`,
      syncedAt: T2.toISOString(),
      fullSyncAt: T1.toISOString(),
      calendarSyncedAt: T1.toISOString(),
      modifiedUnreliable: true,
      papers,
      organizations: new Map(KARLSRUHE_ORGANIZATIONS.map((o) => [o.id, toOrganization(o)!])),
      meetings: new Map(),
    };
    const back = parseCache(serializeCache(cache))!;
    expect(back).toMatchObject({ version: 2, fullSyncAt: T1.toISOString(), calendarSyncedAt: T1.toISOString(), modifiedUnreliable: true });
    for (const [id, entry] of papers) {
      const { details, ...rest } = entry;
      expect(back.papers.get(id), id).toMatchObject(rest);
      expect(back.papers.get(id)?.details, id).toEqual(details);
      // As JSON (`register show --format json`) the details are there too.
      expect(JSON.parse(JSON.stringify(back.papers.get(id)))).toEqual(JSON.parse(JSON.stringify(entry)));
    }
    expect(back.papers.get(`${base}/paper/3`)).toMatchObject({ nummer: '3/2025', asWritten: true });
    expect([...back.organizations!.values()]).toEqual([...cache.organizations!.values()]);
  });

  it('stays compact: details cost less than a third of the papers in plain JSON', () => {
    const papers = new Map(Array.from({ length: 2_000 }, (_, i) => [`${base}/paper/${i + 1}`, withDetails(i + 1)] as const));
    const text = serializeCache({ version: 2, system: `${base}/system`, syncedAt: T1.toISOString(), papers });
    const plain = JSON.stringify([...papers.values()]);
    expect(text.length).toBeLessThan(plain.length / 3);
    expect(parseCache(text)?.papers.size).toBe(2_000);
  });

  it('still reads version 1 caches, and refuses malformed details', () => {
    const v1 = JSON.stringify({ version: 1, system: `${base}/system`, syncedAt: T1.toISOString(), idPrefix: `${base}/paper/`, urlPrefix: '', papers: [['1', 'VIII-A-00001', 'Eins', 'Antrag', '2025-05-14', '']] });
    const old = parseCache(v1)!;
    expect(old.version).toBe(1);
    expect(old.papers.get(`${base}/paper/1`)).toMatchObject({ nummer: 'VIII-A-00001', titel: 'Eins' });
    expect(parseCache(v1.replace('"Eins","Antrag","2025-05-14",""', '"Eins","Antrag","2025-05-14","",1'))).toBeUndefined();
    const good = asVersion3(serializeCache({ version: 2, system: `${base}/system`, syncedAt: T1.toISOString(), papers: new Map([[`${base}/paper/1`, withDetails(1)]]) })) as { papers: unknown[][]; refs: unknown; details: unknown };
    expect(parseCache(JSON.stringify(good))?.papers.get(`${base}/paper/1`)?.details).toEqual(withDetails(1).details);
    for (const broken of [
      (data: { papers: unknown[][] }) => (data.papers[0]![7] = 'kaputt'),
      (data: { papers: unknown[][] }) => (data.papers[0]![6] = 2),
      (data: { papers: unknown[][]; refs: unknown }) => (data.refs = 'kaputt'),
      (data: { papers: unknown[][]; details: unknown }) => (data.details = [1]),
    ]) {
      const copy = structuredClone(good);
      broken(copy);
      expect(parseCache(JSON.stringify(copy)), broken.toString()).toBeUndefined();
    }
    // Details are decoded when asked for: a garbled row loses them, not the paper.
    const garbled = structuredClone(good);
    garbled.details = '[[[["x"]]]]';
    const entry = parseCache(JSON.stringify(garbled))?.papers.get(`${base}/paper/1`);
    expect(entry).toMatchObject({ nummer: 'VIII-A-00001' });
    expect(entry?.details).toBeUndefined();
  });

  it('keeps the details of version 4 on a line of their own, and refuses them where they do not belong', () => {
    const text = serializeCache({ version: 2, system: `${base}/system`, syncedAt: T1.toISOString(), papers: new Map([[`${base}/paper/1`, withDetails(1)]]) });
    const [head, details, end] = text.split('\n');
    expect(end).toBe('');
    expect(JSON.parse(head!)).toMatchObject({ version: 4, details: details!.length });
    expect(parseCache(text)?.papers.get(`${base}/paper/1`)?.details).toEqual(withDetails(1).details);
    // Cut short in the details, or longer than the first line says: damaged, not a cache without details.
    expect(parseCache(`${head}\n${details!.slice(0, -3)}\n`)).toBeUndefined();
    expect(parseCache(`${head}\n${details!.slice(0, -3)}`)).toBeUndefined();
    expect(parseCache(`${head}\n${details} \n`)).toBeUndefined();
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ratsfeder-cut-')), 'oparl.json');
    writeFileSync(file, text.slice(0, -10));
    expect(loadCache(file).problem?.kind).toBe('cache-damaged');
    writeFileSync(file, text);
    expect(loadCache(file).cache?.papers.get(`${base}/paper/1`)?.details).toEqual(withDetails(1).details);
    // A first line that promises details without them, or details after a line that does not promise them: no cache.
    expect(parseCache(`${head}\n`)).toBeUndefined();
    expect(parseCache(head!)).toBeUndefined();
    const withoutDetails = JSON.stringify({ ...JSON.parse(head!), details: undefined, refs: undefined });
    expect(parseCache(`${withoutDetails}\n`)?.papers.size).toBe(1);
    expect(parseCache(`${withoutDetails}\n${details}\n`)).toBeUndefined();
    // Garbled details lose the details, not the paper.
    const garbled = JSON.stringify({ ...JSON.parse(head!), details: '[[[["x"]]]]'.length });
    const entry = parseCache(`${garbled}\n[[[["x"]]]]\n`)?.papers.get(`${base}/paper/1`);
    expect(entry).toMatchObject({ nummer: 'VIII-A-00001' });
    expect(entry?.details).toBeUndefined();
    // A file of an older version written over several lines is read as one JSON text.
    expect(parseCache(JSON.stringify(asVersion3(text), null, 2))?.papers.get(`${base}/paper/1`)?.details).toEqual(withDetails(1).details);
  });
});

/** A cache's text as version 3 wrote it: a row per paper instead of columns, the details in a string. */
function asVersion3(text: string): Record<string, unknown> {
  const [head, details] = text.split('\n');
  const data = JSON.parse(head!) as { version: number; details?: unknown; papers: Record<string, unknown[]> | unknown[][] };
  const { id, nummer, titel, art, datum, url, asWritten } = data.papers as Record<string, unknown[]>;
  data.papers = id!.map((_, i) => {
    const row = [id![i], nummer![i], titel![i], art![i], datum![i], url![i]];
    if (asWritten!.includes(i)) row.push(1);
    return row;
  });
  data.version = 3;
  if (typeof data.details === 'number') data.details = details;
  return data;
}

describe('cache versions 3 and 4', () => {
  const base = 'https://oparl.example';
  const entry = (id: string, nummer: string, titel: string, extra: Partial<RegisterEntry> = {}): [string, RegisterEntry] => [
    `${base}/paper/${id}`,
    { nummer, titel, source: 'oparl', origin: `${base}/paper/${id}`, ...extra },
  ];
  const cacheOf = (papers: [string, RegisterEntry][]): OparlCache => ({ version: 2, system: `${base}/system`, syncedAt: T1.toISOString(), papers: new Map(papers) });

  it('is ASCII, stores a shared title once, and gives back every field as it was, also from version 3', () => {
    const papers = [
      entry('1', 'VIII-A-00001', 'Radweg „Süd“ – Straße ✓ 🚲', { art: 'Antrag', datum: '2025-05-14', url: `${base}/vo?id=1` }),
      entry('2', 'VIII-A-00001-NF-01', 'Radweg „Süd“ – Straße ✓ 🚲', { art: 'Neufassung', datum: '2025-05-20', url: `${base}/vo?id=2` }),
      entry('007', '3/2025', 'Zeile\nmit "Anführung" und \\', { asWritten: true, datum: 'irgendwann', url: `${base}/vo?id=x7` }),
      entry('12345678901234567890', 'VIII-F-00003', 'Ohne Art'),
    ];
    const text = serializeCache(cacheOf(papers));
    expect(text).toMatch(/^[\x00-\x7f]*$/);
    const data = JSON.parse(text) as { version: number; titles: string[]; papers: Record<string, unknown[]> };
    expect(data.version).toBe(4);
    expect(data.titles.filter((titel) => titel.startsWith('Radweg'))).toHaveLength(1);
    expect(data.papers.nummer).toHaveLength(4);
    const v3 = JSON.stringify(asVersion3(text));
    for (const back of [parseCache(text)!, parseCache(v3)!]) {
      expect(back.version).toBe(2);
      expect(back.papers.size).toBe(4);
      expect([...back.papers.keys()].sort()).toEqual(papers.map(([id]) => id).sort());
      for (const [id, expected] of papers) {
        expect(back.papers.get(id), id).toMatchObject(expected);
        expect(JSON.parse(JSON.stringify(back.papers.get(id)))).toEqual(expected);
        expect(back.papers.has(id)).toBe(true);
      }
      expect(back.papers.get(`${base}/paper/7`)).toBeUndefined();
      expect(back.papers.get('https://anderswo.example/paper/1')).toBeUndefined();
      expect(new Map(back.papers).get(`${base}/paper/007`)?.nummer).toBe('3/2025');
    }
  });

  it('reads a row whose id an earlier row has as a map would: the later paper in the earlier place', () => {
    const text = serializeCache(cacheOf([entry('1', 'VIII-A-00001', 'Eins'), entry('2', 'VIII-A-00002', 'Zwei')]));
    const v3 = asVersion3(text) as { papers: unknown[][] };
    v3.papers.push([1, 'VIII-A-00009', 0, -1, 0, ''], ['1', 'VIII-A-00010', 1, -1, 0, '']);
    const v4 = JSON.parse(text) as { papers: Record<string, unknown[]> };
    for (const [column, cells] of Object.entries({ id: [1, '1'], nummer: ['VIII-A-00009', 'VIII-A-00010'], titel: [0, 1], art: [-1, -1], datum: [0, 0], url: ['', ''] })) v4.papers[column]!.push(...cells);
    for (const data of [v3, v4]) {
      const back = parseCache(JSON.stringify(data))!;
      expect(back.papers.size).toBe(2);
      expect([...back.papers.values()].map((paper) => paper.nummer)).toEqual(['VIII-A-00010', 'VIII-A-00002']);
      expect(back.papers.get(`${base}/paper/1`)?.titel).toBe('Zwei');
    }
  });

  it('refuses rows it did not write', () => {
    const good = asVersion3(serializeCache(cacheOf([entry('1', 'VIII-A-00001', 'Eins', { art: 'Antrag', datum: '2025-05-14' })]))) as { papers: unknown[][]; titles: unknown };
    expect(parseCache(JSON.stringify(good))?.papers.size).toBe(1);
    for (const broken of [
      (data: { papers: unknown[][] }) => (data.papers[0]![2] = 5),
      (data: { papers: unknown[][] }) => (data.papers[0]![2] = 'Eins'),
      (data: { papers: unknown[][] }) => (data.papers[0]![3] = 9),
      (data: { papers: unknown[][] }) => (data.papers[0]![4] = 2025),
      (data: { papers: unknown[][] }) => (data.papers[0]![0] = -1),
      (data: { papers: unknown[][] }) => (data.papers[0]![5] = 1.5),
      (data: { titles: unknown }) => (data.titles = 'Eins'),
    ]) {
      const copy = structuredClone(good);
      broken(copy);
      expect(parseCache(JSON.stringify(copy)), broken.toString()).toBeUndefined();
    }
  });

  it('refuses columns it did not write', () => {
    const good = JSON.parse(serializeCache(cacheOf([entry('1', 'VIII-A-00001', 'Eins', { art: 'Antrag', datum: '2025-05-14' }), entry('2', '2/2025', 'Zwei', { asWritten: true })]))) as {
      papers: Record<string, unknown>;
      titles: unknown;
    };
    // In number order: 2/2025 first.
    expect(good.papers.asWritten).toEqual([0]);
    expect(parseCache(JSON.stringify(good))?.papers.get(`${base}/paper/2`)).toMatchObject({ nummer: '2/2025', asWritten: true });
    type Papers = { papers: Record<string, unknown[]> };
    for (const broken of [
      (data: Papers) => (data.papers.titel![0] = 5),
      (data: Papers) => (data.papers.titel![0] = 'Eins'),
      (data: Papers) => (data.papers.art![0] = 9),
      (data: Papers) => (data.papers.datum![0] = 2025),
      (data: Papers) => (data.papers.id![0] = -1),
      (data: Papers) => (data.papers.url![0] = 1.5),
      (data: Papers) => (data.papers.nummer![0] = 1),
      (data: Papers) => data.papers.nummer!.pop(),
      (data: Papers) => (data.papers.asWritten = [2]),
      (data: Papers) => (data.papers.asWritten = [0, 0]),
      (data: Papers) => (data.papers.asWritten = ['1']),
      (data: Papers) => delete data.papers.url,
      (data: { papers: unknown }) => (data.papers = [[1, 'VIII-A-00001', 0, 0, 20250514, '']]),
      (data: { titles: unknown }) => (data.titles = 'Eins'),
    ]) {
      const copy = structuredClone(good);
      broken(copy as unknown as Papers & { titles: unknown });
      expect(parseCache(JSON.stringify(copy)), broken.toString()).toBeUndefined();
    }
  });
});

/** A council at `${base}/oparl/…`: the System (a real one's fields, our addresses) and one body with the lists asked for. */
function publishBody(system: Record<string, unknown> = {}, body: Record<string, unknown> = {}): void {
  const { base } = server;
  server.json('/oparl/system', { type: 'https://schema.oparl.org/1.1/System', ...system, id: `${base}/oparl/system`, body: `${base}/oparl/bodies` });
  server.json('/oparl/bodies', { data: [{ id: `${base}/oparl/body/1`, type: 'https://schema.oparl.org/1.1/Body', name: 'Stadt', paper: `${base}/oparl/papers`, ...body }], links: {} });
}

const days = (n: number): number => n * 24 * 60 * 60 * 1000;
/** `modified_since` as the request carried it, undecoded. */
const rawSince = (request: string): string | undefined => /[?&]modified_since=([^&]*)/.exec(request)?.[1];

describe('syncOparl with real servers’ ways', () => {
  it('asks for changes unencoded, in whole seconds with an offset, a day before the last sync started', async () => {
    const { base } = server;
    const stamps = new Map<number, string>();
    const papers = (): Record<string, unknown>[] => [...stamps].map(([n, modified]) => paper(base, n, { modified }));
    for (let n = 1; n <= 25; n++) stamps.set(n, `2025-05-${String(n).padStart(2, '0')}T10:00:00+02:00`);
    publishBody();
    // SessionNet: a percent-encoded value is answered with 404 (text/html); the links drop the filter.
    server.paged('/oparl/papers', papers, {
      size: 10,
      style: 'sdnet',
      filter: (object, _url, raw) => {
        const since = rawSince(raw);
        return since === undefined || Date.parse((object as { modified: string }).modified) >= Date.parse(since);
      },
    });
    const plain = server.requests.length;
    const handler = server.requests;
    server.handle('/oparl/papers-encoded-guard', () => undefined);
    const first = await sync({ now: () => new Date('2025-06-01T08:00:00.750Z') });
    expect(first.cache.syncedAt).toBe('2025-06-01T08:00:00.750Z');
    expect(handler.length - plain).toBe(5);

    // Stamped two minutes before the client's clock said the last sync started: still found.
    stamps.set(26, '2025-06-01T09:58:00+02:00');
    stamps.set(2, '2025-06-01T12:00:00+02:00');
    for (let n = 30; n < 45; n++) stamps.set(n, '2025-06-02T10:00:00+02:00');
    server.requests.length = 0;
    const result = await sync({ previous: first.cache, now: () => T2 });
    const asked = server.requests.filter((request) => request.startsWith('/oparl/papers'));
    expect(asked.length).toBe(2);
    for (const request of asked) expect(rawSince(request), request).toBe('2025-05-31T08:00:00+00:00');
    expect(asked.join(' ')).not.toMatch(/%3A|%2B/i);
    expect(result.cache.papers.size).toBe(25 + 1 + 15);
    expect(result.cache.papers.get(`${base}/paper/26`)?.nummer).toBe('VIII-A-00026');
    expect(result.cache.syncedAt).toBe(T2.toISOString());

    // The overlap can be chosen; the stamp is still whole seconds.
    server.requests.length = 0;
    await sync({ previous: first.cache, now: () => T2, overlapMs: 0 });
    expect(rawSince(server.requests.find((request) => request.startsWith('/oparl/papers'))!)).toBe('2025-06-01T08:00:00+00:00');
  });

  it('reads SD.NET’s 404 with code 802 and a bare [] as empty pages, and keeps the calendar of an update without changes', async () => {
    const { base } = server;
    publishBody(HUERTGENWALD_SYSTEM, { organization: `${base}/oparl/organizations`, meeting: `${base}/oparl/meetings` });
    const noHits = { error: 'Es wurden keine Daten gefunden.', code: 802, type: 'SD.NET RIM Webservice' };
    const filtered = (value: () => unknown): Handler => (request, response) => {
      if (rawSince(request.url ?? '') !== undefined) response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify(noHits));
      else sendJson(response, value());
    };
    server.handle('/oparl/papers', filtered(() => ({ data: [{ ...HUERTGENWALD_PAPER, id: `${base}/paper/782` }, { ...HUERTGENWALD_DELETED, id: `${base}/paper/3435` }], links: {} })));
    server.handle('/oparl/organizations', (request, response) =>
      sendJson(response, rawSince(request.url ?? '') !== undefined ? [] : { data: HUERTGENWALD_ORGANIZATIONS.map(({ kind: _kind, ...o }, i) => ({ id: `${base}/org/${i}`, ...o })), links: {} }),
    );
    server.handle('/oparl/meetings', filtered(() => ({ data: [{ id: `${base}/meeting/333`, type: 'https://schema.oparl.org/1.0/Meeting', start: '2007-01-23T18:00:00+01:00', organization: [`${base}/org/1`] }], links: {} })));
    const first = await sync();
    expect(first.cache.meetings?.size).toBe(1);
    expect([...first.cache.organizations!.values()].map((o) => o.kind)).toEqual(['fraktion', 'gremium', 'gremium', 'verwaltung', 'gremium']);
    expect(first.cache.papers.get(`${base}/paper/782`)).toMatchObject({ nummer: '159/2006', asWritten: true });

    const update = await sync({ previous: first.cache, now: () => T2 });
    expect(update).toMatchObject({ mode: 'incremental', papers: 0, changed: 0, calendarProblems: [] });
    expect(update.cache.meetings?.size).toBe(1);
    expect(update.cache.organizations?.size).toBe(5);
    expect(update.cache.papers.size).toBe(1);
    // Not an ALLRIS system: no omit_internal.
    expect(server.requests.some((request) => request.includes('omit_internal'))).toBe(false);
  });

  it('keeps the previous calendar when a calendar list fails, and asks for its changes from then on', async () => {
    const { base } = server;
    publishBody({}, { meeting: `${base}/oparl/meetings` });
    server.list('/oparl/papers', [[paper(base, 1)]]);
    let failing = false;
    server.handle('/oparl/meetings', (_request, response) => {
      if (failing) response.writeHead(503).end('Wartung');
      else sendJson(response, { data: [{ id: `${base}/meeting/1`, start: '2025-06-18T14:00:00+02:00', organization: [`${base}/org/1`] }], links: {} });
    });
    const first = await sync();
    failing = true;
    const second = await sync({ previous: first.cache, now: () => T2, retries: 0 });
    expect(second.calendarProblems).toHaveLength(1);
    expect(de(second.calendarProblems[0]!)).toContain('HTTP 503');
    expect(second.cache.meetings?.size).toBe(1);
    expect(second.cache).toMatchObject({ syncedAt: T2.toISOString(), calendarSyncedAt: T1.toISOString() });
    failing = false;
    server.requests.length = 0;
    const third = await sync({ previous: second.cache, now: () => new Date('2025-06-05T00:00:00Z') });
    expect(rawSince(server.requests.find((request) => request.startsWith('/oparl/meetings'))!)).toBe('2025-05-31T08:00:00+00:00');
    expect(rawSince(server.requests.find((request) => request.startsWith('/oparl/papers'))!)).toBe('2025-06-01T09:30:00+00:00');
    expect(third.cache.calendarSyncedAt).toBeUndefined();
  });

  it('reads a body list that is a single Body, and lists embedded in the body', async () => {
    const { base } = server;
    // Krefeld (SD.NET): the body "list" is the Body itself.
    server.json('/oparl/system', { id: `${base}/oparl/system`, type: 'https://schema.oparl.org/1.0/System', body: `${base}/oparl/bodies` });
    server.json('/oparl/bodies', { id: `${base}/oparl/body/1`, type: 'https://schema.oparl.org/1.0/Body', name: 'Stadt Krefeld', paper: `${base}/oparl/papers` });
    server.list('/oparl/papers', [[paper(base, 1)]]);
    expect((await sync()).cache.papers.size).toBe(1);

    server.json('/oparl/bodies', {
      data: [{ id: `${base}/oparl/body/1`, type: 'https://schema.oparl.org/1.1/Body', paper: [paper(base, 2), paper(base, 3)], organization: [AUGSBURG_ORGANIZATION], meeting: [BONN_MEETING] }],
      links: {},
    });
    const embedded = await sync();
    expect([...embedded.cache.papers.keys()]).toEqual([`${base}/paper/2`, `${base}/paper/3`]);
    expect(embedded.cache.organizations?.get(AUGSBURG_ORGANIZATION.id)?.name).toBe('Stadtrat Augsburg');
    expect(embedded.cache.meetings?.get(BONN_MEETING.id)?.url).toBe(BONN_MEETING.web);
    expect(server.count('/oparl/papers')).toBe(1);
  });

  it('goes on with page=N+1 where a page has pagination and no next link', async () => {
    const { base } = server;
    publishBody();
    server.paged('/oparl/papers', () => Array.from({ length: 23 }, (_, i) => paper(base, i + 1)), { size: 5, style: 'pagination' });
    const result = await sync();
    expect(result.cache.papers.size).toBe(23);
    expect(server.requests.filter((request) => request.startsWith('/oparl/papers')).sort()).toEqual(['/oparl/papers', ...[2, 3, 4, 5].map((n) => `/oparl/papers?page=${n}`)]);
  });

  it('fetches the pages of a numbered list with at most four requests at once, with progress and an estimate', async () => {
    const { base } = server;
    publishBody();
    server.paged('/oparl/papers', () => Array.from({ length: 200 }, (_, i) => paper(base, i + 1)), { size: 10, style: 'sdnet', delayMs: 15 });
    const progress: SyncProgress[] = [];
    const result = await sync({ onProgress: (p) => progress.push(p) });
    expect(result.cache.papers.size).toBe(200);
    expect(server.maxInFlight).toBeLessThanOrEqual(4);
    expect(server.maxInFlight).toBeGreaterThan(1);
    const pages = server.requests.filter((request) => request.startsWith('/oparl/papers'));
    expect(new Set(pages).size).toBe(pages.length);
    expect(pages).toHaveLength(20);
    expect(progress.at(-1)).toMatchObject({ pages: 21, totalPages: 21, papers: 200, remainingMs: 0 });
    expect(progress.slice(3).every((p) => p.totalPages === 21 && typeof p.remainingMs === 'number')).toBe(true);
    expect(progress.every((p, i) => i === 0 || p.pages === progress[i - 1]!.pages + 1)).toBe(true);
    // No more in flight than asked for.
    const single = await startOparlServer();
    try {
      single.json('/oparl/system', { id: `${single.base}/oparl/system`, body: `${single.base}/oparl/bodies` });
      single.json('/oparl/bodies', { data: [{ id: `${single.base}/oparl/body/1`, paper: `${single.base}/oparl/papers` }] });
      single.paged('/oparl/papers', () => Array.from({ length: 50 }, (_, i) => paper(base, i + 1)), { size: 10, style: 'sdnet', delayMs: 5 });
      await syncOparl({ system: `${single.base}/oparl/system`, scanner, concurrency: 1 });
      expect(single.maxInFlight).toBe(1);
    } finally {
      await single.close();
    }
  });

  it('repairs raw control characters and skips an object that stays broken, naming it', async () => {
    const { base } = server;
    publishBody();
    const good = (n: number) => JSON.stringify(paper(base, n));
    const broken = `{"id": "${base}/paper/3", "reference": "VIII-A-3", "name": "Er sagte "Hallo, dann ging er", "type": "https://schema.oparl.org/1.1/Paper"}`;
    const text = `{"data": [${BRAUNSCHWEIG_PAPER_TEXT}, ${good(2)}, ${broken}, ${good(4)}], "links": {}, "pagination": {"totalPages": 1}}`;
    expect(() => JSON.parse(text)).toThrow();
    server.handle('/oparl/papers', (_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(text));
    const result = await sync();
    expect([...result.cache.papers.values()].map((entry) => entry.nummer).sort()).toEqual(['1664/99', 'VIII-A-00002', 'VIII-A-00004']);
    expect(result.cache.papers.get('https://ratsinfo.braunschweig.de/bi/oparl/1.0/papers.asp?id=1664')?.titel).toBe('Volkshochschule Braunschweig e. V. Umwandlung in eine Gesellschaft mit beschr\u201enkter Haftung (GmbH) @ A | @ \u201d \u00ff');
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]!.url).toBe(`${base}/oparl/papers`);
    expect(syncText(result.warnings[0]!, 'de')).toContain(`Objekt Nr. 3 (${base}/paper/3) der Seite ${base}/oparl/papers ist kein gültiges JSON und wurde übersprungen`);
    expect(syncText(result.warnings[0]!, 'en')).toContain('Object no. 3');
    // Only the raw control characters: repaired, taken in full, and said so.
    server.handle('/oparl/papers', (_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(`{"data": [${BRAUNSCHWEIG_PAPER_TEXT}], "links": {}}`));
    const repaired = await sync();
    expect(repaired.warnings.map((warning) => syncText(warning, 'de'))).toEqual([expect.stringContaining(`Die Seite ${base}/oparl/papers enthält Steuerzeichen`)]);
    expect(repaired.cache.papers.size).toBe(1);
  });

  it('sends omit_internal=true to ALLRIS on every list request', async () => {
    const { base } = server;
    publishBody(AUGSBURG_SYSTEM, { organization: `${base}/oparl/organizations`, meeting: `${base}/oparl/meetings` });
    server.paged('/oparl/papers', () => [{ ...AUGSBURG_PAPER, id: `${base}/paper/1` }, paper(base, 2)], { size: 1, style: 'sdnet' });
    server.list('/oparl/organizations', [[{ ...AUGSBURG_ORGANIZATION, id: `${base}/org/1` }]]);
    server.list('/oparl/meetings', [[]]);
    const first = await sync();
    const lists = server.requests.filter((request) => request !== '/oparl/system');
    expect(lists.length).toBe(5);
    for (const request of lists) expect(request, request).toMatch(/[?&]omit_internal=true(&|$)/);
    expect(first.cache.papers.get(`${base}/paper/1`)?.details?.consultations?.[0]?.role).toBe('Entscheidung');
    server.requests.length = 0;
    await sync({ previous: first.cache, now: () => T2 });
    for (const request of server.requests.filter((r) => r !== '/oparl/system')) {
      expect(request).toMatch(/omit_internal=true/);
      if (!request.startsWith('/oparl/bodies')) expect(rawSince(request), request).toBe('2025-06-01T09:30:00+00:00'.replace('06-01T09:30', '05-31T08:00'));
    }
  });

  it('names the URL and what the server answered, and blames the System URL only for the System', async () => {
    publishBody();
    const html = '<!DOCTYPE html><html><head><title>Fehler</title><style>body{color:red}</style></head><body><h1>Seite nicht gefunden</h1>\u0007<p>Die Adresse gibt es nicht.</p></body></html>';
    server.handle('/oparl/papers', (_request, response) => response.writeHead(404, { 'content-type': 'text/html' }).end(html));
    const error = await failsKeepingCache({ previous: undefined });
    expect(error).toMatchObject({ kind: 'http', status: 404, url: `${server.base}/oparl/papers`, answer: 'Seite nicht gefunden Die Adresse gibt es nicht.' });
    expect(de(error)).toContain(`Der OParl-Server antwortete auf ${server.base}/oparl/papers mit HTTP 404; Antwort: „Seite nicht gefunden Die Adresse gibt es nicht.“.`);
    expect(de(error)).not.toContain('System-URL');
    expect(en(error)).toContain('answer: “Seite nicht gefunden');

    server.handle('/oparl/papers', (_request, response) => response.writeHead(500).end('x'.repeat(5_000)));
    const long = await failure({ retries: 0 });
    expect(long.answer).toBe(`${'x'.repeat(200)}…`);

    server.handle('/oparl/system', (_request, response) => response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}'));
    const system = await failure();
    expect(de(system)).toContain('Die System-URL prüfen');
    expect(de(system)).toContain('Antwort: „{"error":"not found"}“');
  });

  it('counts papers whose reference does not fit, with examples, and papers without one', async () => {
    const { base } = server;
    publishBody();
    const references = ['102/2002', '48/2018 1. Ergänzung', '2019/1010', 'DHH/2023/1007', 'ANF2022/2003', 'TVO-BSV/25/61736-2', '1664/99'];
    // What fits is the profile's business; the sync only counts what its scanner does not take.
    const unfitting = references.filter((reference) => paperToEntry(paper(base, 1, { reference }), scanner)?.asWritten);
    expect(unfitting.length).toBeGreaterThan(5);
    server.list('/oparl/papers', [
      [...references.map((reference, i) => paper(base, i + 1, { reference })), paper(base, 20), paper(base, 21, { reference: '' }), paper(base, 22, { reference: 'N/A' }), paper(base, 23, { reference: undefined })],
    ]);
    const progress: SyncProgress[] = [];
    const result = await sync({ onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({ papers: 11, changed: 8, unfitting: unfitting.length, skipped: 3, unfittingExamples: unfitting.slice(0, 5) });
    expect(result.cache.papers.size).toBe(8);
    expect(progress.at(-1)).toMatchObject({ unfitting: unfitting.length, skipped: 3, papers: 11 });
  });

  it('syncs in full after a version 1 cache, which lacks details and unfitting papers', async () => {
    publishCouncil(server);
    const previous: OparlCache = { version: 1, system: `${server.base}/oparl/system`, syncedAt: T1.toISOString(), papers: new Map() };
    const result = await sync({ previous, now: () => T2 });
    expect(result.mode).toBe('full');
    expect(server.requests.some((request) => request.includes('modified_since'))).toBe(false);
    expect(result.cache.version).toBe(2);
  });
});

describe('resumable sync', () => {
  /** `count` papers on numbered pages of two; `fail(page)` says whether to answer 503 instead. */
  function publishLong(count: number, style: 'sdnet' | 'next', fail: (page: number) => boolean = () => false): void {
    const { base } = server;
    publishBody();
    server.paged('/oparl/papers', () => Array.from({ length: count }, (_, i) => paper(base, i + 1)), {
      size: 2,
      style,
      intercept: (url, response) => {
        if (!fail(Number(url.searchParams.get('page') ?? '1'))) return false;
        response.writeHead(503).end('Wartung');
        return true;
      },
    });
  }
  const pageOf = (request: string): number => Number(/[?&]page=(\d+)/.exec(request)?.[1] ?? '1');

  it('goes on from the checkpoint of a failed sync without fetching its pages again', async () => {
    let broken = true;
    publishLong(60, 'sdnet', (page) => broken && page === 20);
    const checkpoints: SyncCheckpoint[] = [];
    const error = await failure({ retries: 0, checkpointEvery: 5, onCheckpoint: (state) => void checkpoints.push(state) });
    expect(error.status).toBe(503);
    const last = checkpoints.at(-1)!;
    const list = last.lists.find((l) => l.kind === 'paper')!;
    expect(list.done).toBe(false);
    expect(list.numbered?.total).toBe(30);
    const firstRun = server.requests.filter((request) => request.startsWith('/oparl/papers')).map(pageOf);
    broken = false;
    server.requests.length = 0;
    const resumed = await sync({ checkpoint: last, now: () => T2, retries: 0 });
    const secondRun = server.requests.filter((request) => request.startsWith('/oparl/papers')).map(pageOf);
    const done = new Set(firstRun.filter((page) => page !== 20));
    expect(secondRun.filter((page) => done.has(page))).toEqual([]);
    expect(secondRun).toContain(20);
    expect(resumed).toMatchObject({ resumed: true, mode: 'full' });
    expect(resumed.resumedPages).toBeGreaterThan(0);
    expect(resumed.cache.papers.size).toBe(60);
    // The cache says when the sync began: changes made while it was interrupted are asked for next time.
    expect(resumed.cache.syncedAt).toBe(T1.toISOString());
  });

  it('goes on along links.next from a cancelled sync, through the checkpoint file', async () => {
    const controller = new AbortController();
    publishLong(24, 'next', (page) => {
      if (page === 7) controller.abort();
      return false;
    });
    const file = checkpointFile(cacheFile(tempDir()));
    const error = await failure({ signal: controller.signal, checkpointEvery: 100, onCheckpoint: (state) => saveCheckpoint(file, state) });
    expect(error.kind).toBe('aborted');
    const checkpoint = loadCheckpoint(file);
    expect(checkpoint?.lists.find((l) => l.kind === 'paper')?.next).toMatch(/page=7/);
    expect(checkpoint?.papers.size).toBe(12);
    server.requests.length = 0;
    const resumed = await sync({ checkpoint, now: () => T2 });
    expect(server.requests.filter((request) => request.startsWith('/oparl/papers')).map(pageOf)).toEqual([7, 8, 9, 10, 11, 12]);
    expect(resumed.cache.papers.size).toBe(24);
    removeCheckpoint(file);
    expect(loadCheckpoint(file)).toBeUndefined();
  });

  it('fetches at most 5 % of the pages done again after a hard stop, from the last periodic checkpoint', async () => {
    const controller = new AbortController();
    publishLong(240, 'sdnet', (page) => {
      if (page === 106) controller.abort();
      return false;
    });
    const checkpoints: SyncCheckpoint[] = [];
    await failure({ signal: controller.signal, checkpointEvery: 5, onCheckpoint: (state) => void checkpoints.push(state) });
    // A killed process never writes the final checkpoint: resume from the one before it.
    const periodic = checkpoints.at(-2)!;
    const ranges = checkpoints.at(-1)!.lists.find((l) => l.kind === 'paper')!.numbered!.done;
    const firstRun = new Set(ranges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i)));
    server.requests.length = 0;
    const resumed = await sync({ checkpoint: periodic, now: () => T2 });
    const again = server.requests.filter((request) => request.startsWith('/oparl/papers')).map(pageOf).filter((page) => firstRun.has(page));
    expect(firstRun.size).toBeGreaterThan(100);
    expect(again.length).toBeLessThanOrEqual(firstRun.size * 0.05);
    expect(resumed.cache.papers.size).toBe(240);
  });

  it('ignores a checkpoint of another system, of a finished sync, or one too old', async () => {
    publishLong(6, 'sdnet', () => false);
    const checkpoints: SyncCheckpoint[] = [];
    const done = await sync({ checkpointEvery: 1, onCheckpoint: (state) => void checkpoints.push(state) });
    const checkpoint = checkpoints.at(-1)!;
    for (const options of [
      { checkpoint: { ...checkpoint, system: 'https://anderes.example/oparl/system' } },
      { checkpoint, previous: done.cache, full: true },
      { checkpoint, now: () => new Date(T1.getTime() + days(8)) },
    ]) {
      server.requests.length = 0;
      const result = await sync(options);
      expect(result.resumed).toBe(false);
      expect(server.requests.filter((request) => request.startsWith('/oparl/papers'))).toHaveLength(3);
    }
  });
});

describe('updates where modified cannot be trusted', () => {
  it('pages from the end until a page holds only known papers, and says when a full sync is due', async () => {
    const { base } = server;
    // Leipzig's ALLRIS 4: every paper stamped 2000-01-01, oldest first, pages of ten.
    const stamp = '2000-01-01T00:00:00+01:00';
    let count = 115;
    publishBody({ ...AUGSBURG_SYSTEM, name: 'Ratsinformationssystem Leipzig' }, { organization: `${base}/oparl/organizations` });
    server.paged('/oparl/papers', () => Array.from({ length: count }, (_, i) => paper(base, i + 1, { modified: stamp, created: stamp })), { size: 10, style: 'sdnet' });
    server.list('/oparl/organizations', [[{ ...AUGSBURG_ORGANIZATION, id: `${base}/org/1` }]]);
    const full = await sync();
    expect(full.modifiedUnreliable).toBe(true);
    expect(full.cache).toMatchObject({ modifiedUnreliable: true, fullSyncAt: T1.toISOString() });

    count = 122;
    server.requests.length = 0;
    const update = await sync({ previous: full.cache, now: () => new Date(T1.getTime() + days(5)) });
    expect(update).toMatchObject({ mode: 'incremental', update: 'from-end', fullSyncDue: false, lastFullSync: T1.toISOString() });
    expect(update.cache.papers.size).toBe(122);
    const pages = server.requests.filter((request) => request.startsWith('/oparl/papers')).map((request) => Number(/page=(\d+)/.exec(request)?.[1] ?? '1'));
    expect(pages).toEqual([1, 13, 12, 11]);
    expect(server.requests.some((request) => request.includes('modified_since'))).toBe(false);
    // The organizations are read in full and replace the previous ones.
    expect(update.cache.organizations?.size).toBe(1);

    const later = await sync({ previous: update.cache, now: () => new Date(T1.getTime() + days(31)) });
    expect(later).toMatchObject({ fullSyncDue: true, lastFullSync: T1.toISOString(), modifiedUnreliable: true });
  });

  it('trusts modified stamps that differ, and a System created long ago', async () => {
    const { base } = server;
    publishBody({ created: '2015-01-01T00:00:00+01:00' });
    server.list('/oparl/papers', [Array.from({ length: 12 }, (_, i) => paper(base, i + 1))]);
    expect((await sync()).modifiedUnreliable).toBe(false);
    // Every paper stamped before the System was set up: the stamps say nothing.
    server.list('/oparl/papers', [Array.from({ length: 12 }, (_, i) => paper(base, i + 1, { modified: `2014-0${1 + (i % 9)}-01T00:00:00+01:00` }))]);
    expect((await sync()).modifiedUnreliable).toBe(true);
  });
});

/** The `CacheWriteError` that `run` throws; fails the test if it throws none or another. */
function saveFailure(run: () => void): CacheWriteError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CacheWriteError);
    return error as CacheWriteError;
  }
  throw new Error('expected the cache write to fail');
}

describe('total limits of a sync', () => {
  const list = '/oparl/body/1/papers';
  /** A paper list without end: every page links to the next, each with `size` papers of long titles. */
  function endless(size: number, titleLength = 1_000): void {
    publishCouncil(server);
    server.handle(list, (_request, response, url) => {
      const page = Number(url.searchParams.get('page') ?? '1');
      const data = Array.from({ length: size }, (_, i) => paper(server.base, page * size + i, { name: `Antrag ${'x'.repeat(titleLength)}` }));
      sendJson(response, { data, links: { next: `${server.base}${list}?page=${page + 1}` } });
    });
  }

  it('stops a server that sends pages of large papers without end at the total of bytes received, keeping the cache', async () => {
    endless(50);
    const limit = 2 * 1024 * 1024;
    const error = await failsKeepingCache({ maxTotalBytes: limit });
    expect(error.kind).toBe('limit');
    expect(error.failure).toMatchObject({ kind: 'too-many-bytes', data: { limit } });
    expect(de(error)).toContain('die Grenze von 2 MB empfangener Daten erreicht');
    expect(de(error)).toContain('Ein Zwischenstand wird nicht behalten: die nächste Synchronisierung beginnt von vorn.');
    expect(en(error)).toContain('its limit of 2 MB received');
    expect(en(error)).toContain('No checkpoint is kept');
    // About 56 KB a page: the sync stopped at the limit, give or take the pages in flight.
    const pages = server.count(list);
    expect(pages).toBeGreaterThan(limit / 60_000 - 2);
    expect(pages).toBeLessThan(limit / 50_000 + 5);
  });

  it('stops at the total of objects received before applying them', async () => {
    endless(100, 10);
    const error = await failsKeepingCache({ maxObjects: 1_000 });
    expect(error.kind).toBe('limit');
    expect(error.failure).toMatchObject({ kind: 'too-many-objects', data: { max: 1_000 } });
    expect(de(error)).toContain('die Grenze von 1.000 Objekten (Drucksachen, Sitzungen, Gremien) erreicht');
    expect(en(error)).toContain('its limit of 1,000 objects');
    // Two bodies, then ten pages of 100 papers make 1,002 objects: the tenth page is the one refused.
    expect(server.count(list)).toBe(10);
  });

  it('stops at what it keeps: long titles from pages that stay within the bytes received', async () => {
    endless(50);
    const error = await failsKeepingCache({ maxKept: 1_000_000 });
    expect(error.kind).toBe('limit');
    expect(error.failure).toMatchObject({ kind: 'cache-too-large', data: { limit: 1_000_000 } });
    expect(de(error)).toContain('die Grenze von 1000000 Bytes für die behaltenen Dokumente erreicht');
    expect(en(error)).toContain('the limit of 1000000 Bytes for the documents it keeps');
    // Each paper keeps about 1,200: the limit falls in the 17th page of 50.
    expect(server.count(list)).toBeGreaterThanOrEqual(15);
    expect(server.count(list)).toBeLessThanOrEqual(22);
  });

  it('writes a cache in pieces that make exactly its JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect([...jsonChunks(value)].join('')).toBe(`${JSON.stringify(value)}\n`);
      }),
      { seed: 7, numRuns: 300 },
    );
    const big = { a: Array.from({ length: 20_000 }, (_, i) => [i, `Titel ${i}`]), b: { c: 'x'.repeat(100_000) } };
    const pieces = [...jsonChunks(big)];
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe(`${JSON.stringify(big)}\n`);
  });

  it('counts what a resumed sync received before its checkpoint', async () => {
    publishCouncil(server);
    const checkpoints: SyncCheckpoint[] = [];
    const done = await sync({ checkpointEvery: 1, onCheckpoint: (checkpoint) => void checkpoints.push(checkpoint) });
    expect(done.papers).toBe(13);
    const middle = checkpoints[3]!;
    expect(middle.counts.bytes).toBeGreaterThan(1_000);
    expect(middle.counts.objects).toBeGreaterThan(0);
    // A fresh sync within this total finishes; resumed from the checkpoint, which already
    // received nearly all of it, it stops.
    const total = (checkpoints.at(-1)?.counts.bytes ?? 0) + 2_000;
    expect((await sync({ maxTotalBytes: total })).papers).toBe(13);
    const error = await failure({ checkpoint: middle, maxTotalBytes: middle.counts.bytes! + 500 });
    expect(error.kind).toBe('limit');
  });

  it('leaves no checkpoint behind: the next sync starts over', async () => {
    endless(50);
    const dir = tempDir();
    const system = `${server.base}/oparl/system`;
    const cacheDir = path.join(dir, 'cache');
    const file = cacheFileFor(cacheDir, system)!;
    saveCache(file, { version: 2, system, syncedAt: T1.toISOString(), papers: new Map([['https://alt.example/paper/1', { nummer: 'VIII-A-00042', titel: 'Alt', source: 'oparl', origin: 'https://alt.example/paper/1' }]]) });
    const before = readFileSync(file);
    const project = new Projects({ cacheDir }).at(dir);
    // Checkpoints are saved every 100 pages while it runs (about 5.6 MB): the limit comes after several.
    const outcome = await project.sync({ system, full: true, maxTotalBytes: 24 * 1024 * 1024 });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure.kind).toBe('too-many-bytes');
    expect(outcome.checkpointKept).toBe(false);
    expect(server.count(list)).toBeGreaterThan(300);
    expect(() => statSync(checkpointFile(file))).toThrow();
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
