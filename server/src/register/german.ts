import { stemmer } from '@orama/stemmers/german';
import { stopwords } from '@orama/stopwords/german';
import { fold } from '../base/fold.js';

/*
 * German as councils write it, for the similar-document index: compounds split into their
 * parts, hyphenated and slash forms read as people mean them, word forms stemmed.
 *
 * Compounds are split against the register's own vocabulary, not a dictionary: a part helps
 * only if it can meet a word of the register, and a council's vocabulary (Zweckentfremdung,
 * Turnhalle, Bebauungsplan) is in its titles rather than in a general word list. A word is
 * split where both sides are words (or stems of words) seen in the register, longest first
 * part first, with the linking elements (Fugen: -s-, -es-, -n-, -en-, -e-) between them; one
 * side may be a word seen nowhere else if the other is known and it is long and does not start
 * like a suffix (so "Zweckentfremdungssatzung" yields "Zweckentfremdung" beside "Satzung", and
 * "Wohnungen" is not "Wohn" + "ungen"). German word lists on npm are large (a Hunspell
 * dictionary of several MB whose compounding rules need a Hunspell engine) and would be
 * bundled into the server; hyphenation patterns propose syllable breaks, not word breaks, and
 * still need a list to choose among them. Both would cost load time the index must not add.
 *
 * Stemming is the Snowball German stemmer (`@orama/stemmers/german`) after folding, so umlaut
 * plurals meet their singular ("Plätze" → "platz", "Hallen" and "Halle" → "hall").
 */

const STOP_WORDS = new Set(stopwords.map(fold));
const DIGITS = /^\p{N}+$/u;

/** Word-like runs, hyphenated words as one unit ("E-Scooter", "Kita-Plätze"). */
const UNIT = /[\p{L}\p{N}]+(?:(?:[-\u2010\u2011]|\u0002)[\p{L}\p{N}]+)*/gu;
/** "Ein-/Ausgang", "Rad- und Fußwege": the first word shares the second's last part. */
const SUSPENDED = /([\p{L}]+)[-\u2010\u2011]\s*(?:\/\s*|,\s*|(?:und|oder|bzw\.?|sowie)\s+)(?=\p{L})/giu;
const HYPHENS = /[-\u2010\u2011]/u;
/** What every suspended compound holds (see `SUSPENDED`). */
const MAYBE_SUSPENDED = /[-\u2010\u2011]/;
const CAPITAL = /^\p{Lu}/u;
/** Endings that take a Fugen-s in a compound. */
const LINKED_S = /(?:ung|heit|keit|ion|tat|schaft|ling|tum)s$/u;

/**
 * Parts of three letters are words only if they are nouns that councils compound with; any other
 * three letters a register holds ("geb.", "gen") would split words where they are not joined.
 */
const SHORT_PARTS = new Set(['rad', 'amt', 'bad', 'hof', 'weg', 'bus', 'zoo', 'tal', 'bau', 'ort', 'see', 'tor', 'rat', 'tag', 'zug', 'kur', 'eis', 'tür', 'tur', 'dach', 'öko', 'oko']);
/** What is left when a word is cut before its ending: never a word of its own ("Bürger|innen", "Wohnungs|losen"). */
const ENDINGS = /^(?:innen|in|los|lose|losen|loser|losigkeit|ung|ungen|heit|keit|schaft|lich|liche|lichen|isch|ische|ischen|chen|lein|ling|nis|tum)$/u;

/** The feminine endings of nouns in -er ("Bürgerinnen", "Lehrerin"), after at least three letters. */
const GENDERED = /(?<=\p{L}{3})er(?:innen|in)$/u;

/** Fugen, longest first. */
const LINKS = ['es', 'en', 's', 'n', 'e'];
/** A part seen elsewhere in the register may be this short ("Rad", "Amt"), one seen nowhere this long. */
const MIN_KNOWN = 3;
const MIN_UNKNOWN = 5;
const MIN_COMPOUND = 6;
/** Beginnings of suffixes that a word seen nowhere else must not start with ("-ungen", "-heit"). */
const SUFFIX_LIKE = /^(?:ung|heit|keit|schaft|lich|isch|ig|nis|tum|bar|sam|haft|ion|tion|tat|ism|ist|ier|er|en|es|in|chen|lein|ling|at)/u;
/**
 * Last parts that council compounds share and that a register may hold only inside compounds
 * ("Zweckentfremdungs|satzung", "Sport|hallen", "Hitzeschutz|plan"): known as words in every
 * register, so that such compounds split in a small register too.
 */
