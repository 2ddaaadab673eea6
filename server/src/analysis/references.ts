import { parseNumberPattern, type PatternPart } from '../profile/number-pattern.js';
import { structuredScheme, type NumberForm, type NumberScheme, type StructuredScheme } from '../profile/types.js';
import type { Reference, ReferenceProblem } from './model.js';

/**
 * Recognises document numbers such as `VIII-F-00913` or `VIII-A-01234-NF-01`, also in the
 * forms people actually type (`VIII-F-913`, `viii-f-00913`, `VIII F 00913`), and records what
 * is wrong with each so the rules can report it and offer the canonical spelling.
 */
export class ReferenceScanner {
  private readonly structured: StructuredMatcher | undefined;
  private readonly forms: readonly FormMatcher[];
  private readonly prefixes: readonly RegExp[];

  constructor(scheme: NumberScheme) {
    const structured = structuredScheme(scheme);
    this.structured = structured && new StructuredMatcher(structured);
    this.forms = (scheme.forms ?? []).flatMap((form) => {
      const parsed = parseNumberPattern(form.pattern);
      // A profile is validated before use (`parseProfile`); a form that does not parse is left out.
      return parsed.parts ? [new FormMatcher(parsed.parts, form, scheme)] : [];
    });
    this.prefixes = [
      ...(this.structured ? [STRUCTURED_PREFIX] : []),
      ...this.forms.map((form) => form.prefix).filter((prefix): prefix is RegExp => prefix !== undefined),
    ];
  }

  /** Finds references in `text[from, to)`. A cheap pre-check skips text without digits. */
  scan(text: string, from: number, to: number, field: string | undefined, into: Reference[]): void {
    const slice = text.slice(from, to);
    if (!DIGIT.test(slice)) return;
    if (this.forms.length === 0) {
      this.structured?.scan(slice, from, field, into);
      return;
    }
    // Several forms may match overlapping text: the earliest, then the longest, wins.
    const found: Reference[] = [];
    this.structured?.scan(slice, from, field, found);
    const whole = wholeValue(slice);
    for (const form of this.forms) form.scan(slice, from, field, whole, found);
    found.sort((a, b) => a.from - b.from || b.to - a.to);
    let end = -1;
    for (const reference of found) {
      if (reference.from < end) continue;
      into.push(reference);
      end = reference.to;
    }
  }

  /**
   * The start of a document number typed at the end of `before` (`VIII-`, `viii-ds-0`,
   * `2019/`, `DHH/2023`), which number completion completes; `undefined` in plain prose.
   */
  typedPrefix(before: string): string | undefined {
    let best: string | undefined;
    for (const prefix of this.prefixes) {
      const typed = prefix.exec(before)?.[1];
      if (typed !== undefined && (best === undefined || typed.length > best.length)) best = typed;
    }
    return best;
  }
}

const DIGIT = /\d/;
const DASH = '[-\\u2010-\\u2013]';
const BEFORE = '(?<![\\p{L}\\p{N}_/.\\-\\u2010-\\u2013])';
const AFTER = '(?![\\p{L}\\p{N}_]|[-\\u2010-\\u2013/.]\\p{N})';
const STRUCTURED_PREFIX = /(?<![\p{L}\p{N}-])([IVXivx]{1,6}[-\u2010-\u2013 ][\p{L}\p{N}-]*)$/u;

/** Leipzig's structured numbers: period, code, running number, suffix pairs. */
class StructuredMatcher {
  private readonly codes: ReadonlyMap<string, string>;
  private readonly suffixes: ReadonlyMap<string, string>;
  private readonly periods: ReadonlySet<string>;
  private readonly pattern: RegExp;

  constructor(private readonly scheme: StructuredScheme) {
    this.codes = new Map(Object.keys(scheme.codes).map((code) => [fold(code), code]));
    this.suffixes = new Map(Object.keys(scheme.suffixes).map((code) => [fold(code), code]));
    this.periods = new Set(scheme.periods);
    // Period, code and number separated by a hyphen (any dash) or a space; suffix pairs
    // only by hyphens, so that "VIII-A-01234 und 5" does not swallow "und 5".
    const sep = '[-\\u2010-\\u2013 ]';
    this.pattern = new RegExp(
      `(?<![\\p{L}\\p{N}_/.\\-])([ivx]{1,6})(${sep})(\\p{L}{1,4})(${sep})(\\d{1,9})((?:[-\\u2010-\\u2013]\\p{L}{1,4}[-\\u2010-\\u2013]\\d{1,9})*)(?![\\p{L}\\p{N}_]|-\\p{N})`,
      'giu',
    );
  }

