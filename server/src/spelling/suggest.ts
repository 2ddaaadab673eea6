import { judgeText, slips as likelySlips, type Correct, type Vocabulary } from './judge.js';

/*
 * Suggestions for a misspelled word, best first. The slips people make most are tried first,
 * each checked against the dictionary: umlauts written as plain vowels or as "ae", "ss" for
 * "ß" and back, two letters swapped, a letter doubled or left out, a compound's joint "s"
 * missing or extra. The dictionary's own suggestions follow. Pure: the dictionary is passed in.
 */

/** At most this many suggestions are offered. */
export const SUGGESTIONS = 5;

/** Letters that a slip most often drops or doubles, in German text. */
const LETTERS = 'enrtsilahdugcmobfkwzpv';

const UMLAUT: Readonly<Record<string, string>> = { a: 'ä', o: 'ö', u: 'ü', A: 'Ä', O: 'Ö', U: 'Ü' };

/** Candidate spellings in the order they are most likely meant. */
export function* candidates(word: string): Generator<string> {
  // "Antraege" → "Anträge"; "Buerger" → "Bürger".
  if (/[aouAOU]e/u.test(word)) yield word.replace(/([aouAOU])e/gu, (_, vowel: string) => UMLAUT[vowel]!);
  // "Strasse" → "Straße", "daß" → "dass".
  if (word.includes('ss')) for (const at of indexes(word, 'ss')) yield word.slice(0, at) + 'ß' + word.slice(at + 2);
  if (word.includes('ß')) for (const at of indexes(word, 'ß')) yield word.slice(0, at) + 'ss' + word.slice(at + 1);
  // "Strase" → "Straße", "abzuschliesen" → "abzuschließen": a single "s" for "ß".
  for (const at of indexes(word, 's')) if (word[at - 1] !== 's' && word[at + 1] !== 's') yield word.slice(0, at) + 'ß' + word.slice(at + 1);
  // A single plain vowel that should be an umlaut ("Antrage" is a word, "Burgerbeteiligung" is not).
  for (let i = 0; i < word.length; i++) {
    const umlaut = UMLAUT[word[i]!];
    if (umlaut) yield word.slice(0, i) + umlaut + word.slice(i + 1);
  }
  // Two neighbours swapped.
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] !== word[i + 1]) yield word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  }
  // A letter doubled, or a double letter written once.
  for (let i = 0; i + 1 < word.length; i++) if (word[i] === word[i + 1]) yield word.slice(0, i) + word.slice(i + 1);
  for (let i = 0; i < word.length; i++) if (/\p{L}/u.test(word[i]!)) yield word.slice(0, i + 1) + word[i] + word.slice(i + 1);
  // A compound's joint "s" missing or extra ("Verwaltunggebäude", "Schulsweg").
  for (let i = 3; i < word.length - 2; i++) {
    if (word[i] === 's') yield word.slice(0, i) + word.slice(i + 1);
    else if (/(?:ung|heit|keit|schaft|ion|tät)$/u.test(word.slice(0, i))) yield word.slice(0, i) + 's' + word.slice(i);
  }
  // A letter too many; a letter left out, of those a slip most often drops.
  for (let i = 0; i < word.length; i++) yield word.slice(0, i) + word.slice(i + 1);
  for (let i = 1; i < word.length; i++) for (const letter of LETTERS) yield word.slice(0, i) + letter + word.slice(i);
  // Sounds written alike: d/t, b/p, g/k, f/v, ä/e, z/tz, k/ck, ie/i.
  for (let i = 0; i < word.length; i++) {
    const alike = ALIKE[word[i]!];
    if (alike) for (const other of alike) yield word.slice(0, i) + other + word.slice(i + 1);
  }
  for (const [from, to] of PAIRS) for (const at of indexes(word, from)) yield word.slice(0, at) + to + word.slice(at + from.length);
}

const ALIKE: Readonly<Record<string, readonly string[]>> = { d: ['t'], t: ['d'], b: ['p'], p: ['b'], g: ['k'], k: ['g'], f: ['v'], v: ['f'], e: ['ä'], ä: ['e'], s: ['z'], z: ['s'] };
const PAIRS: readonly (readonly [string, string])[] = [['tz', 'z'], ['z', 'tz'], ['ck', 'k'], ['k', 'ck'], ['ie', 'i'], ['i', 'ie'], ['eu', 'äu'], ['äu', 'eu'], ['th', 't'], ['ph', 'f']];

function* indexes(word: string, part: string): Generator<number> {
  for (let at = word.indexOf(part); at >= 0; at = word.indexOf(part, at + 1)) yield at;
}

/**
 * The best suggestions: the likeliest slips that give a word, at most `budget` dictionary
 * questions. Hunspell's own suggestions are not used: it stops searching after a fixed time, so
 * they would depend on how busy the machine is, and the same draft must get the same findings
 * on every machine and in every run.
 */
export function suggest(word: string, correct: (word: string) => boolean, budget = 600): string[] {
  const out: string[] = [];
  const seen = new Set<string>([word]);
  let asked = 0;
  for (const candidate of candidates(word)) {
    if (seen.has(candidate)) continue;
    seen.add(candidate);
    if (++asked > budget) break;
    if (correct(candidate)) out.push(candidate);
    if (out.length >= SUGGESTIONS) break;
  }
  return out;
}

/** Slips looked at for the council's own words: Set lookups, no dictionary questions. */
const VOCABULARY_BUDGET = 1500;

/**
 * The fixes for a flagged word, best first: the dictionary's suggestions (`suggest`) and the
 * council's own words (profile, register, project) that a likely slip of it gives
 * ("Grötzngen" → "Grötzingen", a name no dictionary has), ordered by how likely the slip is,
 * whichever of the two knows the word; the dictionary's other suggestions after them.
 * Before them, the likeliest slips that the spelling rule itself accepts where the dictionary
 * alone does not ("Digitalisierungstand" → "Digitalisierungsstand", "Neßlerstrasse" →
 * "Neßlerstraße"), first.
 */
export function suggestionsFor(word: string, dictionary: readonly string[], correct: Correct, vocabulary: Vocabulary): string[] {
  const rank = new Map<string, number>();
  const council: string[] = [...likelySlips(word)].filter((candidate) => judgeText(candidate, correct, vocabulary) === 'ok');
  let index = 0;
  for (const candidate of candidates(word)) {
    if (index >= VOCABULARY_BUDGET) break;
    if (rank.has(candidate) || candidate === word) continue;
    rank.set(candidate, index++);
    if (vocabulary.has(candidate)) council.push(candidate);
  }
  if (council.length === 0) return dictionary.slice(0, SUGGESTIONS);
  const slips = [...new Set([...council, ...dictionary.filter((candidate) => rank.has(candidate))])].sort((a, b) => (rank.get(a) ?? -1) - (rank.get(b) ?? -1));
  const rest = dictionary.filter((candidate) => !rank.has(candidate));
  return [...slips, ...rest].slice(0, SUGGESTIONS);
}
