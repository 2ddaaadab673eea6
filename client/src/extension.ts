import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DeadlineItem } from './deadline.js';
import { DraftsView } from './drafts-view.js';
import { exportDocx, type ExportArguments } from './export.js';
import { newDraft, type DraftKind, type NewDraftArguments } from './new-draft.js';
import { openRuleDoc, ruleDocLink, ruleOf, RuleDocActions } from './rule-docs.js';
import { REGISTER_STATUS_NOTIFICATION, type InitializationOptions, type RegisterStatus, type SyncArguments, type TextArguments } from '../../server/src/protocol/index.js';
import { fetchText, RegisterStatusItem, syncRegister } from './register.js';
import { language, t } from './messages.js';
import { DraftPreview } from './preview.js';

/** What `activate()` returns: the running client, for tests and other extensions; the preview plugin, for VS Code's Markdown preview. */
export interface RatsfederApi {
  readonly client: LanguageClient;
  readonly status: RegisterStatusItem;
  readonly deadline: DeadlineItem;
  readonly drafts: DraftsView;
  extendMarkdownIt<T>(md: T): T;
}

let client: LanguageClient | undefined;

/**
 * Starts the bundled language server over IPC for Markdown files and registers the commands.
 * Drafts are recognised by the server (front matter with `art:`), so the client knows nothing
 * about Markdown. Resolves once the server runs, so tests await it instead of sleeping.
 */
export async function activate(context: vscode.ExtensionContext): Promise<RatsfederApi> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('Ratsfeder', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      // Checked as it is typed, against its schema.
      { scheme: 'file', pattern: '**/ratsfeder.yaml' },
    ],
    outputChannel,
    synchronize: { configurationSection: 'ratsfeder' },
    middleware: {
      // A finding's rule links to its page in the extension, not on the web (offline, this version's).
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const report = await next(document, previousResultId, token);
        if (report?.kind === 'full') for (const diagnostic of report.items) linkRuleDoc(diagnostic);
        return report;
      },
      handleDiagnostics: (uri, diagnostics, next) => {
        for (const diagnostic of diagnostics) linkRuleDoc(diagnostic);
        next(uri, diagnostics);
      },
      // VS Code's own Markdown outline lists the headings; a second tree from the server would only repeat them.
      provideDocumentSymbols: () => undefined,
    },
    // An untrusted workspace may not choose the OParl address or a letterhead (see the server).
    // Read at each start: granting trust restarts the server.
    initializationOptions: (): InitializationOptions => ({ trusted: vscode.workspace.isTrusted, sprache: language(), exportCommand: 'ratsfeder.exportDocx' }),
  };
  const started = new LanguageClient('ratsfeder', 'Ratsfeder', serverOptions, clientOptions);
  client = started;
  const status = new RegisterStatusItem();
  const preview = new DraftPreview(started);
  context.subscriptions.push(outputChannel, status, preview);

  const extension = context.extensionUri;
  const command = <A extends unknown[]>(id: string, run: (...args: A) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));
  for (const kind of ['antrag', 'anfrage', 'aenderungsantrag'] as const satisfies readonly DraftKind[]) {
    command(`ratsfeder.new.${kind}`, (args?: NewDraftArguments) => newDraft(extension, started, kind, args));
  }
  // From the editor's title or the Explorer the first argument is the file; from a script, options.
  command('ratsfeder.exportDocx', (resource?: vscode.Uri, args?: ExportArguments) => exportDocx(started, resource instanceof vscode.Uri ? resource : undefined, args));
  command('ratsfeder.exportDocxTracked', (resource?: vscode.Uri, args?: ExportArguments) => exportDocx(started, resource instanceof vscode.Uri ? resource : undefined, { ...args, nachverfolgt: true }));
  command('ratsfeder.syncRegister', (args?: SyncArguments) => syncRegister(started, args));
  command('ratsfeder.fetchText', (args?: TextArguments) => fetchText(started, args));
  command('ratsfeder.openRuleDoc', (rule?: string) => openRuleDoc(extension, rule));
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, new RuleDocActions(), { providedCodeActionKinds: [RuleDocActions.kind] }),
    // Trust changes what the server may do; it learns it at start.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void started.restart()),
  );

  const deadline = new DeadlineItem(started);
  const drafts = new DraftsView(started);
  command('ratsfeder.entwuerfe.refresh', () => drafts.refresh());
  // From the view's item: the draft it shows.
  command('ratsfeder.entwuerfe.export', (node?: { readonly draft?: { readonly uri: string } }) => exportDocx(started, node?.draft ? vscode.Uri.parse(node.draft.uri) : undefined));
  context.subscriptions.push(
    deadline,
    drafts,
    started.onNotification(REGISTER_STATUS_NOTIFICATION, (value: RegisterStatus) => {
      status.update(value);
      // A sync may have brought the meeting calendar; drafts may have come or gone.
      deadline.refreshSoon();
      drafts.refreshSoon();
    }),
  );
  explainRestrictedMode(context);
  await started.start();
  void vscode.commands.executeCommand('setContext', 'ratsfeder.active', true);
  void deadline.refresh();
  drafts.refresh();
  return { client: started, status, deadline, drafts, extendMarkdownIt: (md) => preview.extend(md) };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/**
 * A folder opened for the first time is in Restricted Mode: VS Code boxes every umlaut, and
 * Ratsfeder fetches nothing from the address in its ratsfeder.yaml. Said once per folder, with
 * the button that trusts it.
 */
function explainRestrictedMode(context: vscode.ExtensionContext): void {
  const key = 'ratsfeder.restrictedModeExplained';
  if (vscode.workspace.isTrusted || context.workspaceState.get<boolean>(key)) return;
  void context.workspaceState.update(key, true);
  void vscode.window.showInformationMessage(t().restricted, t().trustFolder).then((choice) => {
    if (choice === t().trustFolder) void vscode.commands.executeCommand('workbench.trust.manage');
  });
}

/** Points a Ratsfeder finding's code link at its bundled rule page. */
function linkRuleDoc(diagnostic: vscode.Diagnostic): void {
  const rule = ruleOf(diagnostic);
  if (rule) diagnostic.code = { value: rule, target: ruleDocLink(rule) };
}
