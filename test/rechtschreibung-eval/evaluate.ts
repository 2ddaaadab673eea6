import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { analyse } from '../../server/src/analysis/analyse.js';
import { REGISTER_FILE, RegisterStore } from '../../server/src/node/register-store.js';
import { compileProfile } from '../../server/src/analysis/compiled-profile.js';
import { BUILTIN_PROFILES } from '../../server/src/profile/load.js';
import type { Profile } from '../../server/src/profile/types.js';
import type { SpellingLookup } from '../../server/src/rules/types.js';
import { assess, reported } from '../../server/src/spelling/assess.js';
import type { Vocabulary } from '../../server/src/spelling/judge.js';
import { LOANWORDS } from '../../server/src/spelling/lehnwoerter.js';
import { profileVocabulary, registerVocabulary, unite } from '../../server/src/spelling/vocabulary.js';
import { draftWords, scanWords, type Word } from '../../server/src/spelling/words.js';

/*
 * The spelling rule measured on real text (see test/rechtschreibung-eval.test.ts for the
 * method): the paper titles of three councils, split into two halves by a hash of the paper's
 * id, each half judged with the register vocabulary of the other; the bundled examples as the
 * command line checks them; planted typos judged like the words they were made from.
 */

const HERE = import.meta.dirname;
const ROOT = path.join(HERE, '..', '..');

export const COUNCILS = ['karlsruhe', 'leipzig', 'huertgenwald'] as const;
export type Council = (typeof COUNCILS)[number];

/** FNV-1a of the paper's id: which half (0 or 1) a paper is in. Deterministic, independent of order. */
export function half(id: string): 0 | 1 {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return ((hash >>> 0) & 1) as 0 | 1;
}

export interface Paper {
  readonly id: string;
  readonly title: string;
  readonly half: 0 | 1;
}

/** The papers a register holds (not deleted, with a reference and a name), titles as the register keeps them. */
export function councilPapers(council: Council): Paper[] {
  const fixture = JSON.parse(brotliDecompressSync(readFileSync(path.join(ROOT, 'test', 'councils', `${council}.json.br`))).toString('utf8')) as {
    lists: Record<string, Record<string, unknown>[]>;
  };
  const list = Object.entries(fixture.lists).find(([url]) => /papers?\b/.test(url))?.[1] ?? [];
  return list
    .filter((paper) => paper.deleted !== true && typeof paper.reference === 'string' && paper.reference.trim() !== '' && typeof paper.name === 'string')
    .map((paper) => ({ id: String(paper.id), title: String(paper.name).replace(/\s+/g, ' ').trim(), half: half(String(paper.id)) }))
    .filter((paper) => paper.title !== '');
}

/** What the rule accepts besides the dictionary, with the register vocabulary built from `titles`. */
export function councilVocabulary(profile: Profile, titles: Iterable<string>): Vocabulary {
  return unite(LOANWORDS, profileVocabulary(profile), registerVocabulary(titles));
}

/** One flagged word: how often, and one place it stands in. */
export interface Flag {
  readonly word: string;
  count: number;
  readonly example: string;
}

export interface Judged {
  readonly name: string;
  /** Words (tokens) judged: every word the rule looks at. */
  readonly tokens: number;
  /** Distinct words judged. */
  readonly distinct: number;
  /** Flagged words, by the word as written. */
  readonly flags: Map<string, Flag>;
  /** Every word judged, as the rule reports it. */
  readonly words: Set<string>;
}

function flag(flags: Map<string, Flag>, word: string, example: string): void {
  const known = flags.get(word);
  if (known) known.count++;
  else flags.set(word, { word, count: 1, example });
}

/**
 * A council's titles: each half's words judged with the register vocabulary of the other half
 * and the council's built-in profile, as `rechtschreibung` judges a draft's words. `sample`
 * keeps every n-th paper of each half (deterministic), to keep a run cheap.
 */
export function judgeCouncil(council: Council, spelling: SpellingLookup, sample = 1): Judged {
  const papers = councilPapers(council);
  const profile = BUILTIN_PROFILES[council]!;
  const flags = new Map<string, Flag>();
  const distinct = new Set<string>();
  const seen = new Set<string>();
  let tokens = 0;
  for (const side of [0, 1] as const) {
    const vocabulary = councilVocabulary(
      profile,
      papers.filter((paper) => paper.half !== side).map((paper) => paper.title),
    );
    const verdicts = new Map<string, string>();
    const judged = papers.filter((paper) => paper.half === side).filter((_, index) => index % sample === 0);
    const words: Word[] = [];
    for (const paper of judged) {
      words.length = 0;
      scanWords(paper.title, 0, paper.title.length, words);
      for (const word of words) {
        tokens++;
        const key = `${word.text}${word.dot ? '.' : ''}${word.tail ? '-' : ''}`;
        distinct.add(key);
        seen.add(reported(word));
        // The verdict depends on what surrounds the word as well, as the rule's own memory has it.
        const context = `${key}\u0000${word.name ? 1 : 0}\u0000${word.next ?? ''}`;
        let verdict = verdicts.get(context);
        if (verdict === undefined) {
          verdict = assess(word, spelling, vocabulary).verdict;
          verdicts.set(context, verdict);
        }
        if (verdict !== 'ok') flag(flags, reported(word), paper.title);
      }
    }
  }
  return { name: council, tokens, distinct: distinct.size, flags, words: seen };
}

