import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Failure } from '../base/locale.js';
import { readDocument, type ReadDocument, type VorlageHeadings } from '../register/document-text.js';
import type { PaperFile, RegisterEntry } from '../register/types.js';
import { writeFileAtomic, WriteFailure } from './atomic.js';
import type { DocumentTextFailureKind } from './document-text-messages.js';
import { fetchFile, oparlLogin, SyncError, type FileFetchOptions } from './oparl.js';

/*
 * The texts of council documents, fetched from their main file (a PDF, read with PDF.js) and
 * kept beside the OParl cache, one file per document in `oparl-register.texte/`, each written
 * atomically. What is kept is the text layer as read, page by page; the Beschlussvorschlag and
 * its points are found again when it is read, so a better reading applies to texts kept before.
 */

/** A kept text larger than this is not read (a 400-page PDF's text is a few MB). */
const MAX_KEPT_BYTES = 32 * 1024 * 1024;
/** Where a PDF's header may start: some servers put a few bytes before it. */
const PDF_HEADER_WITHIN = 1024;
const VERSION = 1;

interface KeptText {
  readonly version: number;
  readonly nummer: string;
  readonly url: string;
  readonly fetchedAt: string;
  readonly pages: readonly (readonly string[])[];
}

export interface FetchedText {
  readonly nummer: string;
  readonly url: string;
  readonly document: ReadDocument;
  readonly pages: number;
}

/** Why a text could not be fetched: worded by `DOCUMENT_TEXT_MESSAGES`, in the user's language. */
export class DocumentTextError extends Error {
  override readonly name = 'DocumentTextError';
  constructor(readonly failure: Failure<DocumentTextFailureKind>) {
    super(`${failure.kind}: ${JSON.stringify(failure.data)}`);
  }
}

/** `oparl-register.json` keeps its documents' texts in `oparl-register.texte/`. */
export function textsFolder(cacheFile: string): string {
  return path.join(path.dirname(cacheFile), `${path.basename(cacheFile, '.json')}.texte`);
}

/** The paper's main file; a paper with a single file and no main file names that one. */
export function mainFile(entry: RegisterEntry): PaperFile | undefined {
  const files = entry.details?.files ?? [];
  return files.find((file) => file.main) ?? (files.length === 1 ? files[0] : undefined);
}

export class DocumentTexts {
  private readonly read = new Map<string, ReadDocument | null>();

  constructor(
    readonly folder: string,
    private readonly headings: VorlageHeadings,
    /** The System URL of the synced cache: a login from the environment goes to its server only. */
    private readonly system: () => string | undefined = () => undefined,
  ) {}

  private file(nummer: string): string {
    const slug = nummer.replace(/[^A-Za-z0-9-]+/g, '_').slice(0, 60);
    const hash = createHash('sha256').update(nummer).digest('hex').slice(0, 10);
    return path.join(this.folder, `${slug}-${hash}.json`);
  }

  /** The kept text of `nummer`, read once; `undefined` when none is kept or it cannot be read. */
  get(nummer: string): ReadDocument | undefined {
    const known = this.read.get(nummer);
    if (known !== undefined) return known ?? undefined;
    const document = this.load(nummer);
    this.read.set(nummer, document ?? null);
    return document;
  }

  private load(nummer: string): ReadDocument | undefined {
    try {
      const file = this.file(nummer);
      // A regular file of sensible size only, never a device or a pipe someone put there.
      const stat = statSync(file);
      if (!stat.isFile() || stat.size > MAX_KEPT_BYTES) return undefined;
      const kept = JSON.parse(readFileSync(file, 'utf8')) as Partial<KeptText> | null;
      if (kept?.version !== VERSION || kept.nummer !== nummer || !isPages(kept.pages)) return undefined;
      return readDocument(kept.pages, this.headings);
    } catch {
      return undefined;
    }
  }

