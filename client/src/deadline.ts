import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DEADLINE_REQUEST, type NextDeadline } from '../../server/src/protocol/index.js';
import { t } from './messages.js';

/**
 * The status bar item with the open draft's next submission deadline (from the meeting
 * calendar). Hidden for documents that have none: non-drafts, drafts without a Beratungsfolge,
 * workspaces without a synced calendar.
 */
export class DeadlineItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ratsfeder.frist', vscode.StatusBarAlignment.Right, 99);
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** The last answer for the active editor; tests read it. */
  current: NextDeadline | undefined;

  constructor(private readonly client: LanguageClient) {
    this.item.name = t().deadlineName;
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === vscode.window.activeTextEditor?.document) this.refreshSoon();
      }),
    );
  }

  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 400);
  }

  private asked = 0;

  async refresh(): Promise<void> {
    const ticket = ++this.asked;
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'markdown' || !this.client.isRunning()) return this.show(undefined);
    const answer = await this.client.sendRequest<NextDeadline | null>(DEADLINE_REQUEST, { textDocument: { uri: document.uri.toString() } }).catch(() => null);
    // Only the latest question counts: answers may arrive out of order, or for another editor.
    if (ticket !== this.asked) return;
    this.show(answer ?? undefined);
  }

  private show(deadline: NextDeadline | undefined): void {
    this.current = deadline;
    if (!deadline) {
      this.item.hide();
      return;
    }
    const texts = t();
    this.item.text = `$(${deadline.verpasst ? 'warning' : 'calendar'}) ${texts.deadlineText(texts.day(deadline.frist))}`;
    this.item.tooltip = texts.deadlineTooltip(deadline.gremium, texts.day(deadline.sitzung), texts.day(deadline.frist), deadline.verpasst);
    this.item.backgroundColor = deadline.verpasst ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.item.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
