import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.join(import.meta.dirname, '..');

/**
 * The CLI and LSP tests run the real bundles, so build them once before any test, as they
 * ship: packaging the extension runs its prepublish step, which builds every bundle. Every process the
 * tests start gets an empty cache folder of its own, so a developer's synced register never
 * changes what a test sees.
 */
export default function setup(): void {
  const packaged = mkdtempSync(path.join(tmpdir(), 'ratsfeder-vsix-'));
  const vsix = path.join(packaged, 'ratsfeder.vsix');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsix], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  process.env.RATSFEDER_VSIX = vsix;
  process.env.XDG_CACHE_HOME = mkdtempSync(path.join(tmpdir(), 'ratsfeder-test-cache-'));
}
