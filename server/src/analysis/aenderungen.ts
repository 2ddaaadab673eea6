import { diffArrays, diffWords } from 'diff';
import type { Code, Nodes } from 'mdast';
import { isMap, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import type { Draft, Span } from './model.js';

/*
 * Änderungsblöcke: an amendment quotes the wording it changes and the new wording in a fenced
 * block with the info string `aenderung`, holding YAML:
 *
 *     ```aenderung
 *     stelle: Punkt 2
 *     alt: |
 *       Der Plan wird bis 2030 umgesetzt.
 *     neu: |
 *       Der Plan wird bis zum 31.12.2028 umgesetzt.
 *     ```
 *
 * Plain Markdown shows it as a readable block; the parser keeps it apart from the prose, so
 * the wording inside is never mistaken for list items or emphasis. Pure and total: a broken
 * block is an amendment with problems, never an exception.
 */

/** Info strings that mark an amendment block (compared without case). */
export const AMENDMENT_INFO: readonly string[] = ['aenderung', 'änderung'];
export const AMENDMENT_KEYS: readonly string[] = ['stelle', 'alt', 'neu'];

export interface AmendmentPart extends Span {
  /** The wording: single line breaks are spaces, blank lines separate paragraphs (`\n`). */
  readonly text: string;
  /** Written as a block scalar (`alt: |` with the wording below): any wording may replace it. */
  readonly block?: true;
}

export type AmendmentProblem =
  | { readonly kind: 'yaml'; readonly span: Span }
  | { readonly kind: 'empty'; readonly span: Span }
  | { readonly kind: 'key'; readonly key: string; readonly span: Span }
  | { readonly kind: 'value'; readonly key: string; readonly span: Span };

/** One amendment block; its span covers the whole fenced block. */
export interface Amendment extends Span {
  /** Where in the amended document, as the author names it ("Punkt 2"). */
  readonly stelle: AmendmentPart | undefined;
  /** The current wording; missing for an insertion. */
  readonly alt: AmendmentPart | undefined;
  /** The new wording; missing for a deletion. */
  readonly neu: AmendmentPart | undefined;
  readonly problems: readonly AmendmentProblem[];
}

const cache = new WeakMap<Draft, readonly Amendment[]>();

/** The draft's amendment blocks in document order (computed once per draft). */
export function amendments(draft: Draft): readonly Amendment[] {
  let found = cache.get(draft);
  if (!found) {
    found = draft.skip === undefined ? collect(draft.tree, draft.text) : [];
    cache.set(draft, found);
  }
  return found;
}

/** Whether a code node is an amendment block. */
export function isAmendmentBlock(node: Code): boolean {
  return node.lang !== null && node.lang !== undefined && AMENDMENT_INFO.includes(node.lang.toLowerCase());
}

function collect(tree: Nodes, text: string): Amendment[] {
  const out: Amendment[] = [];
  const stack: Nodes[] = [tree];
  // Iterative walk, children pushed in reverse, so that document order comes out and deep trees cannot overflow the stack.
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'code' && isAmendmentBlock(node)) {
      const amendment = readBlock(node, text);
      if (amendment) out.push(amendment);
    } else if ('children' in node) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
  return out;
}

/** Reads one block. Offsets inside the YAML map back to the draft through the block's source lines. */
export function readBlock(node: Code, text: string): Amendment | undefined {
  const from = node.position?.start.offset;
  const to = node.position?.end.offset;
  if (from === undefined || to === undefined) return undefined;
  const map = valueToSource(node.value, text, from, to);
  const span = (start: number, end: number): Span => {
    // Trailing line breaks belong to YAML's node ranges, not to what a finding should mark.
    while (end > start + 1 && /\s/.test(node.value[end - 1] ?? '')) end--;
    return { from: map(start), to: Math.max(map(start), map(end)) };
  };
  const whole: Span = { from, to };
  const problems: AmendmentProblem[] = [];
  const parts: Partial<Record<'stelle' | 'alt' | 'neu', AmendmentPart>> = {};

  let doc;
  try {
    doc = parseDocument(node.value, { prettyErrors: false, uniqueKeys: true, strict: true });
  } catch {
    return { ...whole, stelle: undefined, alt: undefined, neu: undefined, problems: [{ kind: 'yaml', span: whole }] };
  }
  const error = doc.errors[0];
  if (error) {
    problems.push({ kind: 'yaml', span: span(error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)) });
  } else if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = pair.key as YamlNode | null;
      const keyName = isScalar(key) ? String(key.value) : '';
      const keySpan = key?.range ? span(key.range[0], key.range[1]) : whole;
      if (!AMENDMENT_KEYS.includes(keyName)) {
        problems.push({ kind: 'key', key: keyName, span: keySpan });
        continue;
      }
      const value = pair.value as YamlNode | null;
      if (value === null || (isScalar(value) && value.value === null)) continue;
      const raw = isScalar(value) ? value.value : undefined;
      if (!value.range || (typeof raw !== 'string' && typeof raw !== 'number')) {
        problems.push({ kind: 'value', key: keyName, span: value.range ? span(value.range[0], value.range[1]) : keySpan });
        continue;
      }
      const wording = wordingOf(String(raw));
      if (wording === '') continue;
      // A block scalar's range starts at its `|` or `>`; the wording starts on the next line.
      let start = value.range[0];
      const block = isScalar(value) && (value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED');
      if (block) {
        const newline = node.value.indexOf('\n', start);
        if (newline !== -1 && newline < value.range[1]) start = newline + 1;
        while (start < value.range[1] && /\s/.test(node.value[start]!)) start++;
      }
      let end = value.range[1];
      while (end > start && /\s/.test(node.value[end - 1]!)) end--;
      parts[keyName as 'stelle' | 'alt' | 'neu'] = { ...span(start, end), text: wording, ...(block ? { block: true as const } : {}) };
    }
  }
  // Valid YAML that is no mapping (a sentence, a list) names neither wording: the block is empty.
  if (problems.length === 0 && !parts.alt && !parts.neu) problems.push({ kind: 'empty', span: whole });
  return { ...whole, stelle: parts.stelle, alt: parts.alt, neu: parts.neu, problems };
}

