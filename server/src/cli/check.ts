import { MAX_DRAFT_BYTES, readRegularText } from '../node/read-file.js';
import { jsonText, visible } from './terminal.js';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import type { Problem } from '../base/validate.js';
import { Projects, type Project } from '../node/project.js';
import type { RegisterStore } from '../node/register-store.js';
import { RULES } from '../rules/registry.js';
import type { SpellingLookup } from '../rules/types.js';
import { DirectSpeller } from '../node/speller.js';
import type { Locale } from '../base/locale.js';
import { checkText } from '../service/check.js';
import { markdownToParse } from '../analysis/analyse.js';
import type { Parsed } from '../analysis/model.js';
import { parseWhole } from '../analysis/parse.js';
import { ParseThread, THREAD_FROM_CHARS } from '../node/parse-thread.js';
import { expandInputs, type Input } from './files.js';
import { FILES_PER_WORKER } from './limits.js';
import { texts } from './messages.js';
import { formatSarif, type FileResult } from './sarif.js';
import { registerProblemLines } from './register-problems.js';

export interface CheckArgs {
  readonly paths: readonly string[];
  readonly format: 'text' | 'json' | 'sarif';
  /** From `--lang`; otherwise the config's `sprache`, otherwise German. */
  readonly lang: Locale | undefined;
  readonly config: string | undefined;
  readonly today: string;
  readonly cwd: string;
  /** The bundle to start check worker threads from; without it everything runs in this thread. */
  readonly workerScript?: string;
  /** Upper bound on threads (`--jobs`); default: one per core. */
  readonly jobs?: number;
  /** The spelling engine is loaded for few words (`QUICK_START_BYTES`), decided once for all the files; default: by the files at hand. */
  readonly quickStart?: boolean;
  /** The folder of the OParl caches (`--cache`); each project reads the cache of its System URL. */
  readonly cacheDir: string;
  /**
   * Where the register is gathered when no ratsfeder.yaml marks the project: the deepest
   * folder holding all checked files (set by `runCheck`, so that every thread agrees).
   */
  readonly fallbackRoot?: string;
}


export interface Output {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: 0 | 1 | 2;
}


/** One file's outcome, plain data so that it can cross a worker boundary. */
interface FileOutcome {
  readonly result?: FileResult;
  /** Lines for stderr, in order. */
  readonly notes: readonly string[];
  readonly problems?: { readonly file: string; readonly list: readonly Problem[] };
  readonly internal: boolean;
  readonly locale: Locale;
}

export async function runCheck(args: CheckArgs): Promise<Output> {
  const base = texts(args.lang ?? 'de');
  const projects = new Projects({ cacheDir: args.cacheDir, ...(args.config ? { config: args.config } : {}) });
  const { inputs, unmatched, allIgnored, missing } = await expandInputs(args.paths, args.cwd, (file) => projects.ignored(file));
  const noMatch = [...missing.map((name) => `ratsfeder: ${visible(base.missing(name))}\n`), ...unmatched.map((pattern) => `ratsfeder: ${visible(base.noMatch(pattern))}\n`), ...allIgnored.map((pattern) => `ratsfeder: ${visible(base.allIgnored(pattern))}\n`)];
  if ((unmatched.length > 0 || missing.length > 0) && inputs.length === 0) return { stdout: '', stderr: noMatch.join(''), code: 2 };

  const outcomes = await checkAll(inputs, { ...args, fallbackRoot: commonFolder(inputs.map((input) => input.file)) ?? args.cwd });
  const problems = new Map<string, readonly Problem[]>();
  for (const outcome of outcomes) if (outcome.problems) problems.set(outcome.problems.file, outcome.problems.list);
  if (problems.size > 0) {
    const lines = [`ratsfeder: ${base.configProblems}\n`];
    for (const list of problems.values()) {
      for (const problem of list) lines.push(`${visible(display(problem.file, args.cwd))}:${problem.line}:${problem.column}: ${visible(problem.message)}\n`);
    }
    return { stdout: '', stderr: lines.join(''), code: 2 };
  }

  const results = outcomes.flatMap((outcome) => (outcome.result ? [outcome.result] : []));
  const locale = args.lang ?? outcomes[outcomes.length - 1]?.locale ?? 'de';
  const internal = outcomes.some((outcome) => outcome.internal);
  const errors = results.some((result) => result.findings.some((finding) => finding.severity === 'error'));
  const stdout =
    args.format === 'json' ? formatJson(results) : args.format === 'sarif' ? formatSarif(results, RULES, locale) : formatText(results, locale);
  // Threads each say their register's problems: each line once.
  const stderr = [...new Set([...noMatch, ...outcomes.flatMap((outcome) => outcome.notes)])].join('');
  // A path that is not there, or a pattern that finds nothing, is a usage error (2), whatever
  // the other files hold: a typo must not pass a CI run.
  return { stdout, stderr, code: internal || missing.length > 0 || unmatched.length > 0 ? 2 : errors ? 1 : 0 };
}

/**
 * Checks the files in order. Many files are spread over worker threads (one per core), each
 * checking an interleaved share; the outcomes are put back in input order.
 */
