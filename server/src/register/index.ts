import type { Register, RegisterEntry } from './types.js';

/** Lower case, accents and umlauts folded, ß as ss: "Städtische" and "stadtische" meet. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').toLowerCase();
}

export function words(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
}

/** A number as typed, for prefix comparison: upper case, any dash or space as `-`. */
export function numberKey(text: string): string {
  return text.toUpperCase().replace(/[\s\u2010-\u2013]+/g, '-');
}

/**
 * An immutable, searchable set of entries: numbers sorted for prefix completion, title words
 * sorted for word-prefix search. Built once per change of its source; lookups are binary
 * searches, so a 100,000-document register answers completion in well under a millisecond.
 */
export class RegisterIndex implements Register {
  private readonly byNumber = new Map<string, RegisterEntry>();
  /** Entries sorted by number. */
  private readonly sorted: RegisterEntry[];
  /** Distinct title words, sorted, each with the indexes (into `sorted`) of its entries. */
  private readonly wordList: string[];
  private readonly postings: number[][];

  constructor(
    entries: Iterable<RegisterEntry>,
    readonly authoritative: boolean,
  ) {
    for (const entry of entries) if (!this.byNumber.has(entry.nummer)) this.byNumber.set(entry.nummer, entry);
    this.sorted = [...this.byNumber.values()].sort((a, b) => (a.nummer < b.nummer ? -1 : a.nummer > b.nummer ? 1 : 0));
    const postings = new Map<string, number[]>();
    this.sorted.forEach((entry, index) => {
      for (const word of new Set(words(entry.titel))) {
        let list = postings.get(word);
        if (!list) postings.set(word, (list = []));
        list.push(index);
      }
    });
    this.wordList = [...postings.keys()].sort();
    this.postings = this.wordList.map((word) => postings.get(word)!);
  }

  get size(): number {
    return this.sorted.length;
  }

  get(nummer: string): RegisterEntry | undefined {
    return this.byNumber.get(nummer);
  }

  entries(): readonly RegisterEntry[] {
    return this.sorted;
  }

  complete(prefix: string, limit: number): RegisterEntry[] {
    const key = numberKey(prefix);
    const found: RegisterEntry[] = [];
    for (let i = lowerBound(this.sorted, key, (entry) => entry.nummer); i < this.sorted.length; i++) {
      const entry = this.sorted[i]!;
      if (!entry.nummer.startsWith(key)) break;
      found.push(entry);
    }
    return byRecency(found).slice(0, limit);
  }

  search(query: string, limit: number): RegisterEntry[] {
    const terms = words(query);
    if (terms.length === 0) return [];
    // A query that looks like a number prefix is a number search.
    if (/^[ivx]+([-\s]|$)/i.test(query.trim()) && this.complete(query.trim(), 1).length > 0) return this.complete(query.trim(), limit);
    let candidates: Set<number> | undefined;
    for (const term of terms) {
      const matches = new Set<number>();
      for (let w = lowerBound(this.wordList, term, (word) => word); w < this.wordList.length && this.wordList[w]!.startsWith(term); w++) {
        for (const index of this.postings[w]!) if (!candidates || candidates.has(index)) matches.add(index);
      }
      candidates = matches;
      if (candidates.size === 0) return [];
    }
    // Whole-word matches rank above prefix matches; then the more recent document.
    const scored = [...candidates!].map((index) => {
      const entry = this.sorted[index]!;
      const titleWords = new Set(words(entry.titel));
      const exact = terms.filter((term) => titleWords.has(term)).length;
      return { entry, exact };
    });
    scored.sort((a, b) => b.exact - a.exact || compareRecency(a.entry, b.entry));
    return scored.slice(0, limit).map((item) => item.entry);
  }
}

function lowerBound<T>(items: readonly T[], key: string, of: (item: T) => string): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (of(items[mid]!) < key) low = mid + 1;
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

function byRecency(entries: RegisterEntry[]): RegisterEntry[] {
  return entries.sort(compareRecency);
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
