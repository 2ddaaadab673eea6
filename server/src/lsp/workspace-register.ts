import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
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
import { cacheFileFor } from '../node/cache-store.js';
import type { OparlCache } from '../register/types.js';
import { shown } from './context.js';

/** Events of the cache's folder within this time are one change. */
const RELOAD_DEBOUNCE_MS = 100;
/** The stat before the register is used, where the folder's watch misses a change, at most this often. */
const STAT_INTERVAL_MS = 1000;

/**
 * The workspace's register as the server holds it: read once at start (the OParl cache of the
 * project's System URL, then every draft and register file of the workspace folders, with
 * progress), kept current by the server's file events and by a watch on the cache file, and
 * announced to the client whenever it changes.
 *
 * A sync that another process writes (`ratsfeder register sync`, another editor's server) is
 * read without a restart: the cache's folder is watched (`fs.watch`, debounced), and since a
 * watch can miss events (network drives, no inotify watches left), every request first looks at
 * the file's stamp (one `stat`, at most once a second). Either way the file is read again off
 * the request's path, on a timer, and the diagnostics and the status follow as after the
 * server's own sync. Writes are atomic renames, so a read never sees half a file; a file that
 * cannot be used leaves the data read before in place, and the user is told.
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
  async index(options: {
    readonly projects: Projects;
    readonly roots: readonly string[];
    readonly documents: TextDocuments<TextDocument>;
    readonly locale: Locale;
    readonly changed: () => void;
  }): Promise<void> {
    const { connection } = this;
    const [root] = options.roots;
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin(reportText(options.locale, 'indexing'), 0, undefined, false);
    const project = root ? options.projects.at(root) : options.projects.withoutFolder();
    const onProgress = (done: number, total: number) => progress?.report(Math.round((done / total) * 100), `${done}/${total}`);
    this.locale = options.locale;
    const loading = await project.register('all', { folders: options.roots, onProgress, system: (await this.system().catch(() => undefined)) ?? null });
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
    this.watchCache();
    options.changed();
    this.sendStatus();
  }

  /**
   * The System URL the workspace syncs from (as `sync-command.ts` chooses it), whose cache the
   * register holds; the status item's click syncs when there is one, else opens the setting.
   */
  system: () => Promise<string | undefined> = () => Promise.resolve(undefined);
  /** The folder of the OParl caches. */
  cacheDir = '';

  sendStatus(): void {
    const store = this.store;
    if (!store) return;
    void this.system()
      .then((system) => system !== undefined)
      .catch(() => false)
      .then((syncable) => this.connection.sendNotification(REGISTER_STATUS_NOTIFICATION, { ...store.status(), syncable } satisfies RegisterStatus));
  }

  /**
   * The System URL may have changed (`ratsfeder.yaml`, a profile, the editor's settings): the
   * register now holds the cache of the new one, and watches it.
   */
  async followSystem(): Promise<void> {
    await this.indexed;
    const store = this.store;
    if (!store) return;
    const file = cacheFileFor(this.cacheDir, await this.system().catch(() => undefined));
    if (file === store.cacheFile) return;
    store.loadCache(file);
    if (store.cacheProblem) this.connection.console.warn(syncText(store.cacheProblem, this.locale));
    this.watchCache();
  }

  /** The server's own sync wrote `cache` to `file`: the register holds it (also a cache of another address asked for explicitly). */
  synced(file: string, cache: OparlCache): void {
    this.store?.useWrittenCache(file, cache);
    this.watchCache();
  }

  private watcher: FSWatcher | undefined;
  /** The cache file the watcher is for. */
  private watched: string | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;
  private lastLook = 0;

  /** Watches the folder of the register's cache file (again, if the file changed); without a folder yet, the stat does the work. */
  private watchCache(): void {
    const file = this.store?.cacheFile;
    if (file === this.watched && this.watcher) return;
    this.watcher?.close();
    this.watcher = undefined;
    this.watched = file;
    // `RATSFEDER_CACHE_WATCH=stat`: no watch, only the stat before each use (for folders where a
    // watch misbehaves, such as some network drives; the tests use it to prove the stat alone).
    if (!file || process.env.RATSFEDER_CACHE_WATCH === 'stat') return;
    const name = path.basename(file);
    try {
      // The folder, not the file: a sync replaces the file by a rename, which ends a watch on it.
      const watcher = watch(path.dirname(file), { persistent: false }, (_event, changed) => {
        if (changed === null || changed === name) this.scheduleReload();
      });
      watcher.on('error', () => {
        watcher.close();
        if (this.watcher === watcher) this.watcher = undefined;
      });
      this.watcher = watcher;
    } catch {
      // No folder yet (nothing synced), or no watch to be had: `noticeCache` looks before each use.
    }
  }

  /**
   * Before the register is used: whether the cache file changed since it was read (one `stat`,
   * at most once a second). A change is read on a timer, not in the request that noticed it.
   */
  noticeCache(): void {
    const now = Date.now();
    if (!this.store?.cacheFile || now - this.lastLook < STAT_INTERVAL_MS) return;
    this.lastLook = now;
    if (this.store.cacheChanged()) this.scheduleReload();
  }

  private scheduleReload(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => this.reloadCache(), RELOAD_DEBOUNCE_MS);
  }

  /** Reads the cache file again if it changed; a damaged one is said, and the data read before stay. */
  private reloadCache(): void {
    const store = this.store;
    const file = store?.cacheFile;
    if (!store || !file) return;
    const before = store.oparlCache();
    try {
      const { reloaded, problem } = store.reloadCache();
      if (problem) {
        const text = [syncText(problem, this.locale), ...(before ? [reportText(this.locale, 'cacheKept', { papers: before.papers.size, syncedAt: before.syncedAt })] : [])].join(' ');
        this.connection.console.warn(text);
        void this.connection.window.showWarningMessage(shown(text));
      } else if (reloaded) {
        this.connection.console.info(reportText(this.locale, 'cacheReloaded', { papers: store.oparlCache()?.papers.size ?? 0, file }));
      }
    } catch (error) {
      // Never a crash over a cache: the register keeps what it had.
      this.connection.console.error(`cache: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    // The folder may have been made by the sync that wrote the file.
    if (!this.watcher) this.watchCache();
  }
}
