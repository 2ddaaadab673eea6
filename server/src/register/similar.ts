import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Draft } from '../analysis/model.js';
import type { Profile } from '../profile/types.js';
import { Bm25Index, type ExtraDocument, type FieldTerms, keepField, type KeptPostings, readIndex } from './bm25.js';
import thesaurus from '../../profiles/synonyme.yaml';
import { GermanAnalyzer, processTerm, units } from './german.js';
import type { RegisterEntry, SimilarMatch, SimilarOptions, SimilarQuery, SynonymGroups } from './types.js';

export { processTerm } from './german.js';

/*
 * "Has this been dealt with before?": register documents ranked by how similar their title
 * (and text, where the register has one) is to a draft's title and opening text.
 *
 * The ranking is BM25 as the MiniSearch library computes it (`bm25.ts`, which keeps the index
 * in typed arrays and reproduces that library's scores exactly). German comes from two small
 * pure-JS packages of the Orama project, both generated from the Snowball project's German
 * algorithm and stop-word list: `@orama/stemmers/german` (6 KB, ESM with types, released with
 * Orama) stems "Berichte", "Berichten" and "Bericht" to "bericht", "städtischer" and
 * "städtischen" to "stadtisch". `snowball-stemmers` stems the same, but ships every language
 * in one module, has no types and sees few releases.
 *
 * Words are folded before stemming (case, umlauts, ß as ss), so "Straßenbahn" and
 * "Strassenbahn" meet, as they do in the register's title search. Compounds are indexed with
 * their parts, hyphenated and slash forms as people mean them (`german.ts`); a part weighs
 * less than a word as written (PART_WEIGHT), and BM25's inverse document frequency keeps a
 * part that many titles share ("Plan", "Stadt") from counting for much. Synonyms (the
 * common thesaurus `server/profiles/synonyme.yaml`, the profile's and `ratsfeder.yaml`'s
 * `aehnlichkeit: synonyme:`) are read as one word in the index and in the query, as a
 * full-text index does it: a title with "Kindergarten" holds the query's "Kita", and a title
 * with both holds it twice, not two words of the query.
 */

/** Opening-text words count less than title words: the title says what the draft is about. */
const TEXT_TERM_WEIGHT = 0.4;
/** Register titles weigh more than register texts, for the same reason. */
const FIELD_BOOST = { titel: 2, text: 1 } as const;
/** The part of a register text that is indexed: a summary's worth, so long texts stay cheap. */
const MAX_INDEXED_TEXT = 2000;
/** A part of a compound, against the word as written; a short part ("Rad", "Amt") less still. */
const PART_WEIGHT = 0.5;
const SHORT_PART_WEIGHT = 0.25;
const SHORT_PART = 4;
/** How many shared words a match lists at most. */
const MAX_SHARED = 6;
/** How much of a draft's first section joins its title in the query. */
const OPENING_MIN = 200;
const OPENING_MAX = 600;
/** How many words of the opening take part in a query (see `query`). */
const MAX_OPENING_TERMS = 8;
/**
 * The common terms of a query may make up at most this share of its reference score (see
 * `split`); a term held by fewer than COMMON_MIN documents is never common.
 */
const COMMON_SHARE = 0.2;
const COMMON_MIN = 500;
/** The query's own documents in the index, while a query runs (never real numbers). */
const SELF_TITLE = '\u0000self';
const SELF_TEXT = '\u0000self+text';

/** Dates and counts in an opening say little about its subject (in a title, a year may). */
const DIGITS = /^\p{N}+$/u;
/** Document numbers in an opening are citations, not words of the subject. */
const NUMBER_LIKE = /\b[IVX]+[-\u2010-\u2013 ][\p{L}]+[-\u2010-\u2013 ]\d+(?:-\p{L}+-\d+)*/giu;

/** Each term of the synonym groups with the one term that stands for its group; compiled once per list. */
const compiledSynonyms = new WeakMap<SynonymGroups, ReadonlyMap<string, string>>();

