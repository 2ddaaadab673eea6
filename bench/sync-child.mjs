// One OParl sync of bench/sync.mjs in a fresh Node process, as `ratsfeder register sync` runs
// it: checkpoints saved beside the cache file while it runs, the cache saved at the end and
// the checkpoint removed. Called with one JSON argument; prints a JSON line per checkpoint
// (`{"checkpoint": pages}`) and one with the result. Exits non-zero on wrong output.
//
//   node bench/sync-child.mjs '{"bundle": "…/sync.cjs", "system": "…", "cache": "…", "mode": "full|resume|update", "expect": {…}}'
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = JSON.parse(process.argv[2] ?? '{}');
const mod = require(args.bundle);
const now = () => Number(process.hrtime.bigint()) / 1e6;

function fail(message) {
  process.stderr.write(`sync-child (${args.mode}): ${message}\n`);
  process.exit(1);
}

const scanner = mod.compileProfile(mod.DEFAULT_PROFILE).scanner;
const checkpointFile = mod.checkpointFile(args.cache);
const previous = args.mode === 'update' ? mod.loadCache(args.cache).cache : undefined;
if (args.mode === 'update' && !previous) fail(`no cache to update at ${args.cache}`);
const checkpoint = args.mode === 'resume' ? mod.loadCheckpoint(checkpointFile) : undefined;
if (args.mode === 'resume' && !checkpoint) fail(`no checkpoint to resume from at ${checkpointFile}`);

const t0 = now();
let checkpoints = 0;
const result = await mod.syncOparl({
  system: args.system,
  scanner,
  ...(previous ? { previous } : {}),
  ...(checkpoint ? { checkpoint } : {}),
  onCheckpoint(state) {
    mod.saveCheckpoint(checkpointFile, state);
    checkpoints++;
    process.stdout.write(`${JSON.stringify({ checkpoint: checkpoints, pages: state.lists.reduce((sum, list) => sum + list.pages, 0) })}\n`);
  },
});
const syncMs = now() - t0;
mod.saveCache(args.cache, result.cache);
mod.removeCheckpoint(checkpointFile);
const counts = { mode: result.mode, update: result.update, resumed: result.resumed, resumedPages: result.resumedPages, pages: result.pages, papers: result.papers, size: result.cache.papers.size, unfitting: result.unfitting };
for (const [key, value] of Object.entries(args.expect ?? {})) if (counts[key] !== value) fail(`${key} is ${counts[key]}, expected ${value} (${JSON.stringify(counts)})`);
process.stdout.write(`${JSON.stringify({ result: { syncMs, ...counts } })}\n`);
