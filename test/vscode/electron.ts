import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import JSZip from 'jszip';

/**
 * The same extension test suite in VS Code desktop, downloaded by @vscode/test-electron: the
 * .vsix unpacked as the development extension, a copy of the fixture workspace opened.
 * Returns the suite's results.
 */
export async function runInDesktopVsCode(vsix: string, env: Record<string, string>): Promise<{ title: string; state: string; error?: string }[]> {
  const root = mkdtempSync(path.join(tmpdir(), 'ratsfeder-vscode-desktop-'));
  const zip = await JSZip.loadAsync(readFileSync(vsix));
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir || !name.startsWith('extension/')) continue;
    const target = path.join(root, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, await entry.async('nodebuffer'));
  }
  const workspace = path.join(root, 'arbeitsbereich');
  cpSync(path.join(import.meta.dirname, 'workspace'), workspace, { recursive: true });
  const results = path.join(root, 'results.json');
  await runTests({
    extensionDevelopmentPath: path.join(root, 'extension'),
    extensionTestsPath: path.join(import.meta.dirname, 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(root, 'user-data')],
    extensionTestsEnv: { ...env, RATSFEDER_VSCODE_RESULTS: results },
  });
  return JSON.parse(readFileSync(results, 'utf8'));
}
