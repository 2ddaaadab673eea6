import type { SpellingLookup } from '../rules/types.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { isSeverityName, severityOf } from '../config/config.js';
import { Projects, type OparlSource, type Project } from '../node/project.js';
import type { RegisterStore } from '../node/register-store.js';
import { BUILTIN_PROFILES, DEFAULT_PROFILE } from '../profile/load.js';
import type { SeveritySetting } from '../rules/engine.js';
import { RULE_IDS } from '../rules/registry.js';
import type { Locale } from '../base/locale.js';
import { localToday, type CheckOptions } from '../service/check.js';
import type { ResolvedOptions } from '../service/service.js';
import { isHttpUrl } from '../register/types.js';

/** The editor's `ratsfeder.*` settings as the client sends them (unchecked input). */
interface EditorSettings {
  readonly sprache?: unknown;
  readonly regeln?: unknown;
  /** A built-in council profile for drafts whose `ratsfeder.yaml` names none. */
  readonly profil?: unknown;
  /** `ratsinformationssystem`; `oparl` is its former name. */
  readonly register?: { readonly ratsinformationssystem?: unknown; readonly oparl?: unknown; readonly ['Ähnlichkeitsschwelle']?: unknown };
  readonly export?: { readonly briefkopf?: unknown };
}

/**
 * The only place the server reads settings. Per resource: the editor's settings for that
 * document, overridden by the `ratsfeder.yaml` that applies to it (the file wins, so that the
 * editor and the CLI agree); the project's check options come from `Projects`, as they do for
 * the CLI. Results are cached per document and dropped on any change.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<ResolvedOptions>>();
  readonly projects: Projects;

  constructor(
    private readonly connection: Connection,
    private readonly capabilities: { readonly configuration: boolean; readonly locale: Locale; readonly editorCommands?: boolean },
    /** The folder of the OParl caches. */
    cacheDir: string,
    /** The workspace's register (with its meeting calendar), once it is loaded. */
    private readonly register: () => RegisterStore | undefined,
    /** The spelling dictionary, asked in the background. */
    private readonly spelling?: SpellingLookup,
  ) {
    this.projects = new Projects({ cacheDir, locale: capabilities.locale });
  }

  /** Forget everything: editor settings or a config file changed. */
  clear(): void {
    this.cache.clear();
    this.defaults = undefined;
    this.projects.invalidate();
  }

  private defaults: Promise<void> | undefined;

  /**
   * Applies the editor's workspace-wide settings (the council profile, `ratsfeder.profil`)
   * once after each change; the workspace is indexed after it, and every document resolved.
   */
  editorDefaults(): Promise<void> {
    this.defaults ??= this.editorSettings(undefined).then((editor) => {
      const name = typeof editor.profil === 'string' ? editor.profil.toLowerCase() : '';
      this.projects.setDefaultProfile(Object.hasOwn(BUILTIN_PROFILES, name) ? BUILTIN_PROFILES[name]! : DEFAULT_PROFILE);
    });
    return this.defaults;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  async optionsFor(uri: string): Promise<ResolvedOptions> {
    let entry = this.cache.get(uri);
    if (entry) {
      const options = await entry;
      // A new day changes which dates lie in the past.
      if (options.today === localToday()) return options;
    }
    entry = this.resolve(uri);
    this.cache.set(uri, entry);
    return entry;
  }

  private async resolve(uri: string): Promise<ResolvedOptions> {
    await this.editorDefaults();
    const editor = await this.editorSettings(uri);
    const file = filePath(uri);
    const project = file ? this.projects.of(file) : undefined;
    const locale: Locale = project?.settings.locale ?? readLocale(editor.sprache) ?? this.capabilities.locale;
    const severities = readSeverities(editor.regeln);
    const store = this.register();
    const today = localToday();
    const checkOptions: CheckOptions =
      project && file
        ? project.checkOptions(file, { locale, today, severities, ...(store ? { store } : {}), ...(this.spelling ? { spelling: this.spelling } : {}) })
        : {
            profile: this.projects.workspace.defaultProfile,
            severities,
            ruleOptions: {},
            locale,
            today,
            host: { ...(store ? { register: store.lookup, calendar: store.calendarLookup } : {}), ...(this.spelling ? { spelling: this.spelling } : {}) },
          };
    // The editor's threshold counts where `ratsfeder.yaml` sets none.
    const threshold = editor.register?.['Ähnlichkeitsschwelle'];
    const options =
      typeof threshold === 'number' && threshold >= 0 && threshold <= 1 && checkOptions.ruleOptions?.similarityThreshold === undefined
        ? { ...checkOptions, ruleOptions: { ...checkOptions.ruleOptions, similarityThreshold: threshold } }
        : checkOptions;
    return { ...options, surface: this.capabilities.editorCommands ? 'editor' : 'cli', configProblems: project?.problems ?? [], ...(store ? { register: store.lookup } : {}) };
  }

  /** The project of a file, or of the folder a `ratsfeder.yaml` URI names. */
  projectOf(uri: string): Project | undefined {
    const file = filePath(uri);
    return file ? this.projects.of(file) : undefined;
  }

  /**
   * The OParl System URL for a resource and where it was set (`Project.oparlSystem`), with the
   * editor setting `ratsfeder.register.ratsinformationssystem` between the file and the profile. In an
   * untrusted workspace the editor keeps a workspace's own value of the setting out.
   */
  async oparlSystemFrom(uri: string, trusted: boolean): Promise<{ url: string; from: OparlSource } | undefined> {
    await this.editorDefaults();
    const register = (await this.editorSettings(uri)).register;
    const editor = isHttpUrl(register?.ratsinformationssystem) ? register.ratsinformationssystem : register?.oparl;
    const project = this.projectOf(uri);
    const chosen = project ? project.oparlSystem({ trusted, editor }) : isHttpUrl(editor) ? { url: editor, from: 'editor' as const } : undefined;
    return chosen && isHttpUrl(chosen.url) ? chosen : undefined;
  }

  /**
   * The letterhead the editor's setting `ratsfeder.export.briefkopf` names, as an absolute path
   * (relative: to `folder`), for drafts whose `ratsfeder.yaml` names none.
   */
  async letterheadFrom(uri: string, folder: string): Promise<string | undefined> {
    const name = (await this.editorSettings(uri)).export?.briefkopf;
    return typeof name === 'string' && name.trim() !== '' ? path.resolve(folder, name.trim()) : undefined;
  }

  /** The editor's `ratsfeder.*` settings for a document, or the workspace's without one. */
  private async editorSettings(uri: string | undefined): Promise<EditorSettings> {
    if (!this.capabilities.configuration) return {};
    try {
      const value: unknown = await this.connection.workspace.getConfiguration(uri === undefined ? { section: 'ratsfeder' } : { scopeUri: uri, section: 'ratsfeder' });
      return value && typeof value === 'object' ? (value as EditorSettings) : {};
    } catch {
      return {};
    }
  }
}

export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function readLocale(value: unknown): Locale | undefined {
  return value === 'de' || value === 'en' ? value : undefined;
}

/** Editor settings are not validated by a schema on the way in: keep what is valid, drop the rest. */
function readSeverities(value: unknown): Record<string, SeveritySetting> {
  const result: Record<string, SeveritySetting> = {};
  if (!value || typeof value !== 'object') return result;
  for (const [id, name] of Object.entries(value)) {
    // Unknown rules and severity names are dropped; the rule keeps its default.
    if (RULE_IDS.includes(id) && isSeverityName(name)) result[id] = severityOf(name);
  }
  return result;
}
