import { RegisterWords } from '../spelling/vocabulary.js';
import { compareMatches, SimilarIndex, type SimilarSnapshot } from './similar.js';
import { fold } from '../base/fold.js';
import type { Register, RegisterEntry, SimilarMatch, SimilarOptions, SimilarQuery } from './types.js';

// Compiled once: as a literal inside the function, the bundle rebuilt it on every call.
const NON_WORD = /[^\p{L}\p{N}]+/u;

export function words(text: string): string[] {
  return fold(text).split(NON_WORD).filter((word) => word.length > 0);
}

const DASHES = /[\s\u2010-\u2013]/;
const DASH_RUNS = /[\s\u2010-\u2013]+/g;

/** A number as typed, for prefix comparison: upper case, any dash or space as `-`. */
export function numberKey(text: string): string {
  const upper = text.toUpperCase();
  return DASHES.test(upper) ? upper.replace(DASH_RUNS, '-') : upper;
}

/**
 * Keeps a layer's similarity index between runs (an IO edge supplies it, see
 * `node/similar-store.ts`): `load` gives what was kept (anything; it is checked before use),
 * `save` is handed the snapshot to keep, to take when it suits (off the query's path).
 */
export interface SimilarIndexKeeper {
  load(): unknown;
  save(snapshot: () => SimilarSnapshot): void;
}

/**
 * An immutable, searchable set of entries: numbers sorted (by their upper-case key, so
 * `VIII-Ifo-` and `viii-ifo-` find the same) for prefix completion, title words for search.
 * The word index is built on the first search, not at load: completing numbers, the common
 * case, never pays for it. Lookups are binary searches plus a top-k selection, so a
 * 100,000-document register answers in well under a millisecond for most prefixes.
 */
export class RegisterIndex implements Register {
  /** Entries sorted by `keys`, one per number (the first given). */
  private readonly sorted: RegisterEntry[];
  private readonly keys: string[];
  private words: { list: string[]; postings: Int32Array[] } | undefined;
  private similarIndex: SimilarIndex | undefined;
  private titleWords: RegisterWords | undefined;

  constructor(
    entries: Iterable<RegisterEntry>,
    readonly authoritative: boolean,
  ) {
    let sorted = [...entries];
    let keys = sorted.map((entry) => numberKey(entry.nummer));
    // Sources usually arrive sorted already (the OParl cache is stored so): then there is
    // nothing to sort, and numbers are looked up by binary search instead of in a map of their own.
    let inOrder = true;
    for (let i = 1; i < keys.length && inOrder; i++) inOrder = keys[i - 1]! <= keys[i]!;
    if (!inOrder) {
      const order = keys.map((_, i) => i);
      // Stable: of entries with the same key, the one given first stays first.
      order.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
      sorted = order.map((i) => sorted[i]!);
      keys = order.map((i) => keys[i]!);
    }
    // A number given twice: the first entry stands for it. Its copies have the same key, so
    // they are among the neighbours with that key.
    let duplicates = false;
    for (let i = 1; i < keys.length && !duplicates; i++) duplicates = keys[i] === keys[i - 1] && sameNumberBefore(sorted, keys, i);
    if (duplicates) {
      const kept = sorted.map((_, i) => !sameNumberBefore(sorted, keys, i));
      sorted = sorted.filter((_, i) => kept[i]);
      keys = keys.filter((_, i) => kept[i]);
    }
    this.sorted = sorted;
    this.keys = keys;
  }

  get size(): number {
    return this.sorted.length;
  }

  get(nummer: string): RegisterEntry | undefined {
    const key = numberKey(nummer);
    for (let i = lowerBound(this.keys, key); i < this.keys.length && this.keys[i] === key; i++) {
      if (this.sorted[i]!.nummer === nummer) return this.sorted[i];
    }
    return undefined;
  }

  complete(prefix: string, limit: number): RegisterEntry[] {
    const key = numberKey(prefix);
    const top = new TopK<RegisterEntry>(limit, compareRecency);
    for (let i = lowerBound(this.keys, key); i < this.keys.length && this.keys[i]!.startsWith(key); i++) top.add(this.sorted[i]!);
    return top.values();
  }

