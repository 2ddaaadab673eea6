import { MAX_DRAFT_BYTES, readRegularText } from './read-file.js';
import path from 'node:path';
import { scanFiles } from './scan.js';
import { amendments } from '../analysis/aenderungen.js';
import { analyse } from '../analysis/analyse.js';
import type { Parsed } from '../analysis/model.js';
import { compileProfile, type CompiledProfile } from '../analysis/compiled-profile.js';
import { BUILTIN_PROFILES } from '../profile/load.js';
import type { Profile } from '../profile/types.js';
import { isHttpUrl } from '../register/types.js';
import type { SeveritySetting } from '../rules/engine.js';
import type { SpellingLookup } from '../rules/types.js';
import type { Failure, Locale } from '../base/locale.js';
import type { CheckOptions } from '../service/check.js';
import { cacheFileFor, CacheWriteError, checkpointFile, loadCheckpoint, removeCheckpoint, saveCache, saveCheckpoint } from './cache-store.js';
import { oparlLogin, SyncError, syncOparl, type SyncOptions, type SyncResult } from './oparl.js';
import type { SyncMessage } from './sync-messages.js';
import { RegisterStore } from './register-store.js';
import type { DocumentTextFailureKind } from './document-text-messages.js';
import { DocumentTextError, mainFile } from './document-texts.js';
import { diskHost, Workspace, type Settings } from './workspace.js';

/**
 * How much of a project's register is read:
 * - `cache`: the OParl cache alone (what a sync starts from);
 * - `check`: the cache and the project's register files, and its drafts only when a register
 *   file makes the register authoritative (nothing else reads them): what a check needs;
 * - `all`: the cache, every register file and every draft, as the editor and
 *   `ratsfeder register show|search|similar` see the project.
 */
export type RegisterScope = 'cache' | 'check' | 'all';

/** Where an OParl System URL was set. */
export type OparlSource = 'config' | 'editor' | 'profile';

export interface ProjectsOptions {
  /** The folder of the OParl caches: one file per System URL (`cacheFileFor`). */
  readonly cacheDir: string;
  /** The language of problems found in config and profile files. */
  readonly locale?: Locale;
  /** A config file that applies to every draft (the CLI's `--config`). */
  readonly config?: string;
}

/**
 * The projects drafts belong to. A project is the folder of the `ratsfeder.yaml` that applies
 * to a draft (else a folder the caller names): its settings, its profile, its register and the
 * check options for each of its files. The CLI's commands, the export and the language server
 * open projects here and nowhere else, so that every surface judges a draft alike.
 */
export class Projects {
  readonly workspace: Workspace;
  private readonly open = new Map<string, Project>();

  constructor(readonly options: ProjectsOptions) {
    this.workspace = new Workspace(options.locale ? { locale: options.locale } : {});
  }

  /**
   * The project of `file` (an absolute path; it need not exist). Without a `ratsfeder.yaml`
   * the project is `fallbackRoot`, else the file's folder.
   */
  of(file: string, fallbackRoot?: string): Project {
    const settings = this.options.config ? this.workspace.settingsFromFile(this.options.config) : this.workspace.settingsFor(file);
    const root = settings.configFile ? path.dirname(settings.configFile) : (fallbackRoot ?? path.dirname(file));
    let project = this.open.get(root);
    if (!project || project.settings !== settings) {
      project = new Project(root, settings, this.options.cacheDir);
      this.open.set(root, project);
    }
    return project;
  }

  /**
   * Whether `ignorieren:` leaves out `file` when a folder is checked: that of `--config` when
   * one is given, else of the nearest `ratsfeder.yaml` and those above it.
   */
  ignored(file: string): boolean {
    if (this.options.config) return this.workspace.settingsFromFile(this.options.config).ignores?.(file) ?? false;
    return this.workspace.ignored(file);
  }

  /** The project whose root is `folder` (its `ratsfeder.yaml`, if any, is in that folder or above). */
  at(folder: string): Project {
    return this.of(path.join(folder, 'ratsfeder.yaml'), folder);
  }

  /** The project of an editor without a workspace folder: the defaults, and no folder to read. */
  withoutFolder(): Project {
    return new Project(undefined, { configFile: undefined, config: undefined, profile: this.workspace.defaultProfile, severities: {}, locale: undefined, ruleOptions: {}, problems: [] }, this.options.cacheDir);
  }

  /** The council of drafts without a `profil:` of their own (the editor's `ratsfeder.profil`); forgets every project if it changed. */
  setDefaultProfile(profile: Profile): void {
    if (this.workspace.setDefaultProfile(profile)) this.open.clear();
  }

  /** Forgets every config, profile and register read (a config file changed). */
  invalidate(): void {
    this.workspace.invalidate();
    this.open.clear();
  }
}

/** Texts fetched after a sync at most: a project cites a handful of Vorlagen. */
const MAX_AMENDED_TEXTS = 50;

export class Project {
  private compiledProfile: CompiledProfile | undefined;
  /** By scope and cache file. */
  private readonly registers = new Map<string, Promise<RegisterStore>>();

