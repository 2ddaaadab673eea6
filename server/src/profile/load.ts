import { parseValidated, type Parsed } from '../config/validate.js';
import type { Locale } from '../rules/types.js';
import { LEIPZIG } from './leipzig.js';
import { PROFILE_SCHEMA } from './schema.js';
import type { Profile } from './types.js';

/** Profiles that ship with Ratsfeder, by the name `profil:` uses for them. */
export const BUILTIN_PROFILES: Readonly<Record<string, Profile>> = { leipzig: LEIPZIG };

export const DEFAULT_PROFILE = LEIPZIG;

/** Parses and validates a profile file's text. */
export function parseProfile(text: string, file: string, locale: Locale = 'de'): Parsed<Profile> {
  return parseValidated<Profile>(text, file, PROFILE_SCHEMA, locale);
}