/**
 * The terms of synonym groups mapped to one term per group, so that the index and the query
 * read every word of a group as the same word. Groups that share a term are one group
 * ("Stadtrat" in the common thesaurus and in a profile's). A group's terms are single words,
 * hyphenated ones read as one ("E-Scooter"), as the analyser reads them; a term of several
 * words takes no part.
 */
export function canonicalSynonyms(groups: SynonymGroups | undefined): ReadonlyMap<string, string> | undefined {
  if (!groups || groups.length === 0) return undefined;
  const compiled = compiledSynonyms.get(groups);
  if (compiled) return compiled;
  // Union-find over the stems: each group joins its terms.
  const parent = new Map<string, string>();
  const find = (term: string): string => {
    let root = term;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(term, root);
    return root;
  };
  for (const group of groups) {
    const stems = group
      .map((term) => units(term))
      .filter((list) => list.length === 1)
      .map(([word]) => processTerm(word!.replace(/[-\u2010\u2011]/gu, '')))
      .filter((term): term is string => term !== null);
    for (const stem of stems) if (!parent.has(stem)) parent.set(stem, stem);
    for (const stem of stems.slice(1)) parent.set(find(stem), find(stems[0]!));
  }
  const canonical = new Map<string, string>();
  for (const stem of parent.keys()) {
    const root = find(stem);
    if (root !== stem) canonical.set(stem, root);
  }
  compiledSynonyms.set(groups, canonical);
  return canonical;
}

interface IndexedDocument {
  /** The entry's number, or for entries without a text that share a title, that title as a key. */
  readonly key: string;
  readonly titel: string;
  readonly text?: string;
}

/** Keys of titles shared by entries without a text start with this, which no number does. */
const TITLE_KEY = '\u0001';

/**
 * One register layer's entries as a BM25 index, built once (a layer is immutable; a changed
 * layer is a new one with a new index). Scores are normalised to 0..1: a document scores
 * what it scores relative to the query itself as a register entry (its title, and for
 * entries with a text its title and opening as the text), so that 1 means "the same
 * subject, as far as the words tell" and a threshold means the same for every query. The
 * query's own documents are added for the length of one query and removed again, so the
 * index computes those reference scores with the same statistics.
 */
export class SimilarIndex {
  private readonly index: Bm25Index;
  /** The documents' keys, by their number in the index (their place among the entries). */
  private readonly keys: string[];
  /**
   * The numbers behind each title key. Entries without a text are compared by their title
   * alone, so entries with the same title (a motion, its new version, the answer to a
   * question, often one matter) are one document in the index and share its score.
   */
  private readonly byTitle = new Map<string, string[]>();
  /** How many entries have a text: without any, one search per query suffices. */
  private readonly withText: number;
  private readonly analyzer: GermanAnalyzer;