  scan(slice: string, base: number, field: string | undefined, into: Reference[]): void {
    this.pattern.lastIndex = 0;
    for (let match = this.pattern.exec(slice); match; match = this.pattern.exec(slice)) {
      const reference = this.read(match, base, field);
      if (reference) into.push(reference);
    }
  }

  private read(match: RegExpExecArray, base: number, field: string | undefined): Reference | undefined {
    const [raw, period = '', sep1 = '', code = '', sep2 = '', number = '', tail = ''] = match;
    const knownCode = this.codes.get(fold(code));
    const spaced = sep1 === ' ' || sep2 === ' ';
    // With spaces, only known type codes count: "X oder 2" is prose, "VIII F 00913" is not.
    if (spaced && (knownCode === undefined || !this.periods.has(period.toUpperCase()))) return undefined;

    const suffixes: { code: string; number: string }[] = [];
    for (const part of tail.matchAll(/[-\u2010-\u2013](\p{L}{1,4})[-\u2010-\u2013](\d{1,9})/gu)) {
      suffixes.push({ code: part[1] ?? '', number: part[2] ?? '' });
    }

    const problems: ReferenceProblem[] = [];
    const canonicalPeriod = period.toUpperCase();
    if (!this.periods.has(canonicalPeriod)) problems.push({ kind: 'period', value: period });
    if (knownCode === undefined) problems.push({ kind: 'code', value: code });
    const digits = trimZeros(number);
    if (digits.length > this.scheme.digits) problems.push({ kind: 'digits' });
    const canonicalSuffixes: string[] = [];
    for (const suffix of suffixes) {
      const known = this.suffixes.get(fold(suffix.code));
      if (known === undefined) problems.push({ kind: 'suffix', value: suffix.code });
      if (trimZeros(suffix.number).length > this.scheme.suffixDigits) problems.push({ kind: 'suffixDigits', value: suffix.code });
      canonicalSuffixes.push(`-${known ?? suffix.code}-${pad(suffix.number, this.scheme.suffixDigits)}`);
    }

    let canonical: string | undefined;
    if (problems.length === 0) {
      canonical = `${canonicalPeriod}-${knownCode}-${pad(number, this.scheme.digits)}${canonicalSuffixes.join('')}`;
      if (canonical !== raw) problems.push({ kind: 'form' });
    }
    const from = base + match.index;
    return {
      from,
      to: from + raw.length,
      raw,
      period,
      code,
      number,
      suffixes,
      canonical,
      problems,
      field,
    };
  }
}

/** One of the profile's number forms, compiled to a regular expression. */
class FormMatcher {
  private readonly pattern: RegExp;
  private readonly inText: boolean;
  /** Matches the form's beginning at the end of a text, for completion. */
  readonly prefix: RegExp | undefined;
  private readonly codes: ReadonlyMap<string, string>;
  private readonly periods: ReadonlyMap<string, string>;
  /** Capture group of each placeholder and optional part, in pattern order. */
  private readonly groups = new Map<PatternPart, number>();

  constructor(
    private readonly parts: readonly PatternPart[],
    form: NumberForm,
    scheme: NumberScheme,
  ) {
    this.inText = form.inText !== false;
    this.codes = new Map(Object.keys(form.codes ?? scheme.codes ?? {}).map((code) => [fold(code), code]));
    this.periods = new Map((scheme.periods ?? []).map((period) => [fold(period), period]));
    let group = 0;
    const source = (list: readonly PatternPart[]): string =>
      list
        .map((part) => {
          if (part.kind === 'literal') return literalSource(part.text);
          this.groups.set(part, ++group);
          if (part.kind === 'optional') return `(${source(part.parts)})?`;
          return `(${this.placeholderSource(part)})`;
        })
        .join('');
    this.pattern = new RegExp(`${BEFORE}${source(parts)}${AFTER}`, 'giu');
    // A form that counts only as a whole value is completed by title in its field, not by prefix.
    this.prefix = this.inText ? this.prefixSource(parts) : undefined;
  }

