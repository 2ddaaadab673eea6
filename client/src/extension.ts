import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/**
 * Starts the bundled language server over IPC for Markdown files. Drafts are recognised by
 * the server (front matter with `art:`), so the client knows nothing about Markdown.
 * Returns the client, so that tests can wait for its state instead of sleeping.
 */
export async function activate(context: vscode.ExtensionContext): Promise<LanguageClient> {
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
    ],
    outputChannel,
    synchronize: { configurationSection: 'ratsfeder' },
  };
  client = new LanguageClient('ratsfeder', 'Ratsfeder', serverOptions, clientOptions);
  context.subscriptions.push(outputChannel);
  await client.start();
  return client;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
