import { assess, reported, type Assessment, type FixMemory } from '../spelling/assess.js';
import type { Vocabulary } from '../spelling/judge.js';
import { LOANWORDS } from '../spelling/lehnwoerter.js';
import { profileVocabulary, unite, wordsIn } from '../spelling/vocabulary.js';
import { draftWords } from '../spelling/words.js';
import { defineRule } from './types.js';
import { q, suppressed } from './util.js';
import { detached } from '../base/detached.js';

/*
 * Spelling of the draft's prose against the German dictionary and the council's words. Words
 * the dictionary has not answered yet are left for the next check (the language server asks
 * in the background); a word is reported once per place, with the dictionary's suggestions
 * as fixes, best first, at its first five places at most (as cSpell does): the last of them
 * says how often it stands beyond them. A name the dictionary lacks, written forty times, gives
 * five findings rather than forty, and so does a word typed over and over. A word at several
 * places also offers its best suggestion at all of them in one step.
 */

/** Suggestions shown as fixes. */
const FIXES = 3;
/** Places a wrong word is reported at, per draft. */
const PLACES = 5;

const projectWords = new WeakMap<readonly string[], ReadonlySet<string>>();

/** What is kept from one check to the next with the same vocabulary and dictionary. */
interface Memory {
  /** The fixes of wrong words (`spelling/assess.ts`). */
  readonly fixes: FixMemory;
  /** Final assessments by word and what surrounds it: a keystroke judges only new words. */
  readonly assessed: Map<string, Assessment>;
}

/** Words whose assessment is kept; then the memory starts afresh. */
const ASSESSED = 20_000;

/**
 * The memory per vocabulary and dictionary: the vocabulary's parts (the profile's, the
 * project's and the register's words) as they were, the last few combinations (drafts of
 * several projects may be open).
 */
const memories: { readonly parts: readonly unknown[]; readonly memory: Memory }[] = [];

function memoryFor(parts: readonly unknown[]): Memory {
  let found = memories.find((entry) => entry.parts.length === parts.length && entry.parts.every((part, index) => part === parts[index]));
  if (!found) {
    found = { parts, memory: { fixes: new Map(), assessed: new Map() } };
    memories.unshift(found);
    memories.length = Math.min(memories.length, 4);
  }
  return found.memory;
}

function project(words: readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (!words || words.length === 0) return undefined;
  let set = projectWords.get(words);
  if (!set) {
    set = wordsIn(words);
    projectWords.set(words, set);
  }
  return set;
}

export default defineRule({
  id: 'rechtschreibung',
  severity: 'info',
  title: {
    de: 'Die Wörter des Entwurfs stehen im deutschen Wörterbuch, im Wortschatz des Rats oder in den eigenen Wörtern des Projekts.',
    en: 'The words of the draft are in the German dictionary, in the council’s vocabulary or among the project’s own words.',
  },
  messages: {
    de: {
      unknown: (d) =>
        `${q(d.wort)} steht nicht im Wörterbuch.${d.vorschlag ? ` Gemeint: ${q(d.vorschlag)}?` : ''}${
          d.weitere === 1
            ? ' Das Wort steht noch einmal im Entwurf; diese Stelle wird nicht eigens gemeldet.'
            : d.weitere
              ? ` Das Wort steht noch ${d.weitere}-mal im Entwurf; diese Stellen werden nicht einzeln gemeldet.`
              : ''
        }`,
      fix: (d) => `Ändern in ${q(d.wort)}`,
      fixAll: (d) => `Überall ändern in ${q(d.wort)} (${d.stellen} Stellen)`,
    },
    en: {
      unknown: (d) =>
        `${q(d.wort, 'en')} is not in the dictionary.${d.vorschlag ? ` Did you mean ${q(d.vorschlag, 'en')}?` : ''}${
          d.weitere === 1
            ? ' It appears once more in the draft; that place is not reported separately.'
            : d.weitere
              ? ` It appears ${d.weitere} more times in the draft; those places are not reported individually.`
              : ''
        }`,
      fix: (d) => `Change to ${q(d.wort, 'en')}`,
      fixAll: (d) => `Change all ${d.stellen} to ${q(d.wort, 'en')}`,
    },
  },
  check({ draft, host, profile, options, report }) {
    const spelling = host.spelling;
    if (!spelling) return;
    const words = draftWords(draft);
    if (words.length === 0) return;
    const parts = [profileVocabulary(profile), project(options.words), host.register?.vocabulary?.()];
    const vocabulary: Vocabulary = unite(LOANWORDS, ...parts);
    const memory = memoryFor([...parts, spelling]);
    // A word that stands several times (a name, a word being typed) is judged once per check,
    // and once for good where every answer it needed was there.
    const judged = new Map<string, Assessment>();
    const wrong: { readonly from: number; readonly text: string; readonly fixes: readonly string[] }[] = [];
    /** Where each wrong word stands, every place the user has not silenced. */
    const places = new Map<string, number[]>();
    for (const word of words) {
      const key = `${word.text}\u0000${word.dot ? 1 : 0}${word.tail ? 1 : 0}${word.name ? 1 : 0}\u0000${word.next ?? ''}`;
      let assessment = memory.assessed.get(key) ?? judged.get(key);
      if (!assessment) {
        assessment = assess(word, spelling, vocabulary, memory.fixes);
        if (assessment.final) {
          if (memory.assessed.size >= ASSESSED) memory.assessed.clear();
          memory.assessed.set(detached(key), assessment);
        } else judged.set(key, assessment);
      }
      if (assessment.verdict !== 'wrong') continue;
      const text = reported(word);
      // A place the user silenced is no place: the five shown are five the user has not.
      if (draft.suppressions.length > 0 && suppressed(draft, 'rechtschreibung', { from: word.from, to: word.from + text.length })) continue;
      let at = places.get(text);
      if (!at) places.set(text, (at = []));
      at.push(word.from);
      if (at.length <= PLACES) wrong.push({ from: word.from, text, fixes: assessment.fixes });
    }
    const shown = new Map<string, number>();
    for (const { from, text, fixes: suggestions } of wrong) {
      const index = (shown.get(text) ?? 0) + 1;
      shown.set(text, index);
      const at = places.get(text)!;
      const beyond = index === PLACES ? at.length - PLACES : 0;
      const span = { from, to: from + text.length };
      const best = suggestions[0];
      report({
        message: 'unknown',
        data: { wort: text, ...(best ? { vorschlag: best } : {}), ...(beyond > 0 ? { weitere: beyond } : {}) },
        span,
        fixes: [
          ...suggestions.slice(0, FIXES).map((suggestion) => ({ message: 'fix' as const, data: { wort: suggestion }, edits: [{ ...span, text: suggestion }] })),
          // A word at several places: the best suggestion at all of them in one step.
          ...(best && at.length > 1
            ? [{ message: 'fixAll' as const, data: { wort: best, stellen: at.length }, edits: at.map((place) => ({ from: place, to: place + text.length, text: best })) }]
            : []),
        ],
      });
    }
  },
});
