import type { Nodes } from 'mdast';
import { amendments } from '../analysis/aenderungen.js';
import { isAutolink } from '../analysis/analyse.js';
import type { Draft, Span } from '../analysis/model.js';

/*
 * The words of a draft that spelling looks at: its prose (title, headings, paragraphs, list
 * items, table cells, footnotes, link texts) and the wording of its amendment blocks. Not
 * front-matter keys or other fields, not code, HTML, addresses or document numbers. Pure.
 */

/** One word as written, with where it stands. */
export interface Word extends Span {
  readonly text: string;
  /** A full stop follows directly: the word may be an abbreviation ("Abs.", "bzw."). */
  readonly dot: boolean;
  /** After a hyphen that stands for a compound's left-out beginning ("Fußwege und -treppen"): a compound's head. */
  readonly tail?: boolean;
  /** The capitalised word right after it, past one blank ("Ludwigsburger Straße"): a noun it may describe. */
  readonly next?: string;
  /**
   * Stands where the text names something: in a quoted name of capitalised words ("„Conne
   * Island“"), or in the name before an association's or company's legal form ("Urban Souls
   * e.V."). Such a word is right as written unless a word one likely slip away is the likelier
   * reading (`spelling/assess.ts`).
   */
  readonly name?: boolean;
}

/**
 * A word: letters, joined by inner hyphens or apostrophes; a gender ending after `*`, `:` or
 * `_` ("Lehrer*innen"), also inside a compound ("Partner*innenstädte"); a hyphen at the end where a compound's head is left out
 * ("Verwaltungs- und Finanzausschuss"). Letters are Unicode letters and combining marks.
 */
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*(?:[*:_](?:innen|in)(?:(?![\p{L}\p{M}])|\p{Ll}[\p{L}\p{M}]*))?-?/gu;

