import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  ShutdownRequest,
  ExitNotification,
  StreamMessageReader,
  StreamMessageWriter,
  PublishDiagnosticsNotification,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from './helpers.js';

/**
 * A real LSP client for tests: spawns the built server (`dist/server.js --stdio`) and speaks
 * JSON-RPC to it. Waiting is on messages, never on sleeps.
 */
export class TestClient {
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcessWithoutNullStreams;
  /** The server's process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }
  readonly stderr: string[] = [];
  private readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: { uri: string; resolve: (params: PublishDiagnosticsParams) => void; predicate: (p: PublishDiagnosticsParams) => boolean }[] = [];
  /** `workspace/diagnostic/refresh` requests received: the server's "something changed". */
  refreshes = 0;
  private readonly refreshWaiters: (() => void)[] = [];
  /** `$/progress` values received, in order. */
  readonly progress: { kind: string; title?: string; message?: string }[] = [];
  readonly messages: string[] = [];
  /** `window/logMessage` texts: the server's log. */
  readonly logs: string[] = [];

  /** Resolves at the next `workspace/diagnostic/refresh` request. */
  nextRefresh(): Promise<void> {
    return new Promise((resolve) => this.refreshWaiters.push(resolve));
  }

  /** Answers to the server's `workspace/configuration` requests. */
  settings: Record<string, unknown> = {};

  constructor(args: readonly string[] = [path.join(ROOT, 'dist', 'server.js'), '--stdio']) {
    this.child = spawn(process.execPath, [...args], { stdio: 'pipe' });
    this.child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.published.get(params.uri) ?? [];
      list.push(params);
      this.published.set(params.uri, list);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.predicate(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      for (const waiter of this.refreshWaiters.splice(0)) waiter();
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('$/progress', (params: { value: { kind: string; title?: string; message?: string } }) => {
      this.progress.push(params.value);
    });
    this.connection.onNotification('window/showMessage', (params: { message: string }) => {
      this.messages.push(params.message);
    });
    this.connection.onRequest('window/showMessageRequest', (params: { message: string }) => {
      this.messages.push(params.message);
      return null;
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.listen();
  }

  async initialize(capabilities: ClientCapabilities, extra: Record<string, unknown> = {}): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities,
      workspaceFolders: null,
      ...extra,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** The next published diagnostics for `uri` that satisfy `predicate`. */
  diagnostics(uri: string, predicate: (params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const already = (this.published.get(uri) ?? []).find(predicate);
    if (already) return Promise.resolve(already);
    return new Promise((resolve) => this.waiters.push({ uri, resolve, predicate }));
  }

  /** How many times diagnostics were published for `uri`. */
  publishedCount(uri: string): number {
    return this.published.get(uri)?.length ?? 0;
  }

  /** Forgets what was published, so the next wait sees only new messages. */
  clearPublished(): void {
    this.published.clear();
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async close(): Promise<void> {
    if (this.alive) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      // A server that does not answer shutdown is killed below rather than hanging the test.
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification(ExitNotification.type).catch(() => undefined);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
      if (this.alive) this.child.kill();
    }
    this.connection.dispose();
  }
}

/** Client capabilities of a pull-diagnostics editor (VS Code-like). */
export const PULL_CLIENT: ClientCapabilities = {
  textDocument: {
    diagnostic: { dynamicRegistration: false },
    synchronization: { dynamicRegistration: false },
    completion: { completionItem: { snippetSupport: true, labelDetailsSupport: true } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
  workspace: { configuration: true },
};

/** Client capabilities of a push-only editor (older Neovim, Helix). */
export const PUSH_CLIENT: ClientCapabilities = {
  textDocument: { publishDiagnostics: { versionSupport: true }, documentSymbol: { hierarchicalDocumentSymbolSupport: true } },
};
