/**
 * Findings and errors as LSP diagnostics.
 *
 * - A finding in the document itself is shown where it is, with its rule id as `code`, a
 *   link to the rule's documentation, its severity (error, warning, information), and the
 *   places that explain it as related information.
 * - A finding in a file the document includes (a drop-in that turns passwords on) is shown
 *   on the document's first line, its message naming the file and line; its related
 *   information points at the place itself, and its quick fix edits that file.
 * - An error stops the check: a syntax error becomes one Error diagnostic where the daemon
 *   would stop reading; any other (a missing include, a bad setting) one on the first line.
 */
import type {Diagnostic, DiagnosticRelatedInformation, Range} from 'vscode-languageserver/node'
import {DiagnosticSeverity, DiagnosticTag} from 'vscode-languageserver/node'
import type {TextDocument} from 'vscode-languageserver-textdocument'
import {ConfigSyntaxError, HardenConfigError} from '../core/errors.js'
import {OptionError} from '../core/options.js'
import type {Finding, Severity} from '../core/rule.js'
import {ruleDocsUrl} from '../docs-url.js'
import type {UnusedSuppression} from '../harden.js'
import type {FileLocator} from './locator.js'
import type {FileTexts} from './texts.js'

/** Every diagnostic the server publishes carries this `source`. */
export const DIAGNOSTIC_SOURCE = 'harden-config'

/** What a finding's diagnostic carries in `data`, to find the finding again. */
export interface DiagnosticData {
  /** The finding's index in its check. */
  finding: number
  /** The document version the check was made for. */
  version: number
}

const SEVERITIES: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
}

const FIRST_LINE: Range = {start: {line: 0, character: 0}, end: {line: 0, character: 0}}

/**
 * The LSP severity of a finding's severity.
 *
 * @param severity the finding's severity
 */
export function diagnosticSeverity(severity: Severity): DiagnosticSeverity {
  return SEVERITIES[severity]
}

/** What turning a finding into a diagnostic needs. */
export interface DiagnosticContext {
  /** The document's system path. */
  path: string
  /** The real file behind it. */
  realPath: string
  /** The texts of the files the check read. */
  texts: FileTexts
  locator: FileLocator
  /** The document version the check was made for. */
  version: number
}

/**
 * Whether a finding is about the document itself (rather than a file it includes).
 *
 * @param finding the finding
 * @param context the document
 */
export function isInDocument(finding: Finding, context: Pick<DiagnosticContext, 'path' | 'realPath' | 'texts'>): boolean {
  return finding.file === context.path || context.texts.file(finding.file)?.realPath === context.realPath
}

/**
 * The range a finding is shown at in the document: its own place, or the first line for a
 * finding in an included file.
 *
 * @param finding the finding
 * @param context the document
 */
export function findingRange(finding: Finding, context: Pick<DiagnosticContext, 'path' | 'realPath' | 'texts'>): Range {
  return isInDocument(finding, context) ? context.texts.rangeOf(finding.file, finding.position) : FIRST_LINE
}

/**
 * A finding as a diagnostic of the document that was checked.
 *
 * @param finding the finding
 * @param index its index in the check, kept in `data`
 * @param context the document and the files the check read
 */
export function findingToDiagnostic(finding: Finding, index: number, context: DiagnosticContext): Diagnostic {
  const related: DiagnosticRelatedInformation[] = []
  let message = finding.message
  if (!isInDocument(finding, context)) {
    const where = finding.position.start
    message = `${finding.file}:${where.line}:${where.column}: ${finding.message}`
    related.push({location: {uri: context.locator.locate({path: finding.file, realPath: context.texts.file(finding.file)?.realPath}).uri, range: context.texts.rangeOf(finding.file, finding.position)}, message: 'The finding is here'})
  }
  for (const place of finding.related ?? []) {
    related.push({
      location: {uri: context.locator.locate({path: place.file, realPath: context.texts.file(place.file)?.realPath}).uri, range: context.texts.rangeOf(place.file, place.position)},
      message: place.message,
    })
  }
  const data: DiagnosticData = {finding: index, version: context.version}
  return {
    range: findingRange(finding, context),
    severity: diagnosticSeverity(finding.severity),
    code: finding.ruleId,
    codeDescription: {href: ruleDocsUrl(finding.ruleId)},
    source: DIAGNOSTIC_SOURCE,
    message,
    ...(related.length > 0 ? {relatedInformation: related} : {}),
    data,
  }
}

