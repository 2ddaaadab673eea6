import * as path from 'node:path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { EXPORT_COMMAND, type ExportAnswer, type ExportCommandArguments } from '../../server/src/protocol/index.js';
import { t } from './messages.js';

/** Arguments for scripted use; a person gets the save dialog instead of `ziel`. */
export interface ExportArguments {
  readonly ziel?: vscode.Uri;
  readonly erzwingen?: boolean;
  /** Amendment blocks as tracked changes instead of side by side. */
  readonly nachverfolgt?: boolean;
}

const SHOWN_FINDINGS = 5;

/**
 * "Als DOCX exportieren": asks where (default: beside the draft), exports with a progress
 * notification, then offers to open the file or show it in its folder. A refusal because of
 * errors lists them and offers to export anyway. Returns the server's answer for callers.
 */
export async function exportDocx(client: LanguageClient, resource: vscode.Uri | undefined, args: ExportArguments = {}): Promise<ExportAnswer | undefined> {
  const draft = resource ?? vscode.window.activeTextEditor?.document.uri;
  if (!draft || !/\.(md|markdown)$/i.test(draft.path)) {
    void vscode.window.showErrorMessage(t().noDraft);
    return undefined;
  }
  const target =
    args.ziel ??
    (await vscode.window.showSaveDialog({
      defaultUri: draft.with({ path: draft.path.replace(/\.(md|markdown)$/i, '') + '.docx' }),
      filters: { 'Word (DOCX)': ['docx'] },
      saveLabel: t().saveDocx,
    }));
  if (!target) return undefined;

  const name = path.basename(draft.fsPath);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t().exporting(name) }, () =>
    client.sendRequest(ExecuteCommandRequest.type, {
      command: EXPORT_COMMAND,
      arguments: [{ uri: draft.toString(), out: target.fsPath, force: args.erzwingen === true, tracked: args.nachverfolgt === true } satisfies ExportCommandArguments],
    }),
  );
  const outcome = result as ExportAnswer | null;
  if (!outcome) {
    void vscode.window.showErrorMessage(t().notRunning);
    return undefined;
  }
  if (outcome.ok) {
    if (outcome.notice) void vscode.window.showWarningMessage(outcome.notice);
    void vscode.window.showInformationMessage(t().exported(path.basename(outcome.file)), t().open, t().reveal).then((choice) => {
      const file = vscode.Uri.parse(outcome.uri);
      if (choice === t().open) void vscode.env.openExternal(file);
      // A desktop VS Code can show the file in the system's file manager; elsewhere, the Explorer.
      else if (choice === t().reveal) void vscode.commands.executeCommand(vscode.env.remoteName || vscode.env.uiKind === vscode.UIKind.Web ? 'revealInExplorer' : 'revealFileInOS', file);
    });
    return outcome;
  }
  const findings = outcome.findings ?? [];
  const lines = findings.slice(0, SHOWN_FINDINGS).map((finding) => t().finding(finding.line, finding.message, finding.ruleId));
  if (findings.length > SHOWN_FINDINGS) lines.push(t().more(findings.length - SHOWN_FINDINGS));
  const actions = outcome.kind === 'errors' ? [t().exportAnyway, t().showProblems] : [];
  void vscode.window.showErrorMessage([outcome.message, ...lines].join(' · '), ...actions).then((choice) => {
    if (choice === t().exportAnyway) void exportDocx(client, draft, { ziel: target, erzwingen: true });
    else if (choice === t().showProblems) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return outcome;
}