/**
 * Maps an offset in a code node's value to the draft. The value's lines are the block's
 * source lines after the opening fence with their container prefix (list indent, `> `)
 * removed, so each value line ends where its source line ends.
 */
function valueToSource(value: string, text: string, from: number, to: number): (offset: number) => number {
  const source = text.slice(from, to);
  const sourceLines: { start: number; end: number }[] = [];
  let at = 0;
  while (at <= source.length) {
    const newline = source.indexOf('\n', at);
    const end = newline === -1 ? source.length : newline;
    sourceLines.push({ start: from + at, end: from + (source[end - 1] === '\r' ? end - 1 : end) });
    if (newline === -1) break;
    at = newline + 1;
  }
  const valueStarts = [0];
  for (let i = 0; i < value.length; i++) if (value[i] === '\n') valueStarts.push(i + 1);
  return (offset) => {
    let line = 0;
    while (line + 1 < valueStarts.length && valueStarts[line + 1]! <= offset) line++;
    const target = sourceLines[line + 1];
    if (!target) return to;
    let lineEnd = line + 1 < valueStarts.length ? valueStarts[line + 1]! - 1 : value.length;
    // With CRLF line ends the value keeps its `\r`s, the source line's end is before its own.
    if (value[lineEnd - 1] === '\r') lineEnd--;
    const lineLength = lineEnd - valueStarts[line]!;
    const start = Math.max(target.start, target.end - lineLength);
    return Math.min(start + (offset - valueStarts[line]!), target.end);
  };
}

