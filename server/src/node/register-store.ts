import { wordsIn } from '../spelling/vocabulary.js';
import { MAX_DRAFT_BYTES, MAX_REGISTER_FILE_BYTES, readRegularFile } from './read-file.js';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { scanFiles } from './scan.js';
import type { Draft } from '../analysis/model.js';
import { Calendar, type CalendarLookup, type MeetingDay } from '../register/calendar.js';
import type { CompiledProfile } from '../analysis/compiled-profile.js';
import type { RegisterStatus } from '../protocol/index.js';
import { parseRegisterFile, type RegisterFileProblem } from '../register/files.js';
import { LayeredRegister, RegisterIndex } from '../register/index.js';
import type { Citation, OparlCache, OparlNames, Register, RegisterAccess, RegisterEntry, SimilarMatch, SimilarOptions, SimilarQuery } from '../register/types.js';
import { WorkspaceIndex } from '../register/workspace.js';
import { entryText, vorlageHeadings } from '../register/document-text.js';
import type { DocumentTextState } from '../register/types.js';
import { DocumentTexts, mainFile, textsFolder } from './document-texts.js';
import type { Failure } from '../base/locale.js';
import { cacheStamp, loadCache } from './cache-store.js';
import { keepBesideCache } from './similar-store.js';
import type { CacheProblemKind } from './sync-messages.js';

export const REGISTER_FILE = /\.register\.(csv|json)$/i;

/** A register file's problem, with the file's URI; `registerFileProblemText` words it. */
export interface RegisterProblem extends RegisterFileProblem {
  readonly file: string;
}

/**
 * The register as the editor and the CLI hold it: the workspace's drafts, its register files
 * and the OParl cache, kept as three layers that change independently. `lookup` is a live
 * view for rules; `register()` the current merged register.
 */

export class RegisterStore {
  readonly workspace: WorkspaceIndex;
  private readonly files = new Map<string, { entries: RegisterEntry[]; problems: RegisterFileProblem[] }>();
  private filesIndex: RegisterIndex | undefined;
  private oparl: { cache: OparlCache; index: RegisterIndex } | undefined;
  private merged: LayeredRegister | undefined;
  private readonly listeners = new Set<() => void>();
  /** The texts of the cache's documents fetched so far (beside the cache file). */
  texts: DocumentTexts | undefined;
  /**
   * Called when a rule asks for the text of a document that has a main file but no text yet:
   * the editor fetches it in the background (the CLI sets nothing and stays offline).
   */
  onTextWanted: ((entry: RegisterEntry) => void) | undefined;
  /**
   * Whether `ignorieren:` in `ratsfeder.yaml` leaves out a file: it is not read from disk, and
   * an editor's buffer of it does not enter the register either.
   */
  ignored: (file: string) => boolean = () => false;
  /** Why the cache file is not used, for the log or the user (worded by `SYNC_MESSAGES`). */
  cacheProblem: Failure<CacheProblemKind> | undefined;

  constructor(private readonly compiled: CompiledProfile) {
    this.workspace = new WorkspaceIndex(compiled);
  }

  /** The profile's number scanner, for numbers as people type them. */
  get scanner(): CompiledProfile['scanner'] {
    return this.compiled.scanner;
  }

  /** The register as it is now; rebuilt lazily after a change. */
  register(): Register {
    this.filesIndex ??= new RegisterIndex(
      [...this.files.values()].flatMap((file) => file.entries),
      this.files.size > 0,
    );
    this.merged ??= new LayeredRegister([this.workspace.asRegister(), this.filesIndex, ...(this.oparl ? [this.oparl.index] : [])]);
    return this.merged;
  }

  /** A lookup that always answers from the current register, for options that outlive changes. */
  readonly lookup: RegisterAccess = new LiveRegister(this);

  private calendarCache: Calendar | undefined;

  /** The meeting calendar from the OParl cache (empty before a sync brought one); rebuilt after a sync. */
  calendar(): Calendar {
    this.calendarCache ??= new Calendar(this.oparl?.cache.organizations?.values() ?? [], this.oparl?.cache.meetings?.values() ?? [], this.compiled.profile.zeitzone ?? 'Europe/Berlin');
    return this.calendarCache;
  }

  /** A calendar lookup that always answers from the current cache. */
  readonly calendarLookup: CalendarLookup = new LiveCalendar(this);

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  oparlCache(): OparlCache | undefined {
    return this.oparl?.cache;
  }

