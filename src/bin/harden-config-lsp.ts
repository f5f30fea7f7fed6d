/**
 * The `harden-config-lsp` command, also started by `harden-config lsp`: the language server
 * on standard input and output (`--stdio`, the default), or on `--node-ipc`,
 * `--socket=PORT` or `--pipe=NAME`. Built into a bundle of its own, so that the
 * `harden-config` command never loads vscode-languageserver unless asked for it.
 */
import {startLanguageServer} from '../lsp/index.js'
import {VERSION} from '../version.js'

const HELP = `Usage: harden-config-lsp [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]
       harden-config lsp [--stdio | ...]

The harden-config language server: diagnostics, quick fixes, fix-all (safe fixes only),
hovers with each rule's documentation, and the command harden-config.patch that returns
the patch of a document. It speaks LSP on standard input and output unless told otherwise.
Settings (initializationOptions, or the harden-config section of the editor's settings):
profile, rules, disable, options, root, debounce. See docs/editors.md.
`

const args = process.argv.slice(2)
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP)
} else if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`harden-config-lsp ${VERSION}\n`)
} else {
  startLanguageServer()
}
