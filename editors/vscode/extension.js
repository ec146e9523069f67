// The VS Code side of vmlock: starts `vmlock lsp` (the command is the `vmlock.command` setting)
// and lets vscode-languageclient speak the protocol; everything else lives in the server.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration('vmlock').get('command');
  client = new LanguageClient('vmlock', 'vmlock', { command, args }, {
    documentSelector: [{ scheme: 'file', language: 'vmlock' }],
  });
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
