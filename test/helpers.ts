import { DirectSpeller } from '../server/src/node/speller.js';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { diskHost } from '../server/src/node/workspace.js';
import { REGISTER_FILE, RegisterStore } from '../server/src/node/register-store.js';
import { compileProfile } from '../server/src/analysis/compiled-profile.js';
import type { CalendarLookup } from '../server/src/register/calendar.js';
import type { RegisterLookup } from '../server/src/register/types.js';
import { DEFAULT_PROFILE } from '../server/src/profile/load.js';
import type { Profile } from '../server/src/profile/types.js';
import type { SeveritySetting } from '../server/src/rules/engine.js';
import type { Edit, Finding } from '../server/src/rules/types.js';
import type { Locale } from '../server/src/base/locale.js';
import { checkText, type Checked } from '../server/src/service/check.js';

export const ROOT = path.join(import.meta.dirname, '..');
/** The reference date of every test, so that "in the past" never changes under a test. */
export const TODAY = '2025-06-01';

const run = promisify(execFile);

/**
 * The built CLI (`bin/ratsfeder.js`) in a child process, asynchronously: a test's HTTP server
 * in this process must keep answering while it runs. Never throws; a failure is its exit code.
 */
export async function ratsfederAsync(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'bin', 'ratsfeder.js'), ...args], { cwd, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/**
 * A draft whose parse micromark takes minutes for, which the estimate before the parse
 * (`parse-cost.ts`) does not refuse: lines that start with `2)` cannot interrupt a paragraph
 * (an ordered list does so only from 1), so after the one line of text all of them continue one
 * paragraph, and each `](` looks back through all of it; the estimate takes each list marker for
 * the end of a paragraph. 256 KB: the parse time grows about fourfold per doubling (1.4 s at
 * 32 KB, 6 s at 64 KB, 29 s at 128 KB on a busy two-core machine).
 */
export const SLOW_DRAFT = `---\nart: Antrag\ntitel: T\neinreicher: F\n---\n\n## Beschlussvorschlag\n\nAbsatz\n${`2) ${']('.repeat(30)}\n`.repeat(4096)}`;

export interface CheckOptions {
  readonly profile?: Profile;
  readonly locale?: Locale;
  readonly severities?: Record<string, SeveritySetting>;
  /** Where the text lives, for link checks. */
  readonly file?: string;
  readonly today?: string;
}

/** The one helper behind most tests: text in, findings out. */
export function check(text: string, options: CheckOptions = {}): Checked {
  const profile = options.profile ?? DEFAULT_PROFILE;
  const { register, calendar } = options.file ? folderRegister(path.dirname(options.file), profile) : {};
  return checkText(text, {
    profile,
    severities: options.severities ?? {},
    locale: options.locale ?? 'de',
    today: options.today ?? TODAY,
    host: { ...(options.file ? diskHost(options.file) : {}), ...(register ? { register } : {}), ...(calendar ? { calendar } : {}), spelling: speller },
  });
}

/** The German dictionary, as the command line has it: loaded once per test file that checks. */
export const speller = await DirectSpeller.load();

/**
 * The register files (`*.register.csv|json`) beside a fixture, as the CLI would find them, and
 * an OParl cache (`oparl-register.json`) there with its meeting calendar.
 */
function folderRegister(dir: string, profile: Profile): { register?: RegisterLookup; calendar?: CalendarLookup } {
  const files = readdirSync(dir).filter((name) => REGISTER_FILE.test(name));
  const cache = path.join(dir, 'oparl-register.json');
  if (files.length === 0 && !existsSync(cache)) return {};
  const store = new RegisterStore(compileProfile(profile));
  if (existsSync(cache)) store.loadCache(cache);
  store.addRegisterFiles(files, dir);
  return { register: store.lookup, calendar: store.calendarLookup };
}

export function ids(findings: readonly Finding[]): string[] {
  return findings.map((finding) => finding.ruleId);
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.from - a.from)) result = result.slice(0, edit.from) + edit.text + result.slice(edit.to);
  return result;
}

/** One line per finding: where, how bad, what it says, what its fixes are called. */
export function describeFindings(findings: readonly Finding[]): string {
  return findings
    .map((finding) => {
      const head = `${finding.start.line}:${finding.start.column}-${finding.end.line}:${finding.end.column} ${finding.severity} ${finding.ruleId}: ${finding.message}`;
      return [head, ...finding.fixes.map((fix) => `  fix: ${fix.title}`)].join('\n');
    })
    .join('\n');
}

/**
 * Compares `actual` with a golden test fixture (a rule's findings, an export's document model).
 * `UPDATE_GOLDEN=1 npm test` (`npm run test:update`) rewrites these fixtures and only these;
 * they are never edited by hand. Files that ship (manifest, schema) are written by
 * `npm run generate`, never by a test.
 */
export function expectGolden(file: string, actual: string): void {
  const content = actual.endsWith('\n') || actual === '' ? actual : `${actual}\n`;
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
    if (!process.env.UPDATE_GOLDEN && process.env.CI) throw new Error(`golden file missing: ${file} (run UPDATE_GOLDEN=1 npm test)`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    return;
  }
  expect(content, `golden file ${path.relative(ROOT, file)} (UPDATE_GOLDEN=1 to refresh)`).toBe(readFileSync(file, 'utf8'));
}
