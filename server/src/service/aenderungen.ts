import { CodeActionKind, CompletionItemKind, MarkupKind, type CodeAction, type CompletionItem, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import { amendments, findPassage, wordDiff, type Amendment } from '../analysis/aenderungen.js';
import { entryText } from '../register/document-text.js';
import type { RegisterLookup } from '../register/types.js';
import type { Draft } from '../analysis/model.js';
import { render, type Locale } from '../base/locale.js';
import { toRange } from './convert.js';
import { AMENDMENT_MESSAGES } from './messages.js';
import { escapeMarkdown } from './references.js';

/*
 * The hover on an amendment block: the change as a word diff, deleted words struck through,
 * inserted words in bold. Hovers carry no raw HTML, and the wording is the draft's own text,
 * so every piece of it is escaped.
 */

export function amendmentHover(draft: Draft, offset: number, locale: Locale, register?: RegisterLookup): Hover | null {
  const amendment = amendments(draft).find((candidate) => candidate.from <= offset && offset <= candidate.to);
  // A broken block has its finding; a diff of half-read YAML would only mislead.
  if (!amendment || amendment.problems.length > 0) return null;
  const paragraphs: string[] = [''];
  let previous = '';
  for (const part of wordDiff(amendment.alt?.text ?? '', amendment.neu?.text ?? '')) {
    const mark = part.kind === 'removed' ? '~~' : part.kind === 'added' ? '**' : '';
    // A replacement reads as two phrases: the struck one, a space, the new one.
    if (previous === 'removed' && part.kind === 'added' && !/\s$/.test(paragraphs[paragraphs.length - 1]!)) paragraphs[paragraphs.length - 1] += ' ';
    previous = part.kind;
    part.text.split('\n').forEach((piece, index) => {
      if (index > 0) paragraphs.push('');
      paragraphs[paragraphs.length - 1] += marked(piece, mark);
    });
  }
  const head = `**${render(AMENDMENT_MESSAGES, locale, 'title')}**${amendment.stelle ? ` · ${escapeMarkdown(amendment.stelle.text)}` : ''}`;
  const current = currentWording(amendment, amendablePassages(draft, register, locale), locale);
  const value = [head, ...paragraphs.map((paragraph) => paragraph.trim()).filter(Boolean), render(AMENDMENT_MESSAGES, locale, 'legend'), ...(current ? [current] : [])].join('\n\n');
  return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(draft.lines, amendment) };
}

/** Escaped text with the mark around its words only: `~~ a~~` would not strike anything. */
function marked(text: string, mark: string): string {
  const words = text.trim();
  if (!words) return text ? ' ' : '';
  const lead = /^\s/.test(text) ? ' ' : '';
  const trail = /\s$/.test(text) ? ' ' : '';
  return `${lead}${mark}${escapeMarkdown(words)}${mark}${trail}`;
}

/** One part of a referenced document an amendment may change: a point, or the whole Beschlussvorschlag. */
interface Passage {
  readonly nummer: string;
  /** "Punkt 2", or the whole Beschlussvorschlag's label. */
  readonly stelle: string;
  readonly text: string;
}

/**
 * The points (and the whole Beschlussvorschlag) of the documents the draft refers to in
 * `bezug:`, whose text the register has; fetched texts only, nothing is fetched here.
 */
export function amendablePassages(draft: Draft, register: RegisterLookup | undefined, locale: Locale): Passage[] {
  const passages: Passage[] = [];
  const seen = new Set<string>();
  for (const reference of draft.references) {
    const nummer = reference.canonical;
    if (reference.field !== 'bezug' || !nummer || seen.has(nummer)) continue;
    seen.add(nummer);
    const state = register?.documentText ? register.documentText(nummer) : entryText(register?.get(nummer));
    const beschluss = state?.status === 'da' ? state.document.beschluss : undefined;
    if (!beschluss) continue;
    for (const punkt of beschluss.punkte) passages.push({ nummer, stelle: render(AMENDMENT_MESSAGES, locale, 'point', { nummer: punkt.nummer }), text: punkt.text });
    passages.push({ nummer, stelle: render(AMENDMENT_MESSAGES, locale, 'whole'), text: beschluss.text });
  }
  return passages;
}

/** The point of a referenced document that a quote stands in (word for word, else the closest). */
function pointOf(quote: string, passages: readonly Passage[]): Passage | undefined {
  let best: { passage: Passage; score: number } | undefined;
  for (const passage of passages) {
    const found = findPassage(quote, passage.text);
    const score = !found ? 0 : found.exact ? 2 : found.score;
    // A point before the whole: the point is what a reader wants to see.
    if (!best || score > best.score) best = { passage, score };
  }
  return best && best.score >= 0.5 ? best.passage : undefined;
}