  constructor(
    entries: readonly RegisterEntry[],
    private readonly lookup: (nummer: string) => RegisterEntry | undefined,
    /** The synonym groups the index reads as one word each (see `canonicalSynonyms`). */
    readonly synonyms?: SynonymGroups,
    /** Tests set it lower, to split the queries of a small register as those of a large one. */
    private readonly commonMin = COMMON_MIN,
    /** The index as kept from an earlier build of the same entries (see `SimilarIndex.restore`). */
    kept?: SimilarSnapshot,
  ) {
    const canonical = canonicalSynonyms(synonyms);
    // The vocabulary that compounds are split against: every title and indexed text.
    this.analyzer = kept
      ? GermanAnalyzer.restore(kept.vocabulary, canonical)
      : new GermanAnalyzer(
          (function* () {
            // A title that several entries share (a motion, its new version, the answer) is
            // looked at once: the vocabulary is the same.
            const seen = new Set<string>();
            for (const entry of entries) {
              if (!seen.has(entry.titel)) {
                seen.add(entry.titel);
                yield entry.titel;
              }
              if (entry.text) yield entry.text.slice(0, MAX_INDEXED_TEXT);
            }
            // The thesaurus is vocabulary too: "Lastenrad|verleihsystem" splits in a register
            // that holds neither word alone.
            for (const group of synonyms ?? []) yield group.join(' ');
          })(),
          canonical,
        );
    const documents: IndexedDocument[] = [];
    const titles = new Map<string, string[]>();
    let withText = 0;
    for (const entry of entries) {
      if (entry.text) {
        withText++;
        documents.push({ key: entry.nummer, titel: entry.titel, text: entry.text });
        continue;
      }
      const numbers = titles.get(entry.titel);
      if (numbers) numbers.push(entry.nummer);
      else {
        const key = TITLE_KEY + entry.titel;
        const first = [entry.nummer];
        titles.set(entry.titel, first);
        this.byTitle.set(key, first);
        documents.push({ key, titel: entry.titel });
      }
    }
    this.keys = documents.map((document) => document.key);
    if (kept) {
      if (keyDigest(this.keys) !== kept.keys || kept.documents !== documents.length) throw new TypeError('a snapshot of other entries');
      this.index = readIndex(
        documents.length,
        kept.terms,
        FIELDS.map((field) => kept.fields[field]),
      );
    } else {
      this.index = Bm25Index.build(documents.length, FIELDS.length, (id, field) => this.fieldTerms(documents[id]!, FIELDS[field]!));
    }
    this.analyzer.freeze();
    this.withText = withText;
  }

  /**
   * The index as data to keep (in the cache beside the register): loading it back costs a
   * fraction of building it. Only for the same entries, synonyms and analysis (`restore`).
   */
  snapshot(): SimilarSnapshot {
    return {
      version: SNAPSHOT_VERSION,
      synonyms: synonymsKey(this.synonyms),
      documents: this.keys.length,
      keys: keyDigest(this.keys),
      vocabulary: this.analyzer.vocabulary(),
      terms: [...this.index.terms],
      fields: { titel: keepField(this.index, 0), text: keepField(this.index, 1) },
    };
  }

  /**
   * A document's field as the index reads it: its units (a text's first MAX_INDEXED_TEXT
   * characters), how many distinct ones, and each unit's terms with its parts.
   */
  private fieldTerms(document: IndexedDocument, field: Field): FieldTerms | undefined {
    const value = field === 'titel' ? document.titel : document.text?.slice(0, MAX_INDEXED_TEXT);
    if (value === undefined) return undefined;
    const tokens = units(value);
    const terms: string[] = [];
    for (const unit of tokens) {
      const { whole, parts } = this.analyzer.terms(unit);
      for (const term of whole) terms.push(term);
      for (const term of parts) terms.push(term);
    }
    return { length: new Set(tokens).size, terms };
  }

  /** A query's own document, to add to the index for the length of the query. */
  private extra(document: IndexedDocument): ExtraDocument {
    return {
      fields: FIELDS.map((field) => {
        const value = this.fieldTerms(document, field);
        if (!value) return undefined;
        const counts = new Map<string, number>();
        for (const term of value.terms) counts.set(term, (counts.get(term) ?? 0) + 1);
        return { length: value.length, counts };
      }),
    };
  }

  /**
   * The index of `entries` from a snapshot of it, or `undefined` where the snapshot does not
   * fit (another analysis, other synonyms, other entries) or cannot be read: then it is built.
   */
  static restore(snapshot: unknown, entries: readonly RegisterEntry[], lookup: (nummer: string) => RegisterEntry | undefined, synonyms?: SynonymGroups): SimilarIndex | undefined {
    if (!isSnapshot(snapshot) || snapshot.version !== SNAPSHOT_VERSION || snapshot.synonyms !== synonymsKey(synonyms)) return undefined;
    try {
      const index = new SimilarIndex(entries, lookup, synonyms, COMMON_MIN, snapshot);
      // The entries make as many documents as the snapshot holds (entries without a text share
      // one per title), and the index read as many.
      return index.index.size === snapshot.documents && index.byTitle.size + index.withText === snapshot.documents ? index : undefined;
    } catch {
      return undefined;
    }
  }

