import type { Root, RootContent } from 'mdast';
import type { Document, Node as YamlNode } from 'yaml';
import type { DocType, SectionSpec } from '../profile/types.js';
import type { LineIndex } from './lines.js';

/** A span of the draft's text as UTF-16 offsets, `from` inclusive, `to` exclusive. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

/** The analysed draft: everything the rules, the editor features and the export read. */
export interface Draft {
  readonly text: string;
  readonly lines: LineIndex;
  readonly tree: Root;
  /** Why this Markdown file is not a draft, or `undefined` if it is one. */
  readonly skip: SkipReason | undefined;
  /**
   * With `skip: 'pathological'`: what would make its parse take too long. With `skip: 'too-slow'`:
   * the construct that most likely made it slow, where the estimate names one.
   */
  readonly costly?: Costly;
  /** With `skip: 'too-slow'`: after how many milliseconds its parse was stopped. */
  readonly stoppedAfterMs?: number;
  readonly frontMatter: FrontMatter | undefined;
  /** The raw `art:` value, trimmed. */
  readonly art: string | undefined;
  /** The profile type that `art:` names, if it names one. */
  readonly type: DocType | undefined;
  /** Level-2 sections in document order. */
  readonly sections: readonly Section[];
  /** Every document number, in the body and in front-matter values, in document order. */
  readonly references: readonly Reference[];
  /** Links, images and definitions with their destinations. */
  readonly links: readonly LinkTarget[];
  /** Ranges where rules are silenced by `ratsfeder-disable` comments. */
  readonly suppressions: readonly Suppression[];
}

/**
 * `too-large`, `too-deep`, `pathological`, `too-slow` and `binary` are drafts (or look like them)
 * that are not analysed; the others are Markdown files that are simply not drafts.
 * `pathological`: constructs that micromark parses in quadratic time, far more of them than any
 * draft has (`parse-cost.ts`). `too-slow`: its parse, done on another thread, was stopped when it
 * took longer than its time budget (`Parsed`).
 */
export type SkipReason = 'no-front-matter' | 'no-art' | 'too-large' | 'too-deep' | 'pathological' | 'too-slow' | 'binary';

/**
 * A parse done elsewhere (on another thread, `node/parse-thread.ts`) and handed to `analyse`:
 * the tree of the text `markdownToParse` gave, or that the parse was stopped after `stoppedAfterMs`.
 */
export type Parsed = { readonly tree: Root } | { readonly stoppedAfterMs: number };

/** The construct that makes a text too costly to parse, as `parseCost` found it. */
export interface Costly {
  readonly construct: 'link-end' | 'emphasis' | 'code' | 'html';
  /** How the text writes it most often (`](`, `*`, `<!--`, …) and how often. */
  readonly written: string;
  readonly count: number;
  /** Where the paragraph it costs most in starts (0-based). */
  readonly line: number;
}

export interface FrontMatter extends Span {
  /** Span of the YAML text between the fences. */
  readonly content: Span;
  /**
   * `ok`: between two `---` lines at the top. `unclosed`: the closing fence is missing.
   * `missing`: the file starts with `art:` and other fields but has no fences at all.
   */
  readonly fences: 'ok' | 'unclosed' | 'missing';
  readonly yaml: Document.Parsed | undefined;
  readonly errors: readonly FrontMatterError[];
  /** Top-level fields, if the front matter is a mapping. */
  readonly fields: ReadonlyMap<string, Field>;
  /** What the YAML holds at the top, when it is not a mapping. */
  readonly shape: 'mapping' | 'list' | 'scalar' | 'empty' | 'invalid';
}

export interface FrontMatterError extends Span {
  /** The YAML library's error code, e.g. `BAD_INDENT`. */
  readonly code: string;
  readonly message: string;
}

export interface Field {
  readonly key: string;
  readonly keySpan: Span;
  /** Span of the value, or an empty span after the colon when there is none. */
  readonly valueSpan: Span;
  readonly node: YamlNode | null;
  /** The value as plain data (strings stay strings: the YAML core schema has no dates). */
  readonly value: unknown;
}

export interface Section {
  /** Heading text as written, without the `##`. */
  readonly heading: string;
  /** The profile section this heading names, via its title or an alias. */
  readonly spec: SectionSpec | undefined;
  /** From the heading to the start of the next level-1/2 heading or the end. */
  readonly span: Span;
  readonly headingSpan: Span;
  /** Span of the heading's text, for renames and fixes. */
  readonly titleSpan: Span;
  /** Top-level nodes inside the section, heading excluded. */
  readonly body: readonly RootContent[];
  /** Sub-headings (level 3 and deeper) inside the section. */
  readonly subheadings: readonly { readonly text: string; readonly depth: number; readonly span: Span }[];
}

export interface Reference extends Span {
  /** As written. */
  readonly raw: string;
  readonly period: string;
  readonly code: string;
  readonly number: string;
  readonly suffixes: readonly { readonly code: string; readonly number: string }[];
  /** The canonical spelling, where the parts are known to the profile. */
  readonly canonical: string | undefined;
  readonly problems: readonly ReferenceProblem[];
  /** The front-matter key this reference sits in, if any. */
  readonly field: string | undefined;
}

export type ReferenceProblem =
  | { readonly kind: 'form' }
  | { readonly kind: 'period'; readonly value: string }
  | { readonly kind: 'code'; readonly value: string }
  | { readonly kind: 'suffix'; readonly value: string }
  | { readonly kind: 'digits' }
  | { readonly kind: 'suffixDigits'; readonly value: string };

export interface LinkTarget extends Span {
  readonly url: string;
  readonly kind: 'link' | 'image' | 'definition';
}

export interface Suppression extends Span {
  /** Rule ids silenced; empty means all rules. */
  readonly rules: readonly string[];
}
