import {
  CodeActionKind,
  CompletionTriggerKind,
  FileChangeType,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ExecuteCommandRequest,
  LSPErrorCodes,
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
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { registerTexts } from '../cli/messages.js';
import { cacheFile, checkpointFile, defaultCacheDir, loadCheckpoint, removeCheckpoint, saveCache, saveCheckpoint } from '../node/cache-store.js';
import { configuredTemplate, exportDraft } from '../node/export.js';
import { syncOparl, SyncError } from '../node/oparl.js';
import { RegisterStore } from '../node/register-store.js';
import { compileProfile } from '../analysis/compiled-profile.js';
import { DEFAULT_PROFILE } from '../profile/load.js';
import type { Locale } from '../base/locale.js';
import { createService, type DocumentInput, type ResolvedOptions } from '../service/service.js';
import { filePath, SettingsStore } from './settings.js';

/** The command that syncs the register from OParl; the editor calls it, with optional `{ oparl }`. */
export const SYNC_COMMAND = 'ratsfeder.registerSync';
/**
 * The command that exports a draft: `{ uri, out?, force? }` → `{ ok, file, uri, notice? }` or
 * `{ ok: false, kind, message, findings? }`.
 */
export const EXPORT_COMMAND = 'ratsfeder.export';
/** `{ textDocument: { uri } }` → the draft's next submission deadline (`NextDeadline`) or null. */
export const DEADLINE_REQUEST = 'ratsfeder/naechsteFrist';
/** Sent whenever the register changes: what it holds (`RegisterStatus`). */
export const REGISTER_STATUS_NOTIFICATION = 'ratsfeder/registerStatus';

/**
 * The language server: LSP messages in, service calls, LSP messages out. Handlers stay
 * one-liners over the service; a handler that fails logs and answers empty, so one bad
 * request never takes the server down.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let store: RegisterStore | undefined;
  // Open drafts enter the register from the analysis their diagnostics need anyway.
  let analysesLog: ((uri: string, version: number) => void) | undefined;
  /** How long each document's last analysis took, for pacing (below). */
  const lastCost = new Map<string, number>();
  const analysedAt = new Map<string, number>();
  const service = createService({
    onAnalysed: (uri, draft, analysis) => {
      lastCost.set(uri, analysis.ms);
      analysedAt.set(uri, performance.now());
      analysesLog?.(uri, analysis.version);
      const file = filePath(uri);
      if (file) store?.updateDraft(file, draft);
    },
  });
  let settings: SettingsStore;
  let roots: string[] = [];
  let cache = cacheFile(defaultCacheDir());
  let webSymbols = false;
  let labelDetails = false;
  let locale: Locale = 'de';
  let pull = false;
  let watchDynamically = false;
  let configurationDynamic = false;
  // An untrusted workspace may not choose a network address to fetch from or a letterhead to
  // open; the client says so in `initializationOptions.trusted` (editors without trust: trusted).
  let trusted = true;
  /** Settles when the workspace is indexed; a sync waits for it, so that its result lands in the store. */
  let indexed: Promise<void> = Promise.resolve();

  const input = (document: TextDocument): DocumentInput => ({ uri: document.uri, version: document.version, text: document.getText() });

  async function guarded<T>(name: string, fallback: T, run: () => Promise<T> | T): Promise<T> {
    try {
      return await run();
    } catch (error) {
      // A cancelled or superseded request is an answer, not a failure.
      if (error instanceof ResponseError) throw error;
      connection.console.error(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  }

  /*
   * Pacing under load. An analysis of a document takes what its last one took. A request that
   * comes while the document was analysed moments ago (within two analyses' time) waits that
   * long (at most PACE_MAX_MS), so that the edits and newer requests already on their way
   * arrive first; one that comes to an idle server is answered at once. A burst of edits costs
   * a few analyses, not one per keystroke, and a request cancelled or superseded while it waits
   * is dropped before any work is done.
   */
  const PACE_MAX_MS = 200;
  const tickets = new Map<string, number>();
  const served = new Map<string, number>();
  const pace = (uri: string) =>
    new Promise<void>((resolve) => {
      const cost = Math.min(PACE_MAX_MS, lastCost.get(uri) ?? 0);
      // Idle since the last analysis: answer at once. Within a burst: wait for what follows.
      const busy = performance.now() - (analysedAt.get(uri) ?? -Infinity) < 2 * cost;
      if (!busy || cost < 1) setImmediate(resolve);
      else setTimeout(resolve, cost);
    });
  const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled.');
  if (process.env.RATSFEDER_LOG_ANALYSES) {
    // For load tests: one log line per analysis.
    analysesLog = (uri, version) => connection.console.log(`analysed ${uri} v${version}`);
  }

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    pull = Boolean(capabilities.textDocument?.diagnostic);
    watchDynamically = Boolean(capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    configurationDynamic = Boolean(capabilities.workspace?.didChangeConfiguration?.dynamicRegistration);
    locale = params.locale?.toLowerCase().startsWith('en') ? 'en' : 'de';
    settings = new SettingsStore(connection, { configuration: Boolean(capabilities.workspace?.configuration), locale }, () => (store ? { lookup: store.lookup, calendar: store.calendarLookup } : undefined));

    webSymbols = Boolean(capabilities.workspace?.symbol?.resolveSupport);
    labelDetails = Boolean(capabilities.textDocument?.completion?.completionItem?.labelDetailsSupport);
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.flatMap((uri) => (filePath(uri) ? [filePath(uri)!] : []));
    const options = params.initializationOptions as { cacheDir?: unknown; trusted?: unknown } | undefined;
    if (typeof options?.cacheDir === 'string') cache = cacheFile(options.cacheDir);
    trusted = options?.trusted !== false;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...(pull ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        completionProvider: { triggerCharacters: ['#', ':', ' ', '-'] },
        hoverProvider: true,
        documentLinkProvider: { resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        workspaceSymbolProvider: true,
        executeCommandProvider: { commands: [SYNC_COMMAND, EXPORT_COMMAND] },
      },
      serverInfo: { name: 'ratsfeder', version: typeof RATSFEDER_VERSION === 'string' ? RATSFEDER_VERSION : 'dev' },
    };
  });

  connection.onInitialized(() => {
    if (configurationDynamic) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ratsfeder' });
    if (watchDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/ratsfeder.yaml' },
          { globPattern: '**/*.profile.yaml' },
          { globPattern: '**/*.{md,markdown}' },
          { globPattern: '**/*.register.{csv,json}' },
        ],
      });
    }
    indexed = guarded('index', undefined, indexWorkspace);
  });

  /** Loads the register: the OParl cache, then every draft and register file of the workspace. */
  async function indexWorkspace(): Promise<void> {
    const root = roots[0];
    const rootSettings = root ? settings.workspace.settingsFor(path.join(root, 'ratsfeder.yaml')) : undefined;
    const loading = new RegisterStore(compileProfile(rootSettings?.profile ?? DEFAULT_PROFILE));
    loading.loadCache(cache);
    if (loading.cacheProblem) connection.console.warn(loading.cacheProblem);
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin(locale === 'de' ? 'Ratsfeder: Arbeitsbereich einlesen' : 'Ratsfeder: reading the workspace', 0, undefined, false);
    for (const folder of roots) {
      await loading.loadFolder(folder, (done, total) => progress?.report(Math.round((done / total) * 100), `${done}/${total}`));
    }
    if (rootSettings?.config?.register?.dateien && rootSettings.configFile) {
      loading.addRegisterFiles(rootSettings.config.register.dateien, path.dirname(rootSettings.configFile));
    }
    for (const problem of loading.problems()) connection.console.warn(`${problem.file}:${problem.line}: ${problem.message}`);
    // Open documents are newer than the disk.
    for (const document of documents.all()) {
      const file = filePath(document.uri);
      if (file) loading.updateText(file, document.getText());
    }
    progress?.done();
    store = loading;
    let timer: NodeJS.Timeout | undefined;
    store.onChange(() => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        refreshAll();
        sendStatus();
      }, 200);
    });
    refreshAll();
    sendStatus();
  }

  const sendStatus = () => {
    if (store) void connection.sendNotification(REGISTER_STATUS_NOTIFICATION, store.status());
  };

  // Push mode, for clients without pull diagnostics: one analysis per burst of edits, on the latest text.
  const pending = new Set<string>();
  const push = (uri: string) => {
    if (pull || pending.has(uri)) return;
    pending.add(uri);
    void pace(uri).then(() => {
      pending.delete(uri);
      const document = documents.get(uri);
      if (!document) return;
      void guarded('diagnostics', undefined, async () => {
        const options = await settings.optionsFor(uri);
        const current = documents.get(uri);
        if (!current || current.version !== document.version) return push(uri);
        await connection.sendDiagnostics({ uri, version: current.version, diagnostics: service.diagnostics(input(current), options) });
      });
    });
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
    lastCost.delete(event.document.uri);
    analysedAt.delete(event.document.uri);
    tickets.delete(event.document.uri);
    served.delete(event.document.uri);
    settings.forget(event.document.uri);
    // Unsaved edits are gone with the buffer: the disk is the truth again.
    const file = filePath(event.document.uri);
    if (file) store?.refreshFile(file);
    if (!pull) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });
  connection.onDidChangeConfiguration(refreshAll);
  connection.onDidChangeWatchedFiles(({ changes }) => {
    let settingsChanged = false;
    for (const change of changes) {
      const file = filePath(change.uri);
      if (!file) continue;
      if (file.endsWith('ratsfeder.yaml') || file.endsWith('.profile.yaml')) settingsChanged = true;
      // An open document's buffer is newer than the disk; it is indexed as it changes.
      else if (!documents.get(change.uri)) {
        if (change.type === FileChangeType.Deleted) store?.removeFile(file);
        else store?.refreshFile(file);
      }
    }
    if (settingsChanged) refreshAll();
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
        const options = await settings.optionsFor(params.textDocument.uri);
        if (token?.isCancellationRequested) throw cancelled();
        const document = documents.get(params.textDocument.uri);
        return document ? run(input(document), options, params) : empty;
      });
  }

  const full = (items: Diagnostic[]) => ({ kind: DocumentDiagnosticReportKind.Full, items }) as const;
  connection.languages.diagnostics.on((params, token) =>
    guarded('diagnostics', full([]), async () => {
      const uri = params.textDocument.uri;
      const ticket = (tickets.get(uri) ?? 0) + 1;
      tickets.set(uri, ticket);
      await pace(uri);
      if (token.isCancellationRequested) throw cancelled();
      // A newer request for the same document answers for the newer text, unless the document's
      // diagnostics are already older than two analyses: then this one is served, so that
      // typing without pause still sees its findings at a steady rate.
      const since = performance.now() - (served.get(uri) ?? 0);
      if (tickets.get(uri) !== ticket && since < Math.min(PACE_MAX_MS, 2 * (lastCost.get(uri) ?? 0))) {
        throw new ResponseError(LSPErrorCodes.ServerCancelled, 'A newer request for this document supersedes this one.', { retriggerRequest: false });
      }
      const options = await settings.optionsFor(uri);
      const document = documents.get(uri);
      served.set(uri, performance.now());
      return document ? full(service.diagnostics(input(document), options)) : full([]);
    }),
  );
  connection.onCodeAction(onDocument('codeAction', [], (document, options, params) => service.codeActions(document, options, params.range)));
  connection.onDocumentSymbol(onDocument('documentSymbol', [], (document, options) => service.documentSymbols(document, options)));
  connection.onFoldingRanges(onDocument('foldingRange', [], (document, options) => service.foldingRanges(document, options)));
  connection.onCompletion(
    onDocument('completion', [], (document, options, params) => {
      const items = service.completions(document, options, params.position, params.context?.triggerKind === CompletionTriggerKind.Invoked);
      return labelDetails ? items : items.map(withoutLabelDetails);
    }),
  );
  connection.onRequest(DEADLINE_REQUEST, onDocument('nextDeadline', null, (document, options) => service.nextDeadline(document, options)));
  connection.onHover(onDocument('hover', null, (document, options, params) => service.hover(document, options, params.position)));
  connection.onDocumentLinks(onDocument('documentLink', [], (document, options) => service.documentLinks(document, options)));
  connection.onDefinition(onDocument('definition', [], (document, options, params) => service.definition(document, options, params.position)));
  connection.onReferences(
    onDocument('references', [], (document, options, params) => service.references(document, options, params.position, params.context.includeDeclaration)),
  );

  connection.onWorkspaceSymbol((params) => guarded('workspaceSymbol', [], () => service.workspaceSymbols(params.query, store?.lookup, webSymbols)));

  // A plain request handler: the library's onExecuteCommand takes the work-done token out of the params.
  connection.onRequest(ExecuteCommandRequest.type, (params, token) =>
    guarded('executeCommand', null, async () => {
      if (params.command === EXPORT_COMMAND) return displaySafe(await exportCommand(params.arguments?.[0]));
      if (params.command !== SYNC_COMMAND) return null;
      const argument = (params.arguments?.[0] ?? {}) as { oparl?: unknown };
      // The client may show the progress itself (a work-done token in the request) and cancel the request.
      const progress: Progress = params.workDoneToken !== undefined ? connection.window.attachWorkDoneProgress(params.workDoneToken) : await createProgress();
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      progress.token?.onCancellationRequested(() => abort.abort());
      return displaySafe(await syncRegister(typeof argument.oparl === 'string' ? argument.oparl : undefined, progress, abort.signal));
    }),
  );

  /** A progress the server starts itself; a client that cannot show one gets a silent stand-in. */
  async function createProgress(): Promise<Progress> {
    return connection.window.createWorkDoneProgress().catch(() => ({ begin() {}, report() {}, done() {} }));
  }

  /** Exports a draft (the editor's buffer if it is open) beside it or to `out`; returns the path. */
  async function exportCommand(argument: unknown): Promise<unknown> {
    const { uri, out, force } = (argument ?? {}) as { uri?: unknown; out?: unknown; force?: unknown };
    const draft = typeof uri === 'string' ? filePath(uri) : undefined;
    if (!draft || typeof uri !== 'string') return { ok: false, message: locale === 'de' ? 'Export: kein Entwurf angegeben.' : 'Export: no draft given.' };
    const options = await settings.optionsFor(uri);
    const draftSettings = settings.workspace.settingsFor(draft);
    const configured = configuredTemplate(draftSettings);
    const template = trusted ? configured : undefined;
    const outcome = await exportDraft({
      draft,
      // A relative target is taken relative to the draft's folder, as the user sees it.
      ...(typeof out === 'string' && out !== '' ? { out: path.resolve(path.dirname(draft), out.startsWith('file:') ? (filePath(out) ?? out) : out) } : {}),
      force: force === true,
      settings: draftSettings,
      ...(template ? { template } : {}),
      today: options.today,
      locale: options.locale,
      ...(store ? { register: store.lookup } : {}),
      ...(documents.get(uri) ? { text: documents.get(uri)!.getText() } : {}),
    });
    if (outcome.ok) {
      const notice =
        configured && !trusted
          ? locale === 'de'
            ? `Die Briefkopf-Vorlage ${configured} wurde nicht verwendet, weil der Arbeitsbereich nicht als vertrauenswürdig eingestuft ist.`
            : `The letterhead template ${configured} was not used because the workspace is not trusted.`
          : undefined;
      return { ok: true, file: outcome.file, uri: pathToUri(outcome.file), ...(notice ? { notice } : {}) };
    }
    return {
      ok: false,
      kind: outcome.kind,
      message: outcome.message,
      findings: (outcome.findings ?? []).map((finding) => ({ line: finding.start.line, column: finding.start.column, ruleId: finding.ruleId, message: finding.message })),
    };
  }

  /** Syncs the OParl cache with progress; a failure leaves the cache as it was and says why. */
  async function syncRegister(explicit: string | undefined, progress: WorkDoneProgressReporter, signal: AbortSignal): Promise<SyncAnswer> {
    const root = roots[0];
    await indexed;
    const configFile = root ? pathToUri(path.join(root, 'ratsfeder.yaml')) : undefined;
    const chosen = explicit ? { url: explicit, from: 'command' } : configFile ? await settings.oparlSystemFrom(configFile, trusted) : undefined;
    const de = locale === 'de';
    // An untrusted workspace's own address is not used, and not silently replaced either.
    const own = !explicit && !trusted && configFile ? await settings.oparlSystemFrom(configFile, true) : undefined;
    const ignored = own?.from === 'config' && chosen?.from !== 'editor' ? own.url : undefined;
    const system = chosen?.url;
    if (ignored) {
      const message = de
        ? `Der Arbeitsbereich ist nicht als vertrauenswürdig eingestuft: die OParl-Adresse ${ignored} aus ratsfeder.yaml wird nicht verwendet. Dem Arbeitsbereich vertrauen oder die Adresse in den Benutzereinstellungen („ratsfeder.register.oparl“) angeben.`
        : `The workspace is not trusted: the OParl address ${ignored} from ratsfeder.yaml is not used. Trust the workspace or set the address in your user settings (“ratsfeder.register.oparl”).`;
      void connection.window.showWarningMessage(shown(message));
      return { ok: false, message };
    }
    if (!system) {
      const message = de
        ? 'Keine OParl-Schnittstelle eingestellt: „register: oparl: <System-URL>“ in ratsfeder.yaml oder die Einstellung „ratsfeder.register.oparl“.'
        : 'No OParl interface configured: set “register: oparl: <System URL>” in ratsfeder.yaml or the setting “ratsfeder.register.oparl”.';
      void connection.window.showWarningMessage(shown(message));
      return { ok: false, message };
    }
    const current = store;
    const say = registerTexts(de ? 'de' : 'en');
    // An interrupted sync (cancelled, or the editor closed) left its state beside the cache.
    const checkpoint = checkpointFile(cache);
    let saved = false;
    progress.begin(de ? 'Dokumentregister aktualisieren' : 'Updating the document register', undefined, system, true);
    try {
      const result = await syncOparl({
        system,
        previous: current?.oparlCache(),
        scanner: compileProfile(root ? settings.workspace.settingsFor(path.join(root, 'ratsfeder.yaml')).profile : DEFAULT_PROFILE).scanner,
        signal,
        checkpoint: loadCheckpoint(checkpoint),
        onCheckpoint: (state) => {
          saveCheckpoint(checkpoint, state);
          saved = true;
        },
        onProgress: (p) => {
          const text = say.progress(p).replace(/^[^:]*: /, '').replace(/ …$/, '');
          if (p.totalPages) progress.report(Math.min(100, Math.floor((p.pages / p.totalPages) * 100)), text);
          else progress.report(text);
        },
      });
      saveCache(cache, result.cache);
      removeCheckpoint(checkpoint);
      current?.setCache(result.cache);
      sendStatus();
      const problems = [
        ...result.warnings.map((warning) => (de ? warning.message : warning.messageEn)),
        ...result.calendarProblems.map((problem) => say.calendar(de ? problem.message : problem.messageEn)),
      ];
      // A page of broken objects gives a warning each: a few are shown, the rest go to the log.
      for (const text of problems.slice(0, 3)) void connection.window.showWarningMessage(shown(text));
      if (problems.length > 3) void connection.window.showWarningMessage(shown(say.moreWarnings(problems.length - 3)));
      for (const text of problems) connection.console.warn(text);
      const { cache: synced } = result;
      const meetings = synced.meetings?.size ?? 0;
      const organizations = synced.organizations?.size ?? 0;
      // The summary `ratsfeder register sync` prints, without the cache file.
      const message = [
        say.synced({ papers: synced.papers.size, changed: result.changed, deleted: result.deleted, meetings, organizations, incremental: result.mode === 'incremental', resumed: result.resumed }),
        ...(result.unfitting > 0 ? [say.unfitting(result.unfitting, result.unfittingExamples)] : []),
        ...(result.skipped > 0 ? [say.skipped(result.skipped)] : []),
        ...(result.update === 'from-end' ? [say.fromEnd] : []),
        ...(result.fullSyncDue ? [say.fullDue(result.lastFullSync)] : []),
      ].join(' ');
      return {
        ok: true,
        message,
        papers: synced.papers.size,
        meetings,
        organizations,
        changed: result.changed,
        deleted: result.deleted,
        skipped: result.skipped,
        unfitting: result.unfitting,
        // Texts with server data, link-free like every message (`displaySafe` does `message`).
        unfittingExamples: result.unfittingExamples.map(shown),
        warnings: problems.map(shown),
        fullSyncDue: result.fullSyncDue,
      };
    } catch (error) {
      const failure = error instanceof SyncError ? (de ? error.message : error.messageEn) : error instanceof Error ? error.message : String(error);
      const message = saved ? `${failure} ${say.checkpointKeptEditor}` : failure;
      // A cancelled sync is the user's choice, not an error to show.
      if (signal.aborted) return { ok: false, message, cancelled: true };
      void connection.window.showErrorMessage(shown(message));
      return { ok: false, message };
    } finally {
      progress.done();
    }
  }

  documents.listen(connection);
  connection.listen();
}

