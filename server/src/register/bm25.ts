/*
 * The inverted index behind `similar.ts`: for each term and field, the documents that hold it
 * and how often, in typed arrays (one list per field, each term a slice of it), with each
 * document's field lengths. It ranks as MiniSearch 7.2.0 does, to the last bit: BM25+ with
 * k = 1.2, b = 0.7, d = 0.5; a field's average length kept as a running mean that documents
 * added and removed for a while (a query's own) move; per document the terms' scores summed in
 * the order of the query, each term's fields in the order asked; the sum multiplied and then
 * divided by the number of terms matched. The similarity index began on that library, and its
 * calibration and evaluation were made with those scores. A few hundred thousand small maps (one
 * per term and field) made building the library's index cost more than loading the register, and
 * reading a kept one back half as much; these lists are a few arrays.
 */

const K = 1.2;
const B = 0.7;
const D = 0.5;

/** One field of a document as the index reads it. */
export interface FieldTerms {
  /** The field's length: how many distinct units (words as tokenised) it has. */
  readonly length: number;
  /** Its terms, each as often as the units give it. */
  readonly terms: readonly string[];
}

/** A document added for a while (a query's own): per field its terms with their counts, or nothing. */
export interface ExtraDocument {
  readonly fields: readonly ({ readonly length: number; readonly counts: ReadonlyMap<string, number> } | undefined)[];
}

/** One field's postings: the documents of term `t` are `docs[start[t]..start[t + 1]]`, in order. */
export interface FieldPostings {
  readonly start: Uint32Array;
  readonly docs: Uint32Array;
  readonly counts: Uint32Array;
  /** Per term, how often it occurs in the field over all documents. */
  readonly frequency: Uint32Array;
  /** Per document, the field's length; -1 where the document has no such field. */
  readonly lengths: Int32Array;
}

export class Bm25Index {
  /** The documents right now: the index's and those added for a while. */
  private count: number;
  private readonly extras: ExtraDocument[] = [];
  // Per document, what one search has gathered; reset for the documents it touched.
  private scores = new Float64Array(0);
  private termScores = new Float64Array(0);
  private matched = new Uint16Array(0);
  private termMark = new Int32Array(0);

  constructor(
    /** How many documents the index holds. */
    readonly size: number,
    readonly terms: readonly string[],
    private readonly ids: ReadonlyMap<string, number>,
    readonly fields: readonly FieldPostings[],
    /** Per field, the running mean of its length (see `add`), as it stands. */
    readonly averages: number[],
  ) {
    this.count = size;
  }

  /**
   * The index of `size` documents, each field read by `read` (`undefined` where a document
   * lacks it), in the order of the documents.
   */
  static build(size: number, fieldCount: number, read: (document: number, field: number) => FieldTerms | undefined): Bm25Index {
    const ids = new Map<string, number>();
    const terms: string[] = [];
    const averages = new Array<number>(fieldCount).fill(0);
    const lengths = Array.from({ length: fieldCount }, () => new Int32Array(size).fill(-1));
    // Per field, (term, document, count) in the order of the documents.
    const pairs = Array.from({ length: fieldCount }, () => new Triples());
    let scratch = new Uint32Array(1024);
    const touched: number[] = [];
    for (let doc = 0; doc < size; doc++) {
      for (let field = 0; field < fieldCount; field++) {
        const value = read(doc, field);
        if (value === undefined) continue;
        lengths[field]![doc] = value.length;
        averages[field] = runningMean(averages[field]!, doc, value.length);
        for (const term of value.terms) {
          let id = ids.get(term);
          if (id === undefined) {
            id = terms.length;
            ids.set(term, id);
            terms.push(term);
            if (id >= scratch.length) {
              const larger = new Uint32Array(scratch.length * 2);
              larger.set(scratch);
              scratch = larger;
            }
          }
          if (scratch[id] === 0) touched.push(id);
          scratch[id] = scratch[id]! + 1;
        }
        const list = pairs[field]!;
        for (const id of touched) {
          list.push(id, doc, scratch[id]!);
          scratch[id] = 0;
        }
        touched.length = 0;
      }
    }
    const fields = pairs.map((list, field): FieldPostings => {
      const start = new Uint32Array(terms.length + 1);
      const frequency = new Uint32Array(terms.length);
      const { size: length, data } = list;
      for (let i = 0; i < length; i++) {
        const term = data[3 * i]!;
        start[term + 1] = start[term + 1]! + 1;
        frequency[term] = frequency[term]! + data[3 * i + 2]!;
      }
      for (let t = 0; t < terms.length; t++) start[t + 1] = start[t + 1]! + start[t]!;
      const at = start.slice(0, terms.length);
      const docs = new Uint32Array(length);
      const counts = new Uint32Array(length);
      for (let i = 0; i < length; i++) {
        const term = data[3 * i]!;
        const slot = at[term]!;
        at[term] = slot + 1;
        docs[slot] = data[3 * i + 1]!;
        counts[slot] = data[3 * i + 2]!;
      }
      return { start, docs, counts, frequency, lengths: lengths[field]! };
    });
    return new Bm25Index(size, terms, ids, fields, averages);
  }

