import { DiagnosticSeverity, TextEdit, type Diagnostic, type Position, type Range } from 'vscode-languageserver-types';
import type { LineIndex, Point } from '../analysis/lines.js';
import type { Span } from '../analysis/model.js';
import type { Edit, Finding, Severity } from '../rules/types.js';

/*
 * The one place where Ratsfeder's data becomes LSP data. Offsets and columns are UTF-16,
 * as in LSP's default position encoding, so no text is re-read here.
 */

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export const SOURCE = 'ratsfeder';

export function toPosition(point: Point): Position {
  return { line: point.line - 1, character: point.column - 1 };
}

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: toPosition(lines.point(span.from)), end: toPosition(lines.point(span.to)) };
}

export function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: { start: toPosition(finding.start), end: toPosition(finding.end) },
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: finding.url },
    source: SOURCE,
    message: finding.message,
  };
}

export function toTextEdit(lines: LineIndex, edit: Edit): TextEdit {
  return TextEdit.replace(toRange(lines, edit), edit.text);
}

/** An LSP position as an offset into the text. */
export function toOffset(lines: LineIndex, position: Position): number {
  return lines.offsetAt(position.line, position.character);
}