const COMMON_HEADS = [
  'satzung', 'meldung', 'ordnung', 'verordnung', 'plan', 'konzept', 'programm', 'bericht', 'antrag', 'anlage', 'gebiet',
  'strasse', 'weg', 'haus', 'halle', 'platz', 'schule', 'schutz', 'verkehr', 'bahn', 'park', 'amt', 'rat', 'stelle',
  'projekt', 'netz', 'bau', 'flache', 'zentrum', 'raum', 'wohnung', 'gebaude', 'sanierung', 'forderung', 'entwicklung',
  'versorgung', 'beteiligung', 'verwaltung', 'gebuhr', 'steuer', 'kosten', 'mittel', 'fonds', 'kita', 'garten', 'hof',
];
/** Prefixes that "Ein-/Ausgang" swaps: the first word takes the second's rest. */
const PREFIXES = ['ueber', 'unter', 'durch', 'nach', 'ein', 'aus', 'auf', 'vor', 'hin', 'her', 'mit', 'bei', 'ent', 'ver', 'zer', 'ab', 'an', 'zu', 'um', 'be', 'ge'];

/**
 * Words as typed map to terms through a cache: a register repeats its vocabulary, and folding
 * and stemming each word again cost about half of building the index. Bounded, so that a
 * stream of odd words cannot grow it without end.
 */
const termCache = new Map<string, string | null>();
const TERM_CACHE_MAX = 200_000;

/** A word as the index keeps it: folded, stop words and one-letter words dropped, stemmed. */
export function processTerm(word: string): string | null {
  let term = termCache.get(word);
  if (term !== undefined) return term;
  term = stemFolded(fold(word));
  if (termCache.size >= TERM_CACHE_MAX) termCache.clear();
  termCache.set(word, term);
  return term;
}

function stemFolded(folded: string): string | null {
  return folded.length < 2 || STOP_WORDS.has(folded) ? null : DIGITS.test(folded) ? folded : stemmer(folded);
}

/** Gendered plurals written with a sign or a capital I: "Bürger*innen", "Bürger:innen", "BürgerInnen". */
const GENDER_SIGN = /(\p{L})(?:[*:_\u00b7]innen|Innen)(?![\p{L}])/gu;

/**
 * A text's units: words, hyphenated words, and suspended compounds ("Ein\u0002Ausgang");
 * gendered forms with a sign read as the word they are formed from ("Bürger*innen": "Bürger").
 */
export function units(text: string): string[] {
  // Most titles have neither form: the cheap look first spares them two passes of a costly pattern.
  const ungendered = text.includes('nnen') ? text.replace(GENDER_SIGN, '$1') : text;
  const joined = MAYBE_SUSPENDED.test(ungendered) ? ungendered.replace(SUSPENDED, '$1\u0002') : ungendered;
  return joined.match(UNIT) ?? [];
}

/** The plain words of a text, for the vocabulary. */
function plainWords(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
}

/** A unit's index terms: those of the words as written (`whole`) and of their parts (`parts`). */
export interface UnitTerms {
  readonly whole: readonly string[];
  readonly parts: readonly string[];
  /** Each term with the text it stands for, as written where the word allows it. */
  readonly shown: ReadonlyMap<string, string>;
}

const EMPTY: UnitTerms = { whole: [], parts: [], shown: new Map() };

/**
 * The register's vocabulary and the splitting that depends on it. One per index: built from
 * the index's entries before they are added, and asked for every unit while they are, and for
 * the query's units later.
 */
export class GermanAnalyzer {
  /** Folded words of the register, and their stems. */
  private readonly known = new Set<string>();
  /** First parts found by splitting, which a query's compounds may share. */
  private readonly parts = new Set<string>();
  private readonly splits = new Map<string, readonly string[] | null>();
  private readonly cache = new Map<string, UnitTerms>();

  constructor(
    texts: Iterable<string>,
    /** Terms read as another (synonyms, see `canonicalSynonyms` in similar.ts). */
    private readonly canonical?: ReadonlyMap<string, string>,
  ) {
    for (const head of COMMON_HEADS) {
      this.known.add(head);
      const stem = processTerm(head);
      if (stem) this.known.add(stem);
    }
    // A register repeats its vocabulary: each word as written is looked at once.
    const seen = new Set<string>();
    for (const text of texts) {
      for (const word of plainWords(text)) {
        if (seen.has(word)) continue;
        seen.add(word);
        const folded = fold(word);
        if (folded.length < MIN_KNOWN || STOP_WORDS.has(folded) || DIGITS.test(folded) || this.known.has(folded)) continue;
        this.known.add(folded);
        const stem = processTerm(word);
        if (stem) this.known.add(stem);
      }
    }
  }

  /**
   * Once the index is built, its vocabulary stays as it is: the words of a query must not
   * change how the next query's words are split (results would depend on what was asked before).
   */
  freeze(): void {
    this.frozen = true;
    this.splits.clear();
    this.cache.clear();
  }

  private frozen = false;