  /** The documents right now, those added for a while included. */
  get documentCount(): number {
    return this.count;
  }

  /** How often `term` occurs in `field` over the index's documents (0: never). */
  frequency(term: string, field: number): number {
    const id = this.ids.get(term);
    return id === undefined ? 0 : this.fields[field]!.frequency[id]!;
  }

  /** Adds a document for a while; it is numbered after the index's and the extras before it. */
  add(extra: ExtraDocument): void {
    this.count++;
    extra.fields.forEach((value, field) => {
      if (value) this.averages[field] = runningMean(this.averages[field]!, this.count - 1, value.length);
    });
    this.extras.push(extra);
  }

  /**
   * Removes a document added for a while; the extras after it move up a number. The mean length
   * is taken back as the library takes it, which need not give the mean before exactly.
   */
  remove(extra: ExtraDocument): void {
    const at = this.extras.indexOf(extra);
    if (at === -1) throw new Error('the document was not added');
    this.extras.splice(at, 1);
    const count = this.count;
    extra.fields.forEach((value, field) => {
      if (value) this.averages[field] = count === 1 ? 0 : (this.averages[field]! * count - value.length) / (count - 1);
    });
    this.count--;
  }

  /**
   * BM25 scores of the documents that hold any of `terms` in `fields` (the extras numbered after
   * the index's documents), handed to `found` in the order the library finds them: by term,
   * then field, then document. `boosts` weigh the fields, `boostTerm` the terms; where
   * `accept` is given, only documents it accepts are scored. A score is the sum over the terms
   * the document holds, multiplied and divided by their number, as the library returns it.
   */
  search(
    terms: readonly string[],
    fields: readonly number[],
    boosts: readonly number[],
    boostTerm: (term: string) => number,
    accept: ((document: number) => boolean) | undefined,
    found: (document: number, score: number) => void,
  ): void {
    const total = this.count;
    const size = this.size;
    this.reserve(size + this.extras.length);
    const { scores, termScores, matched, termMark } = this;
    const order: number[] = [];
    const inTerm: number[] = [];
    const add = (doc: number, mark: number, score: number) => {
      if (termMark[doc] !== mark) {
        termMark[doc] = mark;
        termScores[doc] = score;
        inTerm.push(doc);
      } else termScores[doc] = termScores[doc]! + score;
    };
    terms.forEach((term, i) => {
      const mark = i + 1;
      const termBoost = boostTerm(term);
      const id = this.ids.get(term);
      for (const field of fields) {
        const fieldBoost = boosts[field]!;
        const postings = this.fields[field]!;
        const from = id === undefined ? 0 : postings.start[id]!;
        const to = id === undefined ? 0 : postings.start[id + 1]!;
        let matching = to - from;
        for (const extra of this.extras) if (extra.fields[field]?.counts.has(term)) matching++;
        if (matching === 0) continue;
        const average = this.averages[field]!;
        for (let at = from; at < to; at++) {
          const doc = postings.docs[at]!;
          if (accept && !accept(doc)) continue;
          add(doc, mark, 1 * termBoost * fieldBoost * 1 * bm25(postings.counts[at]!, matching, total, postings.lengths[doc]!, average));
        }
        this.extras.forEach((extra, e) => {
          const value = extra.fields[field];
          const count = value?.counts.get(term);
          if (value === undefined || count === undefined || (accept && !accept(size + e))) return;
          add(size + e, mark, 1 * termBoost * fieldBoost * 1 * bm25(count, matching, total, value.length, average));
        });
      }
      // A term the query repeats adds its score again, but counts as one term matched.
      const first = terms.indexOf(term) === i;
      for (const doc of inTerm) {
        if (matched[doc] === 0) {
          order.push(doc);
          scores[doc] = termScores[doc]!;
          matched[doc] = 1;
        } else {
          scores[doc] = scores[doc]! + termScores[doc]!;
          if (first) matched[doc] = matched[doc]! + 1;
        }
      }
      inTerm.length = 0;
    });
    for (const doc of order) {
      const quality = matched[doc]!;
      const score = scores[doc]! * quality;
      matched[doc] = 0;
      termMark[doc] = 0;
      found(doc, score / Math.max(1, quality));
    }
  }

  private reserve(size: number): void {
    if (this.scores.length >= size) return;
    this.scores = new Float64Array(size);
    this.termScores = new Float64Array(size);
    this.matched = new Uint16Array(size);
    this.termMark = new Int32Array(size);
  }
}

/** A growing list of triples of numbers, in one typed array (a million postings make no garbage). */
class Triples {
  data = new Uint32Array(3 * 4096);
  size = 0;

