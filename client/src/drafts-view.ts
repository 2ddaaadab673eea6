import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DRAFTS_REQUEST, type DraftList, type DraftSummary } from '../../server/src/protocol/index.js';
import { t } from './messages.js';

export const DRAFTS_VIEW = 'ratsfeder.entwuerfe';

type Node = { readonly kind: 'group'; readonly art: string; readonly drafts: readonly DraftSummary[] } | { readonly kind: 'draft'; readonly draft: DraftSummary } | { readonly kind: 'unjudged'; readonly count: number };

/**
 * The Explorer's "Entwürfe" view: the workspace's drafts by type, each with its findings and
 * next submission deadline, as the server judges them. Asked again when the register or a
 * draft's findings change, and only while the view is visible.
 */
export class DraftsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private list: Promise<DraftList> | undefined;
  /** Set when a refresh was wanted while the view was hidden. */
  private stale = true;
  /** The last list shown; tests read it. */
  current: DraftList | undefined;

  constructor(private readonly client: LanguageClient) {
    this.view = vscode.window.createTreeView(DRAFTS_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions.push(
      this.view,
      this.changed,
      this.view.onDidChangeVisibility(({ visible }) => {
        if (visible && this.stale) this.refresh();
      }),
      // Findings of open drafts change as they are typed; saved files change what the disk says.
      vscode.languages.onDidChangeDiagnostics(() => this.refreshSoon()),
      vscode.workspace.onDidSaveTextDocument(() => this.refreshSoon()),
    );
  }

  /** Asks the server again, at most every 800 ms. */
  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 800);
  }

  refresh(): void {
    clearTimeout(this.timer);
    if (!this.view.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    this.list = undefined;
    this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const texts = t();
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(texts.draftsGroup(node.art), vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.drafts.length);
      item.id = `art:${node.art}`;
      return item;
    }
    if (node.kind === 'unjudged') return new vscode.TreeItem(texts.draftsUnjudged(node.count));
    const { draft } = node;
    const uri = vscode.Uri.parse(draft.uri);
    const name = uri.path.split('/').pop() ?? draft.uri;
    const item = new vscode.TreeItem(draft.titel ?? name);
    item.id = draft.uri;
    item.resourceUri = uri;
    const state = texts.draftsState(draft.errors, draft.warnings);
    item.description = draft.frist ? `${state} · ${texts.draftsDeadline(texts.day(draft.frist.frist), draft.frist.verpasst)}` : state;
    item.tooltip = new vscode.MarkdownString(
      [`**${escape(draft.titel ?? name)}**`, '', escape(texts.draftsTooltip(vscode.workspace.asRelativePath(uri), draft.nummer)), '', escape(state), ...(draft.frist ? ['', escape(texts.deadlineTooltip(draft.frist.gremium, texts.day(draft.frist.sitzung), texts.day(draft.frist.frist), draft.frist.verpasst))] : [])].join('\n'),
    );
    item.iconPath =
      draft.errors > 0
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
        : draft.warnings > 0 || draft.frist?.verpasst
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
          : new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    item.contextValue = 'entwurf';
    item.command = { title: texts.open, command: 'vscode.open', arguments: [uri] };
    return item;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.kind === 'group') return node.drafts.map((draft) => ({ kind: 'draft', draft }));
    if (node) return [];
    if (!this.client.isRunning()) return [];
    this.list ??= this.client.sendRequest<DraftList>(DRAFTS_REQUEST, {}).catch(() => ({ drafts: [] }));
    const list = await this.list;
    this.current = list;
    const groups = new Map<string, DraftSummary[]>();
    for (const draft of [...list.drafts].sort(byDeadlineThenTitle)) {
      const group = groups.get(draft.art) ?? [];
      group.push(draft);
      groups.set(draft.art, group);
    }
    const nodes: Node[] = [...groups].sort(([a], [b]) => a.localeCompare(b, 'de')).map(([art, drafts]) => ({ kind: 'group', art, drafts }));
    return list.unjudged ? [...nodes, { kind: 'unjudged', count: list.unjudged }] : nodes;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** The next deadline first, then drafts without one, each by title. */
function byDeadlineThenTitle(a: DraftSummary, b: DraftSummary): number {
  const byDeadline = (a.frist?.frist ?? '9999').localeCompare(b.frist?.frist ?? '9999');
  return byDeadline !== 0 ? byDeadline : (a.titel ?? a.uri).localeCompare(b.titel ?? b.uri, 'de');
}

/** Titles come from the drafts: shown as text, never as Markdown or a link. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&');
}
