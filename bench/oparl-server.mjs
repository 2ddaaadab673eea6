// A small OParl 1.1 server for the sync benchmark: one System, one Body, and its paper list of
// generated papers (bench/register-corpus.mjs), 100 to a page, gzip-compressed as a web server
// in front of ALLRIS would send them. It honours `modified_since` by listing only the papers
// modified after that time.
//
//   node bench/oparl-server.mjs --papers N [--changes 100] [--page-size 100] [--lifetime-s 900] [--no-gzip]
//
// It listens on 127.0.0.1 on a free port and prints one JSON line `{"base": …, "system": …}`
// when it is ready. Two states ("epochs"): 0, the papers as the full sync sees them; 1, after
// `--changes` papers changed (80 % new titles, 10 % deleted, 10 % new). `GET /bench/epoch?n=1`
// switches; `GET /bench/stats` counts requests. It stops by itself: when its stdin closes (the
// benchmark ended or died), on `GET /bench/stop`, on SIGTERM, or after --lifetime-s seconds.
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { changes, paperObject, paperRecords, T_CHANGE, tombstone } from './register-corpus.mjs';
import { intOption, options } from './lib.mjs';

const opts = options(
  process.argv.slice(2).filter((arg) => arg !== '--no-gzip'),
  ['papers', 'changes', 'page-size', 'lifetime-s'],
);
const gzip = !process.argv.includes('--no-gzip');
const count = intOption(opts, 'papers', 1000);
const changeCount = intOption(opts, 'changes', 100);
const pageSize = intOption(opts, 'page-size', 100);
const lifetimeS = intOption(opts, 'lifetime-s', 900);

const stats = { requests: 0, paperPages: 0, bytesSent: 0, epoch: 0 };

const server = http.createServer((request, response) => {
  stats.requests++;
  try {
    route(request, response);
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain' }).end(String(/** @type {any} */ (error)?.stack ?? error));
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
const system = `${base}/oparl/system`;
const paperList = `${base}/oparl/body/1/papers`;

// ---------------------------------------------------------------------------------------------
// The data of both epochs

const records = paperRecords(count);
const change = changes(records, changeCount);
const epoch0 = records.map((record) => paperObject(record, base));
const epoch1 = (() => {
  const byK = new Map(epoch0.map((paper, i) => [records[i].k, paper]));
  const changed = [];
  for (const { kind, record } of change.list) {
    if (kind === 'deleted') {
      byK.delete(record.k);
      changed.push(tombstone(record, base));
    } else {
      const paper = paperObject(record, base, T_CHANGE);
      byK.set(record.k, paper);
      changed.push(paper);
    }
  }
  // The full list as it is now (no tombstones), and everything with its time of modification.
  return { current: [...byK.values()], changed };
})();

const changedIds = new Set(epoch1.changed.map((paper) => paper.id));
const modifiedMs = (paper) => Date.parse(paper.modified);

/** The objects of a paper list: the whole list, or those modified after `since`. */
function listed(epoch, since) {
  if (since === undefined) return epoch === 0 ? epoch0 : epoch1.current;
  const all = epoch === 0 ? epoch0 : [...epoch1.current.filter((paper) => !changedIds.has(paper.id)), ...epoch1.changed];
  return all.filter((paper) => modifiedMs(paper) > since);
}

/** Encoded page bodies, by epoch, query and page: the unfiltered epoch-0 pages are made before the server reports ready. */
const pages = new Map();

function page(epoch, url, accepts) {
  // Read as sent: clients send the offset's `+` unencoded (as SessionNet requires), and a
  // form-decoding reader would take it for a blank.
  const raw = /[?&]modified_since=([^&]*)/.exec(url.search)?.[1];
  const sinceText = raw === undefined ? null : decodeURIComponent(raw);
  const since = sinceText === null ? undefined : Date.parse(sinceText);
  if (since !== undefined && Number.isNaN(since)) return undefined;
  const number = Number(url.searchParams.get('page') ?? '1');
  const key = `${epoch}|${sinceText}|${number}|${accepts}`;
  let body = pages.get(key);
  if (!body) {
    const all = listed(epoch, since);
    const total = Math.max(1, Math.ceil(all.length / pageSize));
    if (!Number.isInteger(number) || number < 1 || number > total) return null;
    const data = all.slice((number - 1) * pageSize, number * pageSize);
    const next = new URL(paperList);
    if (sinceText !== null) next.searchParams.set('modified_since', sinceText);
    next.searchParams.set('page', String(number + 1));
    const self = new URL(next);
    self.searchParams.set('page', String(number));
    const json = JSON.stringify({
      data,
      pagination: { totalElements: all.length, elementsPerPage: pageSize, currentPage: number, totalPages: total },
      links: { first: `${paperList}${sinceText === null ? '' : `?modified_since=${encodeURIComponent(sinceText)}`}`, self: self.href, ...(number < total ? { next: next.href } : {}) },
    });
    body = accepts ? gzipSync(json, { level: 1 }) : Buffer.from(json);
    // Only the pages of the full list are kept: they are asked for again in every round.
    if (since === undefined) pages.set(key, body);
  }
  return body;
}

// ---------------------------------------------------------------------------------------------
// Routes

function send(response, value, request, status = 200) {
  const accepts = gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const raw = Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value));
  const body = accepts && !Buffer.isBuffer(value) ? gzipSync(raw, { level: 1 }) : raw;
  stats.bytesSent += body.length;
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
    ...(accepts ? { 'content-encoding': 'gzip' } : {}),
  });
  response.end(body);
}

