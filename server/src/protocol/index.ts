/**
 * What the VS Code extension and the language server say to each other beyond LSP: the
 * commands, requests and notifications Ratsfeder adds, with their payloads. Both `client/` and
 * `server/` import this module, so a name or a field cannot drift apart. It imports nothing.
 */

/** The command that syncs the register from OParl: `[SyncArguments?]` → `SyncAnswer`. */
export const SYNC_COMMAND = 'ratsfeder.registerSync';

/** The command that exports a draft: `[ExportCommandArguments]` → `ExportAnswer`. */
export const EXPORT_COMMAND = 'ratsfeder.export';

/**
 * The command that fetches the text of a referenced document (the Vorlage an amendment
 * quotes): `[TextArguments]` → `TextAnswer`.
 */
export const TEXT_COMMAND = 'ratsfeder.registerText';

/**
 * The command that adds a word to the project's words (`woerter:` in its ratsfeder.yaml, made
 * if there is none): `[WordArguments]` → `WordAnswer`. Offered as a quick fix on spelling findings.
 */
export const WORD_COMMAND = 'ratsfeder.wortAufnehmen';

export interface WordArguments {
  /** The draft the word stands in: its project's ratsfeder.yaml takes the word. */
  readonly uri: string;
  readonly wort: string;
}

export interface WordAnswer {
  readonly ok: boolean;
  readonly message: string;
}

/** `{ textDocument: { uri } }` → the draft's next submission deadline (`NextDeadline`) or null. */
export const DEADLINE_REQUEST = 'ratsfeder/naechsteFrist';

/** `{ textDocument: { uri } }` → what the Markdown preview shows of the draft (`PreviewModel`), or null for a file that is no draft. */
export const PREVIEW_REQUEST = 'ratsfeder/vorschau';

/** A draft as the preview shows it: the header block, the Beratungsfolge and the amendments as the DOCX prints them. */
export interface PreviewModel {
  /** The document version it was made from. */
  readonly version: number;
  /** "Antrag", or "Änderungsantrag zu VIII-DS-01234". */
  readonly kind: string;
  readonly nummer?: string;
  /** Einreicher, Datum, Status, with their labels. */
  readonly rows: readonly { readonly label: string; readonly value: string }[];
  readonly betreffLabel: string;
  readonly betreff: string;
  readonly beratungsfolge?: { readonly header: readonly string[]; readonly rows: readonly (readonly string[])[] };
  /** The Synopse's column titles: "Bisherige Fassung", "Neue Fassung". */
  readonly synopse: readonly [string, string];
  /** Each amendment block, in order: its place and its words, kept, removed or added. */
  readonly amendments: readonly { readonly stelle?: string; readonly parts: readonly { readonly kind: 'same' | 'added' | 'removed'; readonly text: string }[] }[];
  /** Document numbers as written, and where they lead (the register's page or the local draft). */
  readonly links: readonly { readonly text: string; readonly target: string }[];
}

/** `NextMeetingParams` → the `YYYY-MM-DD` of the body's next meeting a new draft can still make, or null. */
export const NEXT_MEETING_REQUEST = 'ratsfeder/naechsteSitzung';

export interface NextMeetingParams {
  /** Where the draft goes (its project decides the profile and calendar). */
  readonly uri: string;
  readonly gremium: string;
  /** The draft's type, whose submission deadline counts. */
  readonly art: string;
}

/** `{}` → the workspace's drafts with their state (`DraftList`), for the editor's drafts view. */
export const DRAFTS_REQUEST = 'ratsfeder/entwuerfe';

/** One draft of the workspace as the drafts view lists it. */
export interface DraftSummary {
  readonly uri: string;
  /** The profile's type name ("Antrag"), or the `art:` as written where the profile knows no such type. */
  readonly art: string;
  readonly titel?: string;
  readonly nummer?: string;
  /** Findings at error and warning level, as the editor would show them. */
  readonly errors: number;
  readonly warnings: number;
  /** The next submission deadline, where a meeting calendar gives one. */
  readonly frist?: NextDeadline;
}

export interface DraftList {
  readonly drafts: readonly DraftSummary[];
  /** Drafts beyond the number judged per request, listed without their state. */
  readonly unjudged?: number;
}