  /** Forgets what was read, so that texts fetched by another process are seen. */
  forget(nummer?: string): void {
    if (nummer === undefined) this.read.clear();
    else this.read.delete(nummer);
  }

  /**
   * Fetches the main file of `entry`, reads its text and keeps it. Fails with a
   * `DocumentTextError` saying why; what was kept before stays as it was.
   */
  async fetch(entry: RegisterEntry, options: FileFetchOptions & { readonly now?: () => Date } = {}): Promise<FetchedText> {
    const nummer = entry.nummer;
    const file = mainFile(entry);
    if (!file) throw new DocumentTextError({ kind: 'no-file', data: { nummer } });
    let bytes: Buffer;
    try {
      const system = this.system();
      const login = options.login ?? (system ? oparlLogin(system) : undefined);
      bytes = await fetchFile(file.url, { ...options, ...(login ? { login } : {}) });
    } catch (error) {
      if (error instanceof SyncError) throw new DocumentTextError({ kind: error.kind === 'aborted' ? 'aborted' : 'fetch', data: { nummer, url: error.url, reason: error.kind, ...(error.status ? { status: error.status } : {}) } });
      throw error;
    }
    const pages = await pagesOf(bytes, nummer, file.url);
    if (!pages.some((page) => page.some((line) => line.trim() !== ''))) throw new DocumentTextError({ kind: 'no-text', data: { nummer, url: file.url } });
    const kept: KeptText = { version: VERSION, nummer, url: file.url, fetchedAt: (options.now?.() ?? new Date()).toISOString(), pages };
    try {
      writeFileAtomic(this.file(nummer), Buffer.from(JSON.stringify(kept), 'utf8'), { createDir: true });
    } catch (error) {
      const code = error instanceof WriteFailure ? error.code : undefined;
      throw new DocumentTextError({ kind: 'write', data: { nummer, file: this.file(nummer), code: code ?? '' } });
    }
    const document = readDocument(pages, this.headings);
    this.read.set(nummer, document);
    return { nummer, url: file.url, document, pages: pages.length };
  }
}

function isPages(value: unknown): value is string[][] {
  return Array.isArray(value) && value.every((page) => Array.isArray(page) && page.every((line) => typeof line === 'string'));
}

/** A PDF's lines per page; an OParl File object's `text` as one page. */
async function pagesOf(bytes: Buffer, nummer: string, url: string): Promise<string[][]> {
  const head = bytes.subarray(0, PDF_HEADER_WITHIN).toString('latin1');
  if (head.includes('%PDF-')) {
    try {
      const { pdfPages } = await loadPdf();
      return await pdfPages(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (error) {
      throw new DocumentTextError({ kind: 'unreadable', data: { nummer, url, reason: error instanceof Error ? error.message.slice(0, 200) : String(error) } });
    }
  }
  // Some servers answer the file's address with the OParl File object, its `text` filled.
  if (/^\s*\{/.test(head)) {
    try {
      const object = JSON.parse(bytes.toString('utf8')) as { text?: unknown };
      if (typeof object.text === 'string' && object.text.trim() !== '') return [object.text.split(/\r\n|\r|\n/)];
    } catch {
      // Not JSON after all: not a file we can read.
    }
  }
  throw new DocumentTextError({ kind: 'not-pdf', data: { nummer, url } });
}

declare const RATSFEDER_VERSION: string | undefined;

/**
 * PDF.js, loaded when first needed: in the bundles from its own file beside them (`dist/pdf.js`),
 * from the source elsewhere (tests).
 */
async function loadPdf(): Promise<typeof import('./pdf-extract.js')> {
  if (typeof RATSFEDER_VERSION === 'string') {
    // A literal name, left to Node by the bundler (`external`): the file beside the bundle.
    return require('./pdf.js') as typeof import('./pdf-extract.js');
  }
  // Through a variable, so that the bundler leaves PDF.js out of the bundles that load it.
  const source = './pdf-extract.js';
  return (await import(source)) as typeof import('./pdf-extract.js');
}
