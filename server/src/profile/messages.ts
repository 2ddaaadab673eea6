import { defineCatalogue, render, type Locale, type MessageData } from '../base/locale.js';

/** What is wrong with a number form's pattern (`PatternError`), by kind. */
export const NUMBER_PATTERN_MESSAGES = defineCatalogue({
  de: {
    'unknown-placeholder': (data) => `unbekannter Platzhalter „${data.placeholder}“; bekannt sind {period}, {code}, {n}, {n:4}, {yyyy}, {yy}`,
    width: (data) => `„${data.placeholder}“: nur {n} hat eine Breite, eine Ziffer von 1 bis 9 (z. B. {n:4})`,
    'unopened-bracket': () => '„]“ ohne öffnendes „[“',
    'empty-brackets': () => 'leere Klammer „[]“',
    'unopened-brace': () => '„}“ ohne öffnendes „{“',
    'unclosed-bracket': () => '„[“ wird nicht geschlossen',
    'no-number': () => 'ein Nummernmuster braucht eine Nummer außerhalb von „[…]“ ({n}, {n:4}, {yyyy} oder {yy})',
  },
  en: {
    'unknown-placeholder': (data) => `unknown placeholder “${data.placeholder}”; known are {period}, {code}, {n}, {n:4}, {yyyy}, {yy}`,
    width: (data) => `“${data.placeholder}”: only {n} takes a width, one digit from 1 to 9 (e.g. {n:4})`,
    'unopened-bracket': () => '“]” without an opening “[”',
    'empty-brackets': () => 'empty brackets “[]”',
    'unopened-brace': () => '“}” without an opening “{”',
    'unclosed-bracket': () => '“[” is never closed',
    'no-number': () => 'a number pattern needs a number outside “[…]” ({n}, {n:4}, {yyyy} or {yy})',
  },
});

export type PatternErrorKind = keyof typeof NUMBER_PATTERN_MESSAGES.de;

/** The pattern's error as `pattern` data carries it: its kind, and the placeholder it names. */
const patternError = (data: MessageData, locale: Locale) => render(NUMBER_PATTERN_MESSAGES, locale, String(data.kind) as PatternErrorKind, data);

/**
 * The problem of the profile format `nummernmuster`: the pattern, the place (1-based
 * `character`) and what is wrong there (`kind` of `NUMBER_PATTERN_MESSAGES`, with its data).
 */
export const NUMBER_FORMAT_MESSAGES = defineCatalogue({
  de: { pattern: (data) => `Nummernmuster „${data.value}“, Zeichen ${data.character}: ${patternError(data, 'de')}` },
  en: { pattern: (data) => `number pattern “${data.value}”, character ${data.character}: ${patternError(data, 'en')}` },
});
