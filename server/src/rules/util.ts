import { closest, distance } from 'fastest-levenshtein';
import type { Locale } from './types.js';

/** Quotes a value the way each language does. */
export function q(value: string | number | undefined, locale: Locale = 'de'): string {
  return locale === 'de' ? `„${value ?? ''}“` : `“${value ?? ''}”`;
}

/** The candidate closest to `word`, if it is close enough to be a plausible typo. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const lower = word.toLocaleLowerCase('de');
  const exact = candidates.find((candidate) => candidate.toLocaleLowerCase('de') === lower);
  if (exact) return exact;
  const best = closest(lower, candidates.map((candidate) => candidate.toLocaleLowerCase('de')));
  const index = candidates.findIndex((candidate) => candidate.toLocaleLowerCase('de') === best);
  const limit = Math.max(2, Math.floor(lower.length / 3));
  return index >= 0 && distance(lower, best) <= limit ? candidates[index] : undefined;
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
