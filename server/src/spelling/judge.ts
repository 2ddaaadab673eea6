import type { Word } from './words.js';

/*
 * Whether a word is spelled right: the dictionary's word, and around it what German writing
 * and council usage add (abbreviations, gender endings, hyphenated names, compounds with the
 * council's own names, the joint "s" after -ung, -heit, …). Pure: the dictionary comes in
 * as a lookup that may not know the answer yet.
 */

/** The dictionary: `true` a word, `false` none, `undefined` not known yet (being asked). */
export type Correct = (word: string) => boolean | undefined;

/** Words that are right whatever the dictionary says: the profile's, the register's, the project's. */
export interface Vocabulary {
  has(word: string): boolean;
}

export type Verdict = 'ok' | 'wrong' | 'pending';

/** Endings after which a compound joins with "s" ("Satzungsbeschluss", "Ortschaftsrat"). */
const JOINT_S = /(?:ung|heit|keit|schaft|ion|tät|ling|tum|stand|amt|rat)$/u;
/** Endings after which a compound must join with "s": "Verwaltunggebäude" is wrong. */
const NEEDS_S = /(?:ung|heit|keit|schaft|ion|tät|ling|tum)$/u;
/** A compound's parts have at least this many letters. */
const PART = 3;
/** Nouns joined without a joint, where the dictionary does not join them itself, have at least this many letters. */
const NOUN = 4;

