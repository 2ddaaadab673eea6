import type { NumberScheme } from '../profile/types.js';
import type { Reference, ReferenceProblem } from './model.js';

/**
 * Recognises document numbers such as `VIII-F-00913` or `VIII-A-01234-NF-01`, also in the
 * forms people actually type (`VIII-F-913`, `viii-f-00913`, `VIII F 00913`), and records what
 * is wrong with each so the rules can report it and offer the canonical spelling.
 */
export class ReferenceScanner {
  private readonly codes: ReadonlyMap<string, string>;
  private readonly suffixes: ReadonlyMap<string, string>;
  private readonly periods: ReadonlySet<string>;
  private readonly pattern: RegExp;

  constructor(private readonly scheme: NumberScheme) {
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

  /** Finds references in `text[from, to)`. A cheap pre-check skips text without digits. */
  scan(text: string, from: number, to: number, field: string | undefined, into: Reference[]): void {
    const slice = text.slice(from, to);
    if (!/\d/.test(slice)) return;
    this.pattern.lastIndex = 0;
    for (let match = this.pattern.exec(slice); match; match = this.pattern.exec(slice)) {
      const reference = this.read(match, from, field);
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
