import type { Point } from '../analysis/lines.js';
import type { Draft, Span } from '../analysis/model.js';
import type { CompiledProfile } from '../analysis/compiled-profile.js';
import type { DocType, Profile } from '../profile/types.js';
import type { CalendarLookup } from '../register/calendar.js';
import type { RegisterLookup } from '../register/types.js';
import type { Catalogue, Locale, MessageData } from '../base/locale.js';

export type Severity = 'error' | 'warning' | 'info';

/** A text replacement in the draft, by offsets. */
export interface Edit extends Span {
  readonly text: string;
  /**
   * The same text as an LSP snippet, with the place where the writing goes as a tab stop, for
   * editors that put the cursor there (`$`, `}` and `\\` of the text escaped).
   */
  readonly snippet?: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly Edit[];
}

/** A finding is data: where, which rule, how bad, what to say, how to fix. */
export interface Finding extends Span {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly start: Point;
  readonly end: Point;
  readonly url: string;
  readonly fixes: readonly Fix[];
}

/** What a rule may know about the world beyond the draft's text. The edges implement it. */
export interface AnalysisHost {
  /**
   * Whether a link target exists, relative to the draft. `undefined` means the host cannot
   * tell (e.g. an unsaved buffer), and rules then stay silent.
   */
  linkTargetExists?(target: string): boolean | undefined;
  /** The document register, where one is available (the editor's workspace, the CLI's). */
  readonly register?: RegisterLookup;
  /** The council's meeting calendar, once an OParl sync has brought one. */
  readonly calendar?: CalendarLookup;
  /**
   * The draft's own `file:` URI, where it has one: the register may hold the draft itself
   * (a workspace draft's entry, possibly from before the last edit).
   */
  readonly documentUri?: string;
  /** The spelling dictionary, where one is loaded. */
  readonly spelling?: SpellingLookup;
}

/**
 * A spelling dictionary as rules ask it. `undefined` means not known yet: the edge asks in the
 * background and checks the draft again when the answer is there (the language server), or
 * knows every answer at once (the command line).
 */
export interface SpellingLookup {
  correct(word: string): boolean | undefined;
  /** Suggestions for a word that is not correct, best first. */
  suggestions(word: string): readonly string[] | undefined;
}

/** Settings of single rules from `ratsfeder.yaml`, as typed values (defaults apply where missing). */
export interface RuleOptions {
  /** `aehnliches-dokument`: the least similarity (0..1) that is reported. */
  readonly similarityThreshold?: number;
  /** Similar documents: groups of words meaning the same from `ratsfeder.yaml`, beside the profile's. */
  readonly synonyms?: readonly (readonly string[])[];
  /** `rechtschreibung`: the project's own words (`woerter:` in ratsfeder.yaml). */
  readonly words?: readonly string[];
}

export interface RuleContext<M extends string> {
  readonly draft: Draft;
  readonly profile: Profile;
  readonly compiled: CompiledProfile;
  /** The draft's type, or `undefined` when `art:` names none. */
  readonly type: DocType | undefined;
  /** Today's date as `YYYY-MM-DD`, supplied by the caller so rules stay deterministic. */
  readonly today: string;
  readonly host: AnalysisHost;
  readonly options: RuleOptions;
  report(report: Report<M>): void;
}

export interface Report<M extends string> {
  readonly message: M;
  /**
   * Something the check could not do yet (a text not fetched): an information, whatever
   * severity the rule has.
   */
  readonly notice?: true;
  readonly data?: MessageData;
  readonly span: Span;
  readonly fixes?: readonly { readonly message: M; readonly data?: MessageData; readonly edits: readonly Edit[] }[];
}

/**
 * One rule: an id (= file name = doc page = fixture folder), a default severity, texts in
 * every locale, and a check that only reports. Severity, suppression, message text and the
 * docs link are stamped on by the engine.
 */
export interface Rule<M extends string = string> {
  readonly id: string;
  readonly severity: Severity;
  /** One line: what the rule checks. */
  readonly title: Readonly<Record<Locale, string>>;
  readonly messages: Catalogue<M>;
  check(context: RuleContext<M>): void;
}

export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}
