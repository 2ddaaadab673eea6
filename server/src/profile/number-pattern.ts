/**
 * The pattern language of a profile's number forms (`numbers.forms[].pattern`, see
 * `NumberForm`): `{yyyy}/{n:4}`, `{code}[-{code}]/{yy}/{n}[-{n}]`, `{n}/{yyyy}[ {n}. Ergänzung]`.
 * Parsing only; `analysis/references.ts` turns a parsed pattern into a regular expression.
 */

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

export interface PatternError {
  /** 0-based offset in the pattern. */
  readonly at: number;
  readonly de: string;
  readonly en: string;
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
        return fail(i, `unbekannter Platzhalter „${close < 0 ? pattern.slice(i) : `{${body}}`}“; bekannt sind {period}, {code}, {n}, {n:4}, {yyyy}, {yy}`, `unknown placeholder “${close < 0 ? pattern.slice(i) : `{${body}}`}”; known are {period}, {code}, {n}, {n:4}, {yyyy}, {yy}`);
      }
      if (width !== undefined && (name !== 'n' || !/^[1-9]$/.test(width))) {
        return fail(i, `„{${body}}“: nur {n} hat eine Breite, eine Ziffer von 1 bis 9 (z. B. {n:4})`, `“{${body}}”: only {n} takes a width, one digit from 1 to 9 (e.g. {n:4})`);
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
      if (opened.length === 0) return fail(i, '„]“ ohne öffnendes „[“', '“]” without an opening “[”');
      flush();
      const parts = stack.pop()!;
      opened.pop();
      if (parts.length === 0) return fail(i, 'leere Klammer „[]“', 'empty brackets “[]”');
      stack[stack.length - 1]!.push({ kind: 'optional', parts });
    } else if (char === '}') {
      return fail(i, '„}“ ohne öffnendes „{“', '“}” without an opening “{”');
    } else {
      literal += char;
    }
  }
  if (opened.length > 0) return fail(opened[opened.length - 1]!, '„[“ wird nicht geschlossen', '“[” is never closed');
  flush();
  const parts = stack[0]!;
  if (!hasDigits(parts)) return fail(0, 'ein Nummernmuster braucht eine Nummer außerhalb von „[…]“ ({n}, {n:4}, {yyyy} oder {yy})', 'a number pattern needs a number outside “[…]” ({n}, {n:4}, {yyyy} or {yy})');
  return { parts };
}

/** Whether the pattern always contains a digit: a form without one would match plain words. */
function hasDigits(parts: readonly PatternPart[]): boolean {
  return parts.some((part) => part.kind === 'n' || part.kind === 'yyyy' || part.kind === 'yy');
}

function fail(at: number, de: string, en: string): ParsedPattern {
  return { error: { at, de, en } };
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
