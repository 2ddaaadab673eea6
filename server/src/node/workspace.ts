import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONFIG_FILE, parseConfig, ruleOptions, severities, type Config } from '../config/config.js';
import type { Problem } from '../base/validate.js';
import { BUILTIN_PROFILES, DEFAULT_PROFILE, parseProfile } from '../profile/load.js';
import type { Profile } from '../profile/types.js';
import type { SeveritySetting } from '../rules/engine.js';
import type { AnalysisHost, RuleOptions } from '../rules/types.js';
import { render, type Locale } from '../base/locale.js';
import { CONFIG_MESSAGES } from '../config/messages.js';
import { ignoreMatcher } from './ignore.js';

/** What applies to one draft: its profile, severities and language, from the nearest `ratsfeder.yaml`. */
export interface Settings {
  /** The config file that applies, if any. */
  readonly configFile: string | undefined;
  readonly config: Config | undefined;
  readonly profile: Profile;
  readonly severities: Readonly<Record<string, SeveritySetting>>;
  readonly locale: Locale | undefined;
  /** Settings of single rules (`aehnlichkeit:`). */
  readonly ruleOptions: RuleOptions;
  /** Problems with the config or profile file. When there are any, defaults apply instead. */
  readonly problems: readonly Problem[];
  /** Whether this config's `ignorieren:` leaves out a file (an absolute path); none: nothing is. */
  readonly ignores?: (file: string) => boolean;
}

/**
 * Reads `ratsfeder.yaml` files and profiles from disk. One instance caches per directory, so
 * checking a thousand drafts reads each config once; `invalidate()` forgets everything
 * (the language server calls it when a config file changes).
 */
export class Workspace {
  private readonly configs = new Map<string, string | undefined>();
  private readonly settings = new Map<string, Settings>();

  constructor(private readonly options: { readonly locale?: Locale } = {}) {}

  invalidate(): void {
    this.configs.clear();
    this.settings.clear();
  }

  /**
   * Settings for a draft at `file` (an absolute path): those of the nearest `ratsfeder.yaml`
   * that does not leave the file out with `ignorieren:`; a file a project leaves out is no
   * part of it, as if that file were not there.
   */
  settingsFor(file: string): Settings {
    let configFile = this.findConfig(path.dirname(file));
    while (configFile && this.settingsFromFile(configFile).ignores?.(file)) {
      const folder = path.dirname(configFile);
      const parent = path.dirname(folder);
      configFile = parent === folder ? undefined : this.findConfig(parent);
    }
    const key = configFile ?? '';
    let settings = this.settings.get(key);
    if (!settings) {
      settings = this.load(configFile);
      this.settings.set(key, settings);
    }
    return settings;
  }

  /** Settings from an explicit config file (the CLI's `--config`). */
  settingsFromFile(configFile: string): Settings {
    const key = path.resolve(configFile);
    let settings = this.settings.get(key);
    if (!settings) {
      settings = this.load(key);
      this.settings.set(key, settings);
    }
    return settings;
  }

  /**
   * Whether `ignorieren:` leaves out `file`: that of the nearest `ratsfeder.yaml` or of any
   * above it, as a `.gitignore` above a folder counts for it too (what `ratsfeder check` of a
   * folder leaves out).
   */
  ignored(file: string): boolean {
    let dir = path.dirname(path.resolve(file));
    for (;;) {
      const configFile = this.findConfig(dir);
      if (!configFile) return false;
      if (this.settingsFromFile(configFile).ignores?.(file)) return true;
      const folder = path.dirname(configFile);
      const parent = path.dirname(folder);
      if (parent === folder) return false;
      dir = parent;
    }
  }

