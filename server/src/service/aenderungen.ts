import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import { amendments, wordDiff } from '../analysis/aenderungen.js';
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

export function amendmentHover(draft: Draft, offset: number, locale: Locale): Hover | null {
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
  const value = [head, ...paragraphs.map((paragraph) => paragraph.trim()).filter(Boolean), render(AMENDMENT_MESSAGES, locale, 'legend')].join('\n\n');
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