  constructor(
    /** The folder the project's register is gathered from (none: an editor without a folder). */
    readonly root: string | undefined,
    readonly settings: Settings,
    /** The folder of the OParl caches. */
    readonly cacheDir: string,
  ) {}

  /**
   * The OParl cache file of `system` (a former version's cache synced from it is moved there
   * first, see `adoptLegacyCache`); none without an http(s) URL. Every project with the same
   * System URL shares it; a project with another one never sees it.
   */
  cacheFor(system: string | undefined): string | undefined {
    return cacheFileFor(this.cacheDir, system);
  }

  /** The cache the project reads on the command line: that of the System URL it syncs from (`oparlSystem`). */
  get cache(): string | undefined {
    return this.cacheFor(this.oparlSystem({ trusted: true })?.url);
  }

  /**
   * Whether the project's `ignorieren:` leaves out a file: it is not read into the register.
   * Only the project's own config counts: a folder with a `ratsfeder.yaml` of its own inside a
   * project that leaves it out is a project of its own.
   */
  readonly ignored = (file: string): boolean => this.settings.ignores?.(file) ?? false;

  /** Problems with the config or profile file; while there are any, nothing is checked. */
  get problems(): Settings['problems'] {
    return this.settings.problems;
  }

  get compiled(): CompiledProfile {
    this.compiledProfile ??= compileProfile(this.settings.profile);
    return this.compiledProfile;
  }

  /**
   * The project's register, read once per scope. `folders` (default: the root) are where drafts
   * and register files are looked for in the `all` scope; the register files named in
   * `ratsfeder.yaml` are read in the `check` and `all` scopes. The OParl cache is that of
   * `system` (`null`: none), by default the project's own (`cache`).
   */
  register(
    scope: RegisterScope,
    options: { readonly folders?: readonly string[]; readonly onProgress?: (done: number, total: number) => void; readonly system?: string | null } = {},
  ): Promise<RegisterStore> {
    const cache = options.system === undefined ? this.cache : options.system === null ? undefined : this.cacheFor(options.system);
    const key = `${scope}\u0000${cache ?? ''}`;
    let store = this.registers.get(key);
    if (!store) {
      store = this.readRegister(scope, cache, options.folders ?? (this.root ? [this.root] : []), options.onProgress);
      this.registers.set(key, store);
    }
    return store;
  }

  private async readRegister(scope: RegisterScope, cache: string | undefined, folders: readonly string[], onProgress?: (done: number, total: number) => void): Promise<RegisterStore> {
    const named = this.settings.config?.register?.dateien;
    const base = this.settings.configFile ? path.dirname(this.settings.configFile) : this.root;
    const files = named && base ? { files: named, base } : undefined;
    if (scope === 'check' && this.root) return RegisterStore.forProject(this.compiled, this.root, cache, files, this.ignored);
    const store = new RegisterStore(this.compiled);
    store.ignored = this.ignored;
    store.loadCache(cache);
    if (scope === 'cache') return store;
    for (const folder of folders) await store.loadFolder(folder, onProgress);
    if (files) store.addRegisterFiles(files.files, files.base);
    store.changed();
    return store;
  }

  /**
   * The options `file` is checked with: the project's profile, severities and rule settings,
   * the register and meeting calendar of `store`, links resolved beside the file. `severities`
   * are defaults below the project's own (the editor's settings).
   */
  checkOptions(
    file: string,
    options: {
      readonly locale: Locale;
      readonly today: string;
      readonly store?: Pick<RegisterStore, 'lookup' | 'calendarLookup'>;
      readonly severities?: Readonly<Record<string, SeveritySetting>>;
      readonly spelling?: SpellingLookup;
    },
  ): CheckOptions {
    const store = options.store;
    return {
      profile: this.settings.profile,
      severities: { ...options.severities, ...this.settings.severities },
      ruleOptions: this.settings.ruleOptions,
      locale: options.locale,
      today: options.today,
      host: { ...diskHost(file), ...(store ? { register: store.lookup, calendar: store.calendarLookup } : {}), ...(options.spelling ? { spelling: options.spelling } : {}) },
    };
  }

  /** Whether the spelling rule is on for this project (it is, unless `regeln:` turns it off). */
  get spellingOn(): boolean {
    return this.settings.severities['rechtschreibung'] !== 'off';
  }

  /**
   * The OParl System URL to sync from: `register.oparl` in `ratsfeder.yaml`, else the editor's
   * setting (an http(s) URL only), else the profile's `oparl.system`. An untrusted project may
   * not pick the address fetched from: its file is not asked, and of the profiles only a
   * built-in one's address is used.
   */
  oparlSystem(options: { readonly trusted: boolean; readonly editor?: unknown }): { readonly url: string; readonly from: OparlSource } | undefined {
    const fromFile = options.trusted ? this.settings.config?.register?.oparl : undefined;
    if (fromFile) return { url: fromFile, from: 'config' };
    if (isHttpUrl(options.editor)) return { url: options.editor, from: 'editor' };
    const profile = this.settings.profile;
    const fromProfile = options.trusted ? profile.oparl?.system : BUILTIN_PROFILES[profile.id]?.oparl?.system;
    return fromProfile ? { url: fromProfile, from: 'profile' } : undefined;
  }

