import { isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import type { Field, FrontMatter, FrontMatterError, Span } from './model.js';
import { detached } from '../base/detached.js';

const FENCE = /^---[ \t]*\r?$/;
const FIELD_LINE = /^[A-Za-zÄÖÜäöüß_][\w\-ÄÖÜäöüß]*[ \t]*:/;

/**
 * Finds the front matter from the text alone, by the rule remark-frontmatter applies (a `---`
 * line first, a `---` line to close), so that files which are not drafts are recognised
 * without parsing their Markdown. For the two mistakes people make most, a block that lacks
 * its closing fence or has no fences at all, the YAML is parsed too, so that the rules can
 * still read the fields and point at them.
 */
export function readFrontMatter(text: string): FrontMatter | undefined {
  const firstLineEnd = lineEnd(text, 0);
  if (FENCE.test(text.slice(0, firstLineEnd))) {
    const contentFrom = Math.min(text.length, firstLineEnd + 1);
    for (let at = contentFrom; at < text.length; ) {
      const end = lineEnd(text, at);
      if (FENCE.test(text.slice(at, end))) return build(text, { from: 0, to: end }, { from: contentFrom, to: at }, 'ok');
      at = end + 1;
    }
    // An opening fence and no closing one: take the fields up to the first blank line.
    const contentTo = blockEnd(text, contentFrom);
    return build(text, { from: 0, to: contentTo }, { from: contentFrom, to: contentTo }, 'unclosed');
  }

  if (FIELD_LINE.test(text) && /^art[ \t]*:/m.test(text.slice(0, blockEnd(text, 0)))) {
    const contentTo = blockEnd(text, 0);
    return build(text, { from: 0, to: contentTo }, { from: 0, to: contentTo }, 'missing');
  }
  return undefined;
}

function lineEnd(text: string, from: number): number {
  const at = text.indexOf('\n', from);
  return at === -1 ? text.length : at;
}

/**
 * Where fields without a closing fence end: at the first blank line or Markdown heading at or
 * after `from` (or the end of the text).
 */
function blockEnd(text: string, from: number): number {
  let at = from;
  while (at < text.length) {
    const end = lineEnd(text, at);
    const line = text.slice(at, end);
    if (line.trim() === '' || /^#{1,6}[ \t]/.test(line)) return at;
    at = end + 1;
  }
  return text.length;
}

/**
 * Front matters read lately, by the text up to their end: a keystroke in the body finds the
 * same front matter again instead of parsing its YAML anew. Nothing downstream changes a
 * front matter; its YAML is parsed from a copy of the text, so that one kept here does not
 * keep an old version of the draft alive.
 */
const recent = new Map<string, FrontMatter>();
/** Front matters kept, and the longest kept (characters); a longer one is parsed every time. */
const RECENT = 8;
const RECENT_CHARS = 8_192;

function build(text: string, span: Span, content: Span, fences: FrontMatter['fences']): FrontMatter {
  const end = Math.max(span.to, content.to);
  if (end > RECENT_CHARS) return parse(text, span, content, fences);
  const key = `${fences}${text.slice(0, end)}`;
  let frontMatter = recent.get(key);
  if (frontMatter) {
    // The most recent last: the oldest goes first.
    recent.delete(key);
  } else {
    frontMatter = parse(text, span, content, fences);
    if (recent.size >= RECENT) recent.delete(recent.keys().next().value!);
  }
  recent.set(detached(key), frontMatter);
  return frontMatter;
}

function parse(text: string, span: Span, content: Span, fences: FrontMatter['fences']): FrontMatter {
  const source = detached(text.slice(content.from, content.to));
  const base = content.from;
  let yaml: Document.Parsed | undefined;
  const errors: FrontMatterError[] = [];
  try {
    yaml = parseDocument(source, { prettyErrors: false, uniqueKeys: true, strict: true, logLevel: 'error' });
    for (const error of yaml.errors) {
      errors.push({
        from: base + error.pos[0],
        to: base + Math.max(error.pos[1], error.pos[0] + 1),
        code: error.code,
        message: firstLine(error.message),
      });
    }
    // `titel: *Fett*` reads as an alias to an anchor that does not exist; YAML accepts it
    // silently and the value vanishes. People mean text: report it like a syntax error.
    visit(yaml, {
      Alias(_, node) {
        if (node.range && node.resolve(yaml!) === undefined) {
          errors.push({ from: base + node.range[0], to: base + node.range[1], code: 'UNRESOLVED_ALIAS', message: `unresolved alias ${node.source}` });
        }
      },
    });
  } catch (error) {
    // The YAML library reports problems as data; this only guards against its own bugs.
    errors.push({ from: base, to: content.to, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });
  }

  const fields = new Map<string, Field>();
  let shape: FrontMatter['shape'] = 'invalid';
  const contents = yaml?.contents ?? null;
  if (errors.length === 0 || contents !== null) {
    if (contents === null) shape = source.trim() === '' ? 'empty' : 'scalar';
    else if (isMap(contents)) shape = 'mapping';
    else if (isSeq(contents)) shape = 'list';
    else shape = 'scalar';
  }
  if (yaml && isMap(contents)) {
    for (const pair of contents.items) {
      const keyNode = pair.key as YamlNode | null;
      if (!isScalar(keyNode) || !keyNode.range) continue;
      const key = String(keyNode.value);
      if (fields.has(key)) continue;
      const valueNode = (pair.value ?? null) as YamlNode | null;
      const keySpan = { from: base + keyNode.range[0], to: base + keyNode.range[1] };
      const valueSpan = valueNode?.range
        ? trimSpan(text, { from: base + valueNode.range[0], to: base + valueNode.range[1] })
        : { from: keySpan.to + 1, to: keySpan.to + 1 };
      fields.set(key, { key, keySpan, valueSpan, node: valueNode, value: toPlain(valueNode, yaml) });
    }
  }
  return { ...span, content, fences, yaml, errors, fields, shape };
}

function toPlain(node: YamlNode | null, doc: Document.Parsed): unknown {
  if (node === null) return null;
  try {
    return node.toJS(doc);
  } catch {
    // An alias beyond the library's expansion limit: treat as absent rather than throw.
    return undefined;
  }
}

function firstLine(message: string): string {
  const line = message.split('\n', 1)[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/** Span of a YAML node, relative to the front matter, converted to draft offsets. */
export function nodeSpan(text: string, frontMatter: FrontMatter, node: YamlNode | null | undefined): Span | undefined {
  if (!node?.range) return undefined;
  return trimSpan(text, { from: frontMatter.content.from + node.range[0], to: frontMatter.content.from + node.range[1] });
}

/** Block collections in YAML end after their last line break; findings should not. */
function trimSpan(text: string, span: Span): Span {
  let to = span.to;
  while (to > span.from + 1 && /\s/.test(text[to - 1] ?? '')) to--;
  return { from: span.from, to };
}
