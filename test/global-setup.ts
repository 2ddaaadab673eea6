import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Both tiers: every process the tests start gets an empty cache folder of its own, so a
 * developer's synced register never changes what a test sees.
 */
export default function setup(): void {
  process.env.XDG_CACHE_HOME = mkdtempSync(path.join(tmpdir(), 'ratsfeder-test-cache-'));
}