/**
 * Text an editor shows as a notification: VS Code renders `[label](target)` there as a link,
 * and a `command:` target runs a command on one click. Messages quote data (URLs from an OParl
 * server, values from ratsfeder.yaml or a draft), so a word joiner goes between `]` and `(`:
 * the text reads the same, and no link is made.
 */
function shown(text: string): string {
  return text.replace(/\]\s*\(/g, ']\u2060(');
}

/** The answer of a command with every text the editor may show made link-free (`shown`). */
function displaySafe<T>(answer: T): T {
  if (!answer || typeof answer !== 'object') return answer;
  const copy = { ...answer } as Record<string, unknown>;
  for (const key of ['message', 'notice']) if (typeof copy[key] === 'string') copy[key] = shown(copy[key] as string);
  if (Array.isArray(copy.findings)) copy.findings = copy.findings.map((finding: Record<string, unknown>) => ({ ...finding, message: typeof finding.message === 'string' ? shown(finding.message) : finding.message }));
  return copy as T;
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

/** What `ratsfeder.registerSync` answers: the summary as text, and its counts. */
interface SyncAnswer {
  readonly ok: boolean;
  readonly message: string;
  readonly cancelled?: boolean;
  readonly papers?: number;
  readonly meetings?: number;
  readonly organizations?: number;
  readonly changed?: number;
  readonly deleted?: number;
  readonly skipped?: number;
  readonly unfitting?: number;
  readonly unfittingExamples?: readonly string[];
  readonly warnings?: readonly string[];
  readonly fullSyncDue?: boolean;
}

/** A work-done progress; the one the server creates itself can be cancelled from its token. */
type Progress = WorkDoneProgressReporter & { readonly token?: CancellationToken };

function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

declare const RATSFEDER_VERSION: string | undefined;
