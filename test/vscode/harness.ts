import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/*
 * A real VS Code for the extension's tests: code-server (VS Code's own server, workbench and
 * Node extension host, installed by test/vscode/setup.sh) and Debian's Chromium driven by
 * playwright-core. The built .vsix is installed the way a user installs it; the workbench is
 * opened on a copy of test/vscode/workspace.
 */
const HERE = import.meta.dirname;
const NODE24 = path.join(HERE, 'node24', 'node_modules', 'node', 'bin', 'node');
const CODE_SERVER = path.join(HERE, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.RATSFEDER_CHROMIUM ?? '/usr/bin/chromium';
const EXTENSION_ID = 'ratsfeder.ratsfeder';

/** Why the VS Code tests cannot run here, or undefined when they can. */
export function unavailable(): string | undefined {
  if (!existsSync(NODE24) || !existsSync(CODE_SERVER)) return 'code-server is not installed (bash test/vscode/setup.sh)';
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (Debian package chromium)`;
  return undefined;
}

// Playwright's types are not needed: the few calls below are checked by the tests themselves.
/* eslint-disable @typescript-eslint/no-explicit-any */
export type Page = any;

export interface Session {
  /** The copy of the fixture workspace that VS Code has open. */
  readonly workspace: string;
  /** The installed extension's folder. */
  readonly extension: string;
  readonly page: Page;
  /** code-server's output so far, for failure messages. */
  log(): string;
  close(): Promise<void>;
}

export interface SessionOptions {
  readonly vsix: string;
  /** Extra environment for code-server and so for the extension host and the language server. */
  readonly env?: Record<string, string>;
  /** `[key, value]` pairs for the workbench's payload, e.g. the extension-test contract. */
  readonly payload?: (extension: string) => [string, string][];
  /** User settings on top of the test defaults. */
  readonly settings?: Record<string, unknown>;
  /** Changes to the workspace copy before VS Code opens it. */
  readonly prepare?: (workspace: string) => void;
}

/** Installs the .vsix into a fresh code-server, starts it and opens the workbench in Chromium. */
export async function openVsCode(options: SessionOptions): Promise<Session> {
  const root = mkdtempSync(path.join(tmpdir(), 'ratsfeder-vscode-'));
  const userData = path.join(root, 'user-data');
  const extensions = path.join(root, 'extensions');
  const workspace = path.join(root, 'arbeitsbereich');
  const config = path.join(root, 'code-server.yaml');
  cpSync(path.join(HERE, 'workspace'), workspace, { recursive: true });
  options.prepare?.(workspace);
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  // Nothing on screen that a user would dismiss first, and no calls to the outside world.
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    'window.commandCenter': false,
    ...options.settings,
  };
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  writeFileSync(config, 'auth: none\n');
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];

  const install = spawnSync(NODE24, [CODE_SERVER, ...common, '--install-extension', options.vsix, '--force'], { encoding: 'utf8', timeout: 120_000 });
  const extension = path.join(extensions, `${EXTENSION_ID}-${JSON.parse(readFileSync(path.join(HERE, '..', '..', 'package.json'), 'utf8')).version}`);
  if (install.status !== 0 || !existsSync(extension)) throw new Error(`installing ${options.vsix} failed:\n${install.stdout}\n${install.stderr}`);

  const port = await freePort();
  let output = '';
  const server: ChildProcess = spawn(
    NODE24,
    [CODE_SERVER, ...common, '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--vscode-option', 'enable-smoke-test-driver'],
    // A cache folder of its own: a sync in VS Code must not change what other tests' registers hold.
    { env: { ...process.env, XDG_CACHE_HOME: path.join(root, 'cache'), ...options.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await until(() => output.includes('HTTP server listening'), 60_000, () => `code-server did not start:\n${output}`);

  const require = createRequire(path.join(HERE, 'package.json'));
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'de-DE' });
  const page = await context.newPage();
  const url = new URL(`http://127.0.0.1:${port}/`);
  url.searchParams.set('folder', workspace);
  const payload = options.payload?.(extension);
  if (payload) url.searchParams.set('payload', JSON.stringify(payload.map(([key, value]) => [key, value])));
  await page.goto(url.href);

  return {
    workspace,
    extension,
    page,
    log: () => output,
    async close() {
      await browser.close().catch(() => undefined);
      if (server.pid) {
        try {
          process.kill(-server.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A path on the machine code-server runs on, as the workbench addresses it. */
export function remoteUri(file: string): string {
  return `vscode-remote://remote${file}`;
}

export async function until(done: () => boolean, timeout: number, message: () => string): Promise<void> {
  const end = Date.now() + timeout;
  while (!done()) {
    if (Date.now() > end) throw new Error(message());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
