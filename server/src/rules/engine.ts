import type { Draft } from '../analysis/model.js';
import { compileProfile } from '../analysis/compiled-profile.js';
import type { Profile } from '../profile/types.js';
import { RULES, ruleUrl } from './registry.js';
import type { AnalysisHost, Finding, Fix, Report, Rule, RuleContext, RuleOptions, Severity } from './types.js';
import type { Locale, MessageData } from '../base/locale.js';
import { suppressed } from './util.js';

export type SeveritySetting = Severity | 'off';

/** Findings at the same place are listed in registry order. */
const ORDER = new Map(RULES.map((rule, index) => [rule.id, index]));

export interface LintOptions {
  readonly profile: Profile;
  /** Per-rule overrides of the default severity. */
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  readonly locale?: Locale;
  /** `YYYY-MM-DD`. */
  readonly today: string;
  readonly host?: AnalysisHost;
  readonly ruleOptions?: RuleOptions;
  /**
   * Where the findings are read: in the editor a message names the editor's command, on the
   * command line the CLI's (messages see it as `editor` in their data).
   */
  readonly surface?: 'editor' | 'cli';
}

export interface LintResult {
  readonly findings: readonly Finding[];
  /** Rules that threw: our bugs, reported apart from the user's findings. */
  readonly failures: readonly { readonly ruleId: string; readonly message: string }[];
}

/** Runs every enabled rule over a draft. Files that are not drafts get no findings. */
export function lint(draft: Draft, options: LintOptions): LintResult {
  if (draft.skip !== undefined) return { findings: [], failures: [] };
  const locale = options.locale ?? 'de';
  const compiled = compileProfile(options.profile);
  const findings: Finding[] = [];
  const failures: { ruleId: string; message: string }[] = [];

  for (const rule of RULES) {
    const severity = options.severities?.[rule.id] ?? rule.severity;
    if (severity === 'off') continue;
    const context: RuleContext<string> = {
      draft,
      profile: options.profile,
      compiled,
      type: draft.type,
      today: options.today,
      host: options.host ?? {},
      options: options.ruleOptions ?? {},
      report: (report) => {
        if (suppressed(draft, rule.id, report.span)) return;
        findings.push(toFinding(draft, rule, severity, locale, options.surface === 'editor', report));
      },
    };
    try {
      rule.check(context);
    } catch (error) {
      failures.push({ ruleId: rule.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  findings.sort((a, b) => a.from - b.from || a.to - b.to || ORDER.get(a.ruleId)! - ORDER.get(b.ruleId)!);
  return { findings, failures };
}

function toFinding(draft: Draft, rule: Rule, severity: Severity, locale: Locale, editor: boolean, report: Report<string>): Finding {
  const text = (message: string, data: MessageData | undefined) => {
    const format = rule.messages[locale][message] ?? rule.messages.de[message];
    return format ? format({ ...data, editor: editor ? 1 : 0 }) : message;
  };
  const fixes: Fix[] = (report.fixes ?? []).map((fix) => ({ title: text(fix.message, fix.data), edits: fix.edits }));
  return {
    ruleId: rule.id,
    severity: report.notice ? 'info' : severity,
    message: text(report.message, report.data),
    from: report.span.from,
    to: report.span.to,
    start: draft.lines.point(report.span.from),
    end: draft.lines.point(report.span.to),
    url: ruleUrl(rule.id),
    fixes,
  };
}
