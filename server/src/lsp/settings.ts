import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { isSeverityName, severityOf } from '../config/config.js';
import { diskHost, Workspace } from '../node/workspace.js';
import { BUILTIN_PROFILES, DEFAULT_PROFILE } from '../profile/load.js';
import type { SeveritySetting } from '../rules/engine.js';
import { RULE_IDS } from '../rules/registry.js';
import type { Locale } from '../base/locale.js';
import { localToday } from '../service/check.js';
import type { ResolvedOptions } from '../service/service.js';
import type { CalendarLookup } from '../register/calendar.js';
import { isHttpUrl, type RegisterAccess } from '../register/types.js';

/** The editor's `ratsfeder.*` settings as the client sends them (unchecked input). */
interface EditorSettings {
  readonly sprache?: unknown;
  readonly regeln?: unknown;
  readonly register?: { readonly oparl?: unknown };
}

/**
 * The only place the server reads settings. Per resource: the editor's settings for that
 * document, overridden by the `ratsfeder.yaml` that applies to it (the file wins, so that the
 * editor and the CLI agree). Results are cached per document and dropped on any change.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<ResolvedOptions>>();
  readonly workspace: Workspace;

  constructor(
    private readonly connection: Connection,
    private readonly capabilities: { readonly configuration: boolean; readonly locale: Locale },
    /** The workspace's register and meeting calendar, once they are loaded. */
    private readonly register: () => { readonly lookup: RegisterAccess; readonly calendar: CalendarLookup } | undefined,
  ) {
    this.workspace = new Workspace({ locale: capabilities.locale });
  }

  /** Forget everything: editor settings or a config file changed. */
  clear(): void {
    this.cache.clear();
    this.workspace.invalidate();
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
    const editor = await this.editorSettings(uri);
    const file = filePath(uri);
    const fromFile = file ? this.workspace.settingsFor(file) : undefined;
    const locale: Locale = fromFile?.locale ?? readLocale(editor.sprache) ?? this.capabilities.locale;
    const severities: Record<string, SeveritySetting> = { ...readSeverities(editor.regeln), ...fromFile?.severities };
    const loaded = this.register();
    const register = loaded?.lookup;
    const calendar = loaded?.calendar;
    return {
      profile: fromFile?.profile ?? DEFAULT_PROFILE,
      severities,
      locale,
      today: localToday(),
      host: { ...(file ? diskHost(file) : {}), ...(register ? { register } : {}), ...(calendar ? { calendar } : {}) },
      configProblems: fromFile?.problems ?? [],
      ruleOptions: fromFile?.ruleOptions ?? {},
      ...(register ? { register } : {}),
    };
  }

  /**
   * The OParl System URL for a resource: `register.oparl` in `ratsfeder.yaml`, else the
   * editor setting `ratsfeder.register.oparl`, else the profile's `oparl.system`. Only
   * http(s) URLs count. In an untrusted workspace the file is not asked: the workspace may not
   * pick the address fetched from (the editor keeps a workspace's own value of the setting
   * out, too); of the profiles, only a built-in one's address is then used.
   */
  async oparlSystem(uri: string, trusted: boolean): Promise<string | undefined> {
    return (await this.oparlSystemFrom(uri, trusted))?.url;
  }

  /** The OParl System URL and where it was set. */
  async oparlSystemFrom(uri: string, trusted: boolean): Promise<{ url: string; from: 'config' | 'editor' | 'profile' } | undefined> {
    const file = filePath(uri);
    const settings = file ? this.workspace.settingsFor(file) : undefined;
    const fromFile = trusted ? settings?.config?.register?.oparl : undefined;
    if (fromFile) return { url: fromFile, from: 'config' };
    const editor = (await this.editorSettings(uri)).register?.oparl;
    if (isHttpUrl(editor)) return { url: editor, from: 'editor' };
    const profile = settings?.profile ?? DEFAULT_PROFILE;
    const fromProfile = trusted ? profile.oparl?.system : BUILTIN_PROFILES[profile.id]?.oparl?.system;
    return isHttpUrl(fromProfile) ? { url: fromProfile, from: 'profile' } : undefined;
  }

  private async editorSettings(uri: string): Promise<EditorSettings> {
    if (!this.capabilities.configuration) return {};
    try {
      const value: unknown = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'ratsfeder' });
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