  push(a: number, b: number, c: number): void {
    if (3 * this.size + 3 > this.data.length) {
      const larger = new Uint32Array(this.data.length * 2);
      larger.set(this.data);
      this.data = larger;
    }
    const at = 3 * this.size++;
    this.data[at] = a;
    this.data[at + 1] = b;
    this.data[at + 2] = c;
  }
}

/** The mean of `count` lengths and one more, as the library keeps it (nothing yet counts as 0). */
function runningMean(average: number, count: number, length: number): number {
  return ((average || 0) * count + length) / (count + 1);
}

/** BM25+ of one term in one field of one document, written as the library writes it. */
function bm25(termFreq: number, matchingCount: number, totalCount: number, fieldLength: number, avgFieldLength: number): number {
  const invDocFreq = Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
  return invDocFreq * (D + (termFreq * (K + 1)) / (termFreq + K * (1 - B + (B * fieldLength) / avgFieldLength)));
}

/** One field of an index as data (see `keepField`). */
export interface KeptPostings {
  /** The field's running mean length (see `Bm25Index.add`). */
  readonly average: number;
  /** Per document, the field's length; -1 where the document has no such field. */
  readonly lengths: number[];
  /** Per term, how often it occurs in the field, 0 for never. */
  readonly frequency: number[];
  /**
   * Per term: how many documents hold it in the field, then their numbers (each as the step
   * from the one before, the first from 0), then how often each holds it.
   */
  readonly postings: number[];
}

/** A field of `index` as flat lists of numbers, which JSON reads quickly. */
export function keepField(index: Bm25Index, field: number): KeptPostings {
  const { start, docs, counts, frequency, lengths } = index.fields[field]!;
  const postings: number[] = [];
  for (let term = 0; term < index.terms.length; term++) {
    const from = start[term]!;
    const to = start[term + 1]!;
    postings.push(to - from);
    let last = 0;
    for (let at = from; at < to; at++) {
      postings.push(docs[at]! - last);
      last = docs[at]!;
    }
    for (let at = from; at < to; at++) postings.push(counts[at]!);
  }
  return { average: index.averages[field]!, lengths: Array.from(lengths), frequency: Array.from(frequency), postings };
}

/**
 * The index of `size` documents kept as `fields` (`keepField`) over `terms`. Throws where the
 * data does not add up: a damaged file must not give wrong answers.
 */
export function readIndex(size: number, terms: readonly unknown[], fields: readonly KeptPostings[]): Bm25Index {
  const ids = new Map<string, number>();
  terms.forEach((term, id) => {
    if (typeof term !== 'string') throw new TypeError('not a term');
    ids.set(term, id);
  });
  if (ids.size !== terms.length) throw new TypeError('a term twice');
  const isCount = (value: unknown, least: number): value is number => Number.isInteger(value) && (value as number) >= least && (value as number) <= 0xffffffff;
  const read = fields.map((kept): FieldPostings => {
    if (typeof kept.average !== 'number' || !Number.isFinite(kept.average)) throw new TypeError('not an average length');
    if (kept.lengths.length !== size || kept.frequency.length !== terms.length) throw new TypeError('not the lengths and counts of these documents and terms');
    const lengths = new Int32Array(size);
    for (let doc = 0; doc < size; doc++) {
      const length = kept.lengths[doc];
      if (length !== -1 && !isCount(length, 0)) throw new TypeError('not a field length');
      lengths[doc] = length;
    }
    const { postings } = kept;
    const start = new Uint32Array(terms.length + 1);
    const frequency = new Uint32Array(terms.length);
    // At most this many postings: each takes two numbers and its term one more.
    const docs = new Uint32Array(Math.max(0, (postings.length - terms.length) >> 1));
    const counts = new Uint32Array(docs.length);
    let at = 0;
    let slot = 0;
    for (let term = 0; term < terms.length; term++) {
      const held = postings[at++];
      if (!isCount(held, 0) || at + 2 * held > postings.length) throw new TypeError('not a posting list');
      let doc = 0;
      let sum = 0;
      for (let i = 0; i < held; i++) {
        const step = postings[at + i];
        const times = postings[at + held + i];
        if (!isCount(step, i === 0 ? 0 : 1) || !isCount(times, 1)) throw new TypeError('not a posting');
        doc += step;
        if (doc >= size || lengths[doc] === -1) throw new TypeError('not a document of the index with the field');
        docs[slot] = doc;
        counts[slot++] = times;
        sum += times;
      }
      at += 2 * held;
      start[term + 1] = slot;
      const count = kept.frequency[term];
      if (count !== sum) throw new TypeError('not the term counts of these postings');
      frequency[term] = sum;
    }
    // Then every slot of `docs` is filled.
    if (at !== postings.length) throw new TypeError('not the postings of these terms');
    return { start, docs, counts, frequency, lengths };
  });
  return new Bm25Index(
    size,
    terms as string[],
    ids,
    read,
    fields.map((kept) => kept.average),
  );
}
