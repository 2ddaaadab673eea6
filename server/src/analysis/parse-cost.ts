/**
 * What the Markdown parse of a text will cost, estimated in one linear pass before parsing.
 *
 * micromark takes time that grows with the square of a paragraph's length for a few inline
 * constructs, because each occurrence looks through the rest of its paragraph: a `]` looks back
 * for the `[` it closes (128 KB of `](` took 35 s), a run of `*`,
 * `_` or `~` looks back for its opener, and a backtick run or an HTML opener (`<!--`, `<?`,
 * `<a`) looks ahead for its end. A paragraph ends at a blank line, an ATX heading and a list
 * item's marker, so the cost of one such construct is at most its distance to the start of its
 * block of lines (looking back) or to its end (looking ahead). Even a `]` that closes the `[`
 * just before it is counted to the block's start: `[a](` repeated is quadratic too.
 * The estimate adds these distances, weighted by what a character of each kind costs micromark.
 * Real drafts stay far below `MAX_PARSE_COST`: short paragraphs with a few links each. (Lines
 * made to continue a paragraph lazily behind list markers could hide work from the estimate;
 * nobody writes them by accident.)
 */

import type { Costly } from './model.js';

/** The kinds of construct the estimate counts. */
type CostlyConstruct = Costly['construct'];

/** The estimate (characters looked through, weighted) and the construct that costs most. */
export interface ParseCost extends Costly {
  readonly cost: number;
}

/**
 * The cost beyond which a text is not parsed. A weighted unit cost micromark 15 to 80 ns on a
 * busy two-core machine, so a text just below this parses in 0.1 to 0.6 s; the examples,
 * templates and rule pages estimate below 2 % of it (`test/parse-cost.test.ts`), a generated
 * list-heavy draft of 400 KB (`bench/listheavy.mjs`) about a fifth.
 */
export const MAX_PARSE_COST = 8_000_000;

const KINDS: readonly CostlyConstruct[] = ['link-end', 'emphasis', 'code', 'html'];
/** Whether a kind looks ahead (to the end of its block) rather than back. */
const AHEAD: Record<CostlyConstruct, boolean> = { 'link-end': false, emphasis: false, code: true, html: true };
/** What a character looked through costs, relative to a `]` looking back (measured with micromark 4.0.2). */
const WEIGHT: Record<CostlyConstruct, number> = { 'link-end': 1, emphasis: 4, code: 1, html: 4 };

interface Tally {
  readonly kind: CostlyConstruct;
  /** In the current block: occurrences and the sum of their offsets. */
  inBlock: number;
  offsets: number;
  /** In the whole text. */
  cost: number;
  /** Where the block it costs most in starts, and that cost. */
  worstFrom: number;
  worst: number;
  /** How it is written: spelling → occurrences. */
  readonly written: Map<string, number>;
}

export function parseCost(text: string): ParseCost {
  const tallies: Tally[] = KINDS.map((kind) => ({ kind, inBlock: 0, offsets: 0, cost: 0, worstFrom: 0, worst: -1, written: new Map() }));
  const [linkEnd, emphasis, code, html] = tallies as [Tally, Tally, Tally, Tally];
  /** Occurrences in the current block, of all kinds. */
  let pending = 0;
  const note = (tally: Tally, at: number, written: string) => {
    pending++;
    tally.inBlock++;
    tally.offsets += at;
    tally.written.set(written, (tally.written.get(written) ?? 0) + 1);
  };
  let blockFrom = 0;
  const close = (end: number) => {
    if (pending === 0) return;
    pending = 0;
    for (const tally of tallies) {
      if (tally.inBlock === 0) continue;
      const cost = WEIGHT[tally.kind] * (AHEAD[tally.kind] ? tally.inBlock * end - tally.offsets : tally.offsets - tally.inBlock * blockFrom);
      tally.cost += cost;
      if (cost > tally.worst) {
        tally.worst = cost;
        tally.worstFrom = blockFrom;
      }
      tally.inBlock = 0;
      tally.offsets = 0;
    }
  };

  const length = text.length;
  let at = 0;
  while (at < length) {
    // At the start of a line: a blank line, an ATX heading or a list item's marker ends the block.
    const lineEnd = endOfLine(text, at);
    if (isBlank(text, at, lineEnd)) {
      close(at);
      at = lineEnd + 1;
      blockFrom = at;
      continue;
    }
    const heading = isAtxHeading(text, at, lineEnd);
    if (heading || isListItem(text, at, lineEnd)) {
      close(at);
      blockFrom = at;
    }
    for (; at < lineEnd; at++) {
      const c = text.charCodeAt(at);
      if (c === 92 /* \ */) at++; // an escaped character is no construct
      else if (c === 93 /* ] */) note(linkEnd, at, text.charCodeAt(at + 1) === 40 /* ( */ ? '](' : ']');
      else if (c === 42 || c === 95 || c === 126 /* * _ ~ */) {
        note(emphasis, at, text[at]!);
        while (text.charCodeAt(at + 1) === c) at++;
      } else if (c === 96 /* ` */) {
        note(code, at, '`');
        while (text.charCodeAt(at + 1) === 96) at++;
      } else if (c === 60 /* < */) {
        const next = text.charCodeAt(at + 1);
        if (next === 33 /* ! */) note(html, at, text.startsWith('<!--', at) ? '<!--' : '<!');
        else if (next === 63 /* ? */ || next === 47 /* / */ || (next | 32) >= 97 && (next | 32) <= 122) note(html, at, '<');
      }
    }
    if (heading) {
      // A heading is a paragraph of its own.
      close(lineEnd);
      blockFrom = lineEnd + 1;
    }
    at = lineEnd + 1;
  }
  close(length);

  let total = 0;
  let tally = linkEnd;
  for (const each of tallies) {
    total += each.cost;
    if (each.cost > tally.cost) tally = each;
  }
  let written = '';
  let most = 0;
  for (const [spelling, count] of tally.written) {
    if (count > most) {
      written = spelling;
      most = count;
    }
  }
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < tally.worstFrom; i = text.indexOf('\n', i + 1)) line++;
  return { cost: total, construct: tally.kind, written, count: most, line };
}

function endOfLine(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline;
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** `#` to `######` after at most three spaces, then a space, a tab or the line's end. */
function isAtxHeading(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && i - from < 3 && text.charCodeAt(i) === 32) i++;
  const marks = i;
  while (i < to && text.charCodeAt(i) === 35) i++;
  if (i === marks || i - marks > 6) return false;
  const after = text.charCodeAt(i);
  return i === to || after === 32 || after === 9 || after === 13;
}

/** A list item's marker (`-`, `*`, `+`, `1.`, `1)`) at the line's start, after any indentation, and text after it. */
function isListItem(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  const c = text.charCodeAt(i);
  if (c === 45 || c === 42 || c === 43) i++;
  else {
    const digits = i;
    while (i < to && i - digits < 9 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === digits || (text.charCodeAt(i) !== 46 && text.charCodeAt(i) !== 41)) return false;
    i++;
  }
  const after = text.charCodeAt(i);
  return (after === 32 || after === 9) && i + 1 < to;
}