  get oparlSystem(): string | undefined {
    return this.oparl?.cache.system;
  }

  /**
   * The register of a project for the CLI: the OParl cache and the register files below
   * `root` (and those the config names); the drafts below `root` only when one of those makes
   * the register authoritative, since nothing else reads them.
   */
  static async forProject(
    compiled: CompiledProfile,
    root: string,
    cache: string | undefined,
    named: { files: readonly string[]; base: string } | undefined,
    ignored?: (file: string) => boolean,
  ): Promise<RegisterStore> {
    const store = new RegisterStore(compiled);
    if (ignored) store.ignored = ignored;
    store.loadCache(cache);
    const files = await scanFiles(['**/*.register.csv', '**/*.register.json'], root);
    for (const file of files) if (!store.ignored(file)) store.readFile(file);
    if (named) store.addRegisterFiles(named.files, named.base);
    if (store.register().authoritative) {
      const drafts = await scanFiles(['**/*.md', '**/*.markdown'], root);
      for (const file of drafts) if (!store.ignored(file)) store.readFile(file);
    }
    store.changed();
    return store;
  }

  /** Indexes every draft and register file below `root`. */
  async loadFolder(root: string, onProgress?: (done: number, total: number) => void): Promise<void> {
    const files = (await scanFiles(['**/*.md', '**/*.markdown', '**/*.register.csv', '**/*.register.json'], root)).filter((file) => !this.ignored(file));
    files.forEach((file, index) => {
      this.readFile(file);
      if (onProgress && (index % 200 === 0 || index === files.length - 1)) onProgress(index + 1, files.length);
    });
    this.changed();
  }

  /** Re-reads one file from disk (created or changed), or forgets it (deleted). */
  refreshFile(file: string): void {
    if (this.ignored(file)) this.forgetFile(file);
    else this.readFile(file);
    this.changed();
  }

  /**
   * Runs when what `status()` says may have changed without the register changing: a draft
   * without a number created, renamed or deleted (the editor's status item counts drafts).
   */
  onStatus: (() => void) | undefined;

  /** Runs `change` and says so if the number of drafts changed by it. */
  private counted<T>(change: () => T): T {
    const before = this.workspace.size;
    const result = change();
    if (this.workspace.size !== before) this.onStatus?.();
    return result;
  }

  /** A document's current text, from the editor's buffer rather than disk. */
  updateText(file: string, text: string): void {
    const uri = pathToFileURL(file).href;
    if (this.ignored(file)) return;
    if (REGISTER_FILE.test(file)) {
      this.setRegisterFile(file, text);
      this.changed();
    } else if (this.counted(() => this.workspace.update(uri, text))) {
      // Typing in a draft changes its entry rarely (its `nummer` or `titel`); only then do
      // other drafts' findings depend on it.
      this.changed();
    }
  }

  /** An open draft, from its analysis. */
  updateDraft(file: string, draft: Draft): void {
    if (this.ignored(file)) return;
    if (this.counted(() => this.workspace.updateFromDraft(pathToFileURL(file).href, draft))) this.changed();
  }

  removeFile(file: string): void {
    this.forgetFile(file);
    this.changed();
  }

  private forgetFile(file: string): void {
    const uri = pathToFileURL(file).href;
    this.counted(() => this.workspace.remove(uri));
    if (this.files.delete(uri)) this.filesIndex = undefined;
  }

  /** Adds register files named in the configuration (paths relative to `base`). */
  addRegisterFiles(paths: readonly string[], base: string): void {
    // Named in the config, a file is a register file whatever its name ends in.
    for (const name of paths) this.readFile(path.resolve(base, name), true);
    this.changed();
  }

  /**
   * Loads the OParl cache file (none: a project without a System URL has no cache); a missing
   * file is no problem, a broken one is reported.
   */
  loadCache(file: string | undefined): void {
    this.currentCacheFile = file;
    if (file === undefined) {
      this.cacheProblem = undefined;
      this.texts = undefined;
      this.loadedStamp = undefined;
      this.setCache(undefined);
      return;
    }
    // Looked at before the read: a file replaced meanwhile has another stamp and is read again.
    this.loadedStamp = cacheStamp(file);
    const { cache, problem } = loadCache(file);
    this.cacheProblem = problem;
    this.texts = this.textsOf(file);
    this.setCache(cache);
  }

  /** The OParl cache file in use: the similarity index of a new cache is kept beside it. */
  get cacheFile(): string | undefined {
    return this.currentCacheFile;
  }

