import data from '../../profiles/leipzig.profile.yaml';
import type { Profile } from './types.js';

/**
 * The default profile. It is checked against the profile schema by the test suite rather
 * than at start-up, so that loading it costs nothing.
 */
export const LEIPZIG = data as Profile;