/** A character next to which a run of letters is not a word of prose (part of a number, address or name of a file). */
const GLUE = /[\p{N}@/\\#&=_~%]/u;

/** The words of the draft's prose, in document order. Empty for a text that is no draft. */
export function draftWords(draft: Draft): Word[] {
  if (draft.skip !== undefined) return [];
  const spans: Span[] = [];
  const title = draft.frontMatter?.fields.get('titel');
  if (title && typeof title.value === 'string') {
    // A title in YAML quotes (it holds a colon): the words inside them; the quotes are YAML's, not the text's.
    const { from, to } = title.valueSpan;
    const quote = draft.text[from];
    spans.push((quote === '"' || quote === "'") && to - from >= 2 && draft.text[to - 1] === quote ? { from: from + 1, to: to - 1 } : title.valueSpan);
  }
  collectText(draft.tree, draft.frontMatter ? draft.frontMatter.to : -1, spans);
  for (const amendment of amendments(draft)) {
    if (amendment.alt) spans.push(amendment.alt);
    if (amendment.neu) spans.push(amendment.neu);
  }
  spans.sort((a, b) => a.from - b.from);
  const out: Word[] = [];
  for (const span of spans) scanWords(draft.text, span.from, span.to, out);
  if (draft.references.length === 0) return out;
  // A document number's letters ("VIII-DS-…") are no word.
  return out.filter((word) => !draft.references.some((reference) => reference.from < word.to && word.from < reference.to));
}

/** Text nodes outside code, HTML and autolinks; iterative, deep trees cannot overflow the stack. */
function collectText(tree: Nodes, skipTo: number, out: Span[]): void {
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ((node.position?.end.offset ?? 0) <= skipTo && node.type !== 'root') continue;
    if (node.type === 'text') {
      const from = node.position?.start.offset;
      const to = node.position?.end.offset;
      if (from !== undefined && to !== undefined) out.push({ from, to });
      continue;
    }
    if (isAutolink(node)) continue;
    if ('children' in node) {
      const children = node.children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
}

/** One blank, then a capitalised word; matched where a word ends (sticky). */
const NEXT = / (\p{Lu}\p{Ll}+)/uy;

/** The words in `text[from, to)`, appended to `out`. */
export function scanWords(text: string, from: number, to: number, out: Word[]): void {
  const first = out.length;
  const slice = text.slice(from, to);
  WORD.lastIndex = 0;
  for (let match = WORD.exec(slice); match; match = WORD.exec(slice)) {
    const start = from + match.index;
    let word = match[0];
    const before = text[start - 1] ?? '';
    let end = start + word.length;
    const after = text[end] ?? '';
    // "A4", "2-Zimmer-Wohnung", "max@example.org", "#hashtag", "datei_name": not words of prose.
    if (GLUE.test(before) || GLUE.test(after) || (before === '-' && /\p{N}/u.test(text[start - 2] ?? ''))) continue;
    // "Migrant/-innen": the rest of a gender form, not a word of its own.
    if (before === '-' && text[start - 2] === '/') continue;
    // "www.leipzig.de", "index.html": a dot followed by a letter joins a name.
    if (after === '.' && /\p{L}/u.test(text[end + 1] ?? '')) continue;
    if (before === '.' && /\p{L}/u.test(text[start - 2] ?? '')) continue;
    // A hyphen at the end is kept only where a compound's head is left out ("Schul- und",
    // "Sach- statt Geldleistungen", "Schul-/Sportamt").
    if (word.endsWith('-') && !/^(?:\s*(?:,|und\b|oder\b|bzw\.|sowie\b|als auch\b|wie\b|statt\b|anstatt\b)|\/)/u.test(text.slice(end, end + 12))) {
      word = word.slice(0, -1);
      end--;
    }
    const tail = before === '-' && /[\s(]/u.test(text[start - 2] ?? ' ');
    NEXT.lastIndex = end;
    const following = text[end] === ' ' ? NEXT.exec(text) : null;
    const next = following && NEXT.lastIndex <= Math.min(to, end + 40) ? following[1] : undefined;
    out.push({ from: start, to: end, text: word, dot: text[end] === '.', ...(tail ? { tail } : {}), ...(next ? { next } : {}) });
  }
  if (out.length > first) markNames(text, from, slice, out, first);
}

/**
 * A quoted run of text on one line: German, English and French quotation marks. The opening mark
 * stands before a word (not after a letter, not before a blank), the closing one after a word (not
 * after a blank, not before a letter): the closing mark of a quotation that does not match (one
 * broken over two lines) opens nothing.
 */
const QUOTED = /(?<![\p{L}\p{N}])[„“"»«‚](?!\s)([^„“”"»«‚‘’\n]{1,80}?)(?<!\s)[“”"«»‘](?![\p{L}\p{N}])/gu;
/** Small words that stand inside a name without a capital ("Haus der Jugend", "Rur und Kall"). */
const NAME_LINK = /^(?:und|der|die|das|des|dem|den|am|an|im|in|zum|zur|von|vom|auf|für|ohne|mit|e|de|la|le|of|the|and|on)$/u;
/** The legal form after a name, with or without its blanks ("e.V.", "e. V.", "gGmbH"); matched where a word ends (sticky). */
const LEGAL_FORM = / ?(?:e\. ?V\.|gGmbH|GmbH|gUG|UG|eG|AG|KG|mbH|GbR)(?![\p{L}\p{N}-])/uy;
/** Words of a name before its legal form, at most. */
const NAME_WORDS = 4;

/**
 * Marks the words of `out[first…]` (from `text[from, from + slice.length)`) that stand in a name:
 * a quoted run of two words or more, each capitalised or a small linking word, with at least two
 * capitalised ("„Täschners Garten“"); the capitalised words right before a legal form ("Urban
 * Souls e.V.").
 */
function markNames(text: string, from: number, slice: string, out: Word[], first: number): void {
  const mark = (index: number) => {
    const word = out[index]!;
    if (!word.name && /^\p{Lu}/u.test(word.text)) out[index] = { ...word, name: true };
  };
  if (/[„“"»«‚]/u.test(slice)) {
    QUOTED.lastIndex = 0;
    // Quotations and words both come in text order: one cursor walks the words once.
    let cursor = first;
    for (let match = QUOTED.exec(slice); match; match = QUOTED.exec(slice)) {
      const start = from + match.index + 1;
      const end = start + match[1]!.length;
      while (cursor < out.length && out[cursor]!.from < start) cursor++;
      const inside: number[] = [];
      for (let index = cursor; index < out.length && out[index]!.to <= end; index++) inside.push(index);
      const words = match[1]!.split(/\s+/u).filter((part) => part !== '' && part !== '-');
      const capitalised = words.filter((part) => /^\p{Lu}/u.test(part)).length;
      if (inside.length < 2 || capitalised < 2 || words.some((part) => !/^\p{Lu}/u.test(part) && !NAME_LINK.test(part))) continue;
      for (const index of inside) mark(index);
    }
  }
  for (let index = first; index < out.length; index++) {
    LEGAL_FORM.lastIndex = out[index]!.to;
    if (!LEGAL_FORM.test(text)) continue;
    // Back over the name's capitalised words, each one blank (or a hyphen) before the next.
    for (let back = index, count = 0; back >= first && count < NAME_WORDS; back--, count++) {
      const current = out[back]!;
      if (!/^\p{Lu}/u.test(current.text)) break;
      mark(back);
      const before = out[back - 1];
      if (!before || !/^[ -]$/u.test(text.slice(before.to, current.from))) break;
    }
  }
}
