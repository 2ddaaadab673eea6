// An OParl server shaped like Leipzig's ALLRIS 4, for the sync benchmark at Leipzig's scale:
// one System, one Body, its paper list of generated papers (bench/register-corpus.mjs) in small
// pages, oldest first, each answered after a fixed latency, as a server far away would.
//
//   node bench/sync-server.mjs --papers 50000 [--page-size 10] [--latency-ms 100] [--new 100]
//                              [--modified-useless] [--lifetime-s 1800]
//
// Pages carry `links.first/next/last` and a `pagination` object. With --modified-useless every
// paper is stamped `2000-01-01` (as Leipzig's newer host was reported to do), so
// `modified_since` finds nothing new. `GET /bench/epoch?n=1` appends --new papers at the end of
// the list (epoch 1); `GET /bench/stats` tells the requests so far, the most that were in
// flight at once, and how often each page was asked for; `GET /bench/reset` clears the counts.
// It listens on 127.0.0.1 and prints one JSON line `{"base": …, "system": …}` when ready, and
// stops when its stdin closes, on `GET /bench/stop`, on SIGTERM, or after --lifetime-s.
import http from 'node:http';
import { paperObject, paperRecords } from './register-corpus.mjs';
import { intOption, options } from './lib.mjs';

const flags = ['--modified-useless'];
const opts = options(
  process.argv.slice(2).filter((arg) => !flags.includes(arg)),
  ['papers', 'page-size', 'latency-ms', 'new', 'lifetime-s'],
);
const count = intOption(opts, 'papers', 50000);
const pageSize = intOption(opts, 'page-size', 10);
const latencyMs = intOption(opts, 'latency-ms', 100);
const added = intOption(opts, 'new', 100);
const lifetimeS = intOption(opts, 'lifetime-s', 1800);
const modifiedUseless = process.argv.includes('--modified-useless');

const stats = { requests: 0, inFlight: 0, maxInFlight: 0, epoch: 0, pageRequests: {} };

const server = http.createServer((request, response) => {
  stats.requests++;
  stats.inFlight++;
  stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
  response.on('close', () => stats.inFlight--);
  const url = new URL(request.url ?? '/', base);
  // Control requests are answered at once; OParl requests after the latency.
  if (url.pathname.startsWith('/bench/')) return control(url, response);
  setTimeout(() => route(url, response), latencyMs);
});
// Up to hundreds of keep-alive connections from one client at once must not be refused.
server.maxConnections = 1000;
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
const system = `${base}/oparl/system`;
const paperList = `${base}/oparl/body/1/papers`;

const STAMP = '2000-01-01T00:00:00+01:00';
const records = paperRecords(count + added);
/** Oldest first, as ALLRIS 4 lists them. */
const papers = records.map((record) => stamp(paperObject(record, base)));
papers.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));

function stamp(paper) {
  return modifiedUseless ? { ...paper, created: STAMP, modified: STAMP } : paper;
}

/** The papers listed now: epoch 0 without the last --new ones, epoch 1 with them. */
function listed(since) {
  const all = stats.epoch === 0 ? papers.slice(0, count) : papers;
  if (since === undefined) return all;
  return all.filter((paper) => Date.parse(paper.modified) > since);
}

function pageUrl(number, sinceText) {
  const url = new URL(paperList);
  if (sinceText !== null) url.searchParams.set('modified_since', sinceText);
  if (number > 1) url.searchParams.set('page', String(number));
  return url.href;
}

function route(url, response) {
  switch (url.pathname) {
    case '/oparl/system':
      return send(response, { id: system, type: 'https://schema.oparl.org/1.1/System', oparlVersion: 'https://schema.oparl.org/1.1/', name: 'ALLRIS 4 (Benchmark)', vendor: 'https://www.cc-egov.de', body: `${base}/oparl/bodies` });
    case '/oparl/bodies':
      return send(response, {
        data: [{ id: `${base}/oparl/body/1`, type: 'https://schema.oparl.org/1.1/Body', name: 'Stadt Leipzig', paper: paperList }],
        pagination: { totalElements: 1, elementsPerPage: 20, currentPage: 1, totalPages: 1 },
        links: {},
      });
    case '/oparl/body/1/papers': {
      const sinceText = url.searchParams.get('modified_since');
      const since = sinceText === null ? undefined : Date.parse(sinceText);
      if (since !== undefined && Number.isNaN(since)) return send(response, { error: 'modified_since is not a date' }, 400);
      const number = Number(url.searchParams.get('page') ?? '1');
      const all = listed(since);
      const total = Math.max(1, Math.ceil(all.length / pageSize));
      if (!Number.isInteger(number) || number < 1 || number > total) return send(response, { error: 'no such page' }, 404);
      const key = `${sinceText === null ? '' : 'since:'}${number}`;
      stats.pageRequests[key] = (stats.pageRequests[key] ?? 0) + 1;
      return send(response, {
        data: all.slice((number - 1) * pageSize, number * pageSize),
        pagination: { totalElements: all.length, elementsPerPage: pageSize, currentPage: number, totalPages: total },
        links: { first: pageUrl(1, sinceText), self: pageUrl(number, sinceText), last: pageUrl(total, sinceText), ...(number < total ? { next: pageUrl(number + 1, sinceText) } : {}) },
      });
    }
    default:
      return send(response, { error: 'not found' }, 404);
  }
}

function control(url, response) {
  switch (url.pathname) {
    case '/bench/epoch': {
      const n = Number(url.searchParams.get('n'));
      if (n !== 0 && n !== 1) return send(response, { error: 'n must be 0 or 1' }, 400);
      stats.epoch = n;
      return send(response, { epoch: n });
    }
    case '/bench/stats':
      return send(response, { ...stats, inFlight: stats.inFlight - 1, papers: count, pages: Math.ceil(count / pageSize), pageSize, latencyMs });
    case '/bench/reset':
      stats.requests = 0;
      stats.maxInFlight = 0;
      stats.pageRequests = {};
      return send(response, { reset: true });
    case '/bench/stop':
      send(response, { stopping: true });
      return stop('asked to stop');
    default:
      return send(response, { error: 'not found' }, 404);
  }
}

function send(response, value, status = 200) {
  const body = Buffer.from(JSON.stringify(value));
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  response.end(body);
}

let stopping = false;
function stop(reason) {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`sync-server: stopping (${reason})\n`);
  server.closeAllConnections();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}

setTimeout(() => stop(`lifetime of ${lifetimeS} s reached`), lifetimeS * 1000).unref();
process.stdin.on('end', () => stop('stdin closed'));
process.stdin.on('error', () => stop('stdin error'));
process.stdin.resume();
process.on('SIGTERM', () => stop('SIGTERM'));
process.stdout.write(`${JSON.stringify({ base, system, papers: count, pages: Math.ceil(count / pageSize), pageSize, latencyMs, modifiedUseless })}\n`);