/** Whether `word` needs looking at at all: acronyms, mixed case and single letters are not. */
export function checkable(word: string): boolean {
  const letters = word.replace(/[-'’*:_]/gu, '');
  if (letters.length < 2) return false;
  // "HHS", "BauGB", "mbH", "LehrerInnen", "KiTa": abbreviations and styled names.
  return !/\p{Lu}/u.test(letters.slice(1));
}

/** Judges one word of the draft. */
export function judge(word: Word, correct: Correct, vocabulary: Vocabulary): Verdict {
  if (!checkable(word.text)) return 'ok';
  const verdict = judgeText(word.text, correct, vocabulary);
  if (verdict !== 'wrong' || !word.dot) return verdict;
  // "Abs.", "gem.", "bzw.": the dictionary has abbreviations with their full stop.
  return fromAnswer(correct(`${word.text}.`));
}

function fromAnswer(answer: boolean | undefined): Verdict {
  return answer === undefined ? 'pending' : answer ? 'ok' : 'wrong';
}

/** The first of the verdicts that is not `wrong`, else `wrong`; asks lazily. */
function any(...tries: (() => Verdict)[]): Verdict {
  let pending = false;
  for (const attempt of tries) {
    const verdict = attempt();
    if (verdict === 'ok') return 'ok';
    if (verdict === 'pending') pending = true;
  }
  return pending ? 'pending' : 'wrong';
}

/** All verdicts `ok` → `ok`; any `wrong` → `wrong`; else `pending`. */
function all(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('wrong')) return 'wrong';
  return verdicts.includes('pending') ? 'pending' : 'ok';
}

export function judgeText(text: string, correct: Correct, vocabulary: Vocabulary): Verdict {
  if (known(text, vocabulary)) return 'ok';
  // "Lehrer*innen", "Lehrer:innen", "Lehrer_innen": the feminine plural is the word to check.
  const gender = /^(.+?)[*:_](innen|in)$/u.exec(text);
  if (gender) return judgeText(`${gender[1]}${gender[2]}`, correct, vocabulary);
  // "Schul-" in "Schul- und Sportamt": the dictionary knows compound beginnings with their hyphen.
  if (text.endsWith('-')) {
    const stem = text.slice(0, -1);
    return any(
      () => fromAnswer(correct(text)),
      () => (known(stem, vocabulary) ? 'ok' : 'wrong'),
      () => fromAnswer(correct(stem)),
    );
  }
  return any(
    () => fromAnswer(correct(text)),
    () => (text.includes('-') || text.includes('’') || text.includes("'") ? joined(text, correct, vocabulary) : 'wrong'),
    () => zuInfinitive(text, correct),
    () => compound(text, correct, vocabulary),
  );
}

/** "fortzuschreiben", "abzuschließen": the infinitive with "zu" of a verb the dictionary has ("fortschreiben"). */
function zuInfinitive(text: string, correct: Correct): Verdict {
  const match = /^(\p{Ll}{2,}?)zu(\p{Ll}{3,}n)$/u.exec(text);
  return match ? fromAnswer(correct(`${match[1]}${match[2]}`)) : 'wrong';
}

/** A word of the vocabulary, as written or with its first letter in the other case (start of a sentence, adjectives of names). */
function known(text: string, vocabulary: Vocabulary): boolean {
  if (vocabulary.has(text)) return true;
  const first = text[0] ?? '';
  const other = first === first.toLowerCase() ? first.toUpperCase() : first.toLowerCase();
  if (vocabulary.has(other + text.slice(1))) return true;
  // "Grünauer", "Connewitzer", "Durlacher": the adjective of a place the vocabulary has.
  const place = /^(\p{Lu}\p{L}{2,}?)e?r(?:in|innen|n|s)?$/u.exec(text);
  return place !== null && (vocabulary.has(place[1]!) || vocabulary.has(`${place[1]}e`));
}

/** "Karlsruhe-Durlach", "E-Scooter", "CDU-Fraktion", "Heinz-Barth-Schule": each part on its own. */
function joined(text: string, correct: Correct, vocabulary: Vocabulary): Verdict {
  const parts = text.split(/['’-]/u).filter((part) => part.length > 0);
  // An apostrophe's "s" ("Leipzig’s") or a single letter ("E-Scooter") is no word to check.
  return all(parts.map((part) => (!checkable(part) ? 'ok' : known(part, vocabulary) ? 'ok' : compoundOrWord(part, correct, vocabulary))));
}

function compoundOrWord(part: string, correct: Correct, vocabulary: Vocabulary): Verdict {
  return any(
    () => fromAnswer(correct(part)),
    () => compound(part, correct, vocabulary),
  );
}

/**
 * A compound the dictionary does not put together itself: a name of the council's vocabulary
 * before a dictionary word ("Augustenburgstraße", "Connewitzer"? no: heads are nouns), or a
 * dictionary noun joined with "s" where German requires it ("Sachstandsbericht"). The head is
 * checked as a noun, so "Schulsporthalensanierung" stays wrong: "Schulsporthalen" is no word.
 */
function compound(text: string, correct: Correct, vocabulary: Vocabulary): Verdict {
  if (text.length < 2 * PART + 1) return 'wrong';
  let pending = false;
  for (let cut = PART; cut <= text.length - PART; cut++) {
    const head = capitalize(text.slice(cut));
    const left = text.slice(0, cut);
    // A name from the vocabulary and a dictionary noun.
    if (known(left, vocabulary)) {
      const verdict = fromAnswer(correct(head));
      if (verdict === 'ok') return 'ok';
      if (verdict === 'pending') pending = true;
    }
    // A noun ending in -ung, -heit, … joined with "s".
    if (left.endsWith('s') && JOINT_S.test(left.slice(0, -1)) && cut - 1 >= PART) {
      const verdict = both(capitalize(left.slice(0, -1)), head, correct);
      if (verdict === 'ok') return 'ok';
      if (verdict === 'pending') pending = true;
    }
    // Two nouns the dictionary does not join ("Fahrerlaubnisbehörde"), or a noun before an
    // adjective or participle ("faktenbasierte"); never without the "s" that -ung and the like need.
    if (cut >= NOUN && text.length - cut >= NOUN && !NEEDS_S.test(left)) {
      const verdict = both(capitalize(left), /^\p{Lu}/u.test(text) ? head : text.slice(cut), correct);
      if (verdict === 'ok') return 'ok';
      if (verdict === 'pending') pending = true;
    }
  }
  return pending ? 'pending' : 'wrong';
}

/** Both parts words: asks the second only where the first is one. */
function both(first: string, second: string, correct: Correct): Verdict {
  const verdict = fromAnswer(correct(first));
  return verdict === 'ok' ? fromAnswer(correct(second)) : verdict;
}

function capitalize(text: string): string {
  return (text[0] ?? '').toUpperCase() + text.slice(1);
}