/** Sent whenever the register changes: what it holds (`RegisterStatus`). */
export const REGISTER_STATUS_NOTIFICATION = 'ratsfeder/registerStatus';

/** What `initializationOptions` may carry. */
export interface InitializationOptions {
  /** Where the OParl cache lives (default: the user's cache folder). */
  readonly cacheDir?: string;
  /** `false` in an untrusted workspace: it may not choose an address to fetch from or a letterhead to open. */
  readonly trusted?: boolean;
  /**
   * The language the user chose for Ratsfeder (`ratsfeder.sprache`). Without it, the council's
   * language, German, whatever the editor's display language: the council, its documents and
   * the DOCX are German.
   */
  readonly sprache?: 'de' | 'en';
  /** The editor's command that exports the open draft (VS Code: `ratsfeder.exportDocx`): a lens above each draft runs it. */
  readonly exportCommand?: string;
}

export interface SyncArguments {
  /** An OParl System URL in place of the configured one. */
  readonly oparl?: string;
  /** Set by the VS Code extension: it says itself that no address is set, with a button to the setting. */
  readonly editorSetup?: boolean;
}

/** What `ratsfeder.registerSync` answers: the summary `ratsfeder register sync` prints, and its counts. */
export interface SyncAnswer {
  readonly ok: boolean;
  readonly message: string;
  readonly cancelled?: boolean;
  /** Why it did not run: no OParl address is set. */
  readonly reason?: 'no-system';
  readonly papers?: number;
  readonly meetings?: number;
  readonly organizations?: number;
  readonly changed?: number;
  readonly deleted?: number;
  readonly skipped?: number;
  readonly unfitting?: number;
  readonly unfittingExamples?: readonly string[];
  /** Shown by the server already, as warnings. */
  readonly warnings?: readonly string[];
  readonly fullSyncDue?: boolean;
}

export interface ExportCommandArguments {
  /** The draft. */
  readonly uri: string;
  /** The target, a path or file URI (relative: to the draft's folder); default: beside the draft. */
  readonly out?: string;
  /** Export even with error-level findings. */
  readonly force?: boolean;
  /**
   * Replace a `.docx` at the target that was changed since Ratsfeder wrote it, or that Ratsfeder
   * did not write; without it such a target is refused with `kind: 'overwrite'`, for the editor
   * to ask.
   */
  readonly overwrite?: boolean;
  /** Amendment blocks as Word's tracked changes instead of side by side. */
  readonly tracked?: boolean;
  /** Only judge the draft as the export would; write nothing. */
  readonly check?: boolean;
}

export interface TextArguments {
  /** The document number; without it, the `bezug:` of the draft `uri`. */
  readonly nummer?: string;
  readonly uri?: string;
}

/** What `ratsfeder.registerText` answers. */
export interface TextAnswer {
  readonly ok: boolean;
  readonly message: string;
  /** The numbers whose text is now there. */
  readonly fetched?: readonly string[];
}

/** A finding that refused an export, as the editor lists it. */
export interface ExportFinding {
  /** 1-based, as the editor shows lines. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly ruleId: string;
  readonly message: string;
}

/** What `ratsfeder.export` answers. */
export type ExportAnswer =
  | { readonly ok: true; readonly file: string; readonly uri: string; readonly notice?: string; readonly checked?: boolean }
  | { readonly ok: false; readonly kind?: string; readonly message: string; readonly findings?: readonly ExportFinding[] };

/** What `ratsfeder/registerStatus` says: the register's layers. `oparl` only once a sync filled the cache. */
export interface RegisterStatus {
  /** The workspace's drafts, with or without a number. */
  readonly drafts: number;
  /** Entries of register files. */
  readonly files: number;
  /** Whether an OParl address is set, so that a sync can run; the editor sends the user to the setting if not. */
  readonly syncable?: boolean;
  readonly oparl?: { readonly system: string; readonly syncedAt: string; readonly papers: number };
}

/** The next submission deadline of an open draft, for the editor's status bar. */
export interface NextDeadline {
  readonly gremium: string;
  /** The meeting, `YYYY-MM-DD`. */
  readonly sitzung: string;
  /** The last day to submit, `YYYY-MM-DD`. */
  readonly frist: string;
  /** Whether that day is before today (or before the draft's date). */
  readonly verpasst: boolean;
}