/** Wording as written → paragraphs joined by `\n`, each with its whitespace collapsed. */
export function wordingOf(raw: string): string {
  return raw
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** For comparing wordings: whitespace, typographic quotes, dashes and soft hyphens do not count. */
export function normalizeWording(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\u00AD/g, '')
    .replace(/[„“”‟″"«»]/g, '"')
    .replace(/[‚‘’‛′'‹›]/g, "'")
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

export type DiffPart = { readonly kind: 'same' | 'removed' | 'added'; readonly text: string };

/**
 * Myers' diff costs time proportional to length × edits: two long wordings that share nothing
 * would block the editor. Beyond this many edits the diff gives up, and the texts count as
 * entirely different.
 */
const MAX_EDITS = 2000;

/**
 * Word diff from `before` to `after` with jsdiff's `diffWords` (its tokenizer keeps umlauts,
 * ß and accented letters inside words; whitespace differences do not count).
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const changes = diffWords(before, after, { maxEditLength: MAX_EDITS });
  if (!changes) return [...(before ? [{ kind: 'removed', text: before } as const] : []), ...(after ? [{ kind: 'added', text: after } as const] : [])];
  return changes.map((change) => ({ kind: change.added ? 'added' : change.removed ? 'removed' : 'same', text: change.value }));
}

/**
 * A document's text normalised and cut into words, kept for the few documents a draft quotes:
 * a fetched Vorlage runs to tens of thousands of characters, and every check of the draft asks
 * again.
 */
const normalized = new Map<string, { readonly haystack: string; readonly docWords: readonly string[] }>();
const NORMALIZED_KEPT = 8;

function normalizedDocument(document: string): { readonly haystack: string; readonly docWords: readonly string[] } {
  let found = normalized.get(document);
  if (!found) {
    const haystack = normalizeWording(document);
    found = { haystack, docWords: haystack ? haystack.split(' ') : [] };
    if (normalized.size >= NORMALIZED_KEPT) normalized.delete(normalized.keys().next().value!);
    normalized.set(document, found);
  }
  return found;
}

/** Where a quoted wording stands in a document's text. */
export type Passage =
  | { readonly exact: true }
  | {
      readonly exact: false;
      readonly passage: string;
      readonly score: number;
      /** The passage's words in the document, counted over its whitespace-separated words (`to` exclusive). */
      readonly words?: { readonly from: number; readonly to: number };
    }
  | undefined;

/**
 * Looks for `quoted` in `document`: exactly (after `normalizeWording`), else the closest
 * passage. `score` is the share of the quoted words found there in order (0…1); `undefined`
 * when the quote has no words.
 */
export function findPassage(quoted: string, document: string): Passage {
  const needle = normalizeWording(quoted);
  if (!needle) return undefined;
  const { haystack, docWords } = normalizedDocument(document);
  if (haystack.includes(needle)) return { exact: true };
  const words = needle.split(' ');
  if (docWords.length === 0) return { exact: false, passage: '', score: 0 };

  // A window as long as the quote slides over the document; the one sharing the most words wins.
  const n = Math.min(words.length, docWords.length);
  const want = new Map<string, number>();
  for (const word of words) want.set(word, (want.get(word) ?? 0) + 1);
  const have = new Map<string, number>();
  let shared = 0;
  const add = (word: string, delta: number) => {
    const before = have.get(word) ?? 0;
    const limit = want.get(word) ?? 0;
    have.set(word, before + delta);
    shared += Math.min(before + delta, limit) - Math.min(before, limit);
  };
  let best = 0;
  let bestShared = -1;
  for (let i = 0; i < docWords.length; i++) {
    add(docWords[i]!, 1);
    if (i >= n) add(docWords[i - n]!, -1);
    if (i >= n - 1 && shared > bestShared) {
      bestShared = shared;
      best = i - n + 1;
    }
  }
  if (bestShared <= 0) return { exact: false, passage: '', score: 0 };
  // Around the best window, the word diff decides where the passage starts and ends.
  const slack = Math.ceil(n / 2) + 2;
  const regionStart = Math.max(0, best - slack);
  const region = docWords.slice(regionStart, Math.min(docWords.length, best + n + slack));
  const changes = diffArrays(words, region, { maxEditLength: MAX_EDITS });
  if (!changes) return { exact: false, passage: '', score: 0 };
  let position = 0;
  let first = -1;
  let last = -1;
  let common = 0;
  const runs: { kind: 'same' | 'removed' | 'added'; start: number; count: number }[] = [];
  for (const change of changes) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const count = change.value.length;
    runs.push({ kind, start: position, count });
    if (kind === 'same') {
      if (first === -1) first = position;
      last = position + count;
      common += count;
    }
    if (kind !== 'removed') position += count;
  }
  if (first === -1) return { exact: false, passage: '', score: 0 };
  // Differing words at the quote's edges pair with the document's words just beside the match.
  const lead = runs.findIndex((run) => run.kind === 'same');
  const leadingRemoved = runs.slice(0, lead).filter((run) => run.kind === 'removed').reduce((sum, run) => sum + run.count, 0);
  const trail = runs.length - 1 - [...runs].reverse().findIndex((run) => run.kind === 'same');
  const trailingRemoved = runs.slice(trail + 1).filter((run) => run.kind === 'removed').reduce((sum, run) => sum + run.count, 0);
  const start = Math.max(0, first - leadingRemoved);
  const end = Math.min(region.length, last + trailingRemoved);
  return { exact: false, passage: region.slice(start, end).join(' '), score: common / words.length, words: { from: regionStart + start, to: regionStart + end } };
}

/** One place where two wordings differ, with a word of context on each side. */
export interface Difference {
  /** The wording on the left of the diff (`before`), with its context. */
  readonly before: string;
  readonly after: string;
  /** Whether there is more text before / after the shown words. */
  readonly more: { readonly before: boolean; readonly after: boolean };
}

/** The differences of a word diff as short quotable snippets. */
export function differences(parts: readonly DiffPart[]): Difference[] {
  const out: Difference[] = [];
  for (let i = 0; i < parts.length; ) {
    if (parts[i]!.kind === 'same') {
      i++;
      continue;
    }
    let j = i;
    let removed = '';
    let added = '';
    while (j < parts.length && parts[j]!.kind !== 'same') {
      if (parts[j]!.kind === 'removed') removed += parts[j]!.text;
      else added += parts[j]!.text;
      j++;
    }
    const prior = i > 0 ? parts[i - 1]!.text : '';
    const next = j < parts.length ? parts[j]!.text : '';
    const priorWord = /(\S+)\s*$/.exec(prior)?.[1] ?? '';
    const nextWord = /^\s*(\S+)/.exec(next)?.[1] ?? '';
    const join = (middle: string) => [priorWord, middle.trim(), nextWord].filter(Boolean).join(' ').replace(/\s+([.,;:!?)])/g, '$1');
    out.push({
      before: join(removed),
      after: join(added),
      more: { before: prior.trim().length > priorWord.length || i > 1, after: next.trim().length > nextWord.length || j + 1 < parts.length },
    });
    i = j;
  }
  return out;
}