/** The hover's extra paragraph: the wording of the point the block's `alt:` quotes, as it is now. */
export function currentWording(amendment: Amendment, passages: readonly Passage[], locale: Locale): string | undefined {
  if (!amendment.alt || passages.length === 0) return undefined;
  const point = pointOf(amendment.alt.text, passages);
  if (!point) return undefined;
  const wording = point.text
    .split('\n')
    .map((line) => `> ${escapeMarkdown(line)}`)
    .join('\n>\n');
  return `${render(AMENDMENT_MESSAGES, locale, 'current', { stelle: point.stelle, nummer: point.nummer })}\n\n${wording}`;
}

/** A wording as a YAML block scalar's lines, indented by `indent`. */
function blockLines(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => `${indent}${line}`)
    .join(`\n${indent}\n`);
}

/** A whole amendment block for a passage: `stelle`, the current wording as `alt:` and as `neu:` to edit. */
export function amendmentBlock(passage: Passage): string {
  return ['```aenderung', `stelle: ${passage.stelle}`, 'alt: |', blockLines(passage.text, '  '), 'neu: |', blockLines(passage.text, '  '), '```', ''].join('\n');
}

/**
 * Completion of amendments from the referenced documents' points: on an `alt:` line inside
 * an amendment block, the current wording of a point; on an empty line of a block, `stelle`,
 * `alt:` and `neu:` of a point; on a line that starts a fence (```` ``` ````), or an empty
 * line when asked, a whole block.
 */
export function amendmentCompletions(draft: Draft, passages: readonly Passage[], position: Position, invoked: boolean, locale: Locale): CompletionItem[] {
  if (passages.length === 0) return [];
  const lines = draft.lines;
  const lineStart = lines.lineStart(position.line);
  const offset = lines.offsetAt(position.line, position.character);
  const before = draft.text.slice(lineStart, offset);
  const after = draft.text.slice(offset, lines.lineEnd(position.line));
  if (after.trim() !== '') return [];
  const inBlock = amendments(draft).some((amendment) => amendment.from < lineStart && offset <= amendment.to);
  const item = (passage: Passage, index: number, label: string, newText: string, start: number): CompletionItem => ({
    label,
    kind: CompletionItemKind.Text,
    detail: passage.nummer,
    documentation: { kind: MarkupKind.Markdown, value: escapeMarkdown(passage.text) },
    sortText: String(index).padStart(3, '0'),
    filterText: `${before.slice(start)}${label}`,
    textEdit: { range: { start: { line: position.line, character: start }, end: position }, newText },
  });
  const short = (text: string) => (text.length > 60 ? `${text.slice(0, 59).trimEnd()}…` : text);
  if (inBlock) {
    const alt = /^(\s*)alt:\s*\|?\s*$/u.exec(before);
    if (alt) {
      const indent = `${alt[1]}  `;
      const start = before.indexOf('alt:') + 4;
      return passages.map((passage, index) => item(passage, index, `${passage.stelle}: ${short(passage.text)}`, ` |\n${blockLines(passage.text, indent)}`, start));
    }
    if (before.trim() === '' && (invoked || before === '')) {
      return passages.map((passage, index) =>
        item(passage, index, render(AMENDMENT_MESSAGES, locale, 'block', { stelle: passage.stelle, nummer: passage.nummer }), `stelle: ${passage.stelle}\nalt: |\n${blockLines(passage.text, '  ')}\nneu: |\n${blockLines(passage.text, '  ')}`, 0),
      );
    }
    return [];
  }
  const fence = /^(?:`{3,}|~{3,})[\p{L}]*$/u.test(before);
  if (!fence && !(invoked && before.trim() === '')) return [];
  if (draft.frontMatter && offset <= draft.frontMatter.to) return [];
  return passages.map((passage, index) => item(passage, index, render(AMENDMENT_MESSAGES, locale, 'block', { stelle: passage.stelle, nummer: passage.nummer }), amendmentBlock(passage).trimEnd(), 0));
}

/**
 * "Insert an amendment block for point N": on an empty line outside a block, one action per
 * point of the referenced documents (a refactoring the user asks for, not a fix).
 */
export function amendmentActions(uri: string, draft: Draft, passages: readonly Passage[], range: Range, locale: Locale): CodeAction[] {
  if (passages.length === 0) return [];
  const line = range.start.line;
  const lineStart = draft.lines.lineStart(line);
  const lineEnd = draft.lines.lineEnd(line);
  if (draft.text.slice(lineStart, lineEnd).trim() !== '') return [];
  if (draft.frontMatter && lineStart <= draft.frontMatter.to) return [];
  if (amendments(draft).some((amendment) => amendment.from <= lineStart && lineStart <= amendment.to)) return [];
  return passages.map((passage) => ({
    title: render(AMENDMENT_MESSAGES, locale, 'insert', { stelle: passage.stelle, nummer: passage.nummer }),
    kind: CodeActionKind.RefactorRewrite,
    edit: { changes: { [uri]: [{ range: { start: { line, character: 0 }, end: { line, character: lineEnd - lineStart } }, newText: amendmentBlock(passage).trimEnd() }] } },
  }));
}
