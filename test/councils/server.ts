import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

/**
 * A council's OParl site on 127.0.0.1, served from its real responses
 * (`test/councils/<id>.json.br`, built by `build.mjs`), with its vendor's behaviour:
 *
 * - `sessionnet` (Karlsruhe): a percent-encoded `modified_since` (`%3A`, `%2B`) is answered
 *   with HTTP 404 text/html, as SessionNet does; unencoded it works.
 * - `sdnet` (Hürtgenwald): a filtered list without hits is HTTP 404 with SD.NET's error body
 *   (`code: 802`); an empty meeting list is a bare `[]`.
 * - `allris` (Leipzig, Augsburg): every `flakyEvery`-th new URL first fails with HTTP 500 and
 *   works when asked again; `omit_internal` is recorded.
 *
 * Every id and link is moved from the council's host to the loopback address. Papers can be
 * renamed, deleted and added between syncs, each change stamped with a time of the test's
 * choosing (e.g. two minutes before the client's clock).
 */

export type Vendor = 'sessionnet' | 'sdnet' | 'allris';

export interface Fixture {
  readonly id: string;
  readonly origin: string;
  readonly vendor: Vendor;
  readonly system: Record<string, unknown>;
  readonly bodies: Record<string, unknown>[];
  readonly lists: Record<string, Record<string, unknown>[]>;
}

export interface CouncilOptions {
  readonly pageSize?: number;
  /** The vendor's behaviour (default: the fixture's vendor); `none` for a well-behaved server. */
  readonly vendor?: Vendor | 'none';
  /** ALLRIS: every n-th URL asked for the first time fails once with HTTP 500 (0: never). */
  readonly flakyEvery?: number;
  /** Pages carry a `pagination` object but no `links.next` (as some servers send them). */
  readonly noNext?: boolean;
  /** The body list is one Body object, not a list (Krefeld's SD.NET). */
  readonly singleBody?: boolean;
  /** Raw text put in place of the first object of the first paper page (e.g. a paper with raw control characters). */
  readonly brokenFirstPaper?: string;
}

export interface CouncilServer {
  readonly base: string;
  readonly system: string;
  /** Raw request URLs (path and query as received), in order. */
  readonly requests: string[];
  /** The papers the site lists now (deleted ones included, as tombstones). */
  papers(): Record<string, unknown>[];
  rename(id: string, name: string, modified: Date): void;
  remove(id: string, modified: Date): void;
  add(paper: Record<string, unknown>, modified: Date): void;
  close(): Promise<void>;
}

const FIXTURES = path.dirname(new URL(import.meta.url).pathname);

export function loadFixture(id: string): Fixture {
  const file = path.join(FIXTURES, `${id}.json.br`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new Error(`${file} is missing: build it with node test/councils/build.mjs (see its first lines)`);
  }
  return JSON.parse(brotliDecompressSync(bytes).toString('utf8')) as Fixture;
}

