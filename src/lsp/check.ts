/**
 * Checking one open document: its text as the editor holds it, the files it includes as
 * the server's host serves them (open documents over a cache of the disk), one `harden()`
 * call, and the result kept for the requests that follow (quick fixes, hover, fix-all).
 */
import {DiagnosticSeverity, type Diagnostic} from 'vscode-languageserver/node'
import type {TextDocument} from 'vscode-languageserver-textdocument'
import {HardenConfigError} from '../core/errors.js'
import type {FileHost} from '../core/host.js'
import type {Finding} from '../core/rule.js'
import type {AnyFormat} from '../formats/index.js'
import {harden, type HardenResult} from '../harden.js'
import {detectDocumentFormat} from './detect.js'
import {DIAGNOSTIC_SOURCE, errorToDiagnostic, findingToDiagnostic, unusedSuppressionToDiagnostic} from './diagnostics.js'
import type {FileLocator} from './locator.js'
import {hardenOptions, type LanguageServerSettings} from './settings.js'
import {FileTexts} from './texts.js'

/** What every check of a server shares. */
export interface CheckEnvironment {
  settings: LanguageServerSettings
  /** The files: open documents over the cached disk. */
  host: FileHost
  /** The formats to know. */
  formats: readonly AnyFormat[]
  locator: FileLocator
}

/** A document and where it is on the system. */
export interface DocumentInput {
  document: TextDocument
  /** Its system path. */
  path: string
}

/** The outcome of checking one version of a document. */
export interface DocumentCheck {
  uri: string
  version: number
  /** Its system path. */
  path: string
  /** The real file behind it. */
  realPath: string
  /** Its format, or `undefined` when none could be told (no diagnostics then). */
  format: AnyFormat | undefined
  /** The format forced on `harden()` (from a hint or the language id), if any. */
  type: string | undefined
  /** The findings, by the index their diagnostics carry in `data.finding`. */
  findings: Finding[]
  /** The findings' diagnostics (at the same indexes), then those of unused suppressions or of the error that stopped the check. */
  diagnostics: Diagnostic[]
  /** The texts of the files read, for positions in them. */
  texts: FileTexts
  /** The real paths of every file the check read or needs: a change to one calls for a new check. */
  dependencies: ReadonlySet<string>
}

/**
 * Checks a document.
 *
 * @param input the document and its system path
 * @param env settings, host, formats and locator
 * @param previous the last check of the same document, whose dependencies are kept when this one fails
 */
export function checkDocument(input: DocumentInput, env: CheckEnvironment, previous?: DocumentCheck | undefined): DocumentCheck {
  const {document, path} = input
  const text = document.getText()
  const realPath = safeRealPath(env.host, path)
  const detection = detectDocumentFormat({systemPath: path, languageId: document.languageId, text}, env.formats)
  const base = {uri: document.uri, version: document.version, path, realPath, format: detection.format, findings: [], texts: new FileTexts([{path, realPath, original: text, created: false}])}
  if (detection.format === undefined) {
    const diagnostics: Diagnostic[] = detection.problem === undefined ? [] : [{range: {start: {line: 0, character: 0}, end: {line: 0, character: text.search(/[\r\n]|$/)}}, severity: DiagnosticSeverity.Warning, source: DIAGNOSTIC_SOURCE, code: 'TYPE', message: detection.problem}]
    return {...base, type: undefined, diagnostics, dependencies: new Set([realPath])}
  }
  const type = detection.by === 'name' ? undefined : detection.format.id
  try {
    const result = runHarden(input, env, type, 'none')
    const texts = new FileTexts(result.files)
    const context = {path, realPath, texts, locator: env.locator, version: document.version}
    return {
      ...base,
      type,
      findings: result.findings,
      // Findings first: a finding's diagnostic is at the finding's index.
      diagnostics: [...result.findings.map((finding, index) => findingToDiagnostic(finding, index, context)), ...result.unusedSuppressions.map((unused) => unusedSuppressionToDiagnostic(unused, context))],
      texts,
      // The configuration files that applied count too: editing one changes the findings.
      dependencies: new Set([realPath, ...result.files.map((file) => file.realPath), ...result.configFiles.map((file) => safeRealPath(env.host, file))]),
    }
  } catch (error) {
    const dependencies = new Set([realPath, ...(previous?.dependencies ?? [])])
    if (error instanceof HardenConfigError && error.file !== undefined) dependencies.add(safeRealPath(env.host, error.file))
    return {...base, type, diagnostics: [errorToDiagnostic(error, document, path, env.locator)], dependencies}
  }
}

/**
 * Runs `harden()` on a document as the editor holds it.
 *
 * @param input the document and its system path
 * @param env settings, host and formats
 * @param type the format to force, if any
 * @param fix the least trusted fixes to apply
 */
export function runHarden(input: DocumentInput, env: CheckEnvironment, type: string | undefined, fix: 'none' | 'safe' | 'unsafe'): HardenResult {
  return harden([{path: input.path, text: input.document.getText()}], hardenOptions(env.settings, {host: env.host, type, fix, formats: env.formats}))
}

/** The real path of a file, or the path itself when it cannot be resolved (a loop of links). */
function safeRealPath(host: FileHost, path: string): string {
  try {
    return host.realPath(path)
  } catch {
    return path
  }
}