  private currentCacheFile: string | undefined;
  /** `cacheStamp` of the cache file when it was last read or written here. */
  private loadedStamp: string | undefined;

  private textsOf(file: string): DocumentTexts {
    return new DocumentTexts(textsFolder(file), vorlageHeadings(this.compiled.profile.vorlage), () => this.oparlSystem);
  }

  /**
   * A cache this process has just written to `file` (its own sync): taken as it is, and the
   * file's stamp noted, so that it is not read again as if another process had written it.
   */
  useWrittenCache(file: string, cache: OparlCache): void {
    if (file !== this.cacheFile) this.texts = this.textsOf(file);
    this.currentCacheFile = file;
    this.cacheProblem = undefined;
    this.loadedStamp = cacheStamp(file);
    this.setCache(cache);
  }

  /** Whether the cache file is no longer the one read (another process replaced, damaged or removed it): one `stat`. */
  cacheChanged(): boolean {
    return this.cacheFile !== undefined && cacheStamp(this.cacheFile) !== this.loadedStamp;
  }

  /**
   * Reads the cache file again after another process changed it. A new cache replaces the
   * OParl layer (and the texts kept beside it are looked up afresh); a removed file empties
   * it; a file that cannot be used (damaged, unreadable) leaves the data as they were and is
   * returned as the problem, and is not read again until it changes once more.
   */
  reloadCache(): { readonly reloaded: boolean; readonly problem?: Failure<CacheProblemKind> } {
    const file = this.cacheFile;
    if (file === undefined) return { reloaded: false };
    const stamp = cacheStamp(file);
    if (stamp === this.loadedStamp) return { reloaded: false };
    this.loadedStamp = stamp;
    const { cache, problem } = loadCache(file);
    this.cacheProblem = problem;
    if (problem) return { reloaded: false, problem };
    this.texts = this.textsOf(file);
    this.setCache(cache);
    return { reloaded: true };
  }

  setCache(cache: OparlCache | undefined): void {
    this.oparl = cache ? { cache, index: new RegisterIndex(cache.papers.values(), true) } : undefined;
    if (this.oparl && this.cacheFile) this.oparl.index.keepSimilarIndex(keepBesideCache(this.cacheFile, this.oparl.cache));
    this.calendarCache = undefined;
    this.changed();
  }

  /** A document's text was fetched (here or by another process): findings that quote it change. */
  textArrived(nummer: string): void {
    this.texts?.forget(nummer);
    this.changed();
  }

  /** What the register holds, for the editor's status bar. */
  status(): RegisterStatus {
    let files = 0;
    for (const file of this.files.values()) files += file.entries.length;
    const oparl = this.oparl?.cache;
    return {
      drafts: this.workspace.size,
      files,
      ...(oparl ? { oparl: { system: oparl.system, syncedAt: oparl.syncedAt, papers: oparl.papers.size } } : {}),
    };
  }

  /** The workspace's drafts, as file URIs. */
  draftUris(): string[] {
    return this.workspace.uris();
  }

  problems(): RegisterProblem[] {
    const list: RegisterProblem[] = [];
    for (const [uri, file] of this.files) for (const problem of file.problems) list.push({ file: uri, ...problem });
    return list;
  }

  readFile(file: string, register = REGISTER_FILE.test(file)): void {
    // Only a regular file of bounded size: a FIFO or a symlink to /dev/zero among the drafts
    // must neither block the server nor fill its memory.
    const read = readRegularFile(file, register ? MAX_REGISTER_FILE_BYTES : MAX_DRAFT_BYTES);
    const text = 'bytes' in read ? (register ? decodeRegisterFile(read.bytes) : read.bytes.toString('utf8')) : undefined;
    const uri = pathToFileURL(file).href;
    if (register && 'problem' in read && (read.problem === 'not-a-file' || read.problem === 'too-large')) {
      // A register file that is there but cannot be taken is said, as a broken one is.
      const problem: RegisterFileProblem =
        read.problem === 'not-a-file' ? { line: 0, column: 0, kind: 'not-a-file', data: {} } : { line: 0, column: 0, kind: 'too-large', data: { limit: read.limit } };
      this.files.set(uri, { entries: [], problems: [problem] });
      this.filesIndex = undefined;
    } else if (text === undefined) {
      this.workspace.remove(uri);
      if (this.files.delete(uri)) this.filesIndex = undefined;
    } else if (register) {
      this.setRegisterFile(file, text);
    } else {
      this.workspace.update(uri, text);
    }
  }

