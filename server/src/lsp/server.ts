import { BackgroundSpeller, spellingUnavailable } from '../node/speller.js';
import path from 'node:path';
import {
  CodeActionKind,
  CompletionTriggerKind,
  FileChangeType,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ExecuteCommandRequest,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultCacheDir } from '../node/cache-store.js';
import { resolvesInside } from '../node/scan.js';
import { DEADLINE_REQUEST, DRAFTS_REQUEST, EXPORT_COMMAND, NEXT_MEETING_REQUEST, PREVIEW_REQUEST, type NextMeetingParams, SYNC_COMMAND, TEXT_COMMAND, WORD_COMMAND, type InitializationOptions } from '../protocol/index.js';
import type { Locale } from '../base/locale.js';
import { createService, type DocumentInput, type ResolvedOptions } from '../service/service.js';
import { displaySafe, pathToUri, type ServerContext } from './context.js';
import { listDrafts, type JudgedDrafts } from './drafts.js';
import { exportCommand } from './export-command.js';
import { textCommand } from './text-command.js';
import { wordCommand } from './word-command.js';
import { cancelled, Pacer } from './pacing.js';
import { Parses } from './parses.js';
import { filePath, SettingsStore } from './settings.js';
import { syncCommand } from './sync-command.js';
import { WorkspaceRegister } from './workspace-register.js';

/**
 * The language server: LSP messages in, service calls, LSP messages out. Handlers stay
 * one-liners over the service; a handler that fails logs and answers empty, so one bad
 * request never takes the server down. Pacing is `pacing.ts`, the commands are
 * `export-command.ts` and `sync-command.ts`, the register `workspace-register.ts`.
 */