  scan(slice: string, base: number, field: string | undefined, whole: { from: number; to: number }, into: Reference[]): void {
    this.pattern.lastIndex = 0;
    for (let match = this.pattern.exec(slice); match; match = this.pattern.exec(slice)) {
      const raw = match[0];
      // A form that prose is full of counts only as a value of its own.
      if (!this.inText && (match.index !== whole.from || match.index + raw.length !== whole.to)) continue;
      const canonical = this.canonical(this.parts, match);
      const from = base + match.index;
      const number = this.first(this.parts, match, 'n') ?? '';
      into.push({
        from,
        to: from + raw.length,
        raw,
        period: this.first(this.parts, match, 'period') ?? '',
        code: this.first(this.parts, match, 'code') ?? '',
        number,
        suffixes: [],
        canonical,
        problems: canonical === raw ? [] : [{ kind: 'form' }],
        field,
      });
    }
  }

  private placeholderSource(part: Exclude<PatternPart, { kind: 'literal' | 'optional' }>): string {
    switch (part.kind) {
      case 'period':
        return alternatives([...this.periods.values()]);
      case 'code':
        return alternatives([...this.codes.values()]);
      case 'n':
        return part.width === undefined ? '[1-9]\\d{0,8}' : `\\d{1,${part.width}}`;
      case 'yyyy':
        return '(?:19|20)\\d{2}';
      case 'yy':
        return '\\d{2}';
    }
  }

  /** The first placeholder and a separator or digit after it, then anything a number holds. */
  private prefixSource(parts: readonly PatternPart[]): RegExp | undefined {
    const [head] = parts;
    if (!head || head.kind === 'literal' || head.kind === 'optional') return undefined;
    return new RegExp(`${BEFORE}(${this.placeholderSource(head)}(?:[-\\u2010-\\u2013/.]|\\d)[\\p{L}\\p{N}\\-\\u2010-\\u2013/.]*)$`, 'iu');
  }

  private canonical(parts: readonly PatternPart[], match: RegExpExecArray): string {
    let text = '';
    for (const part of parts) {
      if (part.kind === 'literal') {
        text += part.text;
        continue;
      }
      const value = match[this.groups.get(part)!];
      if (value === undefined) continue;
      if (part.kind === 'optional') text += this.canonical(part.parts, match);
      else if (part.kind === 'code') text += this.codes.get(fold(value)) ?? value;
      else if (part.kind === 'period') text += this.periods.get(fold(value)) ?? value;
      else if (part.kind === 'n' && part.width !== undefined) text += pad(value, part.width);
      else text += value;
    }
    return text;
  }

  private first(parts: readonly PatternPart[], match: RegExpExecArray, kind: PatternPart['kind']): string | undefined {
    for (const part of parts) {
      if (part.kind === 'literal') continue;
      const value = match[this.groups.get(part)!];
      if (value === undefined) continue;
      if (part.kind === kind) return value;
      if (part.kind === 'optional') {
        const inner = this.first(part.parts, match, kind);
        if (inner !== undefined) return inner;
      }
    }
    return undefined;
  }
}

/** The range of a value without the blanks and quotes around it, relative to the slice. */
function wholeValue(slice: string): { from: number; to: number } {
  let from = 0;
  let to = slice.length;
  while (from < to && /[\s"']/.test(slice[from]!)) from++;
  while (to > from && /[\s"']/.test(slice[to - 1]!)) to--;
  return { from, to };
}

function literalSource(text: string): string {
  let source = '';
  for (const char of text) {
    if (char === '-') source += DASH;
    else if (char === ' ') source += '\\s+';
    else source += char.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  return source;
}

/** Longest first, so that `TVO-BSV` is not read as `TVO`. */
function alternatives(values: readonly string[]): string {
  if (values.length === 0) return '(?!)';
  return `(?:${[...values].sort((a, b) => b.length - a.length).map((value) => literalSource(value)).join('|')})`;
}

function fold(code: string): string {
  return code.toUpperCase();
}

function trimZeros(digits: string): string {
  const trimmed = digits.replace(/^0+/, '');
  return trimmed === '' ? '0' : trimmed;
}

function pad(digits: string, width: number): string {
  return trimZeros(digits).padStart(width, '0');
}
