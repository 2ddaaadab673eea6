import { existsSync, statSync } from 'node:fs';
import { MAX_CONFIG_BYTES, readRegularText, type ReadProblem } from './read-file.js';
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
  /** The profile of drafts whose `ratsfeder.yaml` names none, or that have none. */
  defaultProfile: Profile = DEFAULT_PROFILE;

  constructor(private readonly options: { readonly locale?: Locale } = {}) {}

  invalidate(): void {
    this.configs.clear();
    this.settings.clear();
  }

  /** The editor chose another council (`ratsfeder.profil`); a `ratsfeder.yaml` that names one still wins. Returns whether it changed. */
  setDefaultProfile(profile: Profile): boolean {
    if (profile === this.defaultProfile) return false;
    this.defaultProfile = profile;
    this.invalidate();
    return true;
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
    const defaults = { configFile, profile: this.defaultProfile, severities: {}, locale: undefined, ruleOptions: {} };
    if (!configFile) return { ...defaults, config: undefined, problems: [] };
    try {
      return this.loadFile(configFile, defaults);
    } catch (error) {
      // Our bug, not the user's: still the defaults and one problem, never an exception on every request.
      const message = this.problemText('failed', { detail: error instanceof Error ? error.message : String(error) });
      return { ...defaults, config: undefined, problems: [{ file: configFile, line: 1, column: 1, message }] };
    }
  }

  private loadFile(configFile: string, defaults: Omit<Settings, 'config' | 'problems'>): Settings {
    const read = readRegularText(configFile, MAX_CONFIG_BYTES);
    if (!('text' in read)) {
      return { ...defaults, config: undefined, problems: [{ file: configFile, line: 1, column: 1, message: this.readProblemText(read) }] };
    }
    const text = read.text;
    const parsed = parseConfig(text, configFile, this.options.locale);
    if (!parsed.value) return { ...defaults, config: undefined, problems: parsed.problems };
    const config = parsed.value;
    const profile = this.profile(config.profil, configFile, text);
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

  private profile(name: string | undefined, configFile: string, configText: string): { value: Profile } | { problems: readonly Problem[] } {
    if (name === undefined) return { value: this.defaultProfile };
    // An own property only: `profil: constructor` names no built-in profile.
    const key = name.toLowerCase();
    if (Object.hasOwn(BUILTIN_PROFILES, key)) return { value: BUILTIN_PROFILES[key]! };
    const file = path.resolve(path.dirname(configFile), name);
    // The problems of the file it names are said where `profil:` stands.
    const at = { file: configFile, ...keyPosition(configText, 'profil') };
    const read = readRegularText(file, MAX_CONFIG_BYTES);
    if (!('text' in read)) {
      const message =
        read.problem === 'missing' ? this.problemText('profile-not-found', { name, builtin: Object.keys(BUILTIN_PROFILES).join(', '), file }) : `${file}: ${this.readProblemText(read)}`;
      return { problems: [{ ...at, message }] };
    }
    // A file that is no profile at all (a typo, or `/etc/passwd`) is said to be none, and
    // nothing of it is quoted: what it holds is not the workspace's to show.
    if (!looksLikeProfile(read.text)) return { problems: [{ ...at, message: this.problemText('not-a-profile', { file }) }] };
    const parsed = parseProfile(read.text, file, this.options.locale);
    return parsed.value ? { value: parsed.value } : { problems: parsed.problems };
  }

  /** A problem's text in the workspace's language (German unless told otherwise). */
  private problemText(kind: keyof typeof CONFIG_MESSAGES.de, data: Readonly<Record<string, string | number>> = {}): string {
    return render(CONFIG_MESSAGES, this.options.locale ?? 'de', kind, data);
  }

  /** Why a config or profile file was not read. */
  private readProblemText(read: ReadProblem): string {
    switch (read.problem) {
      case 'missing':
        return this.problemText('missing');
      case 'not-a-file':
        return this.problemText('not-a-file');
      case 'too-large':
        return this.problemText('too-large', { limit: read.limit });
      default:
        return this.problemText('unreadable', { code: read.code, detail: read.detail });
    }
  }
}

/**
 * Whether a file is meant as a profile: it has a `types:` key at the top level. Checked on the
 * text, so that a file that is none is refused before its YAML is read.
 */
function looksLikeProfile(text: string): boolean {
  return /^types[ \t]*:/m.test(text);
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
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
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    const column = lines[index]!.indexOf(`${key}:`);
    if (column >= 0) return { line: index + 1, column: column + 1 };
  }
  return { line: 1, column: 1 };
}
