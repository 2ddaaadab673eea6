import type { Heading, Nodes, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { compileProfile, type CompiledProfile } from './compiled-profile.js';
import type { Profile } from '../profile/types.js';
import { readFrontMatter } from './frontmatter.js';
import { LineIndex } from './lines.js';
import { normaliseLineEnds } from '../base/line-ends.js';
import type { Costly, Draft, FrontMatter, LinkTarget, Parsed, Reference, Section, SkipReason, Span, Suppression } from './model.js';
import { parseMarkdown } from './parse.js';
import { MAX_PARSE_COST, parseCost } from './parse-cost.js';
import { MAX_DRAFT_CHARS, MAX_NESTING } from './limits.js';
import { isCollection, isPair, isScalar, type Node as YamlNode } from 'yaml';

/**
 * Markdown text → draft model. Pure and total: any string gives a model (a broken draft is
 * normal input), and nothing here reads files, the clock or settings. `parsed`: the parse of
 * `markdownToParse(original)` done elsewhere (another thread), used instead of parsing here.
 */
export function analyse(original: string, profile: Profile, parsed?: Parsed): Draft {
  // A lone CR ends a line as LF does; the same offsets with LF only (see `normaliseLineEnds`).
  const text = normaliseLineEnds(original);
  const refused = refuse(text);
  if (refused) return refused;
  const frontMatter = readFrontMatter(text);
  const skip = skipReason(text, frontMatter);
  if (skip === undefined && parsed && 'stoppedAfterMs' in parsed) return stopped(text, parsed.stoppedAfterMs);
  const compiled = compileProfile(profile);
  const lines = new LineIndex(text);
  // Markdown files that are not drafts are recognised from the front matter alone: no parse.
  const tree: Root =
    skip !== undefined ? { type: 'root', children: [] } : parsed && 'tree' in parsed ? parsed.tree : parseMarkdown(maskUnfenced(text, frontMatter));
  const artField = frontMatter?.fields.get('art');
  const art = typeof artField?.value === 'string' ? artField.value.trim() : undefined;
  const type = art === undefined ? undefined : compiled.typeFor(art);

  const walk = new Walk(text, compiled);
  if (skip === undefined) {
    if (frontMatter) walk.frontMatterReferences(frontMatter);
    walk.children(tree, frontMatter);
  }
  const sections = skip === undefined ? readSections(text, tree, compiled, type) : [];

  return {
    text,
    lines,
    tree,
    skip,
    frontMatter,
    art,
    type,
    sections,
    references: walk.references,
    links: walk.links,
    suppressions: walk.suppressions(),
  };
}

/**
 * The text `analyse` would parse as Markdown, or `undefined` where it parses none (a text it
 * refuses, a file that is no draft). A parse done elsewhere (`Parsed`) parses exactly this.
 */
export function markdownToParse(original: string): string | undefined {
  const text = normaliseLineEnds(original);
  if (refuse(text)) return undefined;
  const frontMatter = readFrontMatter(text);
  return skipReason(text, frontMatter) === undefined ? maskUnfenced(text, frontMatter) : undefined;
}

/**
 * The estimate (`parseCost`) names a construct as the likely cause of a parse that took too
 * long only when it costs at least this: a tenth of what makes a text refused before parsing.
 */
const NAMED_COST = MAX_PARSE_COST / 10;

/** A draft whose parse was stopped after `ms`: not analysed, with the construct that most likely cost the time. */
function stopped(text: string, ms: number): Draft {
  const { cost, ...construct } = parseCost(text);
  return unanalysed(text, new LineIndex(text), 'too-slow', { stoppedAfterMs: ms, ...(cost >= NAMED_COST ? { costly: construct } : {}) });
}

/** A text that is not analysed: no tree, no front matter, nothing found in it. */
function unanalysed(text: string, lines: LineIndex, skip: SkipReason, why: Pick<Draft, 'costly' | 'stoppedAfterMs'> = {}): Draft {
  return {
    text,
    lines,
    tree: { type: 'root', children: [] },
    skip,
    ...why,
    frontMatter: undefined,
    art: undefined,
    type: undefined,
    sections: [],
    references: [],
    links: [],
    suppressions: [],
  };
}

const ART_LINE = /^[ \t-]*art[ \t]*:/m;

/**
 * Front matter that remark cannot recognise (no closing fence, or none at all) is blanked out
 * before parsing, line breaks kept so offsets stay true: a lone opening `---` otherwise
 * confuses the parser for the whole file (lists vanish).
 */
function maskUnfenced(text: string, frontMatter: FrontMatter | undefined): string {
  if (!frontMatter || frontMatter.fences === 'ok') return text;
  return text.slice(0, frontMatter.to).replace(/[^\r\n]/g, ' ') + text.slice(frontMatter.to);
}

export { MAX_DRAFT_CHARS, MAX_NESTING } from './limits.js';

/**
 * A text that is not analysed at all: binary data, far too large, absurdly nested, or so full of
 * constructs that micromark parses in quadratic time that its parse would take seconds.
 */
function refuse(text: string): Draft | undefined {
  let skip: SkipReason | undefined;
  let costly: Costly | undefined;
  if (text.length > MAX_DRAFT_CHARS) skip = 'too-large';
  else if (text.slice(0, 8000).includes('\u0000')) skip = 'binary';
  else if (nestingDepth(text) > MAX_NESTING) skip = 'too-deep';
  else {
    const { cost, ...construct } = parseCost(text);
    if (cost > MAX_PARSE_COST) {
      skip = 'pathological';
      costly = construct;
    }
  }
  if (!skip) return undefined;
  // Only files that look like drafts are worth a message; others are skipped quietly.
  const head = text.slice(0, 4000);
  if (skip !== 'binary' && (!/^\uFEFF?---[ \t]*\r?\n/.test(head) || !ART_LINE.test(head))) skip = 'no-front-matter';
  // The notice of a costly text names a line.
  return unanalysed(text, new LineIndex(skip === 'pathological' ? text : ''), skip, skip === 'pathological' && costly ? { costly } : {});
}

/**
 * An upper estimate of the deepest container nesting, in one pass: per line, the block-quote
 * markers and list markers at its start plus one level per two columns of indentation.
 */
export function nestingDepth(text: string): number {
  let deepest = 0;
  for (let at = 0; at < text.length; ) {
    const newline = text.indexOf('\n', at);
    const end = newline === -1 ? text.length : newline;
    let depth = 0;
    let indent = 0;
    let i = at;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === 32) {
        indent++;
        i++;
      } else if (c === 9) {
        indent += 4;
        i++;
      } else if (c === 62 /* > */) {
        depth++;
        i++;
      } else if ((c === 45 || c === 42 || c === 43) /* - * + */ && isBlank(text.charCodeAt(i + 1))) {
        depth++;
        i += 2;
      } else if (isDigit(c)) {
        let j = i;
        while (j < end && j - i < 9 && isDigit(text.charCodeAt(j))) j++;
        const after = text.charCodeAt(j);
        if ((after === 46 || after === 41) /* . ) */ && isBlank(text.charCodeAt(j + 1))) {
          depth++;
          i = j + 2;
        } else break;
      } else break;
    }
    deepest = Math.max(deepest, depth + (indent >> 1));
    at = end + 1;
  }
  return deepest;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function skipReason(text: string, frontMatter: FrontMatter | undefined): SkipReason | undefined {
  if (!frontMatter) return 'no-front-matter';
  if (frontMatter.fields.has('art')) return undefined;
  // Broken or oddly shaped YAML still counts as a draft if it plainly tries to say `art:`.
  return ART_LINE.test(text.slice(frontMatter.content.from, frontMatter.content.to)) ? undefined : 'no-art';
}

