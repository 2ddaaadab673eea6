import * as vscode from 'vscode';
import { t } from './messages.js';

/** Diagnostics from the server carry this source and the rule id as their code. */
const SOURCE = 'ratsfeder';

/**
 * "Regel-Dokumentation öffnen": a code action on every Ratsfeder finding, and a command that
 * shows a rule's page (bundled with the extension, so it works offline) as a Markdown preview.
 */
export class RuleDocActions implements vscode.CodeActionProvider {
  static readonly kind = vscode.CodeActionKind.Empty.append('ratsfeder').append('ruleDoc');

  provideCodeActions(_document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const rules = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      const rule = ruleOf(diagnostic);
      if (rule) rules.add(rule);
    }
    return [...rules].map((rule) => {
      const action = new vscode.CodeAction(t().openRuleDoc(rule), RuleDocActions.kind);
      action.command = { command: 'ratsfeder.openRuleDoc', title: t().openRuleDoc(rule), arguments: [rule] };
      return action;
    });
  }
}

export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return typeof code === 'string' ? code : undefined;
}

/** Opens a rule's page; without a rule, asks which (the rules on the current line first). */
export async function openRuleDoc(extension: vscode.Uri, rule?: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.Uri.joinPath(extension, 'docs', 'regeln');
  let id = typeof rule === 'string' && /^[a-z-]+$/.test(rule) ? rule : undefined;
  if (!id) {
    const entries = await vscode.workspace.fs.readDirectory(folder);
    const rules = entries.map(([name]) => name.replace(/\.md$/, '')).filter((name) => name !== 'README');
    const editor = vscode.window.activeTextEditor;
    const here = editor
      ? vscode.languages
          .getDiagnostics(editor.document.uri)
          .filter((diagnostic) => diagnostic.range.contains(editor.selection.active))
          .flatMap((diagnostic) => ruleOf(diagnostic) ?? [])
      : [];
    const ordered = [...new Set([...here, ...rules.sort()])];
    id = await vscode.window.showQuickPick(ordered, { title: t().pickRule });
    if (!id) return undefined;
  }
  const page = vscode.Uri.joinPath(folder, `${id}.md`);
  await vscode.commands.executeCommand('markdown.showPreview', page);
  return page;
}
