import path from 'node:path';
import type { Locale } from '../base/locale.js';
import { defaultCacheDir } from '../node/cache-store.js';
import { keepCompileCaches, requireBundle, useCompileCache } from './compile-cache.js';
import { HELP, texts } from './messages.js';
import { newCommand } from './new-command.js';

declare const RATSFEDER_VERSION: string | undefined;

/**
 * `ratsfeder` entry point. It only dispatches: each command lives in its own bundle, loaded
 * when called, so `--version` does not pay for the parser and `check` not for the server.
 * Every failure ends in one line on stderr and exit code 2; a stack trace is never what a
 * user sees.
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
      process.once('exit', keepCompileCaches);
      bundle('server');
      return -1;
    case 'check':
      return kept(rest, await (bundle('check') as typeof import('./check-command.js')).checkCommand(rest, lang));
    case 'export':
      return kept(rest, await (bundle('export') as typeof import('./export-command.js')).exportCommand(rest, lang));
    case 'register':
      return kept(rest, await (bundle('register') as typeof import('./register-command.js')).registerCommand(rest, lang));
    case 'new':
      // Small enough (no parser, no register) to live in this bundle.
      return newCommand(rest, lang);
    default:
      process.stderr.write(`ratsfeder: ${say.unknownCommand(command)}\n`);
      return 2;
  }
}

/** A command's bundle, from beside this one (dist/), compiled with its code cache (`compile-cache.ts`). */
function bundle(name: 'server' | 'check' | 'export' | 'register'): unknown {
  useCompileCache(process.env.RATSFEDER_COMPILE_CACHE === '0' ? undefined : path.join(defaultCacheDir(), 'code'));
  return requireBundle(path.join(__dirname, `${name}.js`));
}

/**
 * Keeps the code caches after a command that did its work (not after its help or a usage
 * error, which run too little of it to be worth keeping); passes its exit code on.
 */
function kept(args: readonly string[], code: number): number {
  if ((code === 0 || code === 1) && !args.includes('-h') && !args.includes('--help')) keepCompileCaches();
  return code;
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
