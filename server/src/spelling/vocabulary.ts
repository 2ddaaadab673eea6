import type { Profile } from '../profile/types.js';
import type { Vocabulary } from './judge.js';
import { scanWords, type Word } from './words.js';

/*
 * The council's words, which spelling accepts whatever the dictionary says: the profile's
 * (its types, sections, labels and `woerter:`), the register's (names in its titles: streets,
 * districts, bodies, people) and the project's (`woerter:` in ratsfeder.yaml). Pure.
 */

/** The words in some texts (the parts of hyphenated ones too), as written. */
export function wordsIn(texts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const found: Word[] = [];
  for (const text of texts) {
    found.length = 0;
    scanWords(text, 0, text.length, found);
    for (const word of found) addWord(out, word.text);
  }
  return out;
}

function addWord(out: Set<string>, word: string): void {
  const bare = word.endsWith('-') ? word.slice(0, -1) : word;
  out.add(bare);
  if (bare.includes('-')) for (const part of bare.split('-')) if (part.length > 1) out.add(part);
}

/**
 * The words of the register's titles, by the number of titles they stand in. A word written
 * in two of the council's own documents is the council's spelling (a street, a district, a
 * name); a word of one title only is taken as a name only where it is no likely slip
 * (`Vocabulary.once`).
 */
export class RegisterWords implements Vocabulary {
  private readonly counts = new Map<string, number>();

  constructor(titles: Iterable<string>) {
    const found: Word[] = [];
    const inTitle = new Set<string>();
    for (const title of titles) {
      found.length = 0;
      inTitle.clear();
      scanWords(title, 0, title.length, found);
      for (const word of found) addWord(inTitle, word.text);
      for (const word of inTitle) this.counts.set(word, (this.counts.get(word) ?? 0) + 1);
    }
  }

  /** Stands in at least two titles. */
  has(word: string): boolean {
    return (this.counts.get(word) ?? 0) >= 2;
  }

  /** Stands in one title only. */
  once(word: string): boolean {
    return this.counts.get(word) === 1;
  }
}

export function registerVocabulary(titles: Iterable<string>): RegisterWords {
  return new RegisterWords(titles);
}

const profiles = new WeakMap<Profile, Set<string>>();

/** The profile's words: its document types, sections, field labels and `woerter:`. */
export function profileVocabulary(profile: Profile): ReadonlySet<string> {
  let words = profiles.get(profile);
  if (!words) {
    const texts: string[] = [profile.name, ...(profile.woerter ?? [])];
    for (const type of profile.types) {
      texts.push(type.name, ...(type.aliases ?? []));
      for (const section of type.sections) texts.push(section.title, ...(section.aliases ?? []));
    }
    texts.push(...Object.values(profile.docx.labels));
    for (const group of profile.aehnlichkeit?.synonyme ?? []) texts.push(...group);
    words = wordsIn(texts);
    profiles.set(profile, words);
  }
  return words;
}

/** Several vocabularies as one. */
export function unite(...parts: readonly (Vocabulary | ReadonlySet<string> | undefined)[]): Vocabulary {
  const present = parts.filter((part): part is Vocabulary => part !== undefined);
  const once = present.filter((part) => 'once' in part && typeof part.once === 'function');
  return {
    has: (word) => present.some((part) => part.has(word)),
    ...(once.length > 0 ? { once: (word: string) => once.some((part) => part.once!(word)) } : {}),
  };
}
