import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Parsed } from '../analysis/model.js';
import { ParseThread, THREAD_FROM_CHARS } from '../node/parse-thread.js';
import type { DocumentInput } from '../service/service.js';

/** How often a request for a large document follows its edits to a newer version before it is answered for the one it has. */
const FOLLOW_EDITS = 3;

/**
 * The parses of the open documents' large versions, done on the parse thread
 * (`node/parse-thread.ts`) while the server goes on answering for other documents. A request
 * about a large document waits for its parse (at most the thread's budget, plus one budget for
 * each other large document ahead of it); one about a small document is answered at once,
 * parsed in this thread. Each document's newest version is kept, and replaces an older one still
 * waiting for the thread, so that typing in a slow document costs one budget at a time.
 */
export class Parses {
  private readonly latest = new Map<string, { readonly version: number; readonly outcome: Promise<Parsed | 'superseded'> }>();

  /** `thread`: the parse thread; none where everything is parsed in this thread (from the sources). */
  constructor(readonly thread: ParseThread | undefined) {}

  /** The parses of the bundled server (its thread is the bundle beside it); from the sources, everything is parsed in this thread. */
  static forServer(): Parses {
    return new Parses(typeof RATSFEDER_VERSION === 'string' ? ParseThread.beside(__dirname) : undefined);
  }

  /** A large text's parse on the thread; nothing where it is parsed in this thread. */
  private of(uri: string, version: number, text: string): Promise<Parsed | 'superseded'> | undefined {
    if (!this.thread || text.length < THREAD_FROM_CHARS) {
      this.latest.delete(uri);
      return undefined;
    }
    const known = this.latest.get(uri);
    if (known?.version === version) return known.outcome;
    const outcome = this.thread.parse(text, uri);
    this.latest.set(uri, { version, outcome });
    return outcome;
  }

  /**
   * The open document `uri` as the service takes it, with its parse where that was done on the
   * thread: its newest version, or, while edits keep coming faster than it is parsed, a recent one.
   */
  async input(documents: TextDocuments<TextDocument>, uri: string): Promise<DocumentInput | undefined> {
    for (let round = 0; ; round++) {
      const document = documents.get(uri);
      if (!document) return undefined;
      // The version and text as they are now: an edit changes the document object in place.
      const { version } = document;
      const text = document.getText();
      const pending = this.of(uri, version, text);
      if (!pending) return { uri, version, text };
      const parsed = await pending;
      const now = documents.get(uri);
      if (parsed === 'superseded' || (now && now.version !== version && round < FOLLOW_EDITS)) continue;
      return { uri, version, text, parsed };
    }
  }

  /** A text that is no open document (a draft on disk): its parse on the thread where it is large. */
  async text(uri: string, text: string): Promise<DocumentInput> {
    const parsed = this.thread && text.length >= THREAD_FROM_CHARS ? await this.thread.parse(text) : undefined;
    return { uri, version: -1, text, ...(parsed && parsed !== 'superseded' ? { parsed } : {}) };
  }

  /** The document was closed. */
  forget(uri: string): void {
    this.latest.delete(uri);
  }
}

declare const RATSFEDER_VERSION: string | undefined;
