import { defineFormat, parseValidated, type Parsed } from '../base/validate.js';
import { NUMBER_FORMAT_MESSAGES } from './messages.js';
import { parseNumberPattern } from './number-pattern.js';
import type { Locale } from '../base/locale.js';
import { AUGSBURG, HUERTGENWALD, KARLSRUHE, LEIPZIG } from './leipzig.js';
import { PROFILE_SCHEMA } from './schema.js';
import type { Profile } from './types.js';

/** Profiles that ship with Ratsfeder, by the name `profil:` uses for them. */
export const BUILTIN_PROFILES: Readonly<Record<string, Profile>> = { leipzig: LEIPZIG, karlsruhe: KARLSRUHE, augsburg: AUGSBURG, huertgenwald: HUERTGENWALD };

export const DEFAULT_PROFILE = LEIPZIG;

defineFormat('nummernmuster', {
  messages: NUMBER_FORMAT_MESSAGES,
  problem(value) {
    const { error } = parseNumberPattern(value);
    if (!error) return undefined;
    return { kind: 'pattern', data: { ...error.data, kind: error.kind, value, character: error.at + 1 } };
  },
});

/** Parses and validates a profile file's text. */
export function parseProfile(text: string, file: string, locale: Locale = 'de'): Parsed<Profile> {
  return parseValidated<Profile>(text, file, PROFILE_SCHEMA, locale, 'profile');
}
