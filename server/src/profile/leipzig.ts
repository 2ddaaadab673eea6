import augsburg from '../../profiles/augsburg.profile.yaml';
import huertgenwald from '../../profiles/huertgenwald.profile.yaml';
import karlsruhe from '../../profiles/karlsruhe.profile.yaml';
import leipzig from '../../profiles/leipzig.profile.yaml';
import type { Profile } from './types.js';

/**
 * The profiles that ship with Ratsfeder. They are checked against the profile schema by the
 * test suite rather than at start-up, so that loading them costs nothing. Leipzig is the default.
 */
export const LEIPZIG = leipzig as Profile;
export const KARLSRUHE = karlsruhe as Profile;
export const AUGSBURG = augsburg as Profile;
export const HUERTGENWALD = huertgenwald as Profile;