const DISABLE = /^<!--\s*ratsfeder-(disable|enable)\b([^>]*?)-->$/;

/** One pass over the tree collecting references, link targets and suppression comments. */
class Walk {
  readonly references: Reference[] = [];
  readonly links: LinkTarget[] = [];
  private readonly open = new Map<string, number>();
  private readonly closed: Suppression[] = [];

  constructor(
    private readonly text: string,
    private readonly compiled: CompiledProfile,
  ) {}

  frontMatterReferences(frontMatter: FrontMatter): void {
    for (const field of frontMatter.fields.values()) this.yamlReferences(frontMatter, field.key, field.node, 0);
  }

  private yamlReferences(frontMatter: FrontMatter, key: string, node: YamlNode | null, depth: number): void {
    if (node === null || depth > 32) return;
    if (isScalar(node)) {
      if (typeof node.value === 'string' && node.range) {
        const base = frontMatter.content.from;
        this.compiled.scanner.scan(this.text, base + node.range[0], base + node.range[1], key, this.references);
      }
    } else if (isCollection(node)) {
      for (const item of node.items) {
        const value = (isPair(item) ? item.value : item) as YamlNode | null;
        this.yamlReferences(frontMatter, key, value, depth + 1);
      }
    }
  }

  children(parent: Root, frontMatter: FrontMatter | undefined): void {
    // An explicit stack instead of recursion: 5,000 nested lists must not overflow.
    const stack: Nodes[] = [];
    for (let i = parent.children.length - 1; i >= 0; i--) stack.push(parent.children[i]!);
    // The front matter was read as YAML already. Where remark did not recognise it (no
    // fences, or no closing one) its paragraphs must not be scanned a second time.
    const skipTo = frontMatter ? frontMatter.to : -1;
    while (stack.length > 0) {
      const node = stack.pop()!;
      if ((node.position?.end.offset ?? 0) <= skipTo) continue;
      this.visit(node);
      // An autolink's text is its address: nothing in it is a citation.
      if ('children' in node && !isAutolink(node)) {
        const children = node.children as Nodes[];
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      }
    }
  }

