import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SimilarIndexKeeper } from '../register/index.js';
import type { SimilarSnapshot } from '../register/similar.js';
import type { OparlCache } from '../register/types.js';
import { writeFileAtomic } from './atomic.js';

/*
 * The similarity index of the OParl cache, kept beside the cache: a server that starts, or a
 * `ratsfeder check`, reads it back in a fraction of the time that building it takes. It is
 * only an aid: a file that is missing, damaged, too large, of another sync or of another
 * analysis is passed over, the index is built as before and the file replaced (atomically, as
 * the cache is). Nothing here ever fails a check.
 */

/** Larger than any index of a real register (100,000 papers keep about 1 MB). */
const MAX_KEPT_BYTES = 256 * 1024 * 1024;
/**
 * Below this many papers an index is built in a few milliseconds and not worth a file: a small
 * cache (a council's first pages, a test's folder) gets no companion.
 */
export const MIN_KEPT_PAPERS = 1000;

/** `oparl-register.json` keeps its index in `oparl-register.similar.json`. */
export function similarIndexFile(cacheFile: string): string {
  return path.join(path.dirname(cacheFile), `${path.basename(cacheFile, '.json')}.similar.json`);
}

interface KeptFile {
  /** Which sync of the cache the index was built from. */
  readonly stamp: string;
  readonly index: SimilarSnapshot;
}

/** What identifies one sync's cache: the index of another is not this cache's. */
function stampOf(cache: OparlCache): string {
  return JSON.stringify([cache.system, cache.syncedAt, cache.papers.size]);
}

/**
 * The keeper of the index of `cache` (read from `cacheFile`). Saving runs `later` (by default
 * once the current work is done, off the path of the query that built the index), for caches
 * of at least `minPapers` papers.
 */
export function keepBesideCache(cacheFile: string, cache: OparlCache, later: (task: () => void) => void = (task) => void setImmediate(task), minPapers = MIN_KEPT_PAPERS): SimilarIndexKeeper {
  const file = similarIndexFile(cacheFile);
  const stamp = stampOf(cache);
  return {
    load() {
      try {
        // A regular file of sensible size only: never a device or a pipe someone put there.
        const stat = statSync(file);
        if (!stat.isFile() || stat.size > MAX_KEPT_BYTES) return undefined;
        const kept = JSON.parse(readFileSync(file, 'utf8')) as Partial<KeptFile> | null;
        return kept?.stamp === stamp ? kept.index : undefined;
      } catch {
        return undefined;
      }
    },
    save(snapshot) {
      if (cache.papers.size < minPapers) return;
      later(() => {
        try {
          const kept: KeptFile = { stamp, index: snapshot() };
          writeFileAtomic(file, Buffer.from(JSON.stringify(kept), 'utf8'), { createDir: true });
        } catch {
          // Not kept: the index is built again next time, as it was before there was a file.
        }
      });
    },
  };
}
