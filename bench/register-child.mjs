// One measurement of bench/register.mjs in a fresh Node process (what start-up pays: cold JIT,
// empty heap). Called with one JSON argument; prints one JSON line with the result. Exits
// non-zero on wrong output (a register of the wrong size, a sync with wrong counts).
//
//   node bench/register-child.mjs '{"mode": "load", "bundle": "…/register.cjs", …}'
//
// Modes:
//   load     loadCache(file) + new RegisterIndex(papers, true): the register from the cache file
//            (and, timed apart, the first title search on it)
//   json     readFileSync + JSON.parse of the same file (each of its lines): the floor any loader pays
//   folder   RegisterStore.loadFolder(dir) + register(): a workspace indexed at start-up
//   files    reading every file of that workspace: the floor for `folder`
//   sync     syncOparl (full or incremental) against the benchmark's OParl server
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { papersFingerprint } from './register-corpus.mjs';

const require = createRequire(import.meta.url);
const args = JSON.parse(process.argv[2] ?? '{}');
const now = () => Number(process.hrtime.bigint()) / 1e6;

function fail(message) {
  process.stderr.write(`register-child (${args.mode}): ${message}\n`);
  process.exit(1);
}

function expect(condition, message) {
  if (!condition) fail(message);
}

function out(result) {
  process.stdout.write(`${JSON.stringify({ mode: args.mode, ...result, rssKiB: Math.round(process.memoryUsage().rss / 1024) })}\n`);
}

const mod = args.bundle ? require(args.bundle) : undefined;

switch (args.mode) {
  case 'load': {
    const t0 = now();
    const loaded = mod.loadCache(args.file);
    const t1 = now();
    expect(loaded.cache, `the cache was not loaded: ${loaded.problem ? JSON.stringify(loaded.problem) : 'no file'}`);
    const index = new mod.RegisterIndex(loaded.cache.papers.values(), true);
    const t2 = now();
    expect(index.size === args.expected, `the register has ${index.size} entries, expected ${args.expected}`);
    expect(index.get(args.probe.nummer)?.titel === args.probe.titel, `${args.probe.nummer} is not in the register with its title`);
    // Not part of loading: the first title search afterwards (the word index may be built on it).
    const word = args.probe.titel.split(/[^\p{L}]+/u).find((w) => w.length >= 5);
    const t3 = now();
    const found = index.search(word, 50);
    const t4 = now();
    expect(found.length > 0, `the first title search for "${word}" found nothing`);
    out({ readParseMs: t1 - t0, indexMs: t2 - t1, totalMs: t2 - t0, size: index.size, firstSearchMs: t4 - t3, firstSearchWord: word });
    break;
  }
  case 'json': {
    const t0 = now();
    // Every line (a version 4 cache keeps the papers' details on a second line of JSON).
    const [data, ...rest] = readFileSync(args.file, 'utf8').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
    const t1 = now();
    const count = Array.isArray(data.papers) ? data.papers.length : data.papers.nummer.length;
    expect(count === args.expected && rest.length <= 1, `the file has ${count} papers and ${rest.length + 1} lines, expected ${args.expected} and at most 2`);
    out({ totalMs: t1 - t0 });
    break;
  }
  case 'folder': {
    const store = new mod.RegisterStore(mod.compileProfile(mod.DEFAULT_PROFILE));
    const t0 = now();
    await store.loadFolder(args.dir);
    const t1 = now();
    const register = store.register();
    const t2 = now();
    expect(store.workspace.size === args.drafts, `${store.workspace.size} drafts indexed, expected ${args.drafts}`);
    expect(store.workspace.asRegister().size === args.numbered, `${store.workspace.asRegister().size} drafts with a number, expected ${args.numbered}`);
    expect(register.size === args.numbered + args.fileEntries, `the register has ${register.size} entries, expected ${args.numbered} + ${args.fileEntries}`);
    expect(store.problems().length === 0, `register file problems: ${JSON.stringify(store.problems().slice(0, 3))}`);
    expect(register.get(args.probe)?.source === 'workspace', `${args.probe} is not in the register as a workspace draft`);
    out({ loadFolderMs: t1 - t0, registerMs: t2 - t1, totalMs: t2 - t0, drafts: store.workspace.size, entries: register.size });
    break;
  }
  case 'files': {
    const t0 = now();
    let bytes = 0;
    let files = 0;
    for (const name of readdirSync(args.dir, { recursive: true, encoding: 'utf8' })) {
      if (!/\.(md|csv)$/.test(name)) continue;
      bytes += readFileSync(path.join(args.dir, name), 'utf8').length;
      files++;
    }
    const t1 = now();
    expect(files === args.drafts + 1, `read ${files} files, expected ${args.drafts + 1}`);
    out({ totalMs: t1 - t0, bytes });
    break;
  }
  case 'sync': {
    const scanner = mod.compileProfile(mod.DEFAULT_PROFILE).scanner;
    let previous;
    if (args.previous) {
      const loaded = mod.loadCache(args.previous);
      expect(loaded.cache, `the previous cache was not loaded: ${loaded.problem ? JSON.stringify(loaded.problem) : 'no file'}`);
      previous = loaded.cache;
    }
    let progress = 0;
    const t0 = now();
    const result = await mod.syncOparl({ system: args.system, previous, scanner, now: () => new Date(args.now), onProgress: () => progress++ });
    const t1 = now();
    const { cache, mode, pages, bodies, papers, changed, deleted, skipped } = result;
    const counts = { mode, pages, bodies, papers, changed, deleted, skipped, size: cache.papers.size };
    for (const [key, value] of Object.entries(args.expect)) expect(counts[key] === value, `${key} is ${counts[key]}, expected ${value} (${JSON.stringify(counts)})`);
    expect(progress === pages, `progress was reported ${progress} times for ${pages} pages`);
    const serialized = mod.serializeCache(cache);
    const synced = papersFingerprint(cache.papers);
    expect(synced === args.fingerprint, `the synced papers differ from the expected ones (${synced} ≠ ${args.fingerprint})`);
    let saveMs;
    if (args.save) {
      const t2 = now();
      mod.saveCache(args.save, cache);
      saveMs = now() - t2;
    }
    out({ syncMs: t1 - t0, saveMs, ...counts, bytes: Buffer.byteLength(serialized) });
    break;
  }
  default:
    fail(`unknown mode ${args.mode}`);
}
