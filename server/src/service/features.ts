import type { List } from 'mdast';
import {
  CodeActionKind,
  DocumentSymbol,
  FoldingRangeKind,
  StringValue,
  SymbolKind,
  TextDocumentEdit,
  type CodeAction,
  type FoldingRange,
  type Range,
} from 'vscode-languageserver-types';
import type { Draft, Span } from '../analysis/model.js';
import type { Edit, Finding } from '../rules/types.js';
import { toDiagnostic, toRange, toTextEdit } from './convert.js';

/**
 * Quick fixes for the findings that touch `range`, one action per fix; with `snippets` (the
 * editor can take snippet edits), an edit that says where the writing goes puts the cursor
 * there. Then, where any finding has exactly one fix, the "fix all" source action: those fixes
 * together, each that does not overlap an earlier one.
 */
export function codeActions(uri: string, draft: Draft, findings: readonly Finding[], range: Range, options: { readonly snippets?: boolean; readonly fixAllTitle?: string } = {}): CodeAction[] {
  const from = draft.lines.offsetAt(range.start.line, range.start.character);
  const to = draft.lines.offsetAt(range.end.line, range.end.character);
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    if (finding.to < from || finding.from > to) continue;
    for (const fix of finding.fixes) {
      const snippet = options.snippets && fix.edits.some((edit) => edit.snippet !== undefined);
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toDiagnostic(finding)],
        isPreferred: finding.fixes.length === 1,
        edit: snippet
          ? { documentChanges: [TextDocumentEdit.create({ uri, version: null }, fix.edits.map((edit) => (edit.snippet === undefined ? toTextEdit(draft.lines, edit) : { range: toRange(draft.lines, edit), snippet: StringValue.createSnippet(edit.snippet) })))] }
          : { changes: { [uri]: fix.edits.map((edit) => toTextEdit(draft.lines, edit)) } },
      });
    }
  }
  const all = fixAll(findings);
  if (options.fixAllTitle && all.fixed.length > 0) {
    actions.push({
      title: options.fixAllTitle,
      kind: CodeActionKind.SourceFixAll,
      diagnostics: all.fixed.map(toDiagnostic),
      edit: { changes: { [uri]: all.edits.map((edit) => toTextEdit(draft.lines, edit)) } },
    });
  }
  return actions;
}

/** Rules whose fixes are guesses (a spelling suggestion may "correct" a name): never fixed all at once. */
const GUESSES: ReadonlySet<string> = new Set(['rechtschreibung']);

/**
 * The fixes of the findings with exactly one fix, in order, leaving out each that overlaps one
 * taken; an edit already taken (two rules fixing one heading alike) is made once.
 */
export function fixAll(findings: readonly Finding[]): { readonly fixed: Finding[]; readonly edits: Edit[] } {
  const fixed: Finding[] = [];
  const edits: Edit[] = [];
  const same = (a: Edit, b: Edit) => a.from === b.from && a.to === b.to && a.text === b.text;
  for (const finding of findings) {
    const [fix, other] = finding.fixes;
    if (!fix || other || GUESSES.has(finding.ruleId)) continue;
    const fresh = fix.edits.filter((edit) => !edits.some((taken) => same(edit, taken)));
    if (fresh.some((edit) => edits.some((taken) => conflict(edit, taken)))) continue;
    fixed.push(finding);
    edits.push(...fresh);
  }
  return { fixed, edits };
}

/**
 * Whether two edits of the same text cannot both be made: replacements that overlap, or an
 * insertion at or inside a replaced range. Insertions at the same place go in their order.
 */
function conflict(a: Edit, b: Edit): boolean {
  const inserts = (edit: Edit) => edit.from === edit.to;
  if (inserts(a) && inserts(b)) return false;
  if (inserts(a)) return b.from <= a.from && a.from <= b.to;
  if (inserts(b)) return a.from <= b.from && b.from <= a.to;
  return a.from < b.to && b.from < a.to;
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
