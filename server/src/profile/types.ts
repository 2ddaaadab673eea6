import { parseNumberPattern, renderExample } from './number-pattern.js';

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
  /** The council's OParl interface: where `ratsfeder register sync` reads the register from. */
  readonly oparl?: OparlSpec;
  /** Labels for the DOCX export, keyed by label id. */
  /** Labels of the export; `labelsEn` for documents exported in English (`--lang en`). */
  readonly docx: { readonly labels: Readonly<Record<string, string>>; readonly labelsEn?: Readonly<Record<string, string>> };
  /** The council's time zone (IANA name), in which a meeting's start is a calendar day. Default Europe/Berlin. */
  readonly zeitzone?: string;
  /** Similar documents: the council's thesaurus (`synonyme`, groups of words meaning the same). */
  readonly aehnlichkeit?: { readonly synonyme?: readonly (readonly string[])[] };
  /** Spelling: the council's words beside the dictionary (districts, bodies, terms). */
  readonly woerter?: readonly string[];
  /**
   * How the council's Vorlagen are laid out, for reading their text (amendments): the headings
   * of the Beschlussvorschlag and those that end it (Begründung, Sachverhalt …).
   */
  readonly vorlage?: { readonly beschlussvorschlag?: readonly string[]; readonly ende?: readonly string[] };
}

export interface OparlSpec {
  /** The OParl System URL. */
  readonly system: string;
  /** The Drucksachenarten (`paperType`) the council's system uses, as it spells them. */
  readonly paperTypes?: readonly string[];
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

/**
 * How a council numbers its documents. Two ways to say it, usable together:
 *
 * - the structured scheme of Leipzig's ALLRIS numbers (`periods`, `codes`, `digits`,
 *   `suffixes`, `suffixDigits`): `VIII-F-00913`, `VII-A-07860-NF-04`, with a finding for
 *   an unknown period, code or suffix;
 * - `forms`: patterns such as `{yyyy}/{n:4}` (Karlsruhe's `2019/1010`) or
 *   `{n}/{yyyy}[ {n}. Ergänzung]` (Hürtgenwald's `48/2018 1. Ergänzung`), see `NumberForm`.
 */
export interface NumberScheme {
  /** Known Wahlperioden as roman numerals, e.g. `VIII`. */
  readonly periods?: readonly string[];
  /** Type codes with their names, e.g. `F: Anfrage`. Spelling here is canonical. */
  readonly codes?: Readonly<Record<string, string>>;
  /** Digits of the running number, zero-padded. */
  readonly digits?: number;
  /** Suffix codes with their names, e.g. `NF: Neufassung`. */
  readonly suffixes?: Readonly<Record<string, string>>;
  /** Digits of a suffix's running number. */
  readonly suffixDigits?: number;
  /** Further number forms, tried after the structured scheme. */
  readonly forms?: readonly NumberForm[];
  /** A number as the council writes it, for messages (`expected e.g. …`). */
  readonly example?: string;
}

/**
 * One number form as a pattern. Placeholders: `{period}` (one of `periods`), `{code}` (one of
 * the form's `codes`, else the scheme's), `{n}` (a running number without leading zeros),
 * `{n:4}` (up to four digits, written zero-padded to four), `{yyyy}` (a year 1900–2099),
 * `{yy}` (two digits). `[…]` is optional. A `-` stands for any dash, a space for any run of
 * blanks; every other character, letters without case, stands for itself. The canonical
 * spelling is the pattern's: codes as the profile spells them, numbers padded.
 */
export interface NumberForm {
  readonly pattern: string;
  /** What the form is, e.g. `Vorlage vor 2020`. */
  readonly name?: string;
  /** Codes `{code}` stands for in this form, with their names. */
  readonly codes?: Readonly<Record<string, string>>;
  /**
   * `false`: a number only as a whole value (a `nummer:`/`bezug:` value, an OParl
   * `reference`), never in running text — for forms like a bare `30171` that prose is full of.
   */
  readonly inText?: boolean;
}

/** A number as the council writes it, for messages: the profile's `example`, else one made from the scheme. */
export function numberExample(scheme: NumberScheme): string {
  if (scheme.example) return scheme.example;
  const structured = structuredScheme(scheme);
  if (structured) return `${structured.periods[structured.periods.length - 1] ?? 'I'}-${Object.keys(structured.codes)[0] ?? 'A'}-${'1'.padStart(structured.digits, '0')}`;
  const form = scheme.forms?.[0];
  const parts = form && parseNumberPattern(form.pattern).parts;
  if (!form || !parts) return '';
  return renderExample(parts, { period: scheme.periods?.[scheme.periods.length - 1] ?? 'I', code: Object.keys(form.codes ?? scheme.codes ?? {})[0] ?? 'A' });
}

/** The structured scheme, where the profile has one. */
export function structuredScheme(scheme: NumberScheme): StructuredScheme | undefined {
  const { periods, codes, digits } = scheme;
  if (!periods || periods.length === 0 || !codes || digits === undefined) return undefined;
  return { periods, codes, digits, suffixes: scheme.suffixes ?? {}, suffixDigits: scheme.suffixDigits ?? 2 };
}

export interface StructuredScheme {
  readonly periods: readonly string[];
  readonly codes: Readonly<Record<string, string>>;
  readonly digits: number;
  readonly suffixes: Readonly<Record<string, string>>;
  readonly suffixDigits: number;
}
