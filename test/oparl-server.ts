import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 for the OParl sync tests. Each route is a path with either
 * a JSON value to serve or a handler that answers by hand (errors, redirects, slow bodies).
 * Every request is recorded, so tests can assert what the client asked for and how often.
 */

export type Handler = (request: http.IncomingMessage, response: http.ServerResponse, url: URL) => void;

export interface OparlServer {
  /** `http://127.0.0.1:<port>`. */
  readonly base: string;
  /** Path and query of every request, in order. */
  readonly requests: string[];
  /** Serves `value` as JSON at `path` (a pathname; the query is left to handlers). */
  json(path: string, value: unknown): void;
  handle(path: string, handler: Handler): void;
  /**
   * Serves a paginated OParl list at `path`: page 1 at `path`, page n at `path?page=n`, each
   * linking to the next. Query parameters of the request (such as `modified_since`) are kept
   * in the `next` links, as the OParl spec asks of servers.
   */
  list(path: string, pages: readonly (readonly unknown[])[]): void;
  /**
   * Serves a list the way a vendor pages it: `sdnet` gives `links.first/self/last/next` with
   * `page=` and a full `pagination` (the query of the request is not kept in the links, as
   * some SessionNet instances drop the filter); `pagination` gives `pagination` only, no
   * `links.next`. `filter` picks the objects of a request (e.g. by `modified_since`), before
   * paging by `size`.
   */
  paged(
    path: string,
    objects: () => readonly unknown[],
    options: {
      size: number;
      style: 'sdnet' | 'pagination' | 'next';
      filter?: (object: unknown, url: URL, raw: string) => boolean;
      delayMs?: number;
      /** Answers a request itself (an error, say) by returning true. */
      intercept?: (url: URL, response: http.ServerResponse) => boolean;
    },
  ): void;
  /** How many requests asked for `path` (any query). */
  count(path: string): number;
  /** Requests under way now, and the most there ever were at once. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  close(): Promise<void>;
}

export async function startOparlServer(): Promise<OparlServer> {
  const routes = new Map<string, Handler>();
  const requests: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(`${url.pathname}${url.search}`);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.once('close', () => inFlight--);
    const handler = routes.get(url.pathname);
    if (!handler) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    handler(request, response, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  const json = (path: string, value: unknown): void => {
    routes.set(path, (_request, response) => sendJson(response, value));
  };
  return {
    base,
    requests,
    json,
    handle: (path, handler) => routes.set(path, handler),
    list(path, pages) {
      routes.set(path, (_request, response, url) => {
        const number = Number(url.searchParams.get('page') ?? '1');
        const data = pages[number - 1];
        if (!data) {
          response.writeHead(404).end();
          return;
        }
        const next = new URL(`${base}${path}${url.search}`);
        next.searchParams.set('page', String(number + 1));
        const links = number < pages.length ? { next: next.href } : {};
        sendJson(response, { data, links, pagination: { currentPage: number, totalPages: pages.length, elementsPerPage: data.length } });
      });
    },
    paged(path, objects, { size, style, filter, delayMs, intercept }) {
      routes.set(path, (request, response, url) => {
        if (intercept?.(url, response)) return;
        const raw = request.url ?? '';
        const all = objects().filter((object) => !filter || filter(object, url, raw));
        const total = Math.max(1, Math.ceil(all.length / size));
        const number = Number(url.searchParams.get('page') ?? '1');
        if (!Number.isInteger(number) || number < 1 || number > total) {
          response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"page not found"}');
          return;
        }
        const data = all.slice((number - 1) * size, number * size);
        const at = (n: number): string => `${base}${path}?page=${n}`;
        const links: Record<string, string> =
          style === 'sdnet'
            ? { first: at(1), self: at(number), last: at(total), ...(number < total ? { next: at(number + 1) } : {}), ...(number > 1 ? { prev: at(number - 1) } : {}) }
            : style === 'next' && number < total
              ? { next: at(number + 1) }
              : {};
        const pagination = style === 'next' ? {} : { totalElements: all.length, elementsPerPage: size, currentPage: number, totalPages: total };
        const send = () => sendJson(response, { data, pagination, links });
        if (delayMs) setTimeout(send, delayMs);
        else send();
      });
    },
    count: (path) => requests.filter((request) => request === path || request.startsWith(`${path}?`)).length,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Handlers that never finish a response keep their sockets open; close them too.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(response: http.ServerResponse, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