  query(query: SimilarQuery, options: SimilarOptions): SimilarMatch[] {
    const weights = this.weights(query);
    if (weights.size === 0 || options.limit < 1) return [];
    const all = [...weights.keys()];

    // Two references: the query as a register title (its title and opening), and as an entry
    // with a text (its title, and its title and opening as the text). Titles are compared with
    // the first; entries with a text also as a whole with the second, and the better of the two
    // counts, so that neither a text nor the lack of one makes a document look less similar.
    // The opening belongs in the title reference too: a document that shares only the
    // opening's words then reaches only the opening's share, not more than the title's whole.
    const selves: IndexedDocument[] = [
      { key: SELF_TITLE, titel: query.text ? `${query.titel} ${query.text}` : query.titel },
      { key: SELF_TEXT, titel: query.titel, text: `${query.titel} ${query.text ?? ''}` },
    ];
    const extras = selves.map((self) => this.extra(self));
    for (const extra of extras) this.index.add(extra);
    let byTitle: Scored;
    let whole: Scored | undefined;
    try {
      // The query's own documents are numbered after the index's, in the order added.
      byTitle = this.scores(all, weights, ['titel'], this.keys.length);
      if (this.withText > 0) whole = this.scores(all, weights, ['titel', 'text'], this.keys.length + 1);
    } finally {
      // In the order added, as the mean lengths were kept when the index began on the library.
      for (const extra of extras) this.index.remove(extra);
    }
    // Usually one search (no layer texts): its scores go straight into the top list, which
    // looks at an entry (and whether to leave it out) only when its score would make the list.
    const top = new TopMatches(options.limit, (nummer) => {
      const entry = this.lookup(nummer);
      return entry && !options.exclude?.(entry) ? entry : undefined;
    });
    const wholeScores = new Map<string, number>();
    // As a whole, only entries with a text compare (their key is their number): the others
    // are compared by their titles.
    if (whole && whole.reference > 0) {
      for (const [id, score] of whole.scores) {
        const key = this.keys[id]!;
        if (!key.startsWith(TITLE_KEY)) wholeScores.set(key, score / whole.reference);
      }
    }
    if (byTitle.reference > 0) {
      // A title the same as the query's is the closest there is, whatever the opening says.
      const same = TITLE_KEY + query.titel;
      for (const [id, score] of byTitle.scores) {
        const key = this.keys[id]!;
        const ratio = key === same ? Math.max(1, score / byTitle.reference) : score / byTitle.reference;
        // Most candidates rank below the list: they are passed over before any lookup. A text
        // of the same entry that would rank higher comes in with the texts below.
        if (!top.admits(ratio)) continue;
        const numbers = this.byTitle.get(key);
        if (numbers) {
          for (const nummer of numbers) top.add(nummer, ratio);
          continue;
        }
        const other = wholeScores.get(key);
        if (other !== undefined) wholeScores.delete(key);
        top.add(key, other === undefined ? ratio : preferred(ratio, other));
      }
    }
    for (const [nummer, score] of wholeScores) top.add(nummer, score);
    return top.matches().map((match) => {
      const shared = this.shared(match.entry, weights);
      return shared.length > 0 ? { ...match, shared } : match;
    });
  }

