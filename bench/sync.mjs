// OParl sync at Leipzig's scale (goals of the register's real-council issue):
//
//   1. full sync of 50,000 papers in pages of 10 from a server that answers each request after
//      100 ms: ≤ 3 min, with at most 4 requests at once;
//   2. a full sync killed (SIGKILL) at half-way and started again: the resumed sync fetches
//      ≤ 5 % of the pages the first one had done;
//   3. an update on an ALLRIS-4-like site whose `modified` stamps are all 2000-01-01, with 100
//      new papers at the end of the list: ≤ 10 s at the same latency.
//
//   node bench/sync.mjs [--quick] [--json FILE] [--papers N] [--latency-ms 100]
//
// Each sync runs in a fresh process (bench/sync-child.mjs) against bench/sync-server.mjs, a
// separate process. --quick syncs 5,000 papers: the figures are printed but not judged.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH, BenchError, check, cleanEnv, figure, intOption, loadBundle, main, options, printFigures, ROOT, writeResult } from './lib.mjs';

const GOALS = { papers: 50_000, pageSize: 10, latencyMs: 100, fullMs: 180_000, concurrency: 4, refetchShare: 5, updateMs: 10_000, newPapers: 100 };

main(async () => {
  const opts = options(process.argv.slice(2), ['papers', 'latency-ms']);
  const quick = opts.quick;
  const papers = intOption(opts, 'papers', quick ? 5_000 : GOALS.papers);
  const latencyMs = intOption(opts, 'latency-ms', GOALS.latencyMs);
  const judged = papers >= GOALS.papers && latencyMs >= GOALS.latencyMs;
  const judge = (fig) => (judged ? fig : { ...fig, met: undefined, detail: `not judged: ${papers} papers at ${latencyMs} ms, the goal is for ${GOALS.papers} at ${GOALS.latencyMs} ms; ${fig.detail}` });

  const { file: bundle } = await loadBundle(
    'sync',
    [
      "export { syncOparl } from './server/src/node/oparl.ts';",
      "export { loadCache, saveCache, checkpointFile, loadCheckpoint, saveCheckpoint, removeCheckpoint } from './server/src/node/cache-store.ts';",
      "export { compileProfile } from './server/src/analysis/compiled-profile.ts';",
      "export { DEFAULT_PROFILE } from './server/src/profile/load.ts';",
    ],
    ['syncOparl', 'loadCache', 'saveCache', 'checkpointFile', 'loadCheckpoint', 'saveCheckpoint', 'removeCheckpoint', 'compileProfile', 'DEFAULT_PROFILE'],
  );
  const server = await startServer(papers, latencyMs);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ratsfeder-sync-bench-'));
  try {
    const pages = server.pages;

    // 1. The full sync.
    const fullCache = path.join(dir, 'full', 'oparl-cache.json');
    await server.get('/bench/reset');
    const full = await runChild({ bundle, system: server.system, cache: fullCache, mode: 'full', expect: { mode: 'full', size: papers } });
    const fullStats = await server.get('/bench/stats');
    const paperRequests = Object.keys(fullStats.pageRequests).length;
    check(paperRequests === pages, `the full sync asked for ${paperRequests} distinct pages of ${pages}`);

    // 2. Killed at half-way, then resumed.
    const resumeCache = path.join(dir, 'resume', 'oparl-cache.json');
    await server.get('/bench/reset');
    const killed = await runChild({ bundle, system: server.system, cache: resumeCache, mode: 'full' }, { killAtPages: Math.floor(pages / 2) });
    check(killed.killed, 'the first sync ended before it could be killed at half-way');
    const firstRun = await server.get('/bench/stats');
    const fetchedBefore = new Set(Object.keys(firstRun.pageRequests));
    await server.get('/bench/reset');
    const resumed = await runChild({ bundle, system: server.system, cache: resumeCache, mode: 'resume', expect: { resumed: true, size: papers } });
    const secondRun = await server.get('/bench/stats');
    const again = Object.keys(secondRun.pageRequests).filter((key) => fetchedBefore.has(key)).length;
    const refetchShare = (100 * again) / fetchedBefore.size;

    // 3. An update where `modified` says nothing: 100 new papers at the end of the list.
    await server.get('/bench/epoch?n=1');
    await server.get('/bench/reset');
    const update = await runChild({ bundle, system: server.system, cache: fullCache, mode: 'update', expect: { mode: 'incremental', update: 'from-end', size: papers + GOALS.newPapers } });
    const updateStats = await server.get('/bench/stats');

    const figures = [
      judge(
        figure('sync.fullMs', `full OParl sync, ${papers.toLocaleString('en')} papers in pages of ${GOALS.pageSize}, ${latencyMs} ms per request`, full.syncMs / 1000, {
          unit: 's',
          digits: 1,
          goal: '<=',
          limit: GOALS.fullMs / 1000,
          detail: `${pages} pages; at most ${fullStats.maxInFlight} requests at once; ${(full.syncMs / pages).toFixed(1)} ms per page; one page after another would take ${((pages * latencyMs) / 1000).toFixed(0)} s`,
        }),
      ),
      figure('sync.concurrency', 'requests in flight at once during the full sync, most', fullStats.maxInFlight, { unit: 'requests', digits: 0, goal: '<=', limit: GOALS.concurrency, detail: 'counted by the server' }),
      judge(
        figure('sync.refetch', 'pages fetched again after a kill at half-way, of those fetched before', refetchShare, {
          unit: '%',
          digits: 1,
          goal: '<=',
          limit: GOALS.refetchShare,
          detail: `killed after ${killed.pages} pages (checkpoint), ${fetchedBefore.size} fetched; the resumed sync fetched ${again} of them again and ${Object.keys(secondRun.pageRequests).length} pages in all; it went on from ${resumed.resumedPages} pages in ${(resumed.syncMs / 1000).toFixed(1)} s`,
        }),
      ),
      judge(
        figure('sync.updateMs', `update with ${GOALS.newPapers} new papers where modified is useless (paging from the end), ${latencyMs} ms per request`, update.syncMs / 1000, {
          unit: 's',
          digits: 2,
          goal: '<=',
          limit: GOALS.updateMs / 1000,
          detail: `${updateStats.requests} requests, ${Object.keys(updateStats.pageRequests).length} list pages; the register has all ${papers + GOALS.newPapers} papers`,
        }),
      ),
    ];
    printFigures(figures);
    writeResult(opts.json, { name: 'sync', title: 'OParl sync at Leipzig’s scale', figures, info: { quick, papers, pages, latencyMs, full, resumed, update, refetched: again, fetchedBefore: fetchedBefore.size } });
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * Runs one sync in a fresh process; with `killAtPages`, kills it (SIGKILL) once a checkpoint says that many pages are done.
 * @param {any} args
 * @param {{ killAtPages?: number }} [options]
 */
function runChild(args, { killAtPages } = {}) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [path.join(BENCH, 'sync-child.mjs'), JSON.stringify(args)], { cwd: ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const stderr = [];
    let buffer = '';
    let result;
    let killedAt;
    proc.stderr.on('data', (chunk) => stderr.push(chunk.toString()));
    proc.stdout.on('data', (chunk) => {
      buffer += chunk.toString();
      for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
        const line = JSON.parse(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
        if (line.result) result = line.result;
        if (killAtPages !== undefined && line.checkpoint !== undefined && line.pages >= killAtPages && killedAt === undefined) {
          killedAt = line.pages;
          proc.kill('SIGKILL');
        }
      }
    });
    proc.once('exit', (code, signal) => {
      if (killedAt !== undefined && signal === 'SIGKILL') return resolve({ killed: true, pages: killedAt });
      if (code !== 0 || !result) return reject(new BenchError(`sync-child ${args.mode} exited ${code ?? signal}: ${stderr.join('').slice(0, 800)}`));
      resolve(result);
    });
  });
}

async function startServer(papers, latencyMs) {
  const proc = spawn(process.execPath, [path.join(BENCH, 'sync-server.mjs'), '--papers', String(papers), '--page-size', String(GOALS.pageSize), '--latency-ms', String(latencyMs), '--new', String(GOALS.newPapers), '--modified-useless'], { cwd: ROOT, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr = [];
  proc.stderr.on('data', (chunk) => stderr.push(chunk.toString()));
  const info = await new Promise((resolve, reject) => {
    let buffer = '';
    proc.stdout.on('data', (chunk) => {
      buffer += chunk.toString();
      const newline = buffer.indexOf('\n');
      if (newline >= 0) resolve(JSON.parse(buffer.slice(0, newline)));
    });
    proc.once('exit', (code) => reject(new BenchError(`the sync server exited (${code}) before it was ready: ${stderr.join('').slice(0, 500)}`)));
  });
  const get = (pathname) =>
    new Promise((resolve, reject) => {
      const request = http.get(`${info.base}${pathname}`, { agent: false }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => (response.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))) : reject(new BenchError(`sync server ${pathname}: HTTP ${response.statusCode}`))));
      });
      request.on('error', (error) => reject(new BenchError(`sync server ${pathname}: ${error.message}`)));
    });
  return {
    ...info,
    get,
    async stop() {
      await get('/bench/stop').catch(() => undefined);
      proc.stdin.end();
    },
  };
}
