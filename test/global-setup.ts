import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The CLI and LSP tests run the real bundles, so build them once before any test. */
export default function setup(): void {
  execFileSync(process.execPath, [path.join(import.meta.dirname, '..', 'esbuild.mjs')], { stdio: 'inherit' });
}