  search(query: string, limit: number): RegisterEntry[] {
    const terms = [...new Set(words(query))];
    if (terms.length === 0) return [];
    // A query that looks like a number prefix is a number search.
    const trimmed = query.trim();
    if ((/^[ivx]+([-\s]|$)/i.test(trimmed) || /\d/.test(trimmed)) && this.complete(trimmed, 1).length > 0) return this.complete(trimmed, limit);
    const index = this.wordIndex();
    // Every term matches title words by prefix; the candidates are in every term's union.
    let candidates: Set<number> | undefined;
    for (const term of [...terms].sort((a, b) => b.length - a.length)) {
      const matches = new Set<number>();
      for (let w = lowerBound(index.list, term); w < index.list.length && index.list[w]!.startsWith(term); w++) {
        for (const entry of index.postings[w]!) if (!candidates || candidates.has(entry)) matches.add(entry);
      }
      candidates = matches;
      if (candidates.size === 0) return [];
    }
    // Whole-word matches rank above prefix matches; then the more recent document.
    const exactLists = terms.map((term) => {
      const at = lowerBound(index.list, term);
      return index.list[at] === term ? index.postings[at]! : undefined;
    });
    const top = new TopK<{ entry: RegisterEntry; exact: number }>(limit, (a, b) => b.exact - a.exact || compareRecency(a.entry, b.entry));
    for (const candidate of candidates!) {
      let exact = 0;
      for (const list of exactLists) if (list && contains(list, candidate)) exact++;
      top.add({ entry: this.sorted[candidate]!, exact });
    }
    return top.values().map((item) => item.entry);
  }

  /** The words of the titles (see `RegisterLookup.vocabulary`), built on first use like the word index. */
  vocabulary(): RegisterWords {
    this.titleWords ??= new RegisterWords(this.sorted.map((entry) => entry.titel));
    return this.titleWords;
  }

  /**
   * Similar documents (see `register/similar.ts`). Like the word index, the similarity index
   * is built on the first query: a layer that changes is a new `RegisterIndex`, so a change
   * to the workspace's drafts never rebuilds the index of a 100,000-document OParl cache.
   */
  similar(query: SimilarQuery, options: SimilarOptions): SimilarMatch[] {
    // Synonyms are part of the index; other groups (another profile) mean another index.
    if (!this.similarIndex || this.similarIndex.synonyms !== options.synonyms) this.similarIndex = this.similarIndexFor(options.synonyms);
    return this.similarIndex.query(query, options);
  }

  /**
   * Where the similarity index of this layer is kept between runs (the OParl cache's, beside
   * it): its index is then read from there instead of built, and kept there once built.
   */
  keepSimilarIndex(keeper: SimilarIndexKeeper): void {
    this.keeper = keeper;
  }

  private keeper: SimilarIndexKeeper | undefined;

  private similarIndexFor(synonyms: SimilarOptions['synonyms']): SimilarIndex {
    const lookup = (nummer: string) => this.get(nummer);
    const kept = this.keeper?.load();
    const restored = kept === undefined ? undefined : SimilarIndex.restore(kept, this.sorted, lookup, synonyms);
    if (restored) return restored;
    const built = new SimilarIndex(this.sorted, lookup, synonyms);
    this.keeper?.save(() => built.snapshot());
    return built;
  }

  private wordIndex(): { list: string[]; postings: Int32Array[] } {
    if (this.words) return this.words;
    const postings = new Map<string, number[]>();
    // Many entries share a title (a motion, its new version, the answer): its words, and the
    // lists the entry goes in, are found once per title.
    const byTitle = new Map<string, number[][]>();
    this.sorted.forEach((entry, index) => {
      let lists = byTitle.get(entry.titel);
      if (!lists) {
        lists = [];
        for (const word of new Set(words(entry.titel))) {
          let list = postings.get(word);
          if (!list) postings.set(word, (list = []));
          lists.push(list);
        }
        byTitle.set(entry.titel, lists);
      }
      for (const list of lists) list.push(index);
    });
    const list = [...postings.keys()].sort();
    // Typed arrays: a 100,000-document register has about a million postings.
    this.words = { list, postings: list.map((word) => Int32Array.from(postings.get(word)!)) };
    return this.words;
  }
}

/** Whether an entry with the number of `sorted[at]` comes before it among those with its key. */
function sameNumberBefore(sorted: readonly RegisterEntry[], keys: readonly string[], at: number): boolean {
  const nummer = sorted[at]!.nummer;
  for (let i = at - 1; i >= 0 && keys[i] === keys[at]; i--) if (sorted[i]!.nummer === nummer) return true;
  return false;
}

/** Keeps the best `limit` items seen, by `compare` (smaller is better), without sorting them all. */
class TopK<T> {
  private readonly items: T[] = [];

