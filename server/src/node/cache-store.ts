import { createHash } from 'node:crypto';
import { closeSync, constants, existsSync, fstatSync, linkSync, openSync, readSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { MAX_CACHE_BYTES, readRegularFile, readRegularText } from './read-file.js';
import os from 'node:os';
import path from 'node:path';
import { cacheChunks, checkpointChunks, parseCache, parseCacheParts, parseCheckpoint, type SyncCheckpoint } from '../register/cache.js';
import type { OparlCache } from '../register/types.js';
import type { Failure } from '../base/locale.js';
import { WriteFailure, writeFileAtomic } from './atomic.js';
import type { CacheProblemKind } from './sync-messages.js';

/**
 * The OParl cache on disk: where it lives, reading it without ever damaging it, and replacing
 * it atomically so that a crash, a full disk or a second process never leaves half a file.
 */

/**
 * The one cache file of former versions, shared by every project. A cache now belongs to one
 * council information system: its file is named after the System URL (`cacheFileName`).
 */
export const LEGACY_CACHE_FILE = 'oparl-register.json';

/**
 * The user's cache directory for Ratsfeder: `$XDG_CACHE_HOME/ratsfeder` where that is set
 * (an absolute path, as the XDG spec demands), else the platform's convention. The parameters
 * exist for tests; callers use the defaults.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && paths.isAbsolute(xdg)) return paths.join(xdg, 'ratsfeder');
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA && paths.isAbsolute(env.LOCALAPPDATA) ? env.LOCALAPPDATA : paths.join(home, 'AppData', 'Local');
    return paths.join(local, 'ratsfeder', 'Cache');
  }
  if (platform === 'darwin') return paths.join(home, 'Library', 'Caches', 'ratsfeder');
  return paths.join(home, '.cache', 'ratsfeder');
}

/**
 * A System URL as its cache is named after it: read as a WHATWG URL (scheme and host in lower
 * case, a default port dropped, the path's dots resolved, as the sync compares addresses),
 * without user, password and fragment, so that credentials can never reach a file name.
 * `undefined` for anything that is no http(s) URL.
 */
export function normaliseSystemUrl(system: string): string | undefined {
  let url: URL;
  try {
    url = new URL(system.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.username = '';
  url.password = '';
  url.hash = '';
  return url.href;
}

/**
 * The name of the cache file of `system`: `oparl-<host>-<hash>.json`, the host as a readable
 * slug and the first 12 hex digits of the SHA-256 of the normalised URL, so that two projects
 * with different System URLs never share a cache (also two on one host) and two with the same
 * URL do. `undefined` for anything that is no http(s) URL.
 */
export function cacheFileName(system: string): string | undefined {
  const url = normaliseSystemUrl(system);
  if (!url) return undefined;
  const slug =
    new URL(url).host
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/^[.-]+|[.-]+$/g, '')
      .slice(0, 60) || 'system';
  const hash = createHash('sha256').update(url).digest('hex').slice(0, 12);
  return `oparl-${slug}-${hash}.json`;
}

/**
 * The cache file of `system` in `dir` (none for what is no http(s) URL). A cache of a former
 * version (`oparl-register.json`) that was synced from this URL is moved to that name first
 * (`adoptLegacyCache`), so that nobody has to sync again after an update.
 */
export function cacheFileFor(dir: string, system: string | undefined): string | undefined {
  const name = system === undefined ? undefined : cacheFileName(system);
  if (!name) return undefined;
  const file = path.join(dir, name);
  adoptLegacyCache(dir, file, system!);
  return file;
}

/**
 * Moves the former single cache to `file` if `file` is not there yet and the old cache was
 * synced from `system`; its checkpoint, its similarity index and its documents' texts go with
 * it. Decided: moved, not copied or read in place, so that the old data belong to one system
 * from then on; a project with another System URL leaves the old file alone and syncs afresh,
 * and the file stays for the project whose URL it holds. Each file is linked to its new name and
 * then unlinked, so that a cache that another process has just written under the new name is
 * never replaced by the old one; where the file system has no hard links, it is renamed after
 * a check that the new name is still free. A checkpoint without an old cache is not moved: a
 * sync without it starts over, nothing is lost. Nothing here throws: an old cache that cannot
 * be moved is left where it is.
 */
export function adoptLegacyCache(dir: string, file: string, system: string): void {
  const legacy = path.join(dir, LEGACY_CACHE_FILE);
  if (existsSync(file) || !existsSync(legacy)) return;
  const wanted = normaliseSystemUrl(system);
  // The old cache's address stands near its start: a cache of another system is passed over
  // without reading all of it.
  const head = headSystem(legacy);
  if (head !== undefined && normaliseSystemUrl(head) !== wanted) return;
  const { cache } = loadCache(legacy);
  if (!cache || normaliseSystemUrl(cache.system) !== wanted) return;
  if (!moveFile(legacy, file)) return;
  moveFile(checkpointFile(legacy), checkpointFile(file));
  moveFile(besideCache(legacy, '.similar.json'), besideCache(file, '.similar.json'));
  const texts = besideCache(legacy, '.texte');
  const newTexts = besideCache(file, '.texte');
  try {
    if (existsSync(texts) && !existsSync(newTexts)) renameSync(texts, newTexts);
  } catch {
    // The texts are fetched again when they are wanted.
  }
}

/** `cache` with its `.json` replaced by `suffix`: where the files that belong to a cache lie. */
function besideCache(cache: string, suffix: string): string {
  return path.join(path.dirname(cache), `${path.basename(cache, '.json')}${suffix}`);
}

/** Moves `from` to the free name `to`; `false` if it could not (or `to` was taken meanwhile). */
function moveFile(from: string, to: string): boolean {
  try {
    linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOENT') return false;
    try {
      if (existsSync(to)) return false;
      renameSync(from, to);
      return true;
    } catch {
      return false;
    }
  }
  try {
    unlinkSync(from);
  } catch {
    // Both names now hold the same file; the old one is passed over from now on.
  }
  return true;
}

/** The `system` a cache file names in its first 4 KB, if it is a regular file that names one there. */
function headSystem(file: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    const buffer = Buffer.alloc(4096);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    const match = /"system"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(buffer.subarray(0, read).toString('utf8'));
    const value: unknown = match ? JSON.parse(match[1]!) : undefined;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * What a stat says of a cache file, to notice that another process replaced it: the atomic
 * write gives it a new inode, and size and modification time change with any other write.
 * `missing` when there is none. Costs one `stat`, no read.
 */
export function cacheStamp(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/** Where the checkpoint of an interrupted sync lives: beside the cache it will replace. */
export function checkpointFile(cache: string): string {
  return path.join(path.dirname(cache), `${path.basename(cache, '.json')}.checkpoint.json`);
}

export interface LoadedCache {
  readonly cache?: OparlCache;
  /** Why an existing file could not be used (worded by `SYNC_MESSAGES`). The file is left as it is. */
  readonly problem?: Failure<CacheProblemKind>;
}

/** Reads the cache. A missing file is no problem (nothing synced yet); nothing here writes. */
export function loadCache(file: string): LoadedCache {
  // A regular file only: a FIFO or a link to /dev/zero in its place must not hang or fill memory.
  const read = readRegularFile(file, MAX_CACHE_BYTES);
  if (!('bytes' in read)) {
    if (read.problem === 'missing') return {};
    const { code, detail } = read.problem === 'unreadable' ? read : { code: read.problem === 'not-a-file' ? 'ENOTREG' : 'EFBIG', detail: '' };
    return { problem: { kind: 'cache-unreadable', data: { file, code, detail } } };
  }
  const cache = parseCacheBytes(read.bytes);
  if (!cache) {
    return { problem: { kind: 'cache-damaged', data: { file } } };
  }
  return { cache };
}

/**
 * The cache from the file's bytes. The papers' details of a version 4 file (its second line) are
 * kept as bytes, copied out of the file's, and decoded when an entry's details are first asked
 * for: a start then decodes and parses the first line only.
 */
function parseCacheBytes(bytes: Buffer): OparlCache | undefined {
  const end = bytes.indexOf(0x0a);
  if (end >= 0 && end < bytes.length - 1) {
    const rest = Buffer.from(bytes.subarray(end + 1));
    // The line is ASCII: its bytes are its characters.
    const length = rest.length - (rest[rest.length - 1] === 0x0a ? 1 : 0);
    const cache = parseCacheParts(bytes.toString('utf8', 0, end), { length, text: () => rest.toString('utf8') });
    if (cache) return cache;
  }
  return parseCache(bytes.toString('utf8'));
}

/** A cache or checkpoint file that could not be written: what happened, as data (`SYNC_MESSAGES` words it). */
export class CacheWriteError extends Error {
  override readonly name = 'CacheWriteError';
  constructor(readonly failure: Failure<'cache-not-saved' | 'checkpoint-not-saved'>, cause: unknown) {
    super(`${failure.kind}: ${String(failure.data.file)} (${String(failure.data.code || failure.data.detail)})`, { cause });
  }
}

/** Replaces the cache file atomically (see `writeFileAtomic`); the old cache survives any failure. */
export function saveCache(file: string, cache: OparlCache): void {
  try {
    writeFileAtomic(file, cacheChunks(cache), { createDir: true });
  } catch (error) {
    throw writeError('cache-not-saved', file, error);
  }
}

function writeError(kind: 'cache-not-saved' | 'checkpoint-not-saved', file: string, error: unknown): CacheWriteError {
  const failure = error instanceof WriteFailure ? error : new WriteFailure('write', undefined, error);
  const detail = failure.cause instanceof Error ? failure.cause.message : String(failure.cause);
  return new CacheWriteError({ kind, data: { file, dir: path.dirname(file), step: failure.step, code: failure.code ?? '', detail } }, failure.cause);
}

/**
 * The checkpoint of an interrupted sync (`SyncOptions.checkpoint`), or `undefined` if there is
 * none or it cannot be read: a sync without it starts over, nothing is lost.
 */
export function loadCheckpoint(file: string): SyncCheckpoint | undefined {
  const read = readRegularText(file, MAX_CACHE_BYTES);
  if (!('text' in read)) return undefined;
  try {
    return parseCheckpoint(read.text);
  } catch {
    return undefined;
  }
}

/** Writes a checkpoint atomically, as the cache is written; throws a `CacheWriteError`. */
export function saveCheckpoint(file: string, checkpoint: SyncCheckpoint): void {
  try {
    writeFileAtomic(file, checkpointChunks(checkpoint), { createDir: true });
  } catch (error) {
    throw writeError('checkpoint-not-saved', file, error);
  }
}

/** Removes a checkpoint once its sync is done and the cache saved; a missing file is fine. */
export function removeCheckpoint(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // A checkpoint left behind is harmless: it no longer fits the cache (see `SyncOptions.checkpoint`).
  }
}