  /** What splitting depends on, to be kept with an index (see `SimilarIndex.snapshot`). */
  vocabulary(): { readonly known: string[]; readonly parts: string[] } {
    return { known: [...this.known], parts: [...this.parts] };
  }

  /** An analyser with a kept vocabulary: it splits as the one that built the index did. */
  static restore(vocabulary: { readonly known: readonly string[]; readonly parts: readonly string[] }, canonical?: ReadonlyMap<string, string>): GermanAnalyzer {
    const analyzer = new GermanAnalyzer([], canonical);
    for (const word of vocabulary.known) analyzer.known.add(word);
    for (const part of vocabulary.parts) analyzer.parts.add(part);
    return analyzer;
  }

  /** The terms of one unit (see `units`), cached. */
  terms(unit: string): UnitTerms {
    let terms = this.cache.get(unit);
    if (terms) return terms;
    terms = this.analyse(unit);
    // A part that synonyms make the word itself ("Solar" in "Solaranlage") is not a part.
    if (this.canonical && terms.parts.some((part) => terms!.whole.includes(part))) terms = { ...terms, parts: terms.parts.filter((part) => !terms!.whole.includes(part)) };
    if (this.cache.size >= TERM_CACHE_MAX) this.cache.clear();
    this.cache.set(unit, terms);
    return terms;
  }

  private analyse(unit: string): UnitTerms {
    const whole: string[] = [];
    const parts: string[] = [];
    const shown = new Map<string, string>();
    const add = (list: string[], found: string | null, text: string) => {
      const term = found === null ? null : (this.canonical?.get(found) ?? found);
      if (!term || list.includes(term)) return;
      list.push(term);
      if (!shown.has(term)) shown.set(term, text);
    };
    if (unit.includes('\u0002')) {
      // "Ein-/Ausgang": "Ausgang" as written, and "Eingang".
      const [first, ...rest] = unit.split('\u0002');
      const second = rest.join('');
      const completed = `${first}${this.rest(second)}`;
      for (const word of [completed, second]) {
        const terms = this.terms(word);
        for (const term of terms.whole) add(whole, term, `${first}-/${second}`);
        for (const term of terms.parts) add(parts, term, terms.shown.get(term)!);
      }
      return { whole, parts, shown };
    }
    const pieces = unit.split(HYPHENS).filter((piece) => piece.length > 0);
    if (pieces.length > 1) {
      // "Kita-Plätze": "Kitaplätze" as one word, "Kita" and "Plätze" as its parts; of three or
      // more pieces also the runs that start or end it ("Open-Source" in "Open-Source-Lösungen").
      add(whole, processTerm(pieces.join('')), unit);
      for (let i = 2; i < pieces.length; i++) {
        add(parts, processTerm(pieces.slice(0, i).join('')), pieces.slice(0, i).join('-'));
        add(parts, processTerm(pieces.slice(pieces.length - i).join('')), pieces.slice(pieces.length - i).join('-'));
      }
      for (const piece of pieces) {
        const terms = this.terms(piece);
        for (const term of [...terms.whole, ...terms.parts]) if (!whole.includes(term)) add(parts, term, terms.shown.get(term)!);
      }
      return { whole, parts, shown };
    }
    // "Bürgerinnen", "Mieterin": the word they are formed from ("Bürger", "Mieter").
    const gendered = GENDERED.exec(unit);
    const word = gendered ? unit.slice(0, gendered.index + 2) : unit;
    const term = processTerm(word);
    if (!term) return EMPTY;
    add(whole, term, unit);
    // Only nouns are split: German writes them, and so its compounds, with a capital. A verb or
    // adjective ("bereitstellen", "maschinenlesbar") would meet unrelated nouns through its
    // parts ("Haltestellen").
    if (!CAPITAL.test(word)) return { whole, parts, shown };
    const folded = fold(word);
    // Where folding keeps the length (no ß), a part can be shown as the word writes it.
    const aligned = folded.length === word.length;
    for (const [from, to] of this.partSpans(folded)) {
      const text = aligned ? word.slice(from, to) : folded.slice(from, to);
      const partTerm = stemFolded(folded.slice(from, to));
      if (partTerm !== term) add(parts, partTerm, text.charAt(0).toUpperCase() + text.slice(1));
    }
    return { whole, parts, shown };
  }

  /** What "Ein-/Ausgang" lends "Ein": the second word's last part, else the word without its prefix. */
  private rest(word: string): string {
    const folded = fold(word);
    const split = this.split(folded);
    const aligned = folded.length === word.length;
    if (split) return aligned ? word.slice(folded.length - split[split.length - 1]!.length) : split[split.length - 1]!;
    const prefix = PREFIXES.find((candidate) => folded.startsWith(candidate) && folded.length - candidate.length >= MIN_KNOWN);
    if (prefix) return aligned ? word.slice(prefix.length) : folded.slice(prefix.length);
    return word;
  }

