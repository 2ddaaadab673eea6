import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import type { Locale } from '../base/locale.js';
import type { Parses } from './parses.js';
import type { SettingsStore } from './settings.js';
import type { WorkspaceRegister } from './workspace-register.js';

/** What the server learnt at `initialize` and holds while it runs; the command modules work on it. */
export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly settings: SettingsStore;
  readonly register: WorkspaceRegister;
  /** The workspace folders, as paths; the first is the project the register is gathered for. */
  readonly roots: readonly string[];
  /** The client's language, for texts that belong to no document. */
  readonly locale: Locale;
  /**
   * An untrusted workspace may not choose a network address to fetch from or a letterhead to
   * open; the client says so in `initializationOptions.trusted` (editors without trust: trusted).
   */
  readonly trusted: boolean;
  /** The folder of the OParl caches (one file per System URL). */
  readonly cacheDir: string;
  /**
   * The client is Ratsfeder's VS Code extension (it names its export command): messages name its
   * commands and buttons. Other editors have neither, and get the CLI's words.
   */
  readonly editorCommands: boolean;
  /** The parses of large documents on the parse thread, with its time budget. */
  readonly parses: Parses;
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

/**
 * Text an editor shows as a notification: VS Code renders `[label](target)` there as a link,
 * and a `command:` target runs a command on one click. Messages quote data (URLs from an OParl
 * server, values from ratsfeder.yaml or a draft), so a word joiner goes between `]` and `(`:
 * the text reads the same, and no link is made.
 */
export function shown(text: string): string {
  return text.replace(/\]\s*\(/g, ']\u2060(');
}

/** The answer of a command with every text the editor may show made link-free (`shown`). */
export function displaySafe<T>(answer: T): T {
  if (!answer || typeof answer !== 'object') return answer;
  const copy = { ...answer } as Record<string, unknown>;
  for (const key of ['message', 'notice']) if (typeof copy[key] === 'string') copy[key] = shown(copy[key] as string);
  if (Array.isArray(copy.findings)) copy.findings = copy.findings.map((finding: Record<string, unknown>) => ({ ...finding, message: typeof finding.message === 'string' ? shown(finding.message) : finding.message }));
  if (Array.isArray(copy.warnings)) copy.warnings = copy.warnings.map((text: unknown) => (typeof text === 'string' ? shown(text) : text));
  if (Array.isArray(copy.unfittingExamples)) copy.unfittingExamples = copy.unfittingExamples.map((text: unknown) => (typeof text === 'string' ? shown(text) : text));
  return copy as T;
}
