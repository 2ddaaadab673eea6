import { rmSync } from 'node:fs';
import { MAX_CACHE_BYTES, readRegularText } from './read-file.js';
import os from 'node:os';
import path from 'node:path';
import { cacheChunks, checkpointChunks, parseCache, parseCheckpoint, type SyncCheckpoint } from '../register/cache.js';
import type { OparlCache } from '../register/types.js';
import type { Failure } from '../base/locale.js';
import { WriteFailure, writeFileAtomic } from './atomic.js';
import type { CacheProblemKind } from './sync-messages.js';

/**
 * The OParl cache on disk: where it lives, reading it without ever damaging it, and replacing
 * it atomically so that a crash, a full disk or a second process never leaves half a file.
 */

export const CACHE_FILE = 'oparl-register.json';

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

export function cacheFile(dir: string): string {
  return path.join(dir, CACHE_FILE);
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
  const read = readRegularText(file, MAX_CACHE_BYTES);
  if (!('text' in read)) {
    if (read.problem === 'missing') return {};
    const { code, detail } = read.problem === 'unreadable' ? read : { code: read.problem === 'not-a-file' ? 'ENOTREG' : 'EFBIG', detail: '' };
    return { problem: { kind: 'cache-unreadable', data: { file, code, detail } } };
  }
  const text = read.text;
  const cache = parseCache(text);
  if (!cache) {
    return { problem: { kind: 'cache-damaged', data: { file } } };
  }
  return { cache };
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
