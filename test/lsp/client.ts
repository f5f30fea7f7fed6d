/**
 * A language client for tests: drives the server over the protocol, in-process (two
 * PassThrough streams, the server in this thread) or over a child's standard input and
 * output. It answers what the server asks (`workspace/configuration`,
 * `client/registerCapability`) and keeps every `publishDiagnostics` it receives, so that a
 * test can wait for the diagnostics of a given document version.
 */
import {PassThrough} from 'node:stream'
import type {ChildProcessWithoutNullStreams} from 'node:child_process'
import {createConnection} from 'vscode-languageserver/node'
import {
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExecuteCommandRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionKind,
  type FileEvent,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
} from 'vscode-languageserver-protocol/node'
import {createLanguageServer, type LanguageServer, type LanguageServerOptions} from '../../src/lsp/server.js'
import type {PatchResult} from '../../src/lsp/patch-command.js'

/** What VS Code says it can apply: versioned document changes, and file creation. */
export const EDITOR_CAPABILITIES: ClientCapabilities = {
  workspace: {
    workspaceEdit: {documentChanges: true, resourceOperations: ['create', 'rename', 'delete']},
    configuration: true,
    didChangeWatchedFiles: {dynamicRegistration: true, relativePatternSupport: true},
  },
  textDocument: {publishDiagnostics: {relatedInformation: true, versionSupport: true}},
}

/** Options of a test session. */
export interface SessionOptions {
  /** What the client says it can do (default: nothing). */
  capabilities?: ClientCapabilities
  initializationOptions?: unknown
  /** What `workspace/configuration` answers for the `harden-config` section. */
  configuration?: unknown
  rootUri?: string | null
  workspaceFolders?: InitializeParams['workspaceFolders']
}

/** A client connected to a server. */
export class TestClient {
  readonly connection: ProtocolConnection
  readonly published: PublishDiagnosticsParams[] = []
  readonly registrations: Registration[] = []
  readonly messages: string[] = []
  initializeResult: InitializeResult | undefined
  #waiters: Array<() => void> = []
  #versions = new Map<string, number>()

  /**
   * @param connection the client's end of the protocol
   * @param options what to answer the server
   */
  constructor(connection: ProtocolConnection, readonly options: SessionOptions = {}) {
    this.connection = connection
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params)
      for (const wake of this.#waiters.splice(0)) wake()
    })
    connection.onNotification('window/showMessage', (params: {message: string}) => {
      this.messages.push(params.message)
    })
    connection.onNotification('window/logMessage', () => undefined)
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => options.configuration ?? null))
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations)
    })
    connection.listen()
  }

  /** Sends `initialize` and `initialized`. */
  async initialize(): Promise<InitializeResult> {
    this.initializeResult = await this.connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: this.options.rootUri ?? null,
      workspaceFolders: this.options.workspaceFolders ?? null,
      capabilities: this.options.capabilities ?? {},
      initializationOptions: this.options.initializationOptions,
    })
    await this.connection.sendNotification(InitializedNotification.type, {})
    return this.initializeResult
  }

  /**
   * The diagnostics published for a document at a version (or any, when not given), waiting
   * for them when they have not come yet.
   *
   * @param uri the document
   * @param version the version they must be for
   * @param timeout how long to wait, in milliseconds
   */
  async diagnostics(uri: string, version?: number, timeout = 10_000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeout
    for (;;) {
      const found = this.published.findLast((p) => p.uri === uri && (version === undefined || p.version === version))
      if (found !== undefined) return found
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`No diagnostics for ${uri}${version === undefined ? '' : ` version ${version}`} within ${timeout} ms; got ${JSON.stringify(this.published.map((p) => [p.uri, p.version]))}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.#waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  /** Waits until nothing has been published for a while, and returns what came for a document since `from`. */
  async settle(uri: string, from: number, quiet = 50): Promise<PublishDiagnosticsParams[]> {
    let count = -1
    while (count !== this.published.length) {
      count = this.published.length
      await new Promise((resolve) => setTimeout(resolve, quiet))
    }
    return this.published.slice(from).filter((p) => p.uri === uri)
  }

  /**
   * Opens a document and waits for its first diagnostics.
   *
   * @param uri its URI
   * @param text its text
   * @param languageId its language (default `plaintext`: the name or a hint tells the format)
   */
  async open(uri: string, text: string, languageId = 'plaintext'): Promise<PublishDiagnosticsParams> {
    this.#versions.set(uri, 1)
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {textDocument: {uri, languageId, version: 1, text}})
    return this.diagnostics(uri, 1)
  }

  /**
   * Replaces a document's whole text (or a range of it) and waits for its diagnostics.
   *
   * @param uri the document
   * @param text the new text
   * @param range the range replaced (default: the whole text)
   */
  async change(uri: string, text: string, range?: Range): Promise<PublishDiagnosticsParams> {
    const version = (this.#versions.get(uri) ?? 0) + 1
    this.#versions.set(uri, version)
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {textDocument: {uri, version}, contentChanges: [range === undefined ? {text} : {range, text}]})
    return this.diagnostics(uri, version)
  }

  /** The version the client last sent for a document. */
  version(uri: string): number {
    return this.#versions.get(uri) ?? 0
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, {textDocument: {uri}})
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, {textDocument: {uri}})
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, {changes})
  }

  /**
   * Asks for code actions at a range.
   *
   * @param uri the document
   * @param range where
   * @param only the kinds asked for
   */
  async codeActions(uri: string, range: Range, only?: CodeActionKind[]): Promise<CodeAction[]> {
    const diagnostics = this.published.findLast((p) => p.uri === uri)?.diagnostics ?? []
    const result = await this.connection.sendRequest(CodeActionRequest.type, {textDocument: {uri}, range, context: {diagnostics, ...(only === undefined ? {} : {only})}})
    return (result ?? []) as CodeAction[]
  }

  async hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, {textDocument: {uri}, position: {line, character}})
  }

  async patch(uri: string, fix?: 'safe' | 'unsafe'): Promise<PatchResult> {
    return (await this.connection.sendRequest(ExecuteCommandRequest.type, {command: 'harden-config.patch', arguments: [fix === undefined ? uri : {uri, fix}]})) as PatchResult
  }

  async shutdown(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type)
  }
}

/** A server and a client in this thread. */
export interface InProcessSession {
  client: TestClient
  server: LanguageServer
  /** Stops the server's timers and closes both ends. */
  close(): void
}

/**
 * Starts a server in this thread and a client connected to it, and initializes it.
 *
 * @param server the server's options (a host to read, settings)
 * @param session what the client says and answers
 */
export async function startInProcess(server: LanguageServerOptions = {}, session: SessionOptions = {}): Promise<InProcessSession> {
  const toServer = new PassThrough()
  const toClient = new PassThrough()
  // Message readers and writers, not the raw streams: given a stream, vscode-languageserver
  // exits the process when it ends.
  const running = createLanguageServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)), server)
  const client = new TestClient(createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)), session)
  await client.initialize()
  return {
    client,
    server: running,
    close() {
      running.dispose()
      client.connection.dispose()
      running.connection.dispose()
      toServer.end()
      toClient.end()
    },
  }
}

/**
 * A client over a child process's standard input and output (`--stdio`).
 *
 * @param child the server process
 * @param session what the client says and answers
 */
export function stdioClient(child: ChildProcessWithoutNullStreams, session: SessionOptions = {}): TestClient {
  return new TestClient(createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)), session)
}
