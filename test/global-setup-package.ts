import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.join(import.meta.dirname, '..');

/**
 * The integration tier only: the CLI and LSP tests run the real bundles, so build them once
 * before any test, as they ship: packaging the extension runs its prepublish step, which builds
 * every bundle. The unit tier needs neither the bundles nor the `.vsix`.
 */
export default function setup(): void {
  const packaged = mkdtempSync(path.join(tmpdir(), 'ratsfeder-vsix-'));
  const vsix = path.join(packaged, 'ratsfeder.vsix');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsix], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  process.env.RATSFEDER_VSIX = vsix;
}
