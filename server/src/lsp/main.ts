import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

if (!process.argv.some((arg) => TRANSPORTS.some((transport) => arg === transport || arg.startsWith(`${transport}=`)))) {
  process.stderr.write('ratsfeder lsp: bitte eine Verbindung angeben: --stdio (Neovim, Emacs, Helix) oder --node-ipc (VS Code).\n');
  process.exit(2);
}

startServer(createConnection(ProposedFeatures.all));
