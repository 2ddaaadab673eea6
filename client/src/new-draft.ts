import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DRAFT_KINDS, suggestedName, templateGremien, withMeetings, withTitle, type DraftKind } from '../../server/src/drafts/new-draft.js';
import { NEXT_MEETING_REQUEST, type NextMeetingParams } from '../../server/src/protocol/index.js';
import { t } from './messages.js';

export { DRAFT_KINDS, type DraftKind };

/** Arguments for scripted use (tests, keybindings); a person is asked instead. */
export interface NewDraftArguments {
  readonly titel?: string;
  readonly ziel?: vscode.Uri;
}

/**
 * "Neuer Antrag" and its siblings: asks for the title, suggests a file name from it beside the
 * open draft (or in the first workspace folder), writes the template with that title and the
 * next meetings it can still make (from the synced calendar; none without one), and opens the
 * draft, as a tab of its own, with the cursor in its first section. Returns the new file, or
 * undefined if the user cancelled.
 */
export async function newDraft(extension: vscode.Uri, client: LanguageClient, kind: DraftKind, args: NewDraftArguments = {}): Promise<vscode.Uri | undefined> {
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
  const meetings = new Map<string, string | undefined>();
  for (const gremium of templateGremien(text)) {
    const params: NextMeetingParams = { uri: target.toString(), gremium, art };
    meetings.set(gremium, (await client.sendRequest<string | null>(NEXT_MEETING_REQUEST, params).catch(() => null)) ?? undefined);
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(withMeetings(withTitle(text, titel.trim()), (gremium) => meetings.get(gremium))));

  // Not a preview tab that the next file opened replaces.
  const editor = await vscode.window.showTextDocument(target, { preview: false });
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