  private findConfig(dir: string): string | undefined {
    const visited: string[] = [];
    let current = path.resolve(dir);
    let found: string | undefined;
    for (;;) {
      if (this.configs.has(current)) {
        found = this.configs.get(current);
        break;
      }
      visited.push(current);
      const candidate = path.join(current, CONFIG_FILE);
      if (isFile(candidate)) {
        found = candidate;
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    for (const dir of visited) this.configs.set(dir, found);
    return found;
  }

  private load(configFile: string | undefined): Settings {
    const defaults = { configFile, profile: DEFAULT_PROFILE, severities: {}, locale: undefined, ruleOptions: {} };
    if (!configFile) return { ...defaults, config: undefined, problems: [] };
    const text = readText(configFile);
    if (text === undefined) {
      return { ...defaults, config: undefined, problems: [{ file: configFile, line: 1, column: 1, message: this.problemText('unreadable') }] };
    }
    const parsed = parseConfig(text, configFile, this.options.locale);
    if (!parsed.value) return { ...defaults, config: undefined, problems: parsed.problems };
    const config = parsed.value;
    const profile = this.profile(config.profil, configFile);
    if ('problems' in profile) return { ...defaults, config: undefined, problems: profile.problems };
    const unknown = unknownDeadlineTypes(profile.value, config.fristen);
    if (unknown.length > 0) {
      const known = profile.value.types.map((type) => type.name).join('\n');
      const problems = unknown.map((name) => ({ file: configFile, ...keyPosition(text, name), message: this.problemText('unknown-deadline-type', { name, known }) }));
      return { ...defaults, config: undefined, problems };
    }
    return {
      configFile,
      config,
      profile: withDeadlines(profile.value, config.fristen),
      severities: severities(config),
      locale: config.sprache,
      ruleOptions: ruleOptions(config),
      problems: [],
      ...(config.ignorieren ? { ignores: ignoreMatcher(path.dirname(configFile), config.ignorieren) } : {}),
    };
  }

  private profile(name: string | undefined, configFile: string): { value: Profile } | { problems: readonly Problem[] } {
    if (name === undefined) return { value: DEFAULT_PROFILE };
    const builtin = BUILTIN_PROFILES[name.toLowerCase()];
    if (builtin) return { value: builtin };
    const file = path.resolve(path.dirname(configFile), name);
    const text = readText(file);
    if (text === undefined) {
      const message = this.problemText('profile-not-found', { name, builtin: Object.keys(BUILTIN_PROFILES).join(', '), file });
      return { problems: [{ file: configFile, line: 1, column: 1, message }] };
    }
    const parsed = parseProfile(text, file, this.options.locale);
    return parsed.value ? { value: parsed.value } : { problems: parsed.problems };
  }

  /** A problem's text in the workspace's language (German unless told otherwise). */
  private problemText(kind: keyof typeof CONFIG_MESSAGES.de, data: Readonly<Record<string, string>> = {}): string {
    return render(CONFIG_MESSAGES, this.options.locale ?? 'de', kind, data);
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Link targets resolved against the draft's folder on disk. */
export function diskHost(draftFile: string): AnalysisHost {
  const dir = path.dirname(draftFile);
  return {
    // A link starting with `/` is relative to a site or repository root we do not know.
    linkTargetExists: (target) => (target.startsWith('/') ? undefined : existsSync(path.resolve(dir, target))),
    documentUri: pathToFileURL(draftFile).href,
  };
}

/** The names a type goes by in `fristen:` (its name and aliases, without case). */
const typeNames = (type: Profile['types'][number]) => [type.name, ...(type.aliases ?? [])].map((name) => name.toLowerCase());

/** The profile with the deadlines of `fristen:` in ratsfeder.yaml in place of its own. */
function withDeadlines(profile: Profile, fristen: Config['fristen']): Profile {
  if (!fristen) return profile;
  const own = new Map(Object.entries(fristen).map(([name, spec]) => [name.toLowerCase(), spec]));
  return {
    ...profile,
    types: profile.types.map((type) => {
      const spec = typeNames(type).map((name) => own.get(name)).find(Boolean);
      return spec ? { ...type, frist: spec } : type;
    }),
  };
}

/** Keys of `fristen:` that name no type of the profile: a typo would silently keep the profile's deadline. */
function unknownDeadlineTypes(profile: Profile, fristen: Config['fristen']): string[] {
  const known = new Set(profile.types.flatMap(typeNames));
  return Object.keys(fristen ?? {}).filter((name) => !known.has(name.toLowerCase()));
}

/** Where a key stands in a YAML text (its first occurrence), for a problem's position. */
function keyPosition(text: string, key: string): { line: number; column: number } {
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const column = lines[index]!.indexOf(`${key}:`);
    if (column >= 0) return { line: index + 1, column: column + 1 };
  }
  return { line: 1, column: 1 };
}
