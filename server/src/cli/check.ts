import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../config/validate.js';
import { diskHost, Workspace, type Settings } from '../node/workspace.js';
import { RULES } from '../rules/registry.js';
import type { Finding, Locale } from '../rules/types.js';
import { checkText } from '../service/check.js';
import { expandInputs } from './files.js';
import { texts } from './messages.js';
import { formatSarif } from './sarif.js';

export interface CheckArgs {
  readonly paths: readonly string[];
  readonly format: 'text' | 'json' | 'sarif';
  /** From `--lang`; otherwise the config's `sprache`, otherwise German. */
  readonly lang: Locale | undefined;
  readonly config: string | undefined;
  readonly today: string;
  readonly cwd: string;
}

export interface FileResult {
  /** Relative to the working directory, with `/` separators. */
  readonly file: string;
  readonly skipped?: string;
  readonly findings: readonly Finding[];
}

export interface Output {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: 0 | 1 | 2;
}

export async function runCheck(args: CheckArgs): Promise<Output> {
  const base = texts(args.lang ?? 'de');
  const workspace = new Workspace(args.lang ? { locale: args.lang } : {});
  const { inputs, unmatched } = await expandInputs(args.paths, args.cwd);
  if (unmatched.length > 0 && inputs.length === 0) {
    return { stdout: '', stderr: unmatched.map((pattern) => `ratsfeder: ${base.noMatch(pattern)}\n`).join(''), code: 2 };
  }

  const results: FileResult[] = [];
  const stderr: string[] = unmatched.map((pattern) => `ratsfeder: ${base.noMatch(pattern)}\n`);
  const problems = new Map<string, readonly Problem[]>();
  let internal = false;
  let locale: Locale = args.lang ?? 'de';

  for (const input of inputs) {
    const settings: Settings = args.config ? workspace.settingsFromFile(args.config) : workspace.settingsFor(input.file);
    if (settings.problems.length > 0) {
      problems.set(settings.configFile ?? '', settings.problems);
      continue;
    }
    locale = args.lang ?? settings.locale ?? 'de';
    const say = texts(locale);
    const relative = display(input.file, args.cwd);
    let text: string;
    try {
      text = stripBom(readFileSync(input.file, 'utf8'));
    } catch (error) {
      stderr.push(`${relative}: ${say.skipped.unreadable} (${(error as NodeJS.ErrnoException).code ?? String(error)})\n`);
      internal = true;
      continue;
    }
    const checked = checkText(text, {
      profile: settings.profile,
      severities: settings.severities,
      locale,
      today: args.today,
      host: diskHost(input.file),
    });
    for (const failure of checked.failures) {
      stderr.push(`${relative}: ${say.internal(failure.ruleId, failure.message)}\n`);
      internal = true;
    }
    const skip = checked.draft.skip;
    if (skip !== undefined) {
      // Quietly skip the README next to the drafts; say so when a skip is worth knowing.
      if (input.explicit || skip === 'too-large' || skip === 'too-deep' || skip === 'binary') stderr.push(`${relative}: ${say.skipped[skip]}\n`);
      results.push({ file: relative, skipped: skip, findings: [] });
      continue;
    }
    results.push({ file: relative, findings: checked.findings });
  }

  if (problems.size > 0) {
    const say = texts(args.lang ?? 'de');
    const lines = [`ratsfeder: ${say.configProblems}\n`];
    for (const list of problems.values()) {
      for (const problem of list) lines.push(`${display(problem.file, args.cwd)}:${problem.line}:${problem.column}: ${problem.message}\n`);
    }
    return { stdout: '', stderr: lines.join(''), code: 2 };
  }

  const errors = results.some((result) => result.findings.some((finding) => finding.severity === 'error'));
  const stdout =
    args.format === 'json' ? formatJson(results) : args.format === 'sarif' ? formatSarif(results, RULES, locale) : formatText(results, locale);
  return { stdout, stderr: stderr.join(''), code: internal ? 2 : errors ? 1 : 0 };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function display(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}

function formatText(results: readonly FileResult[], locale: Locale): string {
  const say = texts(locale);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let withFindings = 0;
  let drafts = 0;
  let skipped = 0;
  for (const result of results) {
    if (result.skipped) {
      skipped++;
      continue;
    }
    drafts++;
    if (result.findings.length > 0) withFindings++;
    for (const finding of result.findings) {
      if (finding.severity === 'error') errors++;
      else if (finding.severity === 'warning') warnings++;
      else infos++;
      lines.push(`${result.file}:${finding.start.line}:${finding.start.column}  ${say.severity[finding.severity]}  ${finding.ruleId}  ${finding.message}`);
    }
  }
  if (lines.length > 0) lines.push('');
  lines.push(errors + warnings + infos === 0 ? say.summaryClean(drafts) : say.summary(errors, warnings, infos, withFindings, drafts));
  if (skipped > 0) lines.push(say.skippedCount(skipped));
  return `${lines.join('\n')}\n`;
}

function formatJson(results: readonly FileResult[]): string {
  const files = results.map((result) => ({
    file: result.file,
    ...(result.skipped ? { skipped: result.skipped } : {}),
    findings: result.findings.map((finding) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      line: finding.start.line,
      column: finding.start.column,
      endLine: finding.end.line,
      endColumn: finding.end.column,
      url: finding.url,
      fixes: finding.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((edit) => ({ from: edit.from, to: edit.to, text: edit.text })) })),
    })),
  }));
  return `${JSON.stringify({ version: 1, files }, null, 2)}\n`;
}
