import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The CLI and LSP tests run the real bundles, so build them once before any test. Every
 * process the tests start gets an empty cache folder of its own, so a developer's synced
 * register never changes what a test sees.
 */
export default function setup(): void {
  execFileSync(process.execPath, [path.join(import.meta.dirname, '..', 'esbuild.mjs')], { stdio: 'inherit' });
  process.env.XDG_CACHE_HOME = mkdtempSync(path.join(tmpdir(), 'ratsfeder-test-cache-'));
}