async function checkAll(inputs: readonly Input[], given: CheckArgs): Promise<FileOutcome[]> {
  boundHeapGrowth();

  // V8's flags are the process's: every thread loads the engine the same way.
  const args = { ...given, quickStart: given.quickStart ?? sizeOf(inputs) < QUICK_START_BYTES };
  const threads = Math.min(args.jobs ?? availableParallelism(), Math.floor(inputs.length / FILES_PER_WORKER));
  const script = args.workerScript;
  if (threads < 2 || !script) return checkBatch(inputs, args);
  const shares = Array.from({ length: threads }, (_, share) => inputs.filter((_, index) => index % threads === share));
  const workers = shares.slice(1).map(
    (share) =>
      new Promise<FileOutcome[]>((resolve, reject) => {
        const worker = new Worker(script, { workerData: { ratsfederCheck: { inputs: share, args: { ...args, workerScript: undefined } } } });
        worker.once('message', resolve);
        worker.once('error', reject);
      }),
  );
  // The main thread checks the first share itself while the workers do theirs.
  const mine = await checkBatch(shares[0]!, args);
  const theirs = await Promise.all(workers);
  const all = [mine, ...theirs];
  return inputs.map((_, index) => all[index % threads]![Math.floor(index / threads)]!);
}

/**
 * A check of many drafts makes garbage at a high rate (a 5 KB draft's parse allocates about
 * 6 MB) while little survives (about 18 MB in all). V8 then lets the old generation grow to
 * four times what survived before collecting it again, and the peak RSS of a check of 1,000
 * drafts on one thread was 200 MiB for 18 MiB of live objects. A growth of at most 50 % is
 * read by V8 at every full collection, so it takes effect when set here, for every thread of
 * the process (the check threads, the parse thread), and it holds also where V8 would grow the
 * heap less: on one thread the peak fell to about 170 MiB at the same CPU time; a 400 KB draft
 * takes 5 % more CPU time for 20 % less memory (`bench/cli.mjs` measures the whole check).
 */
function boundHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=50');
}

/**
 * Up to this many bytes of drafts, the spelling engine's WebAssembly is compiled by V8's
 * baseline compiler only (`loadEngine`'s `quickStart`): a draft of a few KB asks a few thousand
 * words, and the optimising compiler would cost more than it saves. A long draft asks many more
 * (`ratsfeder check` of a 100 KB draft: 3.8 s with it, 5.8 s without).
 */
const QUICK_START_BYTES = 64 * 1024;

/** The files' sizes together, as far as they can be read (a file that cannot counts nothing). */
function sizeOf(inputs: readonly Input[]): number {
  let bytes = 0;
  for (const input of inputs) {
    try {
      bytes += statSync(input.file).size;
    } catch {
      // Said when the file is read.
    }
  }
  return bytes;
}

/** Checks files one after another. Also the body of a check worker thread. */
export async function checkBatch(inputs: readonly Input[], args: CheckArgs): Promise<FileOutcome[]> {
  const projects = new Projects({ cacheDir: args.cacheDir, ...(args.lang ? { locale: args.lang } : {}), ...(args.config ? { config: args.config } : {}) });
  const speller = new SpellerOnce(args.quickStart ?? sizeOf(inputs) < QUICK_START_BYTES);
  // Large drafts are parsed on a thread with a time budget: a draft whose parse takes too long is
  // skipped with a notice instead of holding up the check.
  const parser = typeof RATSFEDER_VERSION === 'string' ? ParseThread.beside(__dirname) : undefined;
  try {
    return await checkEach(inputs, args, projects, speller, parser);
  } finally {
    parser?.close();
  }
}

async function checkEach(inputs: readonly Input[], args: CheckArgs, projects: Projects, speller: SpellerOnce, parser: ParseThread | undefined): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  const said = new Set<RegisterStore>();
  for (const input of inputs) {
    // One register per project: the folder of the config file, else the checked files' folder.
    const project = projects.of(input.file, args.fallbackRoot ?? args.cwd);
    const store = project.problems.length === 0 ? await project.register('check') : undefined;
    const spelling = project.problems.length === 0 && project.spellingOn ? await speller.get() : undefined;
    let outcome = await checkFile(input, args, project, store, spelling, parser);
    if (speller.failure && !speller.told) {
      speller.told = true;
      outcome = { ...outcome, notes: [`ratsfeder: ${visible(texts(outcome.locale).noSpelling(speller.failure))}\n`, ...outcome.notes] };
    }
    // What the project's register files hold that is not understood, once, before its first file.
    if (store && !said.has(store)) {
      said.add(store);
      const problems = registerProblemLines(store, args.cwd, outcome.locale);
      outcomes.push(problems.length > 0 ? { ...outcome, notes: [...problems, ...outcome.notes] } : outcome);
    } else {
      outcomes.push(outcome);
    }
  }
  return outcomes;
}

/**
 * The tree of a draft that this check reads once: parsed whole. Left to `analyse`, the parse
 * would keep the draft's pieces for its next version, which is what an editor needs; here no
 * next version comes, and a draft that shares a paragraph with one checked before would be
 * parsed piece by piece, in many small parses (1,000 drafts: 5 to 11 % less CPU time whole).
 */
