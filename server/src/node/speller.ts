import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Locale } from '../base/locale.js';
import type { SpellingLookup } from '../rules/types.js';
import type { SpellAnswer, SpellEngine, SpellRequest } from './hunspell.js';
import { detached } from '../base/detached.js';

/*
 * The two ways the spelling dictionary is asked. The command line loads it in its own thread
 * and answers at once. The language server gives it a worker thread: a word it has not seen
 * is `undefined` (not known yet) on the keystroke, asked in the background with the others of
 * that moment, and `onAnswers` tells the server to check the drafts again.
 */

declare const RATSFEDER_VERSION: string | undefined;

/** The engine's module, loaded when first needed: in the bundles the file beside them. */
async function engineModule(): Promise<typeof import('./hunspell.js')> {
  if (typeof RATSFEDER_VERSION === 'string') {
    // A literal name, left to Node by the bundler (`external`): the file beside the bundle.
    return require('./hunspell-de.js') as typeof import('./hunspell.js');
  }
  // Through a variable, so that the bundler leaves the engine out of the bundles that load it.
  const source = './hunspell.js';
  return (await import(source)) as typeof import('./hunspell.js');
}

/** The dictionary in this thread: every answer at once (the command line). */
export class DirectSpeller implements SpellingLookup {
  private constructor(private readonly engine: SpellEngine) {}

  /** `quickStart`: few words will be asked (see `loadEngine`); the default. */
  static async load(options: { readonly quickStart?: boolean } = {}): Promise<DirectSpeller> {
    return new DirectSpeller(await (await engineModule()).loadEngine({ quickStart: options.quickStart ?? true }));
  }

  correct(word: string): boolean {
    return this.engine.correct(word);
  }

  private readonly suggested = new Map<string, readonly string[]>();
  suggestions(word: string): readonly string[] {
    let found = this.suggested.get(word);
    if (!found) {
      found = this.engine.suggestions(word);
      this.suggested.set(word, found);
    }
    return found;
  }
}

/** At most this many words are kept per kind of answer; then the memory starts afresh. */
const REMEMBERED = 100_000;
/** Words asked in one message to the thread. */
const BATCH = 200;

/** The dictionary in a worker thread, asked in the background (the language server). */
export class BackgroundSpeller implements SpellingLookup {
  private readonly answers = new Map<string, boolean>();
  private readonly suggested = new Map<string, readonly string[]>();
  private readonly asked = new Set<string>();
  private readonly queue: string[] = [];
  private readonly suggestQueue: string[] = [];
  private busy = false;
  private ready = false;
  private nextId = 0;
  private flushScheduled = false;

  private worker: Worker | undefined;

  /**
   * `onAnswers` is called when answers arrived that can change findings; `onFailure` says why
   * the dictionary cannot be had (then nothing is said about spelling). The thread starts with
   * the first word asked: where the rule is off, it costs nothing.
   */
  constructor(
    private readonly script: string,
    private readonly onAnswers: () => void,
    private readonly onFailure: (detail: string) => void,
  ) {}

  /** A speller for the bundled server (its thread is the bundle beside it); none from the sources. */
  static forServer(onAnswers: () => void, onFailure: (detail: string) => void): BackgroundSpeller | undefined {
    return typeof RATSFEDER_VERSION === 'string' ? new BackgroundSpeller(path.join(__dirname, 'hunspell-de.js'), onAnswers, onFailure) : undefined;
  }

  private startWorker(): void {
    if (this.worker || this.failed) return;
    try {
      this.worker = new Worker(this.script, { workerData: { ratsfederSpelling: true } });
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
      return;
    }
    this.worker.on('message', (answer: SpellAnswer) => this.receive(answer));
    this.worker.on('error', (error) => this.fail(error.message));
    this.worker.unref();
  }

  private fail(detail: string): void {
    if (this.failed) return;
    this.failed = true;
    this.onFailure(detail);
  }

  /** The thread could not load the dictionary or died: every word stays unknown, and nothing is said about spelling. */
  failed = false;

  correct(word: string): boolean | undefined {
    const answer = this.answers.get(word);
    if (answer !== undefined || this.failed) return answer;
    if (!this.asked.has(word)) {
      // Kept beyond the draft it comes from (the answers): not a slice of the draft's text.
      const own = detached(word);
      this.asked.add(own);
      this.queue.push(own);
      this.schedule();
    }
    return undefined;
  }

  suggestions(word: string): readonly string[] | undefined {
    const found = this.suggested.get(word);
    if (found || this.failed) return found;
    const key = `\u0000${word}`;
    if (!this.asked.has(key)) {
      this.asked.add(detached(key));
      this.suggestQueue.push(detached(word));
      this.schedule();
    }
    return undefined;
  }

  private schedule(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // After the analysis that asked and its answer to the editor: all its words go in one
    // message, and the thread is started only then, off the path of the first diagnostics.
    setImmediate(() => {
      this.flushScheduled = false;
      this.startWorker();
      this.send();
    });
  }

  private send(): void {
    if (this.busy || !this.ready || this.failed || !this.worker) return;
    let request: SpellRequest | undefined;
    if (this.queue.length > 0) request = { id: ++this.nextId, kind: 'check', words: this.queue.splice(0, BATCH) };
    else if (this.suggestQueue.length > 0) request = { id: ++this.nextId, kind: 'suggest', word: this.suggestQueue.shift()! };
    if (!request) return;
    this.busy = true;
    this.inFlight = request;
    this.worker.ref();
    this.worker.postMessage(request);
  }

  private inFlight: SpellRequest | undefined;
  private news = false;

  private receive(answer: SpellAnswer): void {
    if (answer.kind === 'ready') {
      this.ready = true;
      this.send();
      return;
    }
    if (answer.kind === 'failed') {
      this.fail(answer.detail);
      return;
    }
    const request = this.inFlight;
    this.busy = false;
    this.inFlight = undefined;
    this.worker?.unref();
    if (request?.kind === 'check' && answer.kind === 'check') {
      if (this.answers.size + request.words.length > REMEMBERED) this.forget();
      request.words.forEach((word, index) => {
        const correct = answer.answers[index] ?? true;
        this.answers.set(word, correct);
        this.asked.delete(word);
        // A word found correct changes no finding: only words still unknown were left unsaid.
        if (!correct) this.news = true;
      });
    } else if (request?.kind === 'suggest' && answer.kind === 'suggest') {
      if (this.suggested.size >= REMEMBERED) this.suggested.clear();
      this.suggested.set(request.word, answer.suggestions);
      this.asked.delete(`\u0000${request.word}`);
      this.news = true;
    }
    // Answers come in bursts; the drafts are checked again once the queue is empty, and only
    // if an answer can change a finding.
    if (this.queue.length > 0 || this.suggestQueue.length > 0) this.send();
    else if (this.news) {
      this.news = false;
      this.onAnswers();
    }
  }

  private forget(): void {
    this.answers.clear();
  }
}

/** What the server's log says when the dictionary cannot be had. */
export function spellingUnavailable(detail: string, locale: Locale): string {
  return locale === 'de'
    ? `Ratsfeder: Das Wörterbuch der Rechtschreibprüfung ließ sich nicht laden (${detail}); die Rechtschreibung wird nicht geprüft. Die Erweiterung neu installieren oder die Regel mit „regeln: { rechtschreibung: aus }“ abschalten.`
    : `Ratsfeder: the spelling dictionary could not be loaded (${detail}); spelling is not checked. Reinstall the extension, or turn the rule off with “regeln: { rechtschreibung: aus }”.`;
}
