/**
 * A council profile: everything that differs between councils, as data.
 * Leipzig is the default; another city is another profile, not new code.
 */

export interface Profile {
  /** Short id, e.g. `leipzig`. */
  readonly id: string;
  /** Display name, e.g. `Stadt Leipzig`. */
  readonly name: string;
  /** Document types, in the order completion offers them. */
  readonly types: readonly DocType[];
  /** Front-matter fields a draft may carry. Unknown keys are reported. */
  readonly fields: readonly FieldSpec[];
  /** How document numbers are formed. */
  readonly numbers: NumberScheme;
  /** URL templates; `{nummer}` is replaced by the canonical number. */
  readonly urls: { readonly document?: string };
  /** Labels for the DOCX export, keyed by label id. */
  /** Labels of the export; `labelsEn` for documents exported in English (`--lang en`). */
  readonly docx: { readonly labels: Readonly<Record<string, string>>; readonly labelsEn?: Readonly<Record<string, string>> };
  /** The council's time zone (IANA name), in which a meeting's start is a calendar day. Default Europe/Berlin. */
  readonly zeitzone?: string;
}

/** When a draft of a type must be submitted for a meeting (`zaehlung` defaults to `kalendertage`). */
export interface DeadlineSpec {
  readonly tage: number;
  readonly zaehlung?: 'kalendertage' | 'werktage';
}

export interface DocType {
  /** The value of `art:` (matched without case). */
  readonly name: string;
  /** Other spellings accepted for `art:`. */
  readonly aliases?: readonly string[];
  /** Sections in their expected order. */
  readonly sections: readonly SectionSpec[];
  /** Front-matter keys this type requires beyond the profile-wide ones. */
  readonly requiredFields?: readonly string[];
  /** The submission deadline before a meeting of the Beratungsfolge; none: not checked. */
  readonly frist?: DeadlineSpec;
}

export interface SectionSpec {
  /** Canonical heading. */
  readonly title: string;
  /** Other headings that mean the same section. */
  readonly aliases?: readonly string[];
  readonly required: boolean;
  /** What the section must contain, if it has a prescribed shape. */
  readonly content?: 'fragen';
  /** Dates in this section must not lie before the draft's date. */
  readonly futureDates?: boolean;
  /** Body inserted by the "insert missing section" fix. */
  readonly skeleton?: string;
}

export type FieldKind = 'text' | 'texts' | 'date' | 'reference' | 'references' | 'choice' | 'beratungsfolge' | 'type';

export interface FieldSpec {
  readonly key: string;
  readonly kind: FieldKind;
  readonly required?: boolean;
  /** Allowed values for `choice`. */
  readonly values?: readonly string[];
  /** Short description, shown in completion. */
  readonly description: string;
  /** For `beratungsfolge`: the allowed `rolle` values. */
  readonly roles?: readonly string[];
}

/** The keys of a `beratungsfolge` entry: fixed by the draft format, not by a council. */
export const BERATUNGSFOLGE_KEYS = ['gremium', 'sitzung', 'rolle'] as const;

export interface NumberScheme {
  /** Known Wahlperioden as roman numerals, e.g. `VIII`. */
  readonly periods: readonly string[];
  /** Type codes with their names, e.g. `F: Anfrage`. Spelling here is canonical. */
  readonly codes: Readonly<Record<string, string>>;
  /** Digits of the running number, zero-padded. */
  readonly digits: number;
  /** Suffix codes with their names, e.g. `NF: Neufassung`. */
  readonly suffixes: Readonly<Record<string, string>>;
  /** Digits of a suffix's running number. */
  readonly suffixDigits: number;
}