  /**
   * Syncs the OParl cache of `system` (`cacheFor`), the one way both edges do it: an interrupted
   * sync's checkpoint beside the cache is resumed from (if it fits), checkpoints are saved as the
   * sync goes, the cache is written atomically and the checkpoint removed when it is done. A
   * failure leaves the cache as it was; `checkpointKept` says whether the next sync resumes. A
   * sync that reached one of its total limits (`MAX_SYNC_OBJECTS`, `MAX_SYNC_BYTES`) removes the
   * checkpoint: going on from it would only reach the limit again. `file` is where the cache is
   * (to be) written.
   */
  async sync(
    options: Pick<SyncOptions, 'system' | 'previous' | 'signal' | 'full' | 'onProgress' | 'maxObjects' | 'maxTotalBytes'>,
  ): Promise<
    | { readonly ok: true; readonly result: SyncResult; readonly file: string }
    | { readonly ok: false; readonly failure: Failure<SyncMessage>; readonly checkpointKept: boolean; readonly file: string | undefined }
  > {
    // No file for what is no http(s) URL: `syncOparl` refuses it before anything is written.
    const file = this.cacheFor(options.system);
    const checkpoint = file ? checkpointFile(file) : undefined;
    let saved = false;
    try {
      const login = oparlLogin(options.system);
      const result = await syncOparl({
        ...options,
        ...(login ? { login } : {}),
        scanner: this.compiled.scanner,
        checkpoint: checkpoint ? loadCheckpoint(checkpoint) : undefined,
        onCheckpoint: (state) => {
          if (!checkpoint) return;
          saveCheckpoint(checkpoint, state);
          saved = true;
        },
      });
      if (!file || !checkpoint) throw new Error(`no cache file for ${options.system}`);
      saveCache(file, result.cache);
      removeCheckpoint(checkpoint);
      return { ok: true, result, file };
    } catch (error) {
      const failure: Failure<SyncMessage> =
        error instanceof SyncError || error instanceof CacheWriteError ? error.failure : { kind: 'unexpected', data: { detail: error instanceof Error ? error.message : String(error) } };
      if (error instanceof SyncError && error.kind === 'limit') {
        if (checkpoint) removeCheckpoint(checkpoint);
        return { ok: false, failure, checkpointKept: false, file };
      }
      return { ok: false, failure, checkpointKept: saved, file };
    }
  }

  /**
   * Fetches the texts of the documents that the project's amendments refer to (`bezug:` of a
   * draft with `aenderung` blocks) and that the cache has files but no text for yet: what a
   * sync from `system` does after the cache is saved, so that `check` compares quotes offline. At most
   * `MAX_AMENDED_TEXTS` documents; one that fails is said and the others go on. `parse`: the
   * parse of a large draft on the parse thread, within its budget (the command line's).
   */
  async fetchAmendedTexts(system: string | undefined, signal?: AbortSignal, parse?: (text: string) => Promise<Parsed | undefined>): Promise<{ readonly fetched: string[]; readonly failures: Failure<DocumentTextFailureKind>[] }> {
    const fetched: string[] = [];
    const failures: Failure<DocumentTextFailureKind>[] = [];
    const cache = this.cacheFor(system);
    if (!this.root || !cache) return { fetched, failures };
    const wanted = new Set<string>();
    const drafts = await scanFiles(['**/*.md', '**/*.markdown'], this.root);
    for (const file of drafts) {
      if (this.ignored(file)) continue;
      const read = readRegularText(file, MAX_DRAFT_BYTES);
      if (!('text' in read)) continue;
      const text = read.text;
      if (!/^\s*(?:```|~~~)\s*(?:aenderung|änderung)/imu.test(text)) continue;
      const draft = analyse(text, this.settings.profile, await parse?.(text));
      if (amendments(draft).length === 0) continue;
      for (const reference of draft.references) if (reference.field === 'bezug' && reference.canonical) wanted.add(reference.canonical);
    }
    if (wanted.size === 0) return { fetched, failures };
    // The cache as the sync just saved it.
    const store = new RegisterStore(this.compiled);
    store.loadCache(cache);
    for (const nummer of [...wanted].slice(0, MAX_AMENDED_TEXTS)) {
      const entry = store.register().get(nummer);
      if (!entry || entry.source !== 'oparl' || !mainFile(entry) || store.texts?.get(entry.nummer)) continue;
      try {
        await store.texts!.fetch(entry, signal ? { signal } : {});
        fetched.push(entry.nummer);
      } catch (error) {
        if (!(error instanceof DocumentTextError)) throw error;
        failures.push(error.failure);
        if (error.failure.kind === 'aborted') break;
      }
    }
    return { fetched, failures };
  }

  /** The letterhead that `export: vorlage:` names, as an absolute path. */
  get template(): string | undefined {
    const name = this.settings.config?.export?.vorlage;
    return name && this.settings.configFile ? path.resolve(path.dirname(this.settings.configFile), name) : undefined;
  }
}
