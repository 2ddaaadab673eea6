import * as vscode from 'vscode';
import { ExecuteCommandRequest, WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { SYNC_COMMAND, TEXT_COMMAND, type RegisterStatus, type SyncAnswer, type SyncArguments, type TextAnswer, type TextArguments } from '../../server/src/protocol/index.js';
import { language, t } from './messages.js';

/**
 * The status bar item: the workspace's drafts and the documents the register knows, and when
 * OParl was last synced. A click runs the sync, or, without an OParl address, opens its setting.
 */
export class RegisterStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ratsfeder.register', vscode.StatusBarAlignment.Right, 100);
  /** The last status the server sent; tests read it. */
  status: RegisterStatus | undefined;

  constructor() {
    this.item.name = 'Ratsfeder';
    this.item.command = 'ratsfeder.syncRegister';
    this.item.text = `$(sync~spin) ${t().statusLoading}`;
    this.item.show();
  }

  update(status: RegisterStatus): void {
    this.status = status;
    const documents = status.files + (status.oparl?.papers ?? 0);
    this.item.text = `$(library) ${t().statusText(status.drafts, documents)}`;
    const syncable = status.syncable !== false;
    const lines = [
      status.oparl ? t().statusOparl(status.oparl.papers, formatTime(status.oparl.syncedAt)) : syncable ? t().statusNoOparl : t().statusNoAddress,
      ...(status.files > 0 ? [t().statusFiles(status.files)] : []),
      t().statusDrafts(status.drafts),
    ];
    this.item.tooltip = new vscode.MarkdownString(t().statusTooltip(lines, syncable));
    this.item.command = syncable ? 'ratsfeder.syncRegister' : { title: t().openSetting, command: 'workbench.action.openSettings', arguments: [OPARL_SETTING] };
  }

  dispose(): void {
    this.item.dispose();
  }
}

const OPARL_SETTING = 'ratsfeder.register.ratsinformationssystem';

let syncing: Promise<SyncAnswer | undefined> | undefined;

/**
 * "Dokumentregister aktualisieren": the server's sync, shown as a cancellable notification
 * with the server's own progress messages. A second click while a sync runs joins it.
 */
export function syncRegister(client: LanguageClient, args: SyncArguments = {}): Promise<SyncAnswer | undefined> {
  syncing ??= Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t().syncing, cancellable: true }, async (progress, token) => {
      const workDoneToken = `ratsfeder-sync-${Date.now()}`;
      // VS Code's bar grows by increments; the server reports the share done.
      let shown = 0;
      const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end') return;
        const percentage = value.kind === 'report' ? value.percentage : undefined;
        const increment = percentage !== undefined && percentage > shown ? percentage - shown : undefined;
        if (increment !== undefined) shown = percentage!;
        if (value.message || increment !== undefined) progress.report({ ...(value.message ? { message: value.message } : {}), ...(increment !== undefined ? { increment } : {}) });
      });
      try {
        const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: SYNC_COMMAND, arguments: [{ ...args, editorSetup: true } satisfies SyncArguments], workDoneToken }, token)) as SyncAnswer | null;
        if (result?.cancelled || token.isCancellationRequested) void vscode.window.setStatusBarMessage(t().syncCancelled, 5000);
        else if (result?.ok) void vscode.window.showInformationMessage(result.message);
        else if (result?.reason === 'no-system') {
          void vscode.window.showWarningMessage(result.message, t().openSetting).then((choice) => {
            if (choice === t().openSetting) void vscode.commands.executeCommand('workbench.action.openSettings', OPARL_SETTING);
          });
        }
        // Failures are shown by the server, which knows why.
        return result ?? undefined;
      } finally {
        listener.dispose();
      }
    }),
  )
    .catch(() => undefined)
    .finally(() => {
      syncing = undefined;
    });
  return syncing;
}

/**
 * "Text des Bezugsdokuments laden": the server fetches the text of the documents the active
 * draft refers to (or of `args.nummer`), with a notification while it runs. Failures are
 * shown by the server, which knows why.
 */
export async function fetchText(client: LanguageClient, args: TextArguments = {}): Promise<TextAnswer | undefined> {
  const uri = args.uri ?? vscode.window.activeTextEditor?.document.uri.toString();
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t().fetchingText }, async () => {
    const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: TEXT_COMMAND, arguments: [{ ...args, ...(uri ? { uri } : {}) }] })) as TextAnswer | null;
    if (result?.ok) void vscode.window.showInformationMessage(result.message);
    return result ?? undefined;
  });
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(language() === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' });
}
