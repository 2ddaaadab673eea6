import { parseArgs } from 'node:util';
import { parseIsoDate } from '../analysis/dates.js';
import type { Locale } from '../rules/types.js';
import { localToday } from '../service/check.js';
import { runCheck } from './check.js';
import { CHECK_HELP, HELP, texts } from './messages.js';

declare const RATSFEDER_VERSION: string | undefined;

/**
 * `ratsfeder` entry point. Every failure ends in one line on stderr and exit code 2; a
 * stack trace is never what a user sees.
 */
async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const lang = guessLang(argv);
  const say = texts(lang);
  switch (command) {
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(HELP[lang]);
      return 0;
    case '-v':
    case '--version':
      process.stdout.write(`${typeof RATSFEDER_VERSION === 'string' ? RATSFEDER_VERSION : 'dev'}\n`);
      return 0;
    case 'lsp':
      // Loaded only here, so `check` never pays for the language server's modules.
      require('./server.js');
      return -1;
    case 'check':
      return check(rest, lang);
    default:
      process.stderr.write(`ratsfeder: ${say.unknownCommand(command)}\n`);
      return 2;
  }
}

async function check(args: readonly string[], lang: Locale): Promise<number> {
  const say = texts(lang);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        lang: { type: 'string' },
        config: { type: 'string' },
        heute: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`ratsfeder: ${say.badOption(error instanceof Error ? error.message : String(error))}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(CHECK_HELP[lang]);
    return 0;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    process.stderr.write(`ratsfeder: ${say.badFormat(format)}\n`);
    return 2;
  }
  if (values.lang !== undefined && values.lang !== 'de' && values.lang !== 'en') {
    process.stderr.write(`ratsfeder: ${say.badLang(values.lang)}\n`);
    return 2;
  }
  if (values.heute !== undefined && !parseIsoDate(values.heute)) {
    process.stderr.write(`ratsfeder: ${say.badDate(values.heute)}\n`);
    return 2;
  }
  const output = await runCheck({
    paths: positionals,
    format,
    lang: values.lang as Locale | undefined,
    config: values.config,
    today: values.heute ?? localToday(),
    cwd: process.cwd(),
  });
  process.stdout.write(output.stdout);
  process.stderr.write(output.stderr);
  return output.code;
}

/** The language for messages before the options are parsed (`--lang en` anywhere). */
function guessLang(argv: readonly string[]): Locale {
  const at = argv.indexOf('--lang');
  const value = at >= 0 ? argv[at + 1] : argv.find((arg) => arg.startsWith('--lang='))?.slice('--lang='.length);
  return value === 'en' ? 'en' : 'de';
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ratsfeder: interner Fehler: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
