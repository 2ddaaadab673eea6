import * as vscode from 'vscode';
import { DRAFT_KINDS, suggestedName, withTitle, type DraftKind } from '../../server/src/drafts/new-draft.js';
import { t } from './messages.js';

export { DRAFT_KINDS, type DraftKind };

/** Arguments for scripted use (tests, keybindings); a person is asked instead. */
export interface NewDraftArguments {
  readonly titel?: string;
  readonly ziel?: vscode.Uri;
}

/**
 * "Neuer Antrag" and its siblings: asks for the title, suggests a file name from it beside the
 * open draft (or in the first workspace folder), writes the template with that title, and opens
 * the draft with the cursor in its first section. Returns the new file, or undefined if the
 * user cancelled.
 */
export async function newDraft(extension: vscode.Uri, kind: DraftKind, args: NewDraftArguments = {}): Promise<vscode.Uri | undefined> {
  const { art, template } = DRAFT_KINDS[kind];
  const titel =
    args.titel ??
    (await vscode.window.showInputBox({
      title: t().titlePrompt(art),
      placeHolder: t().titlePlaceholder,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? t().titleEmpty : undefined),
    }));
  if (titel === undefined || titel.trim() === '') return undefined;

  let target = args.ziel;
  if (!target) {
    const folder = defaultFolder();
    if (!folder) {
      void vscode.window.showErrorMessage(t().noFolder);
      return undefined;
    }
    target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(folder, suggestedName(kind, titel)),
      filters: { Markdown: ['md'] },
      saveLabel: t().saveDraft,
    });
    if (!target) return undefined;
  }

  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension, 'templates', template)));
  } catch {
    void vscode.window.showErrorMessage(t().templateMissing(template));
    return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(withTitle(text, titel.trim())));

  const editor = await vscode.window.showTextDocument(target);
  const cursor = firstSectionLine(editor.document);
  editor.selection = new vscode.Selection(cursor, cursor);
  editor.revealRange(new vscode.Range(cursor, cursor));
  void vscode.window.setStatusBarMessage(t().created(vscode.workspace.asRelativePath(target)), 4000);
  return target;
}

function defaultFolder(): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file') return vscode.Uri.joinPath(active, '..');
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** The first line of text under the first `##` heading: where the writing starts. */
function firstSectionLine(document: vscode.TextDocument): vscode.Position {
  for (let line = 0; line < document.lineCount; line++) {
    if (!document.lineAt(line).text.startsWith('## ')) continue;
    let body = line + 1;
    while (body < document.lineCount - 1 && document.lineAt(body).isEmptyOrWhitespace) body++;
    return new vscode.Position(body, 0);
  }
  return new vscode.Position(0, 0);
}
