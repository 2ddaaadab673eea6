import { judge, type Verdict, type Vocabulary } from './judge.js';
import { suggestionsFor } from './suggest.js';
import type { Word } from './words.js';

/*
 * A word of the draft judged as the rule reports it: the verdict, and for a wrong word the
 * fixes, best first. A word the register has in one title only (a village, a stream, a
 * person) is right unless the dictionary or the council's words have a word one likely slip
 * away; then it is more likely that title's slip ("Sanierng") than a name. Pure.
 */

/** The dictionary as the rule asks it: `undefined` where it has not answered yet. */
export interface Dictionary {
  correct(word: string): boolean | undefined;
  suggestions(word: string): readonly string[] | undefined;
}

export interface Assessment {
  readonly verdict: Verdict;
  /** For a wrong word: the fixes, best first (may be empty). */
  readonly fixes: readonly string[];
}

const RIGHT: Assessment = { verdict: 'ok', fixes: [] };
const PENDING: Assessment = { verdict: 'pending', fixes: [] };

/** The word as reported: without the hyphen of a compound's beginning ("Schul-"). */
export function reported(word: Word): string {
  return word.text.endsWith('-') ? word.text.slice(0, -1) : word.text;
}

export function assess(word: Word, dictionary: Dictionary, vocabulary: Vocabulary): Assessment {
  const correct = (text: string) => dictionary.correct(text);
  const verdict = judge(word, correct, vocabulary);
  if (verdict === 'ok') return RIGHT;
  if (verdict === 'pending') return PENDING;
  const text = reported(word);
  const suggested = dictionary.suggestions(text);
  const fixes = suggestionsFor(text, suggested ?? [], correct, vocabulary);
  if (vocabulary.once && standsOnce(text, vocabulary)) {
    if (suggested === undefined) return PENDING;
    if (fixes.length === 0) return RIGHT;
  }
  return { verdict: 'wrong', fixes };
}

/** In one register title, as written or with its first letter in the other case. */
function standsOnce(text: string, vocabulary: Vocabulary): boolean {
  const first = text[0] ?? '';
  const other = first === first.toLowerCase() ? first.toUpperCase() : first.toLowerCase();
  return vocabulary.once!(text) || vocabulary.once!(other + text.slice(1));
}
