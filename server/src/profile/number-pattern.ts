/**
 * The pattern language of a profile's number forms (`numbers.forms[].pattern`, see
 * `NumberForm`): `{yyyy}/{n:4}`, `{code}[-{code}]/{yy}/{n}[-{n}]`, `{n}/{yyyy}[ {n}. Ergänzung]`.
 * Parsing only; `analysis/references.ts` turns a parsed pattern into a regular expression.
 */
import type { Failure } from '../base/locale.js';
import type { PatternErrorKind } from './messages.js';

export type PatternPart =
  | { readonly kind: 'period' }
  | { readonly kind: 'code' }
  /** `width`: written zero-padded to this many digits (and at most this many); none: no leading zeros. */
  | { readonly kind: 'n'; readonly width?: number }
  | { readonly kind: 'yyyy' }
  | { readonly kind: 'yy' }
  /** Text that stands for itself (letters without case); `-` any dash, ` ` any blanks. */
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'optional'; readonly parts: readonly PatternPart[] };

export type ParsedPattern = { readonly parts: readonly PatternPart[]; readonly error?: undefined } | { readonly parts?: undefined; readonly error: PatternError };

/** What is wrong with a pattern and where: a kind of `NUMBER_PATTERN_MESSAGES` and its data. */
export interface PatternError extends Failure<PatternErrorKind> {
  /** 0-based offset in the pattern. */
  readonly at: number;
}

const PLACEHOLDERS = ['period', 'code', 'n', 'yyyy', 'yy'] as const;

export function parseNumberPattern(pattern: string): ParsedPattern {
  const stack: PatternPart[][] = [[]];
  const opened: number[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal) stack[stack.length - 1]!.push({ kind: 'literal', text: literal });
    literal = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '{') {
      const close = pattern.indexOf('}', i);
      const body = close < 0 ? '' : pattern.slice(i + 1, close);
      const [name = '', width] = body.split(':');
      if (close < 0 || !(PLACEHOLDERS as readonly string[]).includes(name)) {
        return fail(i, 'unknown-placeholder', { placeholder: close < 0 ? pattern.slice(i) : `{${body}}` });
      }
      if (width !== undefined && (name !== 'n' || !/^[1-9]$/.test(width))) {
        return fail(i, 'width', { placeholder: `{${body}}` });
      }
      flush();
      const part: PatternPart = name === 'n' ? (width === undefined ? { kind: 'n' } : { kind: 'n', width: Number(width) }) : { kind: name as 'period' | 'code' | 'yyyy' | 'yy' };
      stack[stack.length - 1]!.push(part);
      i = close;
    } else if (char === '[') {
      flush();
      stack.push([]);
      opened.push(i);
    } else if (char === ']') {
      if (opened.length === 0) return fail(i, 'unopened-bracket');
      flush();
      const parts = stack.pop()!;
      opened.pop();
      if (parts.length === 0) return fail(i, 'empty-brackets');
      stack[stack.length - 1]!.push({ kind: 'optional', parts });
    } else if (char === '}') {
      return fail(i, 'unopened-brace');
    } else {
      literal += char;
    }
  }
  if (opened.length > 0) return fail(opened[opened.length - 1]!, 'unclosed-bracket');
  flush();
  const parts = stack[0]!;
  if (!hasDigits(parts)) return fail(0, 'no-number');
  return { parts };
}

/** Whether the pattern always contains a digit: a form without one would match plain words. */
function hasDigits(parts: readonly PatternPart[]): boolean {
  return parts.some((part) => part.kind === 'n' || part.kind === 'yyyy' || part.kind === 'yy');
}

function fail(at: number, kind: PatternErrorKind, data: { readonly placeholder?: string } = {}): ParsedPattern {
  return { error: { at, kind, data } };
}

/** A number of the form, for messages: optional parts left out, the first code and period. */
export function renderExample(parts: readonly PatternPart[], values: { period: string; code: string }): string {
  return parts
    .map((part) => {
      switch (part.kind) {
        case 'literal':
          return part.text;
        case 'optional':
          return '';
        case 'period':
          return values.period;
        case 'code':
          return values.code;
        case 'n':
          return part.width === undefined ? '123' : '1'.padStart(part.width, '0');
        case 'yyyy':
          return '2025';
        case 'yy':
          return '25';
      }
    })
    .join('');
}
