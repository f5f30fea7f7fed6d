/**
 * The language server: diagnostics on open and on every change, a quick fix per finding,
 * fix-all with the safe fixes, a hover with the rule's documentation, and a command that
 * returns the whole patch of a document.
 *
 * It needs no workspace: a file opened alone (`/etc/ssh/sshd_config` over a remote session,
 * no root URI, no folders) is checked like any other, and the files it includes are read
 * from disk where the daemon reads them. The open document's text comes from the editor;
 * the files it includes are read once and then served from a cache
 * ({@link cachedHost}), which forgets a file when the client reports it changed
 * (`workspace/didChangeWatchedFiles`), and everything when a document is saved (for clients
 * that watch no files). Open documents are served as the editor holds them, so editing a
 * drop-in re-checks the main file that includes it.
 */
import type {CodeAction, Connection, InitializeParams, InitializeResult, WorkspaceFolder} from 'vscode-languageserver/node'
import {CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, MessageType, ShowMessageNotification, TextDocumentSyncKind, TextDocuments} from 'vscode-languageserver/node'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {posix} from 'node:path'
import {nodeHost, overlayHost, type FileHost} from '../core/host.js'
import type {RuleDocs} from '../core/rule.js'
import {formats as builtInFormats, type AnyFormat} from '../formats/index.js'
import {VERSION} from '../version.js'
import {checkDocument, runHarden, type CheckEnvironment, type DocumentCheck} from './check.js'
import {fixAll, quickFixes, type ActionContext} from './code-actions.js'
import {cachedHost, type CachedHost} from '../core/host-cache.js'
import {hoverAt} from './hover.js'
import {OpenDocuments} from './open-documents.js'
import {PATCH_COMMAND, patchResult, readPatchArguments, type PatchResult} from './patch-command.js'
import {systemPathToUri, uriToSystemPath} from './paths.js'
import {mergeSettings, readSettings, SETTINGS_SECTION, type LanguageServerSettings} from './settings.js'
import type {EditSupport} from './workspace-edit.js'

/** Options of {@link createLanguageServer}. */
export interface LanguageServerOptions {
  /**
   * Makes the host that reads the disk (default: {@link nodeHost} under the `root`
   * setting). Called again when every cached file is forgotten.
   */
  createHost?: ((settings: LanguageServerSettings) => FileHost) | undefined
  /** The formats to know (default: every built-in format). */
  formats?: readonly AnyFormat[] | undefined
  /** Settings under those of the client (the client's `initializationOptions` and configuration win). */
  settings?: LanguageServerSettings | undefined
}

/** A running server, for its owner: tests, or the command that started it. */
export interface LanguageServer {
  readonly connection: Connection
  readonly documents: TextDocuments<TextDocument>
  /** The settings in use. */
  settings(): LanguageServerSettings
  /** Stops pending checks. The connection is the caller's to close. */
  dispose(): void
}

/** Which action kinds a request's `only` asks for. */
function wants(only: readonly string[] | undefined, kind: string): boolean {
  return only === undefined || only.length === 0 || only.some((asked) => kind === asked || kind.startsWith(`${asked}.`))
}

/**
 * Sets up a language server on a connection and starts listening on it.
 *
 * @param connection the connection (`createConnection()` of `vscode-languageserver/node`)
 * @param options host, formats and settings
 */