/** The code of a suppression comment that suppresses nothing, as the command reports it. */
export const UNUSED_SUPPRESSION = 'harden-config/unused-suppression'

/**
 * A suppression comment that suppresses nothing (or names no rule), as a diagnostic that an
 * editor shows faded: the comment can go.
 *
 * @param unused what `harden()` reported
 * @param context the document and the files the check read
 */
export function unusedSuppressionToDiagnostic(unused: UnusedSuppression, context: DiagnosticContext): Diagnostic {
  const inDocument = unused.file === context.path || context.texts.file(unused.file)?.realPath === context.realPath
  const where = unused.position.start
  return {
    range: inDocument ? context.texts.rangeOf(unused.file, unused.position) : FIRST_LINE,
    severity: unused.level === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: UNUSED_SUPPRESSION,
    source: DIAGNOSTIC_SOURCE,
    message: inDocument ? unused.message : `${unused.file}:${where.line}:${where.column}: ${unused.message}`,
    tags: [DiagnosticTag.Unnecessary],
  }
}

/**
 * An error that stopped a check, as one Error diagnostic of the document.
 *
 * @param error what `harden()` threw
 * @param document the document, as the editor has it
 * @param path the document's system path
 * @param locator where the editor has files, for an error in another file
 */
export function errorToDiagnostic(error: unknown, document: TextDocument, path: string, locator: FileLocator): Diagnostic {
  const base = {severity: DiagnosticSeverity.Error, source: DIAGNOSTIC_SOURCE} as const
  if (error instanceof ConfigSyntaxError) {
    const expected = error.expected.length > 0 ? ` (expected ${error.expected.slice(0, 8).join(', ')})` : ''
    if (error.file === path) {
      // The message starts with the file, line and column, which the editor shows already.
      const reason = error.message.replace(/^.*?:\d+:\d+: /s, '')
      return {...base, code: error.code, range: pointRange(document, error.point), message: `${reason}${expected}`}
    }
    const range = {start: {line: error.point.line - 1, character: error.point.column - 1}, end: {line: error.point.line - 1, character: error.point.column - 1}}
    return {
      ...base,
      code: error.code,
      range: FIRST_LINE,
      message: `${error.message}${expected}`,
      relatedInformation: [{location: {uri: locator.locate({path: error.file ?? path}).uri, range}, message: 'The syntax error is here'}],
    }
  }
  if (error instanceof HardenConfigError) return {...base, code: error.code, range: FIRST_LINE, message: error.message}
  if (error instanceof OptionError) return {...base, code: 'OPTION', range: FIRST_LINE, message: `harden-config settings: ${error.message}`}
  const text = error instanceof Error ? error.message : String(error)
  return {...base, code: 'INTERNAL', range: FIRST_LINE, message: `harden-config internal error, please report it: ${text}`}
}

/**
 * The range from a 1-based point to the end of its line: the rest of what the daemon could
 * not read.
 *
 * @param document the document
 * @param point the line and column
 */
function pointRange(document: TextDocument, point: {line: number; column: number}): Range {
  const line = Math.min(Math.max(point.line - 1, 0), document.lineCount - 1)
  const lineStart = document.offsetAt({line, character: 0})
  const lineEnd = line + 1 < document.lineCount ? document.offsetAt({line: line + 1, character: 0}) : document.getText().length
  const text = document.getText().slice(lineStart, lineEnd).replace(/\r?\n$|\r$/, '')
  const character = Math.min(Math.max(point.column - 1, 0), text.length)
  return {start: {line, character}, end: {line, character: text.length}}
}
