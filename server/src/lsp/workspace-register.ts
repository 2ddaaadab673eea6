import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Projects } from '../node/project.js';
import type { RegisterStore } from '../node/register-store.js';
import { REGISTER_STATUS_NOTIFICATION, type RegisterStatus } from '../protocol/index.js';
import type { Locale } from '../base/locale.js';
import { reportText, syncText } from '../node/sync-messages.js';
import { filePath } from './settings.js';
import type { RegisterEntry } from '../register/types.js';
import { registerFileProblemText } from '../register/files.js';
import { documentTextMessage } from '../node/document-text-messages.js';
import { DocumentTextError, type FetchedText } from '../node/document-texts.js';

/**
 * The workspace's register as the server holds it: read once at start (the OParl cache, then
 * every draft and register file of the workspace folders, with progress), kept current by the
 * server's file events, and announced to the client whenever it changes.
 */
export class WorkspaceRegister {
  /** The register, once the workspace is indexed. */
  store: RegisterStore | undefined;
  /** Settles when the workspace is indexed; a sync waits for it, so that its result lands in the store. */
  indexed: Promise<void> = Promise.resolve();

  constructor(private readonly connection: Connection) {}

  /** Numbers whose text was asked for in the background this session: each is fetched once. */
  private readonly asked = new Set<string>();
  /** Fetches run one after another. */
  private fetching: Promise<unknown> = Promise.resolve();
  private locale: Locale = 'de';

  /**
   * Fetches a document's text (one fetch at a time) and keeps it; the diagnostics that quote it
   * are refreshed. Fails with a `DocumentTextError`.
   */
  fetchText(entry: RegisterEntry): Promise<FetchedText> {
    const store = this.store;
    const texts = store?.texts;
    if (!store || !texts) return Promise.reject(new DocumentTextError({ kind: 'not-in-register', data: { nummer: entry.nummer } }));
    const run = this.fetching.then(() => texts.fetch(entry));
    this.fetching = run.then(
      () => store.textArrived(entry.nummer),
      () => undefined,
    );
    return run;
  }

  /** A rule wanted a text that is not there: fetched once, in the background, off the keystroke's path. */
  private wanted(entry: RegisterEntry): void {
    if (this.asked.has(entry.nummer)) return;
    this.asked.add(entry.nummer);
    setImmediate(() => {
      this.fetchText(entry).catch((error: unknown) => {
        // Said in the log only: the finding on the quote says how to fetch it by hand.
        this.connection.console.warn(error instanceof DocumentTextError ? documentTextMessage(error.failure, this.locale) : String(error));
      });
    });
  }

  /** Indexes the workspace; `changed` runs (debounced) after every later change of the register. */
  async index(options: { readonly projects: Projects; readonly roots: readonly string[]; readonly documents: TextDocuments<TextDocument>; readonly locale: Locale; readonly changed: () => void }): Promise<void> {
    const { connection } = this;
    const [root] = options.roots;
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin(reportText(options.locale, 'indexing'), 0, undefined, false);
    const project = root ? options.projects.at(root) : options.projects.withoutFolder();
    const onProgress = (done: number, total: number) => progress?.report(Math.round((done / total) * 100), `${done}/${total}`);
    const loading = await project.register('all', { folders: options.roots, onProgress });
    if (loading.cacheProblem) connection.console.warn(syncText(loading.cacheProblem, options.locale));
    for (const problem of loading.problems()) connection.console.warn(`${problem.file}:${problem.line}:${problem.column}: ${registerFileProblemText(problem, options.locale)}`);
    // Open documents are newer than the disk.
    for (const document of options.documents.all()) {
      const file = filePath(document.uri);
      if (file) loading.updateText(file, document.getText());
    }
    progress?.done();
    this.store = loading;
    this.locale = options.locale;
    loading.onTextWanted = (entry) => this.wanted(entry);
    let counting: NodeJS.Timeout | undefined;
    loading.onStatus = () => {
      clearTimeout(counting);
      counting = setTimeout(() => this.sendStatus(), 200);
    };
    let timer: NodeJS.Timeout | undefined;
    loading.onChange(() => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        options.changed();
        this.sendStatus();
      }, 200);
    });
    options.changed();
    this.sendStatus();
  }

  /** Whether an OParl address is set for the workspace (the status item's click syncs, or opens the setting). */
  syncable: () => Promise<boolean> = () => Promise.resolve(false);

  sendStatus(): void {
    const store = this.store;
    if (!store) return;
    void this.syncable()
      .catch(() => false)
      .then((syncable) => this.connection.sendNotification(REGISTER_STATUS_NOTIFICATION, { ...store.status(), syncable } satisfies RegisterStatus));
  }
}