  constructor(
    private readonly limit: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  add(item: T): void {
    const items = this.items;
    if (items.length === this.limit && this.compare(item, items[items.length - 1]!) >= 0) return;
    let low = 0;
    let high = items.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.compare(items[mid]!, item) <= 0) low = mid + 1;
      else high = mid;
    }
    items.splice(low, 0, item);
    if (items.length > this.limit) items.pop();
  }

  values(): T[] {
    return this.items;
  }
}

/** Whether a sorted list of indexes holds `value`. */
function contains(list: Int32Array, value: number): boolean {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = list[mid]!;
    if (at === value) return true;
    if (at < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

function lowerBound(items: readonly string[], key: string): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (items[mid]! < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Newest first; undated entries last, then by number descending (higher numbers are newer). */
export function compareRecency(a: RegisterEntry, b: RegisterEntry): number {
  const da = a.datum ?? '';
  const db = b.datum ?? '';
  if (da !== db) return da < db ? 1 : -1;
  return a.nummer < b.nummer ? 1 : a.nummer > b.nummer ? -1 : 0;
}

/**
 * Several registers in order of precedence: the first that knows a number answers for it,
 * and merged results never list a number twice.
 */
export class LayeredRegister implements Register {
  constructor(private readonly layers: readonly Register[]) {}

  get authoritative(): boolean {
    return this.layers.some((layer) => layer.authoritative);
  }

  get size(): number {
    return this.layers.reduce((sum, layer) => sum + layer.size, 0);
  }

  get(nummer: string): RegisterEntry | undefined {
    for (const layer of this.layers) {
      const entry = layer.get(nummer);
      if (entry) return entry;
    }
    return undefined;
  }

  complete(prefix: string, limit: number): RegisterEntry[] {
    return this.merge((layer) => layer.complete(prefix, limit), limit, compareRecency);
  }

  search(query: string, limit: number): RegisterEntry[] {
    // Each layer ranks its own matches; layers keep their precedence in the merged list.
    return this.merge((layer) => layer.search(query, limit), limit);
  }

  vocabulary(): { has(word: string): boolean; once(word: string): boolean } {
    const parts = this.layers.map((layer) => layer.vocabulary?.()).filter((part) => part !== undefined);
    // The same object while the layers' words are the same: spelling keeps what it worked out per vocabulary.
    const last = this.words;
    if (last && last.parts.length === parts.length && last.parts.every((part, index) => part === parts[index])) return last.vocabulary;
    const vocabulary = { has: (word: string) => parts.some((part) => part.has(word)), once: (word: string) => parts.some((part) => part.once?.(word) ?? false) };
    this.words = { parts, vocabulary };
    return vocabulary;
  }

  private words: { readonly parts: readonly unknown[]; readonly vocabulary: { has(word: string): boolean; once(word: string): boolean } } | undefined;

  similar(query: SimilarQuery, options: SimilarOptions): SimilarMatch[] {
    // Each layer scores against its own statistics, normalised to 0..1, so scores compare
    // across layers. A number that several layers know is shown as the highest layer has it,
    // with the best score any layer gives it: a workspace of a few drafts is a small sample of
    // words to weigh them by, and a register file or the OParl cache that also holds the
    // document weighs them better.
    const best = new Map<string, SimilarMatch>();
    for (const layer of this.layers) {
      for (const match of layer.similar(query, options)) {
        const nummer = match.entry.nummer;
        const known = best.get(nummer);
        if (known && known.score >= match.score) continue;
        // The entry shown is the highest layer's; the query's exclusions apply to it (a draft's
        // own number, answered by the draft itself, is never shown from a register file).
        const entry = this.get(nummer) ?? match.entry;
        if (entry !== match.entry && options.exclude?.(entry)) continue;
        best.set(nummer, entry === match.entry ? match : { ...match, entry });
      }
    }
    return [...best.values()].sort(compareMatches).slice(0, options.limit);
  }

  private merge(each: (layer: Register) => RegisterEntry[], limit: number, order?: (a: RegisterEntry, b: RegisterEntry) => number): RegisterEntry[] {
    const seen = new Set<string>();
    const merged: RegisterEntry[] = [];
    for (const layer of this.layers) {
      for (const entry of each(layer)) {
        if (seen.has(entry.nummer)) continue;
        seen.add(entry.nummer);
        // A number known to a higher layer is answered by that layer, even if this one lists it.
        merged.push(this.get(entry.nummer) ?? entry);
      }
    }
    if (order) merged.sort(order);
    return merged.slice(0, limit);
  }
}
