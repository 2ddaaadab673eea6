import { judge, type Verdict, type Vocabulary } from './judge.js';
import { suggestionsFor } from './suggest.js';
import type { Word } from './words.js';
import { detached } from '../base/detached.js';

/*
 * A word of the draft judged as the rule reports it: the verdict, and for a wrong word the
 * fixes, best first. A word the register has in one title only (a village, a stream, a
 * person), and a word the text itself marks as part of a name (quoted, before "e.V.": see
 * `Word.name`), is right unless the dictionary or the council's words have a word one likely
 * slip away; then it is more likely a slip ("Sanierng") than a name. Pure.
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
  /**
   * Made from every dictionary answer it needed: the same on the next check while the
   * vocabulary is (answers, once given, do not change).
   */
  readonly final: boolean;
}

const PENDING: Assessment = { verdict: 'pending', fixes: [], final: false };

/** The word as reported: without the hyphen of a compound's beginning ("Schul-"). */
export function reported(word: Word): string {
  return word.text.endsWith('-') ? word.text.slice(0, -1) : word.text;
}

/**
 * The fixes of wrong words, kept from one check to the next with the same vocabulary: a word's
 * fixes stay what they were while the dictionary gives the same suggestions (the same list) and
 * every dictionary answer they were made from was known. Making them tries some thousand
 * spellings, which a check of a draft with unknown names would otherwise do on every keystroke.
 */
export type FixMemory = Map<string, { readonly suggested: readonly string[]; readonly fixes: readonly string[] }>;

/** Words a `FixMemory` keeps; then it starts afresh. */
const REMEMBERED = 2_000;

export function assess(word: Word, dictionary: Dictionary, vocabulary: Vocabulary, memory?: FixMemory): Assessment {
  let complete = true;
  const correct = (text: string) => {
    const answer = dictionary.correct(text);
    if (answer === undefined) complete = false;
    return answer;
  };
  const verdict = judge(word, correct, vocabulary);
  if (verdict === 'ok') return { verdict, fixes: [], final: complete };
  if (verdict === 'pending') return PENDING;
  const text = reported(word);
  const suggested = dictionary.suggestions(text);
  if (suggested === undefined) complete = false;
  const fixes = fixesOf(text, suggested, correct, vocabulary, memory, complete);
  // A name as the text marks it (quoted, before "e.V."), or a word of one register title: right
  // unless a word one likely slip away is the likelier reading ("Rureifel Tourimus e. V.").
  if (word.name || (vocabulary.once && standsOnce(text, vocabulary))) {
    if (suggested === undefined) return PENDING;
    if (fixes.fixes.length === 0) return { verdict: 'ok', fixes: [], final: fixes.complete };
  }
  return { verdict: 'wrong', fixes: fixes.fixes, final: fixes.complete };
}

/** The fixes of a wrong word, and whether every answer they were made from was known. */
function fixesOf(
  text: string,
  suggested: readonly string[] | undefined,
  ask: (word: string) => boolean | undefined,
  vocabulary: Vocabulary,
  memory: FixMemory | undefined,
  complete: boolean,
): { readonly fixes: readonly string[]; readonly complete: boolean } {
  const kept = memory?.get(text);
  if (kept && suggested !== undefined && kept.suggested === suggested) return { fixes: kept.fixes, complete };
  let answered = suggested !== undefined;
  const correct = (word: string) => {
    const answer = ask(word);
    if (answer === undefined) answered = false;
    return answer;
  };
  const fixes = suggestionsFor(text, suggested ?? [], correct, vocabulary);
  if (memory && answered) {
    if (memory.size >= REMEMBERED) memory.clear();
    memory.set(detached(text), { suggested: suggested!, fixes });
  }
  return { fixes, complete: complete && answered };
}

/** In one register title, as written or with its first letter in the other case. */
function standsOnce(text: string, vocabulary: Vocabulary): boolean {
  const first = text[0] ?? '';
  const other = first === first.toLowerCase() ? first.toUpperCase() : first.toLowerCase();
  return vocabulary.once!(text) || vocabulary.once!(other + text.slice(1));
}