export const EXAMPLES = path.join(ROOT, 'examples');

/** The examples' vocabulary as the command line has it there: the Leipzig profile (examples/ratsfeder.yaml) and the folder's register file. */
export function examplesVocabulary(): Vocabulary {
  const profile = BUILTIN_PROFILES.leipzig!;
  const store = new RegisterStore(compileProfile(profile));
  store.addRegisterFiles(
    readdirSync(EXAMPLES).filter((name) => REGISTER_FILE.test(name)),
    EXAMPLES,
  );
  return unite(LOANWORDS, profileVocabulary(profile), store.lookup.vocabulary?.());
}

/** The example drafts (examples/*.md): the words `rechtschreibung` looks at, judged as it judges them. */
export function judgeExamples(spelling: SpellingLookup): Judged {
  const profile = BUILTIN_PROFILES.leipzig!;
  const vocabulary = examplesVocabulary();
  const flags = new Map<string, Flag>();
  const distinct = new Set<string>();
  const seen = new Set<string>();
  let tokens = 0;
  for (const file of readdirSync(EXAMPLES).filter((name) => name.endsWith('.md')).sort()) {
    const draft = analyse(readFileSync(path.join(EXAMPLES, file), 'utf8'), profile);
    for (const word of draftWords(draft)) {
      tokens++;
      distinct.add(word.text);
      seen.add(reported(word));
      if (assess(word, spelling, vocabulary).verdict !== 'ok') flag(flags, reported(word), file);
    }
  }
  return { name: 'examples', tokens, distinct: distinct.size, flags, words: seen };
}

/** `echte-fehler.txt`: the flagged words that a person reading the title calls misspelled, with why. */
export function realErrors(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of readFileSync(path.join(HERE, 'echte-fehler.txt'), 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [word, ...reason] = line.split('\t');
    out.set(word!.trim(), reason.join(' ').trim());
  }
  return out;
}

export interface Typo {
  readonly falsch: string;
  readonly richtig: string;
  readonly art: string;
  /** `karlsruhe/0`: made from a word of a Karlsruhe title in half 0; `beispiele`: from an example draft. */
  readonly quelle: string;
}

/** `tippfehler.tsv`. */
export function typos(): Typo[] {
  const lines = readFileSync(path.join(HERE, 'tippfehler.tsv'), 'utf8').split('\n');
  const rows = lines.filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const [header, ...data] = rows;
  if (header !== 'falsch\trichtig\tart\tquelle') throw new Error(`tippfehler.tsv: unexpected header ${JSON.stringify(header)}`);
  return data.map((line, index) => {
    const [falsch, richtig, art, quelle] = line.split('\t');
    if (!falsch || !richtig || !art || !quelle) throw new Error(`tippfehler.tsv: row ${index + 2} needs four columns: ${JSON.stringify(line)}`);
    return { falsch, richtig, art, quelle };
  });
}

export interface TypoResult {
  readonly typo: Typo;
  readonly flagged: boolean;
  /** The fixes the rule offers (the first three suggestions). */
  readonly fixes: readonly string[];
  readonly found: boolean;
}

/**
 * Each planted typo judged as the rule judges a word of a draft, with the vocabulary the word
 * it was made from would be judged with (the other half's register, or the examples'); for a
 * flagged one, the rule's fixes.
 */
export function judgeTypos(list: readonly Typo[], spelling: SpellingLookup): TypoResult[] {
  const vocabularies = new Map<string, Vocabulary>();
  const papers = new Map<Council, Paper[]>();
  const vocabularyOf = (quelle: string): Vocabulary => {
    let vocabulary = vocabularies.get(quelle);
    if (vocabulary) return vocabulary;
    if (quelle === 'beispiele') vocabulary = examplesVocabulary();
    else {
      const [council, side] = quelle.split('/') as [Council, string];
      if (!COUNCILS.includes(council) || (side !== '0' && side !== '1')) throw new Error(`tippfehler.tsv: unknown quelle ${quelle}`);
      if (!papers.has(council)) papers.set(council, councilPapers(council));
      const other = papers.get(council)!.filter((paper) => String(paper.half) !== side);
      vocabulary = councilVocabulary(BUILTIN_PROFILES[council]!, other.map((paper) => paper.title));
    }
    vocabularies.set(quelle, vocabulary);
    return vocabulary;
  };
  return list.map((typo) => {
    const vocabulary = vocabularyOf(typo.quelle);
    const words: Word[] = [];
    scanWords(typo.falsch, 0, typo.falsch.length, words);
    if (words.length !== 1 || words[0]!.text !== typo.falsch) throw new Error(`tippfehler.tsv: ${typo.falsch} is not one word`);
    // As the rule judges a word and makes its fixes (rules/rechtschreibung.ts).
    const assessment = assess(words[0]!, spelling, vocabulary);
    const flagged = assessment.verdict !== 'ok';
    const fixes = assessment.fixes.slice(0, 3);
    return { typo, flagged, fixes, found: fixes.includes(typo.richtig) };
  });
}
