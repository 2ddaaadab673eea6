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
  // A problem of the configuration is no rule's finding.
  return typeof code === 'string' && code !== 'konfiguration' ? code : undefined;
}

/**
 * The rules with their titles, from the index of the bundled rule pages (`docs/regeln/README.md`,
 * a table row `| [id](id.md) | severity | title |` per rule), in the order the server runs them.
 */
export async function ruleTitles(extension: vscode.Uri): Promise<Map<string, string>> {
  const index = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension, 'docs', 'regeln', 'README.md')));
  const titles = new Map<string, string>();
  for (const match of index.matchAll(/^\| \[([a-z-]+)\]\([a-z-]+\.md\) \| [^|]* \| (.*) \|$/gm)) titles.set(match[1]!, match[2]!.replace(/`/g, ''));
  return titles;
}

/** A link that opens a rule's bundled page, for a diagnostic's code (the Problems panel and the hover follow command links). */
export function ruleDocLink(rule: string): vscode.Uri {
  return vscode.Uri.parse(`command:ratsfeder.openRuleDoc?${encodeURIComponent(JSON.stringify([rule]))}`);
}

/** Opens a rule's page; without a rule, asks which (the rules on the current line first), each with its title. */
export async function openRuleDoc(extension: vscode.Uri, rule?: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.Uri.joinPath(extension, 'docs', 'regeln');
  let id = typeof rule === 'string' && /^[a-z-]+$/.test(rule) ? rule : undefined;
  if (!id) {
    const titles = await ruleTitles(extension);
    const editor = vscode.window.activeTextEditor;
    const here = editor
      ? vscode.languages
          .getDiagnostics(editor.document.uri)
          .filter((diagnostic) => diagnostic.range.contains(editor.selection.active))
          .flatMap((diagnostic) => ruleOf(diagnostic) ?? [])
      : [];
    const ordered = [...new Set([...here, ...titles.keys()])];
    const picked = await vscode.window.showQuickPick(
      ordered.map((name) => ({ label: titles.get(name) ?? name, description: name, id: name })),
      { title: t().pickRule, matchOnDescription: true },
    );
    id = picked?.id;
    if (!id) return undefined;
  }
  const page = vscode.Uri.joinPath(folder, `${id}.md`);
  await vscode.commands.executeCommand('markdown.showPreview', page);
  return page;
}
