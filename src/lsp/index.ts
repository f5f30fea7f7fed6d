/**
 * The harden-config language server, for editors: `harden-config lsp --stdio` or
 * `harden-config-lsp --stdio`. See docs/editors.md for Neovim, VS Code and Helix.
 *
 * @example
 * ```ts
 * import {startLanguageServer} from 'harden-config/lsp'
 * startLanguageServer()   // reads --stdio, --node-ipc or --socket=N from the command line
 * ```
 */
import {createConnection, ProposedFeatures} from 'vscode-languageserver/node'
import {createLanguageServer, type LanguageServer, type LanguageServerOptions} from './server.js'

export {createLanguageServer, type LanguageServer, type LanguageServerOptions} from './server.js'
export {readSettings, mergeSettings, hardenOptions, SETTINGS_SECTION, type LanguageServerSettings, type ReadSettings, type CheckContext} from './settings.js'
export {detectDocumentFormat, firstLineHint, LANGUAGE_IDS, type Detection, type DetectedBy} from './detect.js'
export {cachedHost, type CachedHost} from '../core/host-cache.js'
export {PATCH_COMMAND, type PatchRequest, type PatchResult, type PatchedFile} from './patch-command.js'
export {FIX_ALL_TITLE, fixTitle} from './code-actions.js'
export {DIAGNOSTIC_SOURCE} from './diagnostics.js'

/** The transports `vscode-languageserver` reads from the command line. */
const TRANSPORTS = /^--(?:stdio|node-ipc|socket|pipe)(?:=|$)/

/**
 * Starts a language server on the transport named on the command line (`--stdio`,
 * `--node-ipc`, `--socket=N`, `--pipe=NAME`), or on standard input and output when none is
 * named.
 *
 * @param options host, formats and settings
 * @param argv the command line (default: the process's)
 */
export function startLanguageServer(options: LanguageServerOptions = {}, argv: readonly string[] = process.argv): LanguageServer {
  const named = argv.slice(2).some((arg) => TRANSPORTS.test(arg))
  const connection = named ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout)
  return createLanguageServer(connection, options)
}
