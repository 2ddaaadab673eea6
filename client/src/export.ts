import * as path from 'node:path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { EXPORT_COMMAND, type ExportAnswer, type ExportCommandArguments } from '../../server/src/protocol/index.js';
import { t } from './messages.js';

/** Arguments for scripted use; a person gets the save dialog instead of `ziel`. */
export interface ExportArguments {
  readonly ziel?: vscode.Uri;
  readonly erzwingen?: boolean;
  /** Replace a target changed since the last export, or not written by Ratsfeder. */
  readonly ueberschreiben?: boolean;
  /** Amendment blocks as tracked changes instead of side by side. */
  readonly nachverfolgt?: boolean;
}

const SHOWN_FINDINGS = 5;

/**
 * "Als DOCX exportieren", in the order a person expects: first the draft is judged as the export
 * judges it (errors refuse it, listed with their lines, with "Trotzdem exportieren"), then the
 * save dialog asks where (default: beside the draft; the dialog asks before it replaces a file),
 * then the export runs with a progress notification and offers what the file can be used for
 * here. Returns the server's answer for callers.
 */
export async function exportDocx(client: LanguageClient, resource: vscode.Uri | undefined, args: ExportArguments = {}): Promise<ExportAnswer | undefined> {
  const draft = resource ?? vscode.window.activeTextEditor?.document.uri;
  if (!draft || !/\.(md|markdown)$/i.test(draft.path)) {
    void vscode.window.showErrorMessage(t().noDraft);
    return undefined;
  }
  const ask = (extra: Partial<ExportCommandArguments>) =>
    client.sendRequest(ExecuteCommandRequest.type, {
      command: EXPORT_COMMAND,
      arguments: [{ uri: draft.toString(), tracked: args.nachverfolgt === true, ...extra } satisfies ExportCommandArguments],
    }) as Promise<ExportAnswer | null>;

  const force = args.erzwingen === true;
  if (!force) {
    const judged = await ask({ check: true });
    if (!judged) return notRunning();
    if (!judged.ok) {
      // "Trotzdem exportieren" starts over, forced: then comes the save dialog.
      void refused(judged).then((choice) => {
        if (choice === t().exportAnyway) void exportDocx(client, draft, { ...args, erzwingen: true });
      });
      return judged;
    }
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
  const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t().exporting(name) }, () => ask({ out: target.fsPath, force, overwrite: args.ueberschreiben === true }));
  if (!outcome) return notRunning();
  if (outcome.ok) {
    if (outcome.notice) void vscode.window.showWarningMessage(outcome.notice);
    void offer(vscode.Uri.parse(outcome.uri), path.basename(outcome.file));
    return outcome;
  }
  // Refused only now (the draft changed meanwhile, the target was changed in Word or is not
  // Ratsfeder's, or it cannot be written).
  void refused(outcome).then((choice) => {
    if (choice === t().exportAnyway) void exportDocx(client, draft, { ...args, ziel: target, erzwingen: true });
    if (choice === t().overwrite) void exportDocx(client, draft, { ...args, ziel: target, erzwingen: force, ueberschreiben: true });
  });
  return outcome;
}

function notRunning(): undefined {
  void vscode.window.showErrorMessage(t().notRunning);
  return undefined;
}

/** The refusal with the findings that caused it; resolves to the button chosen. */
async function refused(outcome: Extract<ExportAnswer, { ok: false }>): Promise<string | undefined> {
  const findings = outcome.findings ?? [];
  const lines = findings.slice(0, SHOWN_FINDINGS).map((finding) => t().finding(finding.line, finding.message, finding.ruleId));
  if (findings.length > SHOWN_FINDINGS) lines.push(t().more(findings.length - SHOWN_FINDINGS));
  const actions = outcome.kind === 'errors' ? [t().exportAnyway, t().showProblems] : outcome.kind === 'overwrite' ? [t().overwrite] : [];
  const choice = await vscode.window.showErrorMessage([outcome.message, ...lines].join(' · '), ...actions);
  if (choice === t().showProblems) void vscode.commands.executeCommand('workbench.actions.view.problems');
  return choice;
}

/**
 * What can be done with the exported file where this VS Code runs: on the desktop, open it
 * (in Word or LibreOffice) or show it in the system's file manager; in a browser or on a remote
 * machine, where neither reaches the user's computer, download it or show it in the Explorer.
 */
async function offer(file: vscode.Uri, name: string): Promise<void> {
  const local = !vscode.env.remoteName && vscode.env.uiKind === vscode.UIKind.Desktop;
  const actions = local ? [t().open, t().reveal] : [t().download, t().revealInExplorer];
  const choice = await vscode.window.showInformationMessage(t().exported(name), ...actions);
  if (choice === t().open) void vscode.env.openExternal(file);
  else if (choice === t().reveal) void vscode.commands.executeCommand('revealFileInOS', file);
  else if (choice === t().revealInExplorer) void vscode.commands.executeCommand('revealInExplorer', file);
  else if (choice === t().download) {
    // VS Code's own download works on the Explorer's selection.
    await vscode.commands.executeCommand('revealInExplorer', file);
    await vscode.commands.executeCommand('explorer.download');
  }
}
