import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Locale } from '../rules/types.js';
import { createService, type DocumentInput } from '../service/service.js';
import { SettingsStore } from './settings.js';

/**
 * The language server: LSP messages in, service calls, LSP messages out. Handlers stay
 * one-liners over the service; a handler that fails logs and answers empty, so one bad
 * request never takes the server down.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const service = createService();
  let settings: SettingsStore;
  let pull = false;
  let watchDynamically = false;
  let configurationDynamic = false;

  const input = (document: TextDocument): DocumentInput => ({ uri: document.uri, version: document.version, text: document.getText() });

  async function guarded<T>(name: string, fallback: T, run: () => Promise<T> | T): Promise<T> {
    try {
      return await run();
    } catch (error) {
      connection.console.error(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  }

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    pull = Boolean(capabilities.textDocument?.diagnostic);
    watchDynamically = Boolean(capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    configurationDynamic = Boolean(capabilities.workspace?.didChangeConfiguration?.dynamicRegistration);
    const locale: Locale = params.locale?.toLowerCase().startsWith('en') ? 'en' : 'de';
    settings = new SettingsStore(connection, { configuration: Boolean(capabilities.workspace?.configuration), locale });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...(pull ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        completionProvider: { triggerCharacters: ['#', ':', ' '] },
      },
      serverInfo: { name: 'ratsfeder', version: typeof RATSFEDER_VERSION === 'string' ? RATSFEDER_VERSION : 'dev' },
    };
  });

  connection.onInitialized(() => {
    if (configurationDynamic) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ratsfeder' });
    if (watchDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/ratsfeder.yaml' }, { globPattern: '**/*.profile.yaml' }],
      });
    }
  });

  // Push mode, for clients without pull diagnostics: one analysis per burst of edits, on the latest text.
  const pending = new Map<string, NodeJS.Immediate>();
  const push = (uri: string) => {
    if (pull || pending.has(uri)) return;
    pending.set(
      uri,
      setImmediate(() => {
        pending.delete(uri);
        const document = documents.get(uri);
        if (!document) return;
        void guarded('diagnostics', undefined, async () => {
          const options = await settings.optionsFor(uri);
          const current = documents.get(uri);
          if (!current || current.version !== document.version) return push(uri);
          await connection.sendDiagnostics({ uri, version: current.version, diagnostics: service.diagnostics(input(current), options) });
        });
      }),
    );
  };

  const refreshAll = () => {
    service.clear();
    settings.clear();
    if (pull) void connection.languages.diagnostics.refresh();
    else for (const document of documents.all()) push(document.uri);
  };

  documents.onDidChangeContent((event) => push(event.document.uri));
  documents.onDidClose((event) => {
    service.forget(event.document.uri);
    settings.forget(event.document.uri);
    if (!pull) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });
  connection.onDidChangeConfiguration(refreshAll);
  connection.onDidChangeWatchedFiles(refreshAll);

  connection.languages.diagnostics.on((params) =>
    guarded('diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, async () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const options = await settings.optionsFor(document.uri);
      return { kind: DocumentDiagnosticReportKind.Full, items: service.diagnostics(input(document), options) };
    }),
  );

  connection.onCodeAction((params) =>
    guarded('codeAction', [], async () => {
      const document = documents.get(params.textDocument.uri);
      return document ? service.codeActions(input(document), await settings.optionsFor(document.uri), params.range) : [];
    }),
  );

  connection.onDocumentSymbol((params) =>
    guarded('documentSymbol', [], async () => {
      const document = documents.get(params.textDocument.uri);
      return document ? service.documentSymbols(input(document), await settings.optionsFor(document.uri)) : [];
    }),
  );

  connection.onFoldingRanges((params) =>
    guarded('foldingRange', [], async () => {
      const document = documents.get(params.textDocument.uri);
      return document ? service.foldingRanges(input(document), await settings.optionsFor(document.uri)) : [];
    }),
  );

  connection.onCompletion((params) =>
    guarded('completion', [], async () => {
      const document = documents.get(params.textDocument.uri);
      return document ? service.completions(input(document), await settings.optionsFor(document.uri), params.position) : [];
    }),
  );

  documents.listen(connection);
  connection.listen();
}

declare const RATSFEDER_VERSION: string | undefined;