  /**
   * The query's terms with their weights: the title's words 1, the opening's
   * TEXT_TERM_WEIGHT; a compound's parts PART_WEIGHT of their word. A term that comes more
   * than one way keeps its highest weight.
   */
  private weights(query: SimilarQuery): Map<string, number> {
    const weights = new Map<string, number>();
    const add = (term: string, weight: number) => {
      if ((weights.get(term) ?? 0) < weight) weights.set(term, weight);
    };
    const addUnit = (unit: string, weight: number) => {
      const { whole, parts } = this.analyzer.terms(unit);
      for (const term of whole) add(term, weight);
      // A compound that no entry holds can meet the register only through its parts: they
      // count as words then ("Zweckentfremdungsmeldungen" → "Zweckentfremdung").
      const held = whole.some((term) => this.index.frequency(term, 0) > 0 || this.index.frequency(term, 1) > 0);
      for (const term of parts) add(term, weight * (term.length < SHORT_PART ? SHORT_PART_WEIGHT : held ? PART_WEIGHT : 1));
    };
    for (const unit of units(query.titel)) addUnit(unit, 1);
    if (weights.size === 0) return weights;
    // Of the opening's words only the longest few: they are the rarer, telling ones, and every
    // common word added walks a long list of documents for little weight.
    const opening = [...new Set(units(query.text ?? ''))].filter((unit) => {
      const { whole } = this.analyzer.terms(unit);
      return whole.length > 0 && whole.some((term) => !weights.has(term) && !DIGITS.test(term));
    });
    const longest = (unit: string) => Math.max(...this.analyzer.terms(unit).whole.map((term) => term.length));
    const kept = new Set([...opening].sort((a, b) => longest(b) - longest(a)).slice(0, MAX_OPENING_TERMS));
    for (const unit of opening) if (kept.has(unit)) addUnit(unit, TEXT_TERM_WEIGHT);
    return weights;
  }

  /**
   * The words of a matched entry that the query shares (its words or parts, or a synonym), as
   * the entry writes them, in the entry's order: a word as written if the query has it, else
   * its parts that the query has.
   */
  private shared(entry: RegisterEntry, weights: ReadonlyMap<string, number>): string[] {
    const shown: string[] = [];
    const seen = new Set<string>();
    const show = (text: string, terms: readonly string[]) => {
      if (terms.some((term) => seen.has(term)) || shown.includes(text)) return;
      for (const term of terms) seen.add(term);
      shown.push(text);
    };
    for (const text of entry.text ? [entry.titel, entry.text.slice(0, MAX_INDEXED_TEXT)] : [entry.titel]) {
      for (const unit of units(text)) {
        const terms = this.analyzer.terms(unit);
        const whole = terms.whole.filter((term) => weights.has(term));
        if (whole.length > 0) show(unit.replace('\u0002', '-/'), whole);
        else for (const part of terms.parts) if (weights.has(part)) show(terms.shown.get(part)!, [part]);
        if (shown.length >= MAX_SHARED) return shown;
      }
    }
    return shown;
  }

  /**
   * BM25 scores of the documents that match, and the reference's: the plain sum over the
   * matched terms (see `Bm25Index.search`), which keeps the scale of "share of the reference
   * score" linear. A term held by many documents walks a long list for little weight, so the
   * query runs in two searches, as Lucene's common-terms query does: the rarer terms find the
   * candidates, the common ones add their share to those candidates only. BM25 sums per term,
   * so a candidate's score is exactly what one search would give it; left out are documents
   * that share nothing but common words with the query, which no threshold would report.
   */
  private scores(all: readonly string[], weights: ReadonlyMap<string, number>, fields: Field[], self: number): Scored {
    const { rare, common } = this.split(all, weights, fields);
    const scored: Scored = { reference: 0, scores: new Map() };
    const size = this.keys.length;
    const fieldIds = fields.map((field) => FIELDS.indexOf(field));
    const boosts = FIELDS.map((field) => FIELD_BOOST[field]);
    const search = (terms: readonly string[], candidatesOnly: boolean) =>
      this.index.search(
        // The terms as the library read a query of them joined by spaces.
        terms
          .join(' ')
          .split(' ')
          .filter((term) => term !== ''),
        fieldIds,
        boosts,
        (term) => weights.get(term) ?? 0,
        candidatesOnly ? (id) => id === self || scored.scores.has(id) : undefined,
        (id, score) => {
          if (id === self) scored.reference += score;
          else if (candidatesOnly) scored.scores.set(id, scored.scores.get(id)! + score);
          else if (id < size) scored.scores.set(id, score);
        },
      );
    search(rare, false);
    if (common.length > 0) search(common, true);
    return scored;
  }

