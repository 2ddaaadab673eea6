import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Root } from 'mdast';
import type { Parsed } from '../analysis/model.js';

/**
 * The Markdown parse of large texts on a thread of its own, with a time budget. micromark
 * parses some inputs in time that grows faster than their length; `parseCost` refuses the
 * constructs it knows before parsing, but no estimate knows every such input, and a parse in
 * the language server's one thread would hold up every request for every document. On this
 * thread a parse that takes longer than its budget (`parseBudget`) is stopped (the thread is ended and
 * a new one started for the next text), and the text gets `{ stoppedAfterMs }` instead of a tree,
 * which `analyse` turns into a draft skipped as `too-slow`.
 *
 * Texts below `THREAD_FROM_CHARS` are parsed where they are analysed: the known super-linear
 * inputs of that size parse in a few hundred milliseconds at most, and the keystroke in a
 * draft of ordinary size stays free of the round trip to the thread (`bench/keystroke.mjs`).
 */

/** Texts of at least this many UTF-16 units are parsed on the parse thread. */
export const THREAD_FROM_CHARS = 16_000;

/**
 * How long a parse on the thread may take at least. The largest draft Ratsfeder takes (a
 * megabyte of lists) parses in one to two seconds on a busy machine; nothing a person writes
 * comes near this.
 */
export const PARSE_BUDGET_MS = 5_000;

/**
 * And per character of the text: some constructs parse slower than lists, linearly but at some
 * 6 µs a character (a draft of 10,000 footnotes, 600 KB: 3.7 s on a busy two-core machine, more
 * on the thread while the machine is busier). A long draft gets more than three times that rate
 * (the 600 KB: 12.5 s; the analysis takes a million characters at most: 20 s). Quadratic inputs
 * of the same size take minutes and are still stopped.
 */
export const PARSE_BUDGET_MS_PER_CHAR = 0.02;

/** The budget of a parse of `text`: `PARSE_BUDGET_MS`, more for a long text. */
export function parseBudget(text: string, floor = PARSE_BUDGET_MS): number {
  return Math.max(floor, Math.round(text.length * PARSE_BUDGET_MS_PER_CHAR));
}

/** What the thread answers: the tree of `markdownToParse(text)`, or why it has none. */
export type ParseAnswer = { readonly id: number; readonly tree: Root } | { readonly id: number; readonly failed: string };

interface Job {
  readonly id: number;
  readonly text: string;
  /** The caller's name for the text (a document's URI): a newer job of the same key replaces this one while it waits. */
  readonly key: string | undefined;
  readonly resolve: (outcome: Parsed | 'superseded') => void;
}

export class ParseThread {
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private running: { readonly job: Job; readonly started: number; readonly timer: NodeJS.Timeout } | undefined;
  private nextId = 0;

  /** `script`: the parse thread's bundle (`dist/parse.js`, from `node/parse-worker.ts`). */
  constructor(
    private readonly script: string,
    private readonly budgetMs = PARSE_BUDGET_MS,
  ) {}

  /** The thread of the bundle `parse.js` in `folder`; none where there is no such bundle (running from the sources). */
  static beside(folder: string): ParseThread | undefined {
    const script = path.join(folder, 'parse.js');
    return typeof RATSFEDER_VERSION === 'string' && existsSync(script) ? new ParseThread(script) : undefined;
  }

  /**
   * The parse of `text` (as `markdownToParse` gives it), or `{ stoppedAfterMs }` when it took
   * longer than the budget or the thread failed. `'superseded'`: a newer text of the same `key`
   * was given before this one's turn came; this one is not parsed.
   */
  parse(text: string, key?: string): Promise<Parsed | 'superseded'> {
    return new Promise((resolve) => {
      if (key !== undefined) {
        const waiting = this.queue.findIndex((job) => job.key === key);
        if (waiting !== -1) this.queue.splice(waiting, 1)[0]!.resolve('superseded');
      }
      this.queue.push({ id: ++this.nextId, text, key, resolve });
      this.next();
    });
  }

  /** Ends the thread; texts still waiting are answered as stopped. */
  close(): void {
    for (const job of this.queue.splice(0)) job.resolve({ stoppedAfterMs: 0 });
    if (this.running) this.finish({ stoppedAfterMs: performance.now() - this.running.started });
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private next(): void {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) {
      this.worker?.unref();
      return;
    }
    let worker: Worker;
    try {
      worker = this.thread();
    } catch {
      // No thread to be had (out of resources): the text is answered as stopped, not lost.
      job.resolve({ stoppedAfterMs: 0 });
      this.next();
      return;
    }
    const started = performance.now();
    // The budget's timer keeps a process alive that waits for nothing else (the CLI).
    const timer = setTimeout(() => this.stop(), parseBudget(job.text, this.budgetMs));
    this.running = { job, started, timer };
    worker.ref();
    worker.postMessage({ id: job.id, text: job.text });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { workerData: { ratsfederParse: true } });
    worker.on('message', (answer: ParseAnswer) => {
      if (this.running?.job.id !== answer.id) return;
      const ms = performance.now() - this.running.started;
      this.finish('tree' in answer ? { tree: answer.tree } : { stoppedAfterMs: ms });
    });
    // A thread that dies (out of memory, a bug) stops the text it had; the next text gets a new thread.
    const lost = () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (this.running) this.finish({ stoppedAfterMs: performance.now() - this.running.started });
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    this.worker = worker;
    return worker;
  }

  /** The running parse took too long: its thread is ended, and the next text gets a new one. */
  private stop(): void {
    if (!this.running) return;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    this.finish({ stoppedAfterMs: performance.now() - this.running.started });
  }

  private finish(outcome: Parsed): void {
    const running = this.running!;
    this.running = undefined;
    clearTimeout(running.timer);
    running.job.resolve(outcome);
    this.next();
  }
}

declare const RATSFEDER_VERSION: string | undefined;
