// harden-config for VS Code: starts the language server that the harden-config package
// ships (dist/bin/harden-config-lsp.cjs) on the machine that holds the files (a remote one
// too: the extension runs in the workspace's extension host), for the languages this
// extension contributes, and adds a command that shows the patch of the current file.
'use strict'
const path = require('node:path')
const vscode = require('vscode')
const {ExecuteCommandRequest, LanguageClient, TransportKind} = require('vscode-languageclient/node')

const LANGUAGES = ['sshd_config', 'apacheconf', 'named', 'ntp', 'iptables']

/** @type {LanguageClient | undefined} */
let client

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  // The package's exports name no file under dist/bin, but its package.json: start from it.
  const serverModule = path.join(path.dirname(require.resolve('harden-config/package.json')), 'dist', 'bin', 'harden-config-lsp.cjs')
  client = new LanguageClient(
    'harden-config',
    'harden-config',
    {module: serverModule, transport: TransportKind.stdio},
    {
      documentSelector: LANGUAGES.flatMap((language) => [
        {scheme: 'file', language},
        {scheme: 'untitled', language},
      ]),
      // The server asks for the `harden-config` section; tell it when it changes.
      synchronize: {configurationSection: 'harden-config'},
    },
  )
  context.subscriptions.push(
    vscode.commands.registerCommand('harden-config.showPatch', async () => {
      const editor = vscode.window.activeTextEditor
      if (editor === undefined || client === undefined) return
      const uri = client.code2ProtocolConverter.asUri(editor.document.uri)
      /** @type {{patch: string}} */
      const result = await client.sendRequest(ExecuteCommandRequest.type, {command: 'harden-config.patch', arguments: [uri]})
      if (result.patch === '') {
        void vscode.window.showInformationMessage('harden-config: no fix to propose for this file.')
        return
      }
      const document = await vscode.workspace.openTextDocument({language: 'diff', content: result.patch})
      await vscode.window.showTextDocument(document, {preview: true, viewColumn: vscode.ViewColumn.Beside})
    }),
  )
  await client.start()
}

function deactivate() {
  return client?.stop()
}

module.exports = {activate, deactivate}