  /**
   * The query's terms split into rare and common: terms held by at least `commonMin`
   * documents are common, most documents per unit of weight first (the most walking saved),
   * as long as together they make up at most COMMON_SHARE of the reference score (BM25 weighs a
   * term by its inverse document frequency; within a field the reference holds each term
   * alike). A document that holds none of the rare terms then scores below 0.35 (BM25's
   * length normalisation lifts a short document's term at most 1.75 times above the
   * reference's), under any threshold worth reporting.
   */
  private split(all: readonly string[], weights: ReadonlyMap<string, number>, fields: readonly Field[]): { rare: string[]; common: string[] } {
    const total = this.index.documentCount;
    const frequency = (term: string, field: Field) => this.index.frequency(term, FIELDS.indexOf(field));
    const held = (term: string) => fields.reduce((sum, field) => sum + frequency(term, field), 0);
    const weight = (term: string) =>
      fields.reduce((sum, field) => {
        const count = frequency(term, field);
        return count === 0 ? sum : sum + FIELD_BOOST[field] * Math.log(1 + (total - count + 0.5) / (count + 0.5));
      }, 0) * (weights.get(term) ?? 0);
    const budget = COMMON_SHARE * all.reduce((sum, term) => sum + weight(term), 0);
    const common = new Set<string>();
    let spent = 0;
    const cost = (term: string) => held(term) / Math.max(weight(term), Number.MIN_VALUE);
    for (const term of [...all].sort((a, b) => cost(b) - cost(a))) {
      if (held(term) < this.commonMin || spent + weight(term) > budget) continue;
      spent += weight(term);
      common.add(term);
    }
    return { rare: all.filter((term) => !common.has(term)), common: [...common] };
  }
}

type Field = 'titel' | 'text';
const FIELDS: readonly Field[] = ['titel', 'text'];

/**
 * The version of the analysis a snapshot was made with, and of its layout. A snapshot of another
 * version is not used: change it with anything that changes the terms of a text (`german.ts`,
 * the weights of parts, the fields). `similar.test.ts` holds the terms of a sample register
 * against it. Version 1 kept MiniSearch's own serialisation, version 2 the lists that were read
 * back into that library.
 */
export const SNAPSHOT_VERSION = 3;

/**
 * A similarity index as data (see `SimilarIndex.snapshot`): flat lists of numbers, which JSON
 * reads quickly and which are copied into the index's typed arrays. A document's number is its
 * place among the documents the entries make, so the snapshot keeps only a digest of their keys.
 */
export interface SimilarSnapshot {
  readonly version: number;
  /** The synonym groups it was built with (`synonymsKey`). */
  readonly synonyms: string;
  readonly documents: number;
  /** `keyDigest` of the documents' keys in order. */
  readonly keys: number;
  readonly vocabulary: { readonly known: string[]; readonly parts: string[] };
  /** Every term of the index; the fields' lists go by this order. */
  readonly terms: string[];
  readonly fields: Record<Field, KeptPostings>;
}

/**
 * A digest of keys in order (53 bits, after cyrb53): a snapshot of other documents, or of
 * the same in another order, does not fit the entries at hand.
 */