  private visit(node: Nodes): void {
    const from = node.position?.start.offset;
    const to = node.position?.end.offset;
    if (from === undefined || to === undefined) return;
    switch (node.type) {
      case 'text':
        // The source slice, not `node.value`: escapes and entities would shift offsets.
        this.compiled.scanner.scan(this.text, from, to, undefined, this.references);
        break;
      case 'link':
      case 'image':
      case 'definition':
        this.links.push({ from, to, url: node.url, kind: node.type });
        break;
      case 'html':
        this.comment(node.value, from, to);
        break;
      default:
        break;
    }
  }

  private comment(value: string, from: number, to: number): void {
    const match = DISABLE.exec(value.trim());
    if (!match) return;
    const ids = (match[2] ?? '').split(/[\s,]+/).filter(Boolean);
    const keys = ids.length === 0 ? ['*'] : ids;
    if (match[1] === 'disable') {
      for (const key of keys) if (!this.open.has(key)) this.open.set(key, from);
      return;
    }
    const closing = ids.length === 0 ? [...this.open.keys()] : keys;
    for (const key of closing) {
      const start = this.open.get(key);
      if (start === undefined) continue;
      this.open.delete(key);
      this.closed.push({ from: start, to, rules: key === '*' ? [] : [key] });
    }
  }

  suppressions(): Suppression[] {
    const all = [...this.closed];
    for (const [key, start] of this.open) all.push({ from: start, to: this.text.length, rules: key === '*' ? [] : [key] });
    return all;
  }
}

/** A link whose text is its own address (`<https://…>`, `www.…`): nothing in it is prose. */
export function isAutolink(node: Nodes): boolean {
  if (node.type !== 'link' || node.children.length !== 1) return false;
  const child = node.children[0];
  return child?.type === 'text' && (child.value === node.url || `mailto:${child.value}` === node.url || `http://${child.value}` === node.url);
}

function readSections(
  text: string,
  tree: Root,
  compiled: CompiledProfile,
  type: ReturnType<CompiledProfile['typeFor']>,
): Section[] {
  const sections: Section[] = [];
  let current: { heading: Heading; body: RootContent[]; subheadings: Section['subheadings'][number][] } | undefined;

  const close = (end: number) => {
    if (!current) return;
    const { heading, body, subheadings } = current;
    const headingSpan = spanOf(heading);
    const title = toString(heading);
    sections.push({
      heading: title,
      spec: type ? compiled.sectionFor(type, title) : undefined,
      span: { from: headingSpan.from, to: end },
      headingSpan,
      titleSpan: titleSpan(text, heading, headingSpan),
      body,
      subheadings,
    });
    current = undefined;
  };

  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth <= 2) {
      close(spanOf(node).from);
      if (node.depth === 2) current = { heading: node, body: [], subheadings: [] };
      continue;
    }
    if (!current) continue;
    current.body.push(node);
    if (node.type === 'heading') current.subheadings.push({ text: toString(node), depth: node.depth, span: spanOf(node) });
  }
  close(trimEnd(text));
  return sections;
}

function spanOf(node: Nodes): Span {
  return { from: node.position?.start.offset ?? 0, to: node.position?.end.offset ?? 0 };
}

/** The heading's text without the `##` marker and closing hashes. */
function titleSpan(text: string, heading: Heading, span: Span): Span {
  const first = heading.children[0];
  const last = heading.children[heading.children.length - 1];
  if (first?.position && last?.position) {
    return { from: first.position.start.offset ?? span.from, to: last.position.end.offset ?? span.to };
  }
  // An empty heading: point just after the marker.
  const marker = /^#+[ \t]*/.exec(text.slice(span.from, span.to));
  const at = span.from + (marker?.[0].length ?? 0);
  return { from: at, to: at };
}

function trimEnd(text: string): number {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}
