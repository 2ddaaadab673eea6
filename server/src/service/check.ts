import { analyse } from '../analysis/analyse.js';
import type { Draft, Parsed } from '../analysis/model.js';
import type { Profile } from '../profile/types.js';
import { lint, type LintResult, type SeveritySetting } from '../rules/engine.js';
import type { AnalysisHost, RuleOptions } from '../rules/types.js';
import type { Locale } from '../base/locale.js';

/** Everything that decides a draft's findings besides its text. */
export interface CheckOptions {
  readonly profile: Profile;
  readonly severities: Readonly<Record<string, SeveritySetting>>;
  readonly locale: Locale;
  /** `YYYY-MM-DD`. */
  readonly today: string;
  readonly host: AnalysisHost;
  /** Settings of single rules (`aehnlichkeit:` in ratsfeder.yaml). */
  readonly ruleOptions?: RuleOptions;
  /** Where the findings are read (`LintOptions.surface`); default the command line. */
  readonly surface?: 'editor' | 'cli';
}

export interface Checked extends LintResult {
  readonly draft: Draft;
}

/**
 * Analyses a text and runs the rules: the one pipeline behind the CLI and the language server.
 * `parsed`: its Markdown parse, done on another thread (`node/parse-thread.ts`).
 */
export function checkText(text: string, options: CheckOptions, parsed?: Parsed): Checked {
  const draft = analyse(text, options.profile, parsed);
  return { draft, ...lint(draft, options) };
}

/** Today's date in the local time zone, as `YYYY-MM-DD`. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