function keyDigest(keys: readonly string[]): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const key of keys) {
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
    // The end of a key counts, so that ["ab", "c"] and ["a", "bc"] differ.
    h1 = Math.imul(h1 ^ key.length ^ 0x10000, 2654435761);
    h2 = Math.imul(h2 ^ key.length ^ 0x10000, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The synonym groups as a key: the same groups, the same key. */
export function synonymsKey(groups: SynonymGroups | undefined): string {
  return JSON.stringify(groups ?? []);
}

function isSnapshot(value: unknown): value is SimilarSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const snapshot = value as Partial<Record<keyof SimilarSnapshot, unknown>>;
  const vocabulary = snapshot.vocabulary as { known?: unknown; parts?: unknown } | undefined;
  const fields = snapshot.fields as Partial<Record<Field, unknown>> | undefined;
  const isField = (field: unknown) => {
    if (typeof field !== 'object' || field === null) return false;
    const kept = field as Partial<Record<keyof KeptPostings, unknown>>;
    return Array.isArray(kept.lengths) && Array.isArray(kept.frequency) && Array.isArray(kept.postings);
  };
  return (
    typeof snapshot.version === 'number' &&
    typeof snapshot.synonyms === 'string' &&
    typeof snapshot.documents === 'number' &&
    typeof snapshot.keys === 'number' &&
    typeof vocabulary === 'object' &&
    vocabulary !== null &&
    Array.isArray(vocabulary.known) &&
    Array.isArray(vocabulary.parts) &&
    Array.isArray(snapshot.terms) &&
    typeof fields === 'object' &&
    fields !== null &&
    FIELDS.every((field) => isField(fields[field]))
  );
}

/**
 * The score a person reads. The share of the query's own reference score that a document
 * reaches is mapped, in two straight pieces, so that `CALIBRATED_AT` of it shows as 60 %, the
 * rule's default threshold: on the evaluation set of real titles (`test/similar-eval/`) that is
 * the least share above which at most one in twenty drafts without a related paper finds
 * anything, so "60 % similar" is something a person would call related. The map keeps the order
 * of matches, 0 and 1 (the same title) as they are.
 */
export const CALIBRATED_AT = 0.32;
const SHOWN_AT = 0.6;

export function calibrated(share: number): number {
  return share <= CALIBRATED_AT ? (share / CALIBRATED_AT) * SHOWN_AT : SHOWN_AT + ((share - CALIBRATED_AT) / (1 - CALIBRATED_AT)) * (1 - SHOWN_AT);
}

/** The share behind a score shown (the inverse of `calibrated`), for the evaluation. */
export function uncalibrated(score: number): number {
  return score <= SHOWN_AT ? (score / SHOWN_AT) * CALIBRATED_AT : CALIBRATED_AT + ((score - SHOWN_AT) / (1 - SHOWN_AT)) * (1 - CALIBRATED_AT);
}

/**
 * The best `limit` matches seen, best first, without sorting every candidate. Matches are
 * added with their ratio to the reference score; the score shown is that ratio up to 1. A
 * document can score above the reference (a shorter title with the query's words, or one that
 * also holds words of the opening): it counts as 1, after those that score the reference
 * exactly, since a title the same as the query's is the closest there is.
 */
class TopMatches {
  private readonly list: { readonly match: SimilarMatch; readonly excess: number }[] = [];

  constructor(
    private readonly limit: number,
    /** The entry to list for a number, or `undefined` to leave it out. */
    private readonly listed: (nummer: string) => RegisterEntry | undefined,
  ) {}

  /** Whether a match of this ratio would make the list as it stands (and so may later). */
  admits(ratio: number): boolean {
    const list = this.list;
    if (list.length < this.limit) return true;
    const last = list[list.length - 1]!;
    const score = calibrated(Math.min(1, ratio));
    return score > last.match.score || (score === last.match.score && Math.max(0, ratio - 1) <= last.excess);
  }

  add(nummer: string, ratio: number): void {
    if (!this.admits(ratio)) return;
    const list = this.list;
    const score = calibrated(Math.min(1, ratio));
    const excess = Math.max(0, ratio - 1);
    const entry = this.listed(nummer);
    if (!entry) return;
    const ranked = { match: { entry, score }, excess };
    let at = list.length;
    while (at > 0 && rank(ranked, list[at - 1]!) < 0) at--;
    list.splice(at, 0, ranked);
    if (list.length > this.limit) list.pop();
  }

  matches(): SimilarMatch[] {
    return this.list.map((ranked) => ranked.match);
  }
}

function rank(a: { match: SimilarMatch; excess: number }, b: { match: SimilarMatch; excess: number }): number {
  if (a.match.score !== b.match.score) return b.match.score - a.match.score;
  if (a.excess !== b.excess) return a.excess - b.excess;
  return compareMatches(a.match, b.match);
}

/** Of two ratios to the reference, the one that ranks higher (see `TopMatches`). */
function preferred(a: number, b: number): number {
  const [sa, sb] = [Math.min(1, a), Math.min(1, b)];
  if (sa !== sb) return sa > sb ? a : b;
  return a <= b ? a : b;
}

interface Scored {
  reference: number;
  /** By document number, in the order the documents were found. */
  readonly scores: Map<number, number>;
}

/** Best first; at equal score the more recent document. */
export function compareMatches(a: SimilarMatch, b: SimilarMatch): number {
  if (a.score !== b.score) return b.score - a.score;
  const da = a.entry.datum ?? '';
  const db = b.entry.datum ?? '';
  if (da !== db) return da < db ? 1 : -1;
  return a.entry.nummer < b.entry.nummer ? 1 : a.entry.nummer > b.entry.nummer ? -1 : 0;
}

/** The words every council uses for the same thing (`server/profiles/synonyme.yaml`). */
export const COMMON_SYNONYMS: SynonymGroups = thesaurus.synonyme;

/** The lists put together, per profile's list and added list, so that each is compiled once. */
const joinedSynonyms = new WeakMap<object, WeakMap<object, SynonymGroups>>();
const NONE: SynonymGroups = [];

/**
 * The synonym groups that apply: the common thesaurus, the profile's own groups and those of
 * `ratsfeder.yaml`. The same lists give the same array, so that it is compiled once.
 */
export function synonymGroups(profile: Profile, added: SynonymGroups | undefined): SynonymGroups {
  const own = profile.aehnlichkeit?.synonyme ?? NONE;
  const extra = added ?? NONE;
  let byOwn = joinedSynonyms.get(own);
  if (!byOwn) joinedSynonyms.set(own, (byOwn = new WeakMap()));
  let joined = byOwn.get(extra);
  if (!joined) byOwn.set(extra, (joined = [...COMMON_SYNONYMS, ...own, ...extra]));
  return joined;
}

/**
 * What a draft is about, as a query: its `titel` and the opening of its first section (whole
 * paragraphs or list items until about OPENING_MIN characters, never more than OPENING_MAX).
 * `undefined` when the draft has no title to go by.
 */
export function draftQuery(draft: Draft): SimilarQuery | undefined {
  const value = draft.frontMatter?.fields.get('titel')?.value;
  const titel = typeof value === 'string' ? value.trim() : '';
  if (titel === '') return undefined;
  let text = '';
  for (const node of draft.sections[0]?.body ?? []) {
    if (text.length >= OPENING_MIN) break;
    const part = plain(node);
    if (part !== '') text = text === '' ? part : `${text} ${part}`;
  }
  if (text.length > OPENING_MAX) text = text.slice(0, text.lastIndexOf(' ', OPENING_MAX) > 0 ? text.lastIndexOf(' ', OPENING_MAX) : OPENING_MAX);
  return text === '' ? { titel } : { titel, text };
}

function plain(node: RootContent): string {
  if (node.type === 'html' || node.type === 'code' || node.type === 'yaml' || node.type === 'definition') return '';
  return toString(node, { includeHtml: false }).replace(NUMBER_LIKE, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Which register entries a draft must not be told about: the numbers it cites anywhere (text,
 * `bezug`, its own `nummer`), their versions (`-NF-01` of a cited number, or the number a
 * cited version belongs to), and the draft itself as the register may still hold it from
 * before an edit (same `origin`).
 */
export function draftExclusions(draft: Draft, documentUri?: string): (entry: RegisterEntry) => boolean {
  const cited = new Set<string>();
  for (const reference of draft.references) if (reference.canonical) cited.add(reference.canonical);
  return (entry) => {
    if (documentUri !== undefined && entry.origin === documentUri) return true;
    if (cited.has(entry.nummer)) return true;
    for (const nummer of cited) {
      if (entry.nummer.startsWith(`${nummer}-`) || nummer.startsWith(`${entry.nummer}-`)) return true;
    }
    return false;
  };
}
