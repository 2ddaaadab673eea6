import path from 'node:path';
import { visible } from './terminal.js';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseIsoDate } from '../analysis/dates.js';
import type { Problem } from '../base/validate.js';
import type { Locale } from '../base/locale.js';
import { texts } from './messages.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's options the same way for every command: `--help` prints the help and
 * ends with 0; an unknown option, a bad `--lang` or `--heute` ends with a one-line message
 * and 2. Returns the parsed options, or the exit code when the command is done already.
 */
export function parseCommand<O extends Options>(args: readonly string[], options: O, help: string, lang: Locale, badOption: (message: string) => string) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } as O & { help: { type: 'boolean'; short: 'h' } } });
  } catch (error) {
    return fail(badOption(error instanceof Error ? error.message : String(error)));
  }
  const values = parsed.values as Record<string, unknown>;
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const say = texts(lang);
  if (values.lang !== undefined && values.lang !== 'de' && values.lang !== 'en') return fail(say.badLang(String(values.lang)));
  if (values.heute !== undefined && !parseIsoDate(String(values.heute))) return fail(say.badDate(String(values.heute)));
  return parsed;
}

export function fail(message: string): 2 {
  process.stderr.write(`ratsfeder: ${message}\n`);
  return 2;
}

/** Prints why a configuration was rejected, one problem per line with its place. */
export function printConfigProblems(problems: readonly Problem[], cwd: string, lang: Locale): 2 {
  process.stderr.write(`ratsfeder: ${texts(lang).configProblems}\n`);
  for (const problem of problems) process.stderr.write(`${visible(path.relative(cwd, problem.file))}:${problem.line}:${problem.column}: ${visible(problem.message)}\n`);
  return 2;
}