  /**
   * Where the parts of a folded compound are (start and end), each part and each run of
   * parts that ends or starts the word ("Hitze", "Schutz", "Plan", "Schutzplan",
   * "Hitzeschutz"); none for a simple word.
   */
  private partSpans(folded: string): [number, number][] {
    const split = this.split(folded);
    if (!split) return [];
    const spans: [number, number][] = [];
    let at = 0;
    split.forEach((piece, index) => {
      // A piece is the part and its Fuge: the part without the Fuge is what other words hold.
      // The last piece has no Fuge, only the word's ending, and is shown whole.
      const part = index === split.length - 1 ? piece : this.withoutLink(piece);
      spans.push([at, at + part.length]);
      at += piece.length;
    });
    const parts = spans.length;
    for (let i = 1; i < parts - 1; i++) spans.push([spans[i]![0], folded.length]);
    // And each run that starts the word ("Lastenrad" in "Lastenradverleihsystem").
    for (let i = 1; i < parts - 1; i++) spans.push([0, spans[i]![1]]);
    return spans;
  }

  private withoutLink(piece: string): string {
    if (this.isKnown(piece)) return piece;
    for (const link of LINKS) {
      const stripped = piece.slice(0, -link.length);
      if (piece.endsWith(link) && stripped.length >= MIN_KNOWN && (this.isKnown(stripped) || this.parts.has(stripped))) return stripped;
    }
    // The Fugen-s that these endings always take ("Zweckentfremdung|s|satzung").
    return LINKED_S.test(piece) ? piece.slice(0, -1) : piece;
  }

  private isKnown(word: string): boolean {
    return word.length > MIN_KNOWN ? this.known.has(word) : SHORT_PARTS.has(word);
  }

  private isHead(word: string): boolean {
    if (word.length <= MIN_KNOWN) return SHORT_PARTS.has(word);
    if (ENDINGS.test(word)) return false;
    if (this.known.has(word)) return true;
    const stem = stemFolded(word);
    return stem !== null && this.known.has(stem);
  }

  /**
   * A folded word as pieces (each a part with its Fuge), or `null` if it is no compound of
   * the register's words. Tried in order: both sides known, without then with a Fuge; then
   * one side seen nowhere else. Within each, the longest first part first.
   */
  split(folded: string): readonly string[] | null {
    let split = this.splits.get(folded);
    if (split !== undefined) return split;
    split = this.findSplit(folded);
    if (this.splits.size >= TERM_CACHE_MAX) this.splits.clear();
    this.splits.set(folded, split);
    if (split && !this.frozen) this.parts.add(this.withoutLink(split[0]!));
    return split;
  }

  private findSplit(word: string): string[] | null {
    if (word.length < MIN_COMPOUND || DIGITS.test(word)) return null;
    const last = word.length - MIN_KNOWN;
    // The rest of the word: a known word, or itself a compound of known words.
    const tail = (rest: string): readonly string[] | null => (this.isHead(rest) ? [rest] : this.split(rest));
    for (let i = last; i >= MIN_KNOWN; i--) {
      const left = word.slice(0, i);
      if (!this.isKnown(left)) continue;
      const rest = tail(word.slice(i));
      if (rest) return [left, ...rest];
    }
    for (let i = last; i >= MIN_KNOWN + 1; i--) {
      const left = word.slice(0, i);
      for (const link of LINKS) {
        if (!left.endsWith(link)) continue;
        const stem = left.slice(0, -link.length);
        if (stem.length < MIN_KNOWN || !(this.isKnown(stem) || this.parts.has(stem))) continue;
        const rest = tail(word.slice(i));
        if (rest) return [left, ...rest];
      }
    }
    // One side seen nowhere else: long, and not a suffix.
    for (let i = word.length - MIN_UNKNOWN; i >= MIN_KNOWN + 1; i--) {
      const left = word.slice(0, i);
      const right = word.slice(i);
      if (SUFFIX_LIKE.test(right)) continue;
      const leftKnown = this.isKnown(left) || this.parts.has(left) || LINKS.some((link) => left.endsWith(link) && (this.isKnown(left.slice(0, -link.length)) || this.parts.has(left.slice(0, -link.length))));
      if (leftKnown && this.isHead(right) === false && right.length >= MIN_UNKNOWN) return [left, ...(this.split(right) ?? [right])];
    }
    // A first part seen nowhere else before a known last part ("Zweckentfremdungs|satzung").
    for (let i = word.length - MIN_KNOWN; i >= MIN_KNOWN + 1; i--) {
      const left = word.slice(0, i);
      const right = word.slice(i);
      if (!SUFFIX_LIKE.test(right) && this.isHead(right)) return [left, right];
    }
    return null;
  }
}

export { EMPTY as NO_TERMS };
