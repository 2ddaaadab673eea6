export type { Absender, LinkStyle } from '../config/config.js';

/**
 * The document as it will be printed: every layout decision is made here, as plain data
 * that tests can snapshot. The DOCX writer (`docx.ts`) only maps this onto Word's structures.
 */

export interface DocModel {
  /** `language`: the document's, as Word's spelling and hyphenation take it (de-DE, en-GB). */
  readonly properties: { readonly title: string; readonly author: string; readonly subject: string; readonly language: string };
  readonly header: HeaderBlock;
  /** Gremium · Sitzung · Zuständigkeit, with the labels of the profile. */
  readonly beratungsfolge: Table | undefined;
  readonly sections: readonly DocSection[];
  /** Footnote bodies by id; each reference in the text has its own footnote. */
  readonly footnotes: readonly Footnote[];
  /** "Seite {seite} von {seiten}". */
  readonly pageLabel: string;
}

export interface HeaderBlock {
  /** "Antrag", or "Änderungsantrag zu VIII-DS-01234". */
  readonly kind: string;
  /** The type alone, "Änderungsantrag". */
  readonly art: string;
  readonly nummer: string | undefined;
  /** The amended documents as written, "VIII-DS-01234". */
  readonly bezug: string | undefined;
  /** Every submitter of a joint motion. */
  readonly einreicher: readonly string[];
  /** "14.05.2025". */
  readonly datum: string | undefined;
  readonly status: string;
  /** Label/value rows: Einreicher, Datum, Status. */
  readonly rows: readonly { readonly label: string; readonly value: string }[];
  /** "Betreff: …" */
  readonly betreffLabel: string;
  readonly betreff: string;
}

export interface DocSection {
  readonly title: string;
  readonly blocks: readonly Block[];
}

export interface Footnote {
  readonly id: number;
  readonly blocks: readonly Block[];
}

export type Block =
  | { readonly type: 'paragraph'; readonly inlines: readonly Inline[] }
  | { readonly type: 'heading'; readonly level: number; readonly inlines: readonly Inline[] }
  | List
  | { readonly type: 'quote'; readonly blocks: readonly Block[] }
  | Table
  | { readonly type: 'code'; readonly text: string }
  | { readonly type: 'rule' }
  | Revision;

/**
 * An amendment as Word's tracked changes: the Vorlage's wording with the faction's insertions
 * and deletions, each of which the office can accept or reject. Accepting every part gives the
 * new wording, rejecting every part the old one.
 */
export interface Revision {
  readonly type: 'revision';
  readonly parts: readonly { readonly kind: 'same' | 'added' | 'removed'; readonly text: string }[];
  /** Who made the changes: the submitting factions. */
  readonly author: string;
  /** When (ISO 8601): the draft's date. */
  readonly date: string;
}

/** How amendment blocks are printed: side by side (Synopse) or as tracked changes. */
export type AmendmentLayout = 'synopse' | 'tracked';

export interface List {
  readonly type: 'list';
  readonly ordered: boolean;
  readonly start: number;
  /** Every list numbers on its own: its instance tells Word to restart. */
  readonly instance: number;
  readonly items: readonly (readonly Block[])[];
}

export interface Table {
  readonly type: 'table';
  readonly header: readonly (readonly Inline[])[];
  readonly rows: readonly (readonly (readonly Inline[])[])[];
  readonly align: readonly ('left' | 'center' | 'right' | null)[];
  /** Each column's share of the table's width (relative numbers), fitted to what it holds. */
  readonly widths: readonly number[];
  /** A row is never split across pages (it moves whole to the next one). */
  readonly keepRows?: true;
}

export type Inline =
  | { readonly type: 'text'; readonly text: string; readonly bold?: true; readonly italic?: true; readonly code?: true; readonly strike?: true; readonly underline?: true }
  | { readonly type: 'link'; readonly url: string; readonly children: readonly Inline[] }
  | { readonly type: 'footnote'; readonly id: number }
  | { readonly type: 'break' };