export function createLanguageServer(connection: Connection, options: LanguageServerOptions = {}): LanguageServer {
  const formats = options.formats ?? builtInFormats
  const createHost = options.createHost ?? ((settings: LanguageServerSettings) => nodeHost({root: settings.root}))
  const rules = new Map<string, {docs: RuleDocs}>(formats.flatMap((format) => format.rules.map((rule) => [rule.id, rule] as const)))
  const documents = new TextDocuments(TextDocument)

  let initialSettings: LanguageServerSettings = {}
  let clientSettings: LanguageServerSettings = {}
  let settings = mergeSettings(options.settings ?? {})
  let lastProblems = ''
  const disk: CachedHost = cachedHost(() => createHost(settings))
  const open = new OpenDocuments(() => disk, () => settings.root)
  const host = overlayHost(disk, open.texts)
  const env = (): CheckEnvironment => ({settings, host, formats, locator: open})

  let support: EditSupport = {documentChanges: false, createFiles: false}
  let pullsConfiguration = false
  let watchesFiles: false | {relativePatterns: boolean} = false
  const watchedFolders = new Set<string>()

  const checks = new Map<string, DocumentCheck>()
  const stale = new Set<string>()
  const pending = new Map<string, ReturnType<typeof setTimeout>>()

  const actionContext = (): ActionContext => ({locator: open, support})

  /** Tells the user what is wrong with the settings: a notification, which needs no answer. */
  function warn(problems: readonly string[]): void {
    void connection.sendNotification(ShowMessageNotification.type, {type: MessageType.Warning, message: `harden-config: ${problems.join('; ')}`})
  }

  /** Checks a document now, publishes its diagnostics, and returns the check. */
  function check(uri: string): DocumentCheck | undefined {
    clearTimeout(pending.get(uri))
    pending.delete(uri)
    const document = documents.get(uri)
    const file = open.get(uri)
    if (document === undefined || file === undefined) return undefined
    const result = checkDocument({document, path: file.path}, env(), checks.get(uri))
    checks.set(uri, result)
    stale.delete(uri)
    void connection.sendDiagnostics({uri, version: document.version, diagnostics: result.diagnostics})
    watchFolders(result)
    return result
  }

  /** The check of a document's current text, made now if the last one is out of date. */
  function current(uri: string): DocumentCheck | undefined {
    const document = documents.get(uri)
    const last = checks.get(uri)
    if (document !== undefined && last !== undefined && last.version === document.version && !stale.has(uri)) return last
    return check(uri)
  }

  /** Checks a document after the debounce delay; a newer change restarts the wait. */
  function schedule(uri: string, delay = settings.debounce ?? 0): void {
    stale.add(uri)
    clearTimeout(pending.get(uri))
    pending.set(
      uri,
      setTimeout(() => {
        pending.delete(uri)
        try {
          check(uri)
        } catch (error) {
          connection.console.error(`harden-config: checking ${uri} failed: ${String((error as Error)?.stack ?? error)}`)
        }
      }, delay),
    )
  }

  /** Schedules a check of every open document that read one of these files (all, when none given). */
  function recheckDependents(realPaths?: ReadonlySet<string>, except?: string): void {
    for (const file of open.all()) {
      if (file.uri === except) continue
      const dependencies = checks.get(file.uri)?.dependencies
      if (realPaths === undefined || dependencies === undefined || [...realPaths].some((path) => dependencies.has(path))) schedule(file.uri)
    }
  }

  /** Asks the client to report changes to the folders a check read, when it can watch files. */
  function watchFolders(result: DocumentCheck): void {
    if (watchesFiles === false) return
    const folders = [...result.dependencies].map((path) => posix.dirname(path)).filter((folder) => folder.startsWith('/') && !watchedFolders.has(folder))
    if (folders.length === 0) return
    for (const folder of folders) watchedFolders.add(folder)
    const relative = watchesFiles.relativePatterns
    const watchers = [...new Set(folders)].map((folder) => {
      const uri = systemPathToUri(folder, settings.root)
      return {globPattern: relative ? {baseUri: uri, pattern: '*'} : `${new URL(uri).pathname}/*`}
    })
    connection.client.register(DidChangeWatchedFilesNotification.type, {watchers}).catch((error: unknown) => {
      connection.console.warn(`harden-config: the client would not watch ${folders.join(', ')}: ${String(error)}`)
    })
  }

  /** Applies new client settings: every cached file is forgotten (the root may have moved) and every document checked again. */
  function applySettings(layer: LanguageServerSettings, problems: readonly string[]): void {
    clientSettings = layer
    settings = mergeSettings(options.settings ?? {}, initialSettings, clientSettings)
    const said = problems.join('\n')
    if (said !== '' && said !== lastProblems) warn(problems)
    lastProblems = said
    disk.invalidate()
    for (const file of open.all()) reopen(file.uri)
  }

  /** Records where an open document is on the system (after the root changed, or when it opens). */
  function reopen(uri: string): void {
    const document = documents.get(uri)
    if (document === undefined) return
    const path = uriToSystemPath(uri, settings.root)
    let realPath = path
    try {
      realPath = disk.realPath(path)
    } catch {
      // A loop of links: the check reports it.
    }
    open.set({uri, version: document.version, path, realPath}, document.getText())
    schedule(uri, 0)
  }

  async function pullSettings(): Promise<void> {
    if (!pullsConfiguration) return
    try {
      const raw: unknown = await connection.workspace.getConfiguration(SETTINGS_SECTION)
      const {settings: layer, problems} = readSettings(raw)
      applySettings(layer, problems)
    } catch (error) {
      connection.console.warn(`harden-config: could not read the ${SETTINGS_SECTION} settings: ${String(error)}`)
    }
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities
    const workspaceEdit = capabilities.workspace?.workspaceEdit
    support = {documentChanges: workspaceEdit?.documentChanges === true, createFiles: workspaceEdit?.resourceOperations?.includes('create') === true}
    pullsConfiguration = capabilities.workspace?.configuration === true
    const watched = capabilities.workspace?.didChangeWatchedFiles
    watchesFiles = watched?.dynamicRegistration === true ? {relativePatterns: watched.relativePatternSupport === true} : false
    const {settings: layer, problems} = readSettings(params.initializationOptions)
    initialSettings = layer
    settings = mergeSettings(options.settings ?? {}, initialSettings)
    // The host under the root the settings name.
    disk.invalidate()
    if (problems.length > 0) lastProblems = problems.join('\n')
    // Folders are not needed: a document is found by its own path. They are only logged.
    const folders: WorkspaceFolder[] = params.workspaceFolders ?? []
    connection.console.log(`harden-config ${VERSION} language server; ${folders.length === 0 ? 'no workspace folder' : `folders: ${folders.map((f) => f.uri).join(', ')}`}`)
    return {
      capabilities: {
        textDocumentSync: {openClose: true, change: TextDocumentSyncKind.Incremental, save: {includeText: false}},
        codeActionProvider: {codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll]},
        hoverProvider: true,
        executeCommandProvider: {commands: [PATCH_COMMAND]},
      },
      serverInfo: {name: 'harden-config', version: VERSION},
    }
  })

  connection.onInitialized(() => {
    if (lastProblems !== '') warn(lastProblems.split('\n'))
    if (pullsConfiguration) {
      connection.client.register(DidChangeConfigurationNotification.type, {section: SETTINGS_SECTION}).catch(() => undefined)
      void pullSettings()
    }
  })

  connection.onDidChangeConfiguration((params) => {
    if (pullsConfiguration) {
      void pullSettings()
      return
    }
    const {settings: layer, problems} = readSettings(params.settings)
    applySettings(layer, problems)
  })

  documents.onDidOpen(({document}) => {
    // Opening a file is a moment to read it afresh: what is cached of it may be older.
    disk.invalidate([uriToSystemPath(document.uri, settings.root)])
  })

  documents.onDidChangeContent(({document}) => {
    const before = open.get(document.uri)
    if (before === undefined) {
      reopen(document.uri)
    } else {
      open.set({...before, version: document.version}, document.getText())
      schedule(document.uri)
    }
    const file = open.get(document.uri)
    if (file !== undefined) recheckDependents(new Set([file.realPath]), document.uri)
  })

  documents.onDidSave(() => {
    // The disk changed, and a client that watches no files says nothing of other changes:
    // read every file afresh, once.
    disk.invalidate()
    recheckDependents()
  })

  documents.onDidClose(({document}) => {
    clearTimeout(pending.get(document.uri))
    pending.delete(document.uri)
    checks.delete(document.uri)
    stale.delete(document.uri)
    const file = open.delete(document.uri)
    void connection.sendDiagnostics({uri: document.uri, diagnostics: []})
    if (file === undefined) return
    // Whatever the editor held is gone: the disk's version counts again.
    disk.invalidate([file.path, file.realPath])
    recheckDependents(new Set([file.realPath]))
  })

  connection.onDidChangeWatchedFiles(({changes}) => {
    const paths = changes.map((change) => uriToSystemPath(change.uri, settings.root))
    disk.invalidate(paths)
    // A new file may be matched by an include's pattern that no check has read yet: check every document.
    recheckDependents()
  })

  connection.onCodeAction(({textDocument, range, context}) => {
    const last = current(textDocument.uri)
    const file = open.get(textDocument.uri)
    const document = documents.get(textDocument.uri)
    if (last === undefined || file === undefined || document === undefined) return null
    const actions: CodeAction[] = []
    if (wants(context.only, CodeActionKind.QuickFix)) actions.push(...quickFixes(last, range, actionContext()))
    const anySafe = last.findings.some((finding) => finding.fix?.safety === 'safe' && finding.fix.edits.length > 0)
    if (anySafe && wants(context.only, CodeActionKind.SourceFixAll)) {
      try {
        const all = fixAll(runHarden({document, path: file.path}, env(), last.type, 'safe'), last, actionContext())
        if (all !== undefined) actions.push(all)
      } catch (error) {
        // The check succeeded on this text, so this is unexpected: keep the quick fixes.
        connection.console.error(`harden-config: fix-all of ${textDocument.uri} failed: ${String((error as Error)?.stack ?? error)}`)
      }
    }
    return actions
  })

  connection.onHover(({textDocument, position}) => {
    const last = current(textDocument.uri)
    return last === undefined ? null : hoverAt(last, position, (id) => rules.get(id))
  })

  connection.onExecuteCommand(({command, arguments: args}): PatchResult | null => {
    if (command !== PATCH_COMMAND) throw new Error(`Unknown command ${command}; this server has ${PATCH_COMMAND}`)
    const request = readPatchArguments(args)
    if (typeof request === 'string') throw new Error(request)
    const last = current(request.uri)
    const file = open.get(request.uri)
    const document = documents.get(request.uri)
    if (last === undefined || file === undefined || document === undefined) throw new Error(`${request.uri} is not open: open it first`)
    if (last.format === undefined) return {patch: '', files: []}
    // A document that does not load (a syntax error) has no patch: the error is its diagnostic.
    return patchResult(runHarden({document, path: file.path}, env(), last.type, request.fix), open)
  })

  documents.listen(connection)
  connection.listen()

  return {
    connection,
    documents,
    settings: () => settings,
    dispose() {
      for (const timer of pending.values()) clearTimeout(timer)
      pending.clear()
    },
  }
}