function parsedOnce(text: string): Parsed | undefined {
  const markdown = markdownToParse(text);
  return markdown === undefined ? undefined : { tree: parseWhole(markdown) };
}

/** The dictionary, loaded for the first file that wants it; where it cannot be loaded, why. */
class SpellerOnce {
  private loading: Promise<DirectSpeller | undefined> | undefined;
  failure: string | undefined;
  told = false;

  /** `quickStart`: the files to check are small (see `QUICK_START_BYTES`). */
  constructor(private readonly quickStart: boolean) {}

  get(): Promise<DirectSpeller | undefined> {
    this.loading ??= DirectSpeller.load({ quickStart: this.quickStart }).catch((error: unknown) => {
      this.failure = error instanceof Error ? error.message : String(error);
      return undefined;
    });
    return this.loading;
  }
}

async function checkFile(input: Input, args: CheckArgs, project: Project, store: RegisterStore | undefined, spelling: SpellingLookup | undefined, parser: ParseThread | undefined): Promise<FileOutcome> {
  const settings = project.settings;
  const locale: Locale = args.lang ?? settings.locale ?? 'de';
  if (settings.problems.length > 0) {
    return { notes: [], problems: { file: settings.configFile ?? '', list: settings.problems }, internal: false, locale };
  }
  const say = texts(locale);
  const relative = display(input.file, args.cwd);
  // Notes are text on the terminal, whatever the format.
  const shown = visible(relative);
  // A regular file of bounded size only: a FIFO would block, /dev/zero never end.
  const read = readRegularText(input.file, MAX_DRAFT_BYTES);
  if (!('text' in read)) {
    if (read.problem === 'not-a-file' || read.problem === 'too-large') return { notes: [`${shown}: ${say.skipped[read.problem]}\n`], internal: false, locale };
    return { notes: [`${shown}: ${say.skipped.unreadable} (${visible(read.problem === 'missing' ? 'ENOENT' : read.code || read.detail)})\n`], internal: true, locale };
  }
  const text = stripBom(read.text);
  const parsed = parser && text.length >= THREAD_FROM_CHARS ? await parser.parse(text) : parsedOnce(text);
  const checked = checkText(
    text,
    project.checkOptions(input.file, { locale, today: args.today, ...(store ? { store } : {}), ...(spelling ? { spelling } : {}) }),
    parsed === 'superseded' ? undefined : parsed,
  );
  const notes = checked.failures.map((failure) => `${shown}: ${visible(say.internal(failure.ruleId, failure.message))}\n`);
  const internal = checked.failures.length > 0;
  const skip = checked.draft.skip;
  if (skip !== undefined) {
    // Quietly skip the README next to the drafts; say so when a skip is worth knowing.
    const costly = checked.draft.costly;
    if (skip === 'too-slow') {
      const seconds = Math.round((checked.draft.stoppedAfterMs ?? 0) / 1000);
      notes.push(`${shown}${costly ? `:${costly.line + 1}` : ''}: ${visible(say.slow(seconds, costly))}\n`);
    } else if (costly) notes.push(`${shown}:${costly.line + 1}: ${visible(say.costly(costly))}\n`);
    else if (input.explicit || skip === 'too-large' || skip === 'too-deep' || skip === 'pathological' || skip === 'binary') notes.push(`${shown}: ${say.skipped[skip]}\n`);
    return { result: { file: relative, skipped: skip, findings: [] }, notes, internal, locale };
  }
  return { result: { file: relative, findings: checked.findings }, notes, internal, locale };
}

/** The deepest folder that contains all of `files`. */
function commonFolder(files: readonly string[]): string | undefined {
  if (files.length === 0) return undefined;
  let common = path.dirname(files[0]!);
  for (const file of files) {
    while (!`${path.dirname(file)}${path.sep}`.startsWith(`${common}${path.sep}`) && common !== path.dirname(common)) common = path.dirname(common);
  }
  return common;
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
  let unread = 0;
  for (const result of results) {
    if (result.skipped) {
      // Not a draft, or a file not read (too large, binary, too costly to parse …), said above.
      if (result.skipped === 'no-front-matter' || result.skipped === 'no-art') skipped++;
      else unread++;
      continue;
    }
    drafts++;
    if (result.findings.length > 0) withFindings++;
    for (const finding of result.findings) {
      if (finding.severity === 'error') errors++;
      else if (finding.severity === 'warning') warnings++;
      else infos++;
      lines.push(`${visible(result.file)}:${finding.start.line}:${finding.start.column}  ${say.severity[finding.severity]}  ${finding.ruleId}  ${visible(finding.message)}`);
    }
  }
  if (lines.length > 0) lines.push('');
  lines.push(errors + warnings + infos === 0 ? say.summaryClean(drafts) : say.summary(errors, warnings, infos, withFindings, drafts));
  if (skipped > 0) lines.push(say.skippedCount(skipped));
  if (unread > 0) lines.push(say.unreadCount(unread));
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
  return jsonText({ version: 1, files });
}

declare const RATSFEDER_VERSION: string | undefined;