export async function startCouncil(fixture: Fixture, options: CouncilOptions = {}): Promise<CouncilServer> {
  const pageSize = options.pageSize ?? 20;
  const vendor = options.vendor ?? fixture.vendor;
  const requests: string[] = [];
  const seen = new Set<string>();
  let fresh = 0;

  const server = http.createServer((request, response) => {
    const raw = request.url ?? '/';
    requests.push(raw);
    try {
      answer(raw, response);
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const move = (text: string) => text.split(fixture.origin).join(base);
  const local = (url: string) => move(url);

  // The site's data, with every id and link on the loopback host.
  const system = JSON.parse(move(JSON.stringify(fixture.system))) as Record<string, unknown>;
  const bodies = JSON.parse(move(JSON.stringify(fixture.bodies))) as Record<string, unknown>[];
  const lists = new Map<string, Record<string, unknown>[]>();
  for (const [url, items] of Object.entries(fixture.lists)) lists.set(listKey(new URL(local(url))), JSON.parse(move(JSON.stringify(items))) as Record<string, unknown>[]);
  const paperList = listKey(new URL(String(bodies[0]?.paper)));
  const broken = options.brokenFirstPaper === undefined ? undefined : move(options.brokenFirstPaper);

  function answer(raw: string, response: http.ServerResponse): void {
    const url = new URL(raw, base);
    if (vendor === 'allris' && options.flakyEvery && !seen.has(raw)) {
      seen.add(raw);
      if (++fresh % options.flakyEvery === 0) return void response.writeHead(500, { 'content-type': 'text/html' }).end('<html><body>Internal Server Error</body></html>');
    }
    seen.add(raw);
    if (url.pathname === new URL(String(system.id)).pathname) return json(response, system);
    if (url.href === String(system.body) || url.pathname === new URL(String(system.body)).pathname) {
      if (options.singleBody) return json(response, bodies[0]);
      return json(response, { data: bodies, pagination: { totalElements: bodies.length, elementsPerPage: pageSize, currentPage: 1, totalPages: 1 }, links: {} });
    }
    const items = lists.get(listKey(url));
    if (!items) return json(response, { error: 'not found' }, 404);

    const sinceRaw = rawParameter(raw, 'modified_since');
    if (sinceRaw !== undefined && vendor === 'sessionnet' && /%3A|%2B/i.test(sinceRaw)) {
      return void response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><title>404 Not Found</title></head><body>Die angeforderte Seite wurde nicht gefunden.</body></html>');
    }
    const since = sinceRaw === undefined ? undefined : Date.parse(decodeURIComponent(sinceRaw));
    if (since !== undefined && Number.isNaN(since)) return json(response, { error: 'modified_since is not a date' }, 400);
    const listed = since === undefined ? items : items.filter((item) => Date.parse(String(item.modified)) >= since);
    const isMeetings = /meeting/i.test(url.pathname + url.search);
    if (vendor === 'sdnet' && listed.length === 0) {
      if (isMeetings) return json(response, []);
      if (since !== undefined) return json(response, { error: 'Keine Daten gefunden', code: 802, type: 'SD.NET RIM Webservice' }, 404);
    }
    const total = Math.max(1, Math.ceil(listed.length / pageSize));
    const page = Number(url.searchParams.get('page') ?? '1');
    if (!Number.isInteger(page) || page < 1 || page > total) return json(response, { error: 'no such page' }, 404);
    const data = listed.slice((page - 1) * pageSize, page * pageSize);
    const link = (n: number) => {
      const next = new URL(url);
      next.searchParams.delete('page');
      next.searchParams.delete('modified_since');
      const query = [next.search.slice(1), sinceRaw === undefined ? '' : `modified_since=${sinceRaw}`, n > 1 ? `page=${n}` : ''].filter(Boolean).join('&');
      return `${next.origin}${next.pathname}${query ? `?${query}` : ''}`;
    };
    const page1 = {
      pagination: { totalElements: listed.length, elementsPerPage: pageSize, currentPage: page, totalPages: total },
      links: { first: link(1), self: link(page), last: link(total), ...(page < total && !options.noNext ? { next: link(page + 1) } : {}) },
    };
    let body = JSON.stringify({ data, ...page1 });
    if (broken !== undefined && page === 1 && listKey(url) === paperList && data.length > 0) {
      // The first object's text replaced by the broken one, bytes as the server sent them.
      body = body.replace(JSON.stringify(data[0]), broken);
    }
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
  }

  const papers = () => lists.get(paperList) ?? [];
  const stamp = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
  const replace = (id: string, make: (paper: Record<string, unknown>) => Record<string, unknown>) => {
    const list = papers();
    const index = list.findIndex((paper) => paper.id === id);
    if (index < 0) throw new Error(`no paper ${id}`);
    // A changed object moves to the end, as servers list by modification.
    const [paper] = list.splice(index, 1);
    list.push(make(paper!));
  };

  return {
    base,
    system: String(system.id),
    requests,
    papers,
    rename: (id, name, modified) => replace(id, (paper) => ({ ...paper, name, modified: stamp(modified) })),
    remove: (id, modified) => replace(id, () => ({ id, ...(vendor === 'sdnet' ? {} : { type: 'https://schema.oparl.org/1.1/Paper' }), deleted: true, modified: stamp(modified) })),
    add: (paper, modified) => void papers().push(JSON.parse(move(JSON.stringify({ ...paper, created: stamp(modified), modified: stamp(modified) }))) as Record<string, unknown>),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A list's identity: its URL without the paging and filter parameters. */
function listKey(url: URL): string {
  const key = new URL(url.href);
  for (const name of ['page', 'modified_since', 'modified_until', 'omit_internal', 'limit']) key.searchParams.delete(name);
  key.searchParams.sort();
  return key.href;
}

/** A query parameter's value exactly as sent, not decoded (`+` stays `+`). */
function rawParameter(raw: string, name: string): string | undefined {
  const query = raw.split('?')[1] ?? '';
  for (const part of query.split('&')) {
    const [key, value] = part.split('=', 2);
    if (key === name) return value ?? '';
  }
  return undefined;
}

function json(response: http.ServerResponse, value: unknown, status = 200): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(value));
}
