import * as vscode from 'vscode';
import { t } from './messages.js';

/** The three kinds of draft: the template file and the file-name suffix the examples use. */
export const DRAFT_KINDS = {
  antrag: { art: 'Antrag', template: 'antrag.md' },
  anfrage: { art: 'Anfrage', template: 'anfrage.md' },
  aenderungsantrag: { art: 'Änderungsantrag', template: 'aenderungsantrag.md' },
} as const;

export type DraftKind = keyof typeof DRAFT_KINDS;

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
      defaultUri: vscode.Uri.joinPath(folder, `${fileStem(titel)}.${kind}.md`),
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

/** The template with its `titel:` line set; the title is quoted when YAML would misread it. */
export function withTitle(template: string, titel: string): string {
  const plain = /^[\p{L}\p{N}][^:#\n]*$/u.test(titel) && !/\s$/.test(titel);
  const value = plain ? titel : JSON.stringify(titel);
  return template.replace(/^titel:.*$/m, `titel: ${value}`);
}

/** A file name from a title: lower case, umlauts spelt out, words joined by hyphens. */
export function fileStem(titel: string): string {
  const stem = titel
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .split('-')
    .slice(0, 6)
    .join('-');
  return stem === '' ? 'entwurf' : stem;
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
