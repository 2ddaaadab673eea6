import { readFileSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createHunspellFromStrings, type Hunspell } from 'hunspell-wasm';
import { suggest } from '../spelling/suggest.js';
import { ADMINISTRATIVE_WORDS } from '../spelling/verwaltung.js';

/*
 * The spelling engine: Hunspell (compiled to WebAssembly) with the German dictionary of
 * igerman98 (`dictionary-de`, new spelling, Germany). Bundled on its own (`dist/hunspell-de.js`,
 * beside `hunspell.wasm` and `woerterbuch/`) and loaded only where spelling is checked: in the
 * CLI's threads directly, in the language server as a worker thread (see `speller.ts`), so
 * that neither its start nor a slow word ever holds up the server.
 */

declare const RATSFEDER_VERSION: string | undefined;

/** Answers are kept for this many words; then the memory starts afresh. */
const REMEMBERED = 200_000;

export interface SpellEngine {
  correct(word: string): boolean;
  /** Suggestions, best first (`spelling/suggest.ts`). */
  suggestions(word: string): string[];
}

/** Where the dictionary's two files are: beside the bundle, or in the npm package. */
function dictionaryFiles(): { aff: string; dic: string } {
  const folder =
    typeof RATSFEDER_VERSION === 'string' ? path.join(__dirname, 'woerterbuch') : path.dirname(createRequire(import.meta.url).resolve('dictionary-de'));
  const base = typeof RATSFEDER_VERSION === 'string' ? 'de' : 'index';
  return { aff: path.join(folder, `${base}.aff`), dic: path.join(folder, `${base}.dic`) };
}

/**
 * `quickStart`: the command line, which asks a few thousand words and ends. WebAssembly is then
 * compiled by V8's baseline compiler only: its optimising compiler, which would work on
 * Hunspell in the background, costs more CPU than a check saves by it (one draft: 0.55 s instead
 * of 0.66 s; a thousand drafts: the same). The language server's spelling thread, which lives
 * long, keeps both.
 */
export async function loadEngine(options: { readonly quickStart?: boolean } = {}): Promise<SpellEngine> {
  if (options.quickStart) setFlagsFromString('--liftoff-only');
  const files = dictionaryFiles();
  // The administration's words after the dictionary's, read with its flags (the count on the
  // first line is only a size hint to Hunspell).
  const dictionary = `${readFileSync(files.dic, 'utf8').trimEnd()}\n${ADMINISTRATIVE_WORDS.join('\n')}\n`;
  const hunspell: Hunspell = await createHunspellFromStrings(readFileSync(files.aff, 'utf8'), dictionary);
  const answers = new Map<string, boolean>();
  const correct = (word: string): boolean => {
    let answer = answers.get(word);
    if (answer === undefined) {
      // Hunspell reads its words as UTF-8 C strings: a NUL would cut the word short. Such a
      // word, or one longer than any word of prose, is not judged (and so not reported).
      answer = word.includes('\0') || word.length > 100 || hunspell.testSpelling(word);
      if (answers.size >= REMEMBERED) answers.clear();
      answers.set(word, answer);
    }
    return answer;
  };
  return {
    correct,
    suggestions: (word) => (word.length > 100 ? [] : suggest(word, correct)),
  };
}

/** What the language server asks its spelling thread, and what it answers. */
export type SpellRequest = { readonly id: number; readonly kind: 'check'; readonly words: readonly string[] } | { readonly id: number; readonly kind: 'suggest'; readonly word: string };
export type SpellAnswer =
  | { readonly id: number; readonly kind: 'check'; readonly answers: readonly boolean[] }
  | { readonly id: number; readonly kind: 'suggest'; readonly suggestions: readonly string[] }
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly detail: string };

/**
 * The spelling thread gives way to the server's own: its answers can wait a moment, a
 * keystroke's diagnostics cannot, and suggestions for a word being typed cost many lookups. On
 * Linux the priority belongs to the thread (`setpriority` with the thread's id); elsewhere the
 * thread keeps the process's priority.
 */
function yieldProcessor(): void {
  try {
    // `<pid>/task/<tid>`, of this process as /proc sees it (not of another PID namespace's).
    const [pid, task, thread] = readlinkSync('/proc/thread-self').split('/');
    if (Number(pid) === process.pid && task === 'task' && Number.isInteger(Number(thread)) && Number(thread) > 0) setPriority(Number(thread), 19);
  } catch {
    // No /proc, or not allowed: the default priority.
  }
}

// Started as the language server's spelling thread: load, then answer one request at a time.
if (!isMainThread && parentPort && (workerData as { ratsfederSpelling?: boolean } | undefined)?.ratsfederSpelling) {
  const port = parentPort;
  loadEngine().then(
    (engine) => {
      // Only now: libuv's pool threads, which the engine's load may start, take the priority of
      // the thread that starts them, and they do the server's own work too (network, zlib).
      yieldProcessor();
      port.postMessage({ kind: 'ready' } satisfies SpellAnswer);
      port.on('message', (request: SpellRequest) => {
        if (request.kind === 'check') port.postMessage({ id: request.id, kind: 'check', answers: request.words.map(engine.correct) } satisfies SpellAnswer);
        else port.postMessage({ id: request.id, kind: 'suggest', suggestions: engine.suggestions(request.word) } satisfies SpellAnswer);
      });
    },
    (error: unknown) => port.postMessage({ kind: 'failed', detail: error instanceof Error ? error.message : String(error) } satisfies SpellAnswer),
  );
}