  private setRegisterFile(file: string, text: string): void {
    const uri = pathToFileURL(file).href;
    const format = file.toLowerCase().endsWith('.json') ? 'json' : 'csv';
    this.files.set(uri, parseRegisterFile(text, format, uri, this.compiled.scanner));
    this.filesIndex = undefined;
  }

  changed(): void {
    this.merged = undefined;
    for (const listener of this.listeners) listener();
  }
}

/**
 * A register file's text: UTF-8 (with or without a byte order mark), else Windows-1252, in
 * which Excel on Windows saves a CSV („CSV (Trennzeichen-getrennt)“), so that its umlauts
 * arrive as umlauts.
 */
export function decodeRegisterFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Answers from whatever the store holds at the moment of the call. */
class LiveRegister implements RegisterAccess {
  constructor(private readonly store: RegisterStore) {}

  get authoritative(): boolean {
    return this.store.register().authoritative;
  }

  get(nummer: string): RegisterEntry | undefined {
    return this.store.register().get(nummer);
  }

  similar(query: SimilarQuery, options: SimilarOptions): SimilarMatch[] {
    return this.store.register().similar(query, options);
  }

  current(): Register {
    return this.store.register();
  }

  /** The words of the register's titles, and those of the council's bodies (committees, offices) in the OParl cache. */
  vocabulary(): { has(word: string): boolean; once(word: string): boolean } {
    const titles = this.store.register().vocabulary?.();
    const cache = this.store.oparlCache();
    if (cache !== this.bodiesOf) {
      this.bodiesOf = cache;
      this.bodies = cache?.organizations ? wordsIn([...cache.organizations.values()].flatMap((body) => [body.name, body.shortName ?? ''])) : undefined;
    }
    const bodies = this.bodies;
    // The same object while its words are the same: spelling keeps what it worked out per vocabulary.
    if (!this.words || this.words.titles !== titles || this.words.bodies !== bodies) {
      this.words = { titles, bodies, vocabulary: { has: (word) => (titles?.has(word) ?? false) || (bodies?.has(word) ?? false), once: (word) => titles?.once?.(word) ?? false } };
    }
    return this.words.vocabulary;
  }

  private words:
    | { readonly titles: unknown; readonly bodies: unknown; readonly vocabulary: { has(word: string): boolean; once(word: string): boolean } }
    | undefined;

  private bodiesOf: OparlCache | undefined;
  private bodies: ReadonlySet<string> | undefined;

  documentText(nummer: string): DocumentTextState | undefined {
    const entry = this.get(nummer);
    if (!entry) return undefined;
    const own = entryText(entry);
    if (own) return own;
    if (entry.source !== 'oparl' || !mainFile(entry)) return undefined;
    const kept = this.store.texts?.get(entry.nummer);
    if (kept) return { status: 'da', document: kept };
    this.store.onTextWanted?.(entry);
    return { status: 'fehlt' };
  }

  citations(nummer: string): readonly Citation[] {
    return this.store.workspace.citations(nummer);
  }

  /** The OParl cache's bodies (of every kind: an Amt leads a paper), meetings and papers by id. */
  readonly names: OparlNames = {
    organization: (id) => this.store.oparlCache()?.organizations?.get(id)?.name,
    meeting: (id) => this.store.oparlCache()?.meetings?.get(id),
    paper: (id) => this.store.oparlCache()?.papers.get(id),
  };
}

/** Answers from the store's calendar at the moment of the call. */
class LiveCalendar implements CalendarLookup {
  constructor(private readonly store: RegisterStore) {}

  get size(): number {
    return this.store.calendar().size;
  }

  organization(name: string): string | undefined {
    return this.store.calendar().organization(name);
  }

  nearestOrganizations(name: string, limit: number): string[] {
    return this.store.calendar().nearestOrganizations(name, limit);
  }

  meetingOn(gremium: string, datum: string): MeetingDay | undefined {
    return this.store.calendar().meetingOn(gremium, datum);
  }

  nearestMeetings(gremium: string, datum: string, limit: number): MeetingDay[] {
    return this.store.calendar().nearestMeetings(gremium, datum, limit);
  }

  upcoming(gremium: string, datum: string, limit: number): MeetingDay[] {
    return this.store.calendar().upcoming(gremium, datum, limit);
  }
}
