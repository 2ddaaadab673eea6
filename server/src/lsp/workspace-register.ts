import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Projects } from '../node/project.js';
import type { RegisterStore } from '../node/register-store.js';
import { REGISTER_STATUS_NOTIFICATION } from '../protocol/index.js';
import type { Locale } from '../base/locale.js';
import { reportText, syncText } from '../node/sync-messages.js';
import { filePath } from './settings.js';

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
    for (const problem of loading.problems()) connection.console.warn(`${problem.file}:${problem.line}: ${problem.message}`);
    // Open documents are newer than the disk.
    for (const document of options.documents.all()) {
      const file = filePath(document.uri);
      if (file) loading.updateText(file, document.getText());
    }
    progress?.done();
    this.store = loading;
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

  sendStatus(): void {
    if (this.store) void this.connection.sendNotification(REGISTER_STATUS_NOTIFICATION, this.store.status());
  }
}
