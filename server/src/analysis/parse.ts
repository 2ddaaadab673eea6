import type { Nodes, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { detached } from '../base/detached.js';

/**
 * The one Markdown parser: CommonMark + GFM + YAML front matter. Built once; `parse`
 * only tokenises (no transformers run), which is all the analysis needs.
 */
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

/** remark on the whole text at once. */
export function parseWhole(text: string): Root {
  return processor.parse(text);
}

/*
 * Parsing piece by piece. A keystroke changes one paragraph of a draft, yet remark parses the
 * whole text again, and the parse is nine tenths of an analysis. So the text is cut where a
 * top-level block cannot depend on what came before it, each piece is parsed on its own (and
 * kept, by its text, for the next analysis), and the pieces' trees are put together with
 * their positions moved to where the pieces stand. The result is the tree `parseWhole` gives
 * (`test/parse.test.ts` holds them equal on random and hostile texts), in a fraction of the
 * time when most pieces are unchanged.
 *
 * A piece starts at a line, in the first column, that opens an ATX heading, or that starts
 * with a letter after a blank line (a paragraph: no list, quote, code or HTML opens with a
 * letter, and no list item or quote continues on an unindented line after a blank one). Only
 * three things reach across such a line, and each is checked on the tree of the piece before
 * it: a fenced code block or an HTML block still open at its end, and front matter whose
 * closing fence lies beyond it; then the rest of the text is parsed in one. Definitions
 * (`[x]: …`, footnotes `[^x]: …`) are seen from anywhere in a document, and a text with lone
 * carriage returns counts lines differently: such texts are parsed whole.
 */

/**
 * Pieces by their text, most recently used last: their trees, or `null` for a piece seen in a
 * text that was parsed whole. A text none of whose pieces has been seen is parsed whole (one
 * parse costs less than many small ones), and its pieces are noted; the next version of it,
 * one keystroke later, is parsed piece by piece, and from then on only its changed pieces.
 */
const pieces = new Map<string, Root | null>();
/** What is kept at most: pieces, and characters in all (a piece's tree takes many bytes per character). */
const MAX_PIECES = 512;
const MAX_KEPT_TOTAL = 256 * 1024;
/** Pieces this long are parsed but not kept: they are rare, and would crowd out the rest. */
const MAX_KEPT_CHARS = 32 * 1024;
let keptChars = 0;

/**
 * The tree of `text`, as `parseWhole` gives it. Its nodes may be shared with the trees of
 * earlier and later versions of the text: nothing may change a tree it is given.
 */
export function parseMarkdown(text: string): Root {
  const starts = pieceStarts(text);
  if (starts === undefined) return parseWhole(text);
  const sources = starts.map((from, index) => text.slice(from, starts[index + 1] ?? text.length));
  if (!sources.some((source) => pieces.has(source))) {
    for (const source of sources) remember(source, null);
    return parseWhole(text);
  }
  const children: RootContent[] = [];
  // micromark counts offsets after a byte order mark.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 0;
  let counted = 0;
  let last: Root | undefined;
  let lastFrom = 0;
  let lastLine = 0;
  for (let index = 0; index < starts.length; index++) {
    const from = starts[index]!;
    let tree = piece(sources[index]!);
    if (index + 1 < starts.length && !closedAtEnd(tree, sources[index]!, from === 0 ? bom : undefined)) {
      // The rest in one: it changes with every keystroke in it, so it is not kept.
      tree = parseWhole(text.slice(from));
      index = starts.length;
    }
    for (; counted < from; counted++) if (text.charCodeAt(counted) === 10) line++;
    for (const child of tree.children) children.push(from === 0 ? child : (moved(child, from - bom, line) as RootContent));
    last = tree;
    lastFrom = from === 0 ? 0 : from - bom;
    lastLine = line;
  }
  const end = last!.position!.end;
  return {
    type: 'root',
    children,
    position: { start: { line: 1, column: 1, offset: 0 }, end: { line: end.line + lastLine, column: end.column, offset: end.offset! + lastFrom } },
  };
}

/** Where pieces start (0 first), or `undefined` when the text is to be parsed whole. */
function pieceStarts(text: string): number[] | undefined {
  if (text.includes(']:') || /\r(?!\n)/.test(text)) return undefined;
  const starts = [0];
  let blank = false;
  let at = text.indexOf('\n') + 1;
  while (at > 0 && at < text.length) {
    const next = text.indexOf('\n', at);
    const end = next === -1 ? text.length : next;
    const code = text.charCodeAt(at);
    if (code === 35 /* # */ ? /^#{1,6}(?:[ \t\r]|$)/.test(text.slice(at, Math.min(end, at + 8))) : blank && LETTER.test(text[at]!)) starts.push(at);
    blank = BLANK.test(text.slice(at, end));
    at = end + 1;
  }
  return starts.length > 1 ? starts : undefined;
}

const LETTER = /^\p{L}$/u;
const BLANK = /^[ \t\r]*$/;

/**
 * Whether the piece's last block has ended by the end of the piece, so that the next piece
 * begins afresh. `bom` is given for the first piece: 1 when it starts with a byte order mark.
 */
function closedAtEnd(tree: Root, source: string, bom: number | undefined): boolean {
  // Front matter opened on the first line must close within the first piece.
  if (bom !== undefined && /^\ufeff?---[ \t]*\r?\n/.test(source) && tree.children[0]?.type !== 'yaml') return false;
  const last = tree.children[tree.children.length - 1];
  if (!last?.position) return true;
  // Inside a list or quote, a code block or HTML still open at the end would end differently
  // (without the piece's trailing blank lines) where the next line closes the container.
  for (let inner = lastChild(last); inner; inner = lastChild(inner)) {
    if (inner.type === 'code' || inner.type === 'html') return false;
  }
  const shift = bom ?? 0;
  const own = source.slice(last.position.start.offset! + shift, last.position.end.offset! + shift);
  if (last.type === 'code') {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(own);
    if (!fence) return true; // indented code ends at the next unindented line
    const lines = own.split('\n');
    const closing = new RegExp(`^ {0,3}${fence[1]![0] === '`' ? '`' : '~'}{${fence[1]!.length},}[ \\t]*\\r?$`);
    return lines.length > 1 && closing.test(lines[lines.length - 1]!);
  }
  if (last.type === 'html') {
    // A comment ends with its `-->`; any other HTML block is known to have ended only where a
    // blank line follows it.
    if (/^ {0,3}<!--/.test(own)) return own.includes('-->');
    return /\n[ \t]*\r?\n/.test(source.slice(last.position.end.offset! + shift));
  }
  return true;
}

/** The last child of a list, list item or block quote: where a container's open block would be. */
function lastChild(node: Nodes): Nodes | undefined {
  if (node.type !== 'list' && node.type !== 'listItem' && node.type !== 'blockquote') return undefined;
  return node.children[node.children.length - 1];
}

/** Forgets the parsed pieces (benchmarks use it to time a parse from scratch). */
/** How much is kept: pieces, and their characters. */
export function keptPieces(): { readonly pieces: number; readonly chars: number } {
  return { pieces: pieces.size, chars: keptChars };
}

export function forgetPieces(): void {
  pieces.clear();
  keptChars = 0;
}

function piece(source: string): Root {
  const tree = pieces.get(source) ?? parseWhole(source);
  remember(source, tree);
  return tree;
}

function remember(source: string, tree: Root | null): void {
  if (pieces.delete(source)) keptChars -= source.length;
  if (source.length > MAX_KEPT_CHARS) return;
  // The piece's own copy: a slice of the text would keep the whole text it was cut from.
  pieces.set(detached(source), tree);
  keptChars += source.length;
  for (const oldest of pieces.keys()) {
    if (pieces.size <= MAX_PIECES && keptChars <= MAX_KEPT_TOTAL) break;
    pieces.delete(oldest);
    keptChars -= oldest.length;
  }
}

/** A copy of a piece's node with its positions moved by `offset` characters and `lines` lines. */
function moved(node: Nodes, offset: number, lines: number): Nodes {
  const copy = { ...node } as Nodes & { children?: Nodes[] };
  if (node.position) {
    const { start, end } = node.position;
    copy.position = {
      start: { line: start.line + lines, column: start.column, offset: start.offset! + offset },
      end: { line: end.line + lines, column: end.column, offset: end.offset! + offset },
    };
  }
  if ('children' in node) copy.children = (node.children as Nodes[]).map((child) => moved(child, offset, lines));
  return copy;
}