function route(request, response) {
  const url = new URL(request.url ?? '/', base);
  const accepts = gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  switch (url.pathname) {
    case '/oparl/system':
      return send(
        response,
        { id: system, type: 'https://schema.oparl.org/1.1/System', oparlVersion: 'https://schema.oparl.org/1.1/', name: 'Ratsinformationssystem (Benchmark)', body: `${base}/oparl/bodies` },
        request,
      );
    case '/oparl/bodies':
      return send(
        response,
        {
          data: [{ id: `${base}/oparl/body/1`, type: 'https://schema.oparl.org/1.1/Body', name: 'Stadt Leipzig', shortName: 'Leipzig', paper: paperList, organization: `${base}/oparl/body/1/organizations` }],
          pagination: { totalElements: 1, elementsPerPage: 100, currentPage: 1, totalPages: 1 },
          links: {},
        },
        request,
      );
    case '/oparl/body/1/papers': {
      const body = page(stats.epoch, url, accepts);
      if (body === undefined) return send(response, { error: 'modified_since is not a date' }, request, 400);
      if (body === null) return send(response, { error: 'no such page' }, request, 404);
      stats.paperPages++;
      stats.bytesSent += body.length;
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, ...(accepts ? { 'content-encoding': 'gzip' } : {}) });
      return response.end(body);
    }
    case '/bench/epoch': {
      const n = Number(url.searchParams.get('n'));
      if (n !== 0 && n !== 1) return send(response, { error: 'n must be 0 or 1' }, request, 400);
      stats.epoch = n;
      return send(response, { epoch: n }, request);
    }
    case '/bench/stats':
      return send(response, { ...stats, papers: count, changes: change.list.length }, request);
    case '/bench/stop':
      send(response, { stopping: true }, request);
      return stop('asked to stop');
    default:
      return send(response, { error: 'not found' }, request, 404);
  }
}

let stopping = false;
function stop(reason) {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`oparl-server: stopping (${reason})\n`);
  server.closeAllConnections();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}

// Ready: make the pages of the full list first (as a real server would have them at hand).
const total = Math.ceil(epoch0.length / pageSize);
for (let n = 1; n <= total; n++) page(0, new URL(`${paperList}${n === 1 ? '' : `?page=${n}`}`), gzip);
setTimeout(() => stop(`lifetime of ${lifetimeS} s reached`), lifetimeS * 1000).unref();
// Keep the event loop alive only as long as the server runs; stdin closing ends it.
process.stdin.on('end', () => stop('stdin closed'));
process.stdin.on('error', () => stop('stdin error'));
process.stdin.resume();
process.on('SIGTERM', () => stop('SIGTERM'));
process.stdout.write(`${JSON.stringify({ base, system, pages: total, papers: count, changes: change.list.length, gzip })}\n`);
