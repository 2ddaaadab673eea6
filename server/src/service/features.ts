import type { List } from 'mdast';
import {
  CodeActionKind,
  DocumentSymbol,
  FoldingRangeKind,
  SymbolKind,
  type CodeAction,
  type FoldingRange,
  type Range,
} from 'vscode-languageserver-types';
import type { Draft, Span } from '../analysis/model.js';
import type { Finding } from '../rules/types.js';
import { toDiagnostic, toRange, toTextEdit } from './convert.js';

/** Quick fixes for the findings that touch `range`, one action per fix. */
export function codeActions(uri: string, draft: Draft, findings: readonly Finding[], range: Range): CodeAction[] {
  const from = draft.lines.offsetAt(range.start.line, range.start.character);
  const to = draft.lines.offsetAt(range.end.line, range.end.character);
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    if (finding.to < from || finding.from > to) continue;
    for (const fix of finding.fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toDiagnostic(finding)],
        isPreferred: finding.fixes.length === 1,
        edit: { changes: { [uri]: fix.edits.map((edit) => toTextEdit(draft.lines, edit)) } },
      });
    }
  }
  return actions;
}

/** The outline: front matter, then each section with its sub-headings nested by depth. */
export function documentSymbols(draft: Draft, frontMatterLabel: string): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  const lines = draft.lines;
  const fm = draft.frontMatter;
  if (fm) {
    const children = [...fm.fields.values()].map((field) =>
      DocumentSymbol.create(field.key, undefined, SymbolKind.Property, toRange(lines, { from: field.keySpan.from, to: Math.max(field.valueSpan.to, field.keySpan.to) }), toRange(lines, field.keySpan)),
    );
    symbols.push(DocumentSymbol.create(frontMatterLabel, draft.art, SymbolKind.Namespace, toRange(lines, fm), toRange(lines, { from: 0, to: lines.lineEnd(0) }), children));
  }
  for (const section of draft.sections) {
    const alias = section.spec && section.spec.title.toLocaleLowerCase('de') !== section.heading.trim().replace(/:$/, '').toLocaleLowerCase('de');
    const top = DocumentSymbol.create(
      section.heading.trim() || '##',
      alias ? section.spec?.title : undefined,
      SymbolKind.Module,
      toRange(lines, section.span),
      toRange(lines, section.headingSpan),
      [],
    );
    // Sub-headings nest by depth; each runs to the next heading of the same or a higher level.
    const stack: { depth: number; symbol: DocumentSymbol }[] = [{ depth: 2, symbol: top }];
    section.subheadings.forEach((heading, index) => {
      const next = section.subheadings.slice(index + 1).find((other) => other.depth <= heading.depth);
      const end = next ? next.span.from : section.span.to;
      const symbol = DocumentSymbol.create(heading.text.trim() || '#', undefined, SymbolKind.String, toRange(lines, { from: heading.span.from, to: end }), toRange(lines, heading.span), []);
      while (stack.length > 1 && stack[stack.length - 1]!.depth >= heading.depth) stack.pop();
      stack[stack.length - 1]!.symbol.children!.push(symbol);
      stack.push({ depth: heading.depth, symbol });
    });
    symbols.push(top);
  }
  return symbols;
}

/** Folding for front matter, sections, sub-sections, multi-line lists and comments. */
export function foldingRanges(draft: Draft): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const lines = draft.lines;
  const add = (span: Span, kind?: FoldingRangeKind) => {
    const start = lines.lineOf(span.from);
    // A span that ends at the start of a line ends on the line before it.
    let end = lines.lineOf(Math.max(span.from, span.to - 1));
    while (end > start && draft.text.slice(lines.lineStart(end), lines.lineEnd(end)).trim() === '') end--;
    if (end > start) ranges.push(kind ? { startLine: start, endLine: end, kind } : { startLine: start, endLine: end });
  };
  if (draft.frontMatter) add(draft.frontMatter);
  for (const section of draft.sections) {
    add(section.span);
    section.subheadings.forEach((heading, index) => {
      const next = section.subheadings.slice(index + 1).find((other) => other.depth <= heading.depth);
      add({ from: heading.span.from, to: next ? next.span.from : section.span.to });
    });
    for (const node of section.body) {
      if (!node.position) continue;
      const span = { from: node.position.start.offset ?? 0, to: node.position.end.offset ?? 0 };
      if (node.type === 'list') addList(node, add);
      else if (node.type === 'html' && node.value.startsWith('<!--')) add(span, FoldingRangeKind.Comment);
      else if (node.type === 'code' || node.type === 'table' || node.type === 'blockquote') add(span);
    }
  }
  return ranges;
}

function addList(list: List, add: (span: Span) => void): void {
  const stack: List[] = [list];
  let budget = 10_000; // deeply nested lists: fold the outer levels, not every one
  while (stack.length > 0 && budget-- > 0) {
    const current = stack.pop()!;
    if (current.position) add({ from: current.position.start.offset ?? 0, to: current.position.end.offset ?? 0 });
    for (const item of current.children) for (const child of item.children) if (child.type === 'list') stack.push(child);
  }
}