/** The memory test's request (`test/memory.test.ts`), there only under `node --expose-gc`. */
export const HEAP_REQUEST = 'ratsfeder/$heap';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const register = new WorkspaceRegister(connection);
  const pacer = new Pacer();
  // Open drafts enter the register from the analysis their diagnostics need anyway.
  const analysesLog = process.env.RATSFEDER_LOG_ANALYSES
    ? // For load tests: one log line per analysis.
      (uri: string, version: number) => connection.console.log(`analysed ${uri} v${version}`)
    : undefined;
  const service = createService({
    onAnalysed: (uri, draft, analysis) => {
      pacer.analysed(uri, analysis.ms);
      analysesLog?.(uri, analysis.version);
      const file = filePath(uri);
      if (file) register.store?.updateDraft(file, draft);
    },
  });
  /** Set at `initialize`, before any other message is handled. */
  let context: ServerContext;
  /** The editor's export command, for the lens above each draft; without one, no lenses. */
  let editorExport: string | undefined;
  let client = { pull: false, watchDynamically: false, configurationDynamic: false, webSymbols: false, labelDetails: false, snippetEdits: false };

  /** Large drafts are parsed on a thread of their own, with a time budget; small ones here. */
  const parses = Parses.forServer();
  const input = (document: TextDocument): DocumentInput => ({ uri: document.uri, version: document.version, text: document.getText() });
  /**
   * The findings of an open draft, once its parse is done; the problems of a `ratsfeder.yaml` open
   * in the editor. Nothing for a document that is not (or no longer) open.
   */
  async function diagnosticsOf(uri: string, options: ResolvedOptions): Promise<{ readonly version: number; readonly diagnostics: Diagnostic[] } | undefined> {
    if (/(^|\/)ratsfeder\.yaml$/.test(uri)) {
      const document = documents.get(uri);
      return document && { version: document.version, diagnostics: service.configDiagnostics(input(document), options) };
    }
    const document = await parses.input(documents, uri);
    return document && documents.get(uri) ? { version: document.version, diagnostics: service.diagnostics(document, options) } : undefined;
  }

  async function guarded<T>(name: string, fallback: T, run: () => Promise<T> | T): Promise<T> {
    try {
      // Every request first looks whether another process wrote the OParl cache (one stat at most a second).
      register.noticeCache();
      return await run();
    } catch (error) {
      // A cancelled or superseded request is an answer, not a failure.
      if (error instanceof ResponseError) throw error;
      connection.console.error(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  }

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    client = {
      pull: Boolean(capabilities.textDocument?.diagnostic),
      watchDynamically: Boolean(capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration),
      configurationDynamic: Boolean(capabilities.workspace?.didChangeConfiguration?.dynamicRegistration),
      webSymbols: Boolean(capabilities.workspace?.symbol?.resolveSupport),
      labelDetails: Boolean(capabilities.textDocument?.completion?.completionItem?.labelDetailsSupport),
      snippetEdits: Boolean(capabilities.workspace?.workspaceEdit?.snippetEditSupport),
    };
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const options = params.initializationOptions as { [K in keyof InitializationOptions]?: unknown } | undefined;
    // The council's language unless the user chose another: an English editor is no reason
    // for English messages about a German council's documents.
    const locale: Locale = options?.sprache === 'en' ? 'en' : 'de';
    editorExport = typeof options?.exportCommand === 'string' ? options.exportCommand : undefined;
    const cacheDir = typeof options?.cacheDir === 'string' ? options.cacheDir : defaultCacheDir();
    // Spelling answers arrive after the keystroke that asked; the drafts are checked again then.
    const spelling = BackgroundSpeller.forServer(spellingArrived, (detail) => connection.console.warn(spellingUnavailable(detail, locale)));
    context = {
      connection,
      documents,
      register,
      settings: new SettingsStore(
        connection,
        { configuration: Boolean(capabilities.workspace?.configuration), locale, editorCommands: editorExport !== undefined },
        cacheDir,
        () => register.store,
        spelling,
      ),
      roots: folders.flatMap((uri) => (filePath(uri) ? [filePath(uri)!] : [])),
      locale,
      trusted: options?.trusted !== false,
      cacheDir,
      editorCommands: editorExport !== undefined,
      parses,
    };
    const { roots, trusted, settings } = context;
    // As the sync chooses its address (`sync-command.ts`): the register holds that address's cache.
    register.cacheDir = cacheDir;
    register.system = async () => (roots[0] ? (await settings.oparlSystemFrom(pathToUri(path.join(roots[0], 'ratsfeder.yaml')), trusted))?.url : undefined);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...(client.pull ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        ...(editorExport ? { codeLensProvider: {} } : {}),
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, CodeActionKind.SourceFixAll] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        completionProvider: { triggerCharacters: ['#', ':', ' ', '-'] },
        hoverProvider: true,
        documentLinkProvider: { resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        workspaceSymbolProvider: true,
        executeCommandProvider: { commands: [SYNC_COMMAND, EXPORT_COMMAND, TEXT_COMMAND, WORD_COMMAND] },
      },
      serverInfo: { name: 'ratsfeder', version: typeof RATSFEDER_VERSION === 'string' ? RATSFEDER_VERSION : 'dev' },
    };
  });

  connection.onInitialized(() => {
    if (client.configurationDynamic) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ratsfeder' });
    if (client.watchDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/ratsfeder.yaml' },
          { globPattern: '**/*.profile.yaml' },
          { globPattern: '**/*.{md,markdown}' },
          { globPattern: '**/*.register.{csv,json}' },
        ],
      });
    }
    const { settings, roots, locale } = context;
    // The editor's council profile first: the register's numbers are read with it.
    register.indexed = guarded('index', undefined, async () => {
      await settings.editorDefaults();
      await register.index({ projects: settings.projects, roots, documents, locale, changed: refreshAll });
    });
  });

  // Push mode, for clients without pull diagnostics: one analysis per burst of edits, on the latest text.
  const pending = new Set<string>();
  const push = (uri: string) => {
    if (client.pull || pending.has(uri)) return;
    pending.add(uri);
    void pacer.pace(uri).then(() => {
      pending.delete(uri);
      const document = documents.get(uri);
      if (!document) return;
      void guarded('diagnostics', undefined, async () => {
        const options = await context.settings.optionsFor(uri);
        const current = documents.get(uri);
        if (!current || current.version !== document.version) return push(uri);
        const found = await diagnosticsOf(uri, options);
        // Edited while a large draft was parsed: the newer version is published instead.
        const now = documents.get(uri);
        if (!found || !now) return;
        if (now.version !== found.version) return push(uri);
        await connection.sendDiagnostics({ uri, version: found.version, diagnostics: found.diagnostics });
      });
    });
  };

  /** Counts the changes of settings, profiles and register that may change every draft's findings. */
  let generation = 0;
  const judgedDrafts: JudgedDrafts = new Map();
  function refreshAll(): void {
    generation++;
    service.clear();
    context.settings.clear();
    // The OParl address may have been set or removed.
    register.sendStatus();
    if (client.pull) void connection.languages.diagnostics.refresh();
    else for (const document of documents.all()) push(document.uri);
  }

  /** The dictionary answered words that change findings: every open draft is checked again. */
  function spellingArrived(): void {
    service.relint();
    if (client.pull) void connection.languages.diagnostics.refresh();
    else for (const document of documents.all()) push(document.uri);
  }

  documents.onDidChangeContent((event) => push(event.document.uri));
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    service.forget(uri);
    parses.forget(uri);
    pacer.forget(uri);
    context.settings.forget(uri);
    // Unsaved edits are gone with the buffer: the disk is the truth again.
    const file = filePath(uri);
    if (file) register.store?.refreshFile(file);
    if (!client.pull) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });
  /** Settings changed: every draft is judged again, and the register follows a new System URL to its cache. */
  function settingsChanged(): void {
    refreshAll();
    void guarded('cache', undefined, () => register.followSystem());
  }

  connection.onDidChangeConfiguration(settingsChanged);
  connection.onDidChangeWatchedFiles(({ changes }) => {
    let changedSettings = false;
    for (const change of changes) {
      const file = filePath(change.uri);
      if (!file) continue;
      if (file.endsWith('ratsfeder.yaml') || file.endsWith('.profile.yaml')) changedSettings = true;
      // An open document's buffer is newer than the disk; it is indexed as it changes.
      else if (!documents.get(change.uri)) {
        // As a scan of the folders: a file whose real path (links resolved) lies outside every
        // workspace folder is not read, and forgotten if it was read before.
        if (change.type === FileChangeType.Deleted || !resolvesInside(file, context.roots)) register.store?.removeFile(file);
        else register.store?.refreshFile(file);
      }
    }
    if (changedSettings) settingsChanged();
  });

  /**
   * A request about one open document: its text and the options for it, then one service
   * call. A document the server does not hold gets the empty answer.
   */
  function onDocument<P extends { textDocument: { uri: string } }, T>(name: string, empty: T, run: (document: DocumentInput, options: ResolvedOptions, params: P) => T) {
    return (params: P, token?: CancellationToken) =>
      guarded(name, empty, async () => {
        // One turn of the event loop, so that a cancellation sent right behind the request is seen.
        await new Promise(setImmediate);
        const options = await context.settings.optionsFor(params.textDocument.uri);
        if (token?.isCancellationRequested) throw cancelled();
        // A large document's parse may take a while on its thread: the request waits for it, others do not.
        const document = await parses.input(documents, params.textDocument.uri);
        if (token?.isCancellationRequested) throw cancelled();
        return document ? run(document, options, params) : empty;
      });
  }

  const full = (items: Diagnostic[]) => ({ kind: DocumentDiagnosticReportKind.Full, items }) as const;
  connection.languages.diagnostics.on((params, token) =>
    guarded('diagnostics', full([]), async () => {
      const uri = params.textDocument.uri;
      await pacer.paceDiagnostics(uri, () => token.isCancellationRequested);
      const options = await context.settings.optionsFor(uri);
      const found = await diagnosticsOf(uri, options);
      if (token.isCancellationRequested) throw cancelled();
      return full(found?.diagnostics ?? []);
    }),
  );
  connection.onCodeAction(onDocument('codeAction', [], (document, options, params) => service.codeActions(document, options, params.range, client.snippetEdits)));
  connection.onDocumentSymbol(onDocument('documentSymbol', [], (document, options) => service.documentSymbols(document, options)));
  connection.onFoldingRanges(onDocument('foldingRange', [], (document, options) => service.foldingRanges(document, options)));
  connection.onCompletion(
    onDocument('completion', [], (document, options, params) => {
      const items = service.completions(document, options, params.position, params.context?.triggerKind === CompletionTriggerKind.Invoked);
      return client.labelDetails ? items : items.map(withoutLabelDetails);
    }),
  );
  connection.onRequest(NEXT_MEETING_REQUEST, (params: Partial<Record<keyof NextMeetingParams, unknown>>) =>
    guarded('nextMeeting', null, async () => {
      const { uri, gremium, art } = params ?? {};
      if (typeof uri !== 'string' || typeof gremium !== 'string' || typeof art !== 'string') return null;
      // A sync may be running; the calendar it brings counts once the workspace is indexed.
      await register.indexed;
      return service.nextMeeting(gremium, art, await context.settings.optionsFor(uri));
    }),
  );
  connection.onCodeLens(onDocument('codeLens', [], (document, options) => (editorExport ? service.codeLenses(document, options, editorExport) : [])));
  connection.onRequest(PREVIEW_REQUEST, onDocument('preview', null, (document, options) => service.preview(document, options)));
  connection.onRequest(DEADLINE_REQUEST, onDocument('nextDeadline', null, (document, options) => service.nextDeadline(document, options)));
  connection.onHover(onDocument('hover', null, (document, options, params) => service.hover(document, options, params.position)));
  connection.onDocumentLinks(onDocument('documentLink', [], (document, options) => service.documentLinks(document, options)));
  connection.onDefinition(onDocument('definition', [], (document, options, params) => service.definition(document, options, params.position)));
  connection.onReferences(
    onDocument('references', [], (document, options, params) => service.references(document, options, params.position, params.context.includeDeclaration)),
  );

  // For the memory test only: a server started with `node --expose-gc` answers how much of its
  // heap is in use after full collections. Editors start it without the flag, and then the
  // request does not exist.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc === 'function') {
    connection.onRequest(HEAP_REQUEST, () => {
      gc();
      gc();
      return { heapUsed: process.memoryUsage().heapUsed };
    });
  }
  connection.onRequest(DRAFTS_REQUEST, () => guarded('drafts', { drafts: [] }, () => listDrafts(context, service, parses, judgedDrafts, generation)));

  connection.onWorkspaceSymbol((params) => guarded('workspaceSymbol', [], () => service.workspaceSymbols(params.query, register.store?.lookup, client.webSymbols)));

  // A plain request handler: the library's onExecuteCommand takes the work-done token out of the params.
  connection.onRequest(ExecuteCommandRequest.type, (params, token) =>
    guarded('executeCommand', null, async () => {
      if (params.command === EXPORT_COMMAND) return displaySafe(await exportCommand(context, params.arguments?.[0]));
      if (params.command === TEXT_COMMAND) return displaySafe(await textCommand(context, params.arguments?.[0]));
      if (params.command === WORD_COMMAND) return displaySafe(wordCommand(context, params.arguments?.[0], refreshAll));
      if (params.command !== SYNC_COMMAND) return null;
      const argument = (params.arguments?.[0] ?? {}) as { oparl?: unknown; editorSetup?: unknown };
      // The client may show the progress itself (a work-done token in the request) and cancel the request.
      const progress: Progress = params.workDoneToken !== undefined ? connection.window.attachWorkDoneProgress(params.workDoneToken) : await createProgress();
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      progress.token?.onCancellationRequested(() => abort.abort());
      return displaySafe(await syncCommand(context, typeof argument.oparl === 'string' ? argument.oparl : undefined, progress, abort.signal, argument.editorSetup === true));
    }),
  );

  /** A progress the server starts itself; a client that cannot show one gets a silent stand-in. */
  async function createProgress(): Promise<Progress> {
    return connection.window.createWorkDoneProgress().catch(() => ({ begin() {}, report() {}, done() {} }));
  }

  documents.listen(connection);
  connection.listen();
}

/**
 * A client that cannot show `labelDetails` (Neovim's built-in completion, Eglot) gets the
 * description, a document's title, at the front of `detail` instead, so the title is not lost.
 */
function withoutLabelDetails(item: CompletionItem): CompletionItem {
  const description = item.labelDetails?.description;
  if (!description) return item;
  const plain: CompletionItem = { ...item, detail: item.detail ? `${description} · ${item.detail}` : description };
  delete plain.labelDetails;
  return plain;
}

/** A work-done progress; the one the server creates itself can be cancelled from its token. */
type Progress = WorkDoneProgressReporter & { readonly token?: CancellationToken };

declare const RATSFEDER_VERSION: string | undefined;
