import type { Draft, Span } from '../analysis/model.js';
import type { Locale } from '../base/locale.js';

/** Quotes a value the way each language does. */
export function q(value: string | number | undefined, locale: Locale = 'de'): string {
  return locale === 'de' ? `„${value ?? ''}“` : `“${value ?? ''}”`;
}

/** "„A“, „B“ oder „C“": the choices a value may take, quoted. Data carries them joined by `|`. */
export function oneOf(joined: string | number | undefined, locale: Locale = 'de'): string {
  const values = String(joined ?? '').split('|').filter(Boolean).map((value) => q(value, locale));
  if (values.length <= 1) return values.join('');
  const or = locale === 'de' ? ' oder ' : ' or ';
  return `${values.slice(0, -1).join(', ')}${or}${values[values.length - 1]}`;
}

/** A value as a YAML scalar: plain where YAML reads it back as the same text, else quoted. */
export function yamlScalar(value: string): string {
  return /^[\p{L}\p{N}][^:#\n"'\\]*$/u.test(value) && !/\s$/.test(value) ? value : JSON.stringify(value);
}

/** Whether a finding of `ruleId` at `span` stands where a disable comment silences it. */
export function suppressed(draft: Draft, ruleId: string, span: Span): boolean {
  for (const range of draft.suppressions) {
    if (span.from >= range.from && span.from <= range.to && (range.rules.length === 0 || range.rules.includes(ruleId))) {
      return true;
    }
  }
  return false;
}
