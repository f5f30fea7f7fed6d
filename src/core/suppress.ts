/**
 * Suppression comments: an administrator writes, in the file's own comment syntax, that a
 * finding is known and accepted, with the reason after `--` (as ESLint does):
 *
 *     # harden-config-disable-next-line sshd/x11-forwarding -- the lab GUI needs it
 *     X11Forwarding yes
 *
 * - `harden-config-disable-next-line RULE...`: findings on the next line;
 * - `harden-config-disable RULE...` up to `harden-config-enable RULE...` (or the end of the
 *   file): findings on the lines between;
 * - `harden-config-disable-file RULE...`: findings anywhere in the file, such as a setting
 *   the file lacks (reported at its first line).
 *
 * Rule ids are separated by spaces or commas; without one, a directive covers every rule.
 * An `enable` with names ends the ranges of those rules (a range of several goes on for the
 * others); a bare `enable` ends every range.
 * A suppressed finding is neither reported nor fixed. A directive is read only from a real
 * comment of the format (a node of type `comment` in its tree), so a `#` inside a value
 * never counts, and a directive that no longer suppresses anything is reported.
 */
import type {Node, Position} from 'unist'
import type {Document, Finding} from './rule.js'

/** What a directive covers. */
export type SuppressionKind = 'next-line' | 'range' | 'file'

/** Lines a directive covers, for some rules. */
export interface SuppressionSpan {
  /** First and last line (1-based, inclusive). */
  from: number
  to: number
  /** The rules; empty for every rule. */
  ruleIds: string[]
}

/** One directive, as read from a comment. */
export interface Suppression {
  /** The file, by system path. */
  file: string
  /** Where the comment is. */
  position: Position
  kind: SuppressionKind
  /** The rules it names; empty for every rule. */
  ruleIds: string[]
  /** The text after `--`, when there is one. */
  reason?: string | undefined
  /** What it covers: one span, or more when an `enable` ended it for some of its rules only. */
  spans: SuppressionSpan[]
  /** Rule ids it names that no rule has. */
  unknownRules: string[]
  /** How many findings it suppressed (counted by {@link suppressFindings}). */
  uses: number
  /** The rules of those findings. */
  usedRules: string[]
}

/** A finding that a directive suppressed, and the directive. */
export interface SuppressedFinding {
  finding: Finding
  suppression: Suppression
}

const DIRECTIVE = /^harden-config-(disable-next-line|disable-file|disable|enable)(?=\s|$)(.*)$/s

/** The markers a comment may start and end with, in the formats' syntaxes. */
const OPENING = /^(?:#+|\/\/+|\/\*+|;+)/
const CLOSING = /\*+\/$/

interface Comment {
  text: string
  position: Position
}

/**
 * The comments of a parsed file: every node of type `comment` in its tree, wherever it
 * hangs (children, or a field such as a line's trailing comment).
 *
 * @param tree the file's tree
 */
function commentsOf(tree: unknown): Comment[] {
  const found: Comment[] = []
  const stack: unknown[] = [tree]
  const seen = new Set<unknown>()
  while (stack.length > 0) {
    const value = stack.pop()
    if (value === null || typeof value !== 'object' || seen.has(value)) continue
    seen.add(value)
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i])
      continue
    }
    const node = value as Node & {value?: unknown}
    if (node.type === 'comment' && typeof node.value === 'string' && node.position?.start.offset !== undefined) {
      found.push({text: node.value, position: node.position as Position})
      continue
    }
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'position' && key !== 'data' && child !== null && typeof child === 'object') stack.push(child)
    }
  }
  return found.sort((a, b) => a.position.start.offset! - b.position.start.offset!)
}

/**
 * Reads one comment as a directive.
 *
 * @param text the comment as written, with its markers
 */
export function parseDirective(text: string): {verb: 'disable-next-line' | 'disable-file' | 'disable' | 'enable'; ruleIds: string[]; reason: string | undefined} | undefined {
  const body = text.trim().replace(OPENING, '').replace(CLOSING, '').trim()
  const match = DIRECTIVE.exec(body)
  if (match === null) return undefined
  const rest = match[2]!
  const split = /(?:^|\s)--(?:\s|$)/.exec(rest)
  const names = split === null ? rest : rest.slice(0, split.index)
  const reason = split === null ? undefined : rest.slice(split.index + split[0].length).trim()
  return {
    verb: match[1] as 'disable-next-line' | 'disable-file' | 'disable' | 'enable',
    ruleIds: names.split(/[\s,]+/).filter((id) => id !== ''),
    reason: reason === '' ? undefined : reason,
  }
}

/**
 * The suppression directives of a file.
 *
 * @param doc the parsed file
 * @param knownRules the ids of every rule, to tell a misspelt id
 */
export function findSuppressions(doc: Document<unknown>, knownRules: ReadonlySet<string>): Suppression[] {
  // Most files have none: skip the walk.
  if (!doc.text.includes('harden-config-')) return []
  const lastLine = doc.text.split('\n').length
  const suppressions: Suppression[] = []
  /** The open span of each `disable` directive, ended by an `enable` or the end of the file. */
  const open: Array<{suppression: Suppression; span: SuppressionSpan}> = []
  for (const comment of commentsOf(doc.tree)) {
    const directive = parseDirective(comment.text)
    if (directive === undefined) continue
    const {start, end} = comment.position
    if (directive.verb === 'enable') {
      // A bare `enable` ends every range; one with names ends those rules' ranges (a range
      // of several rules goes on for the others). A range of every rule ends only bare.
      for (const entry of [...open]) {
        const {span} = entry
        const ended = directive.ruleIds.length === 0 ? span.ruleIds : span.ruleIds.filter((id) => directive.ruleIds.includes(id))
        if (directive.ruleIds.length > 0 && ended.length === 0) continue
        span.to = start.line
        open.splice(open.indexOf(entry), 1)
        const rest = span.ruleIds.filter((id) => !ended.includes(id))
        if (directive.ruleIds.length > 0 && rest.length > 0) {
          span.ruleIds = ended
          const next = {from: start.line + 1, to: lastLine, ruleIds: rest}
          entry.suppression.spans.push(next)
          open.push({suppression: entry.suppression, span: next})
        }
      }
      continue
    }
    const kind: SuppressionKind = directive.verb === 'disable-next-line' ? 'next-line' : directive.verb === 'disable-file' ? 'file' : 'range'
    const span: SuppressionSpan = {
      from: kind === 'next-line' ? end.line + 1 : kind === 'file' ? 1 : start.line,
      to: kind === 'next-line' ? end.line + 1 : lastLine,
      ruleIds: directive.ruleIds,
    }
    const suppression: Suppression = {
      file: doc.path,
      position: comment.position,
      kind,
      ruleIds: directive.ruleIds,
      reason: directive.reason,
      spans: [span],
      unknownRules: directive.ruleIds.filter((id) => !knownRules.has(id)),
      uses: 0,
      usedRules: [],
    }
    suppressions.push(suppression)
    if (kind === 'range') open.push({suppression, span})
  }
  return suppressions
}

/**
 * Splits findings into those that stand and those a directive suppresses, counting each
 * directive's uses.
 *
 * @param findings the findings
 * @param suppressions the directives of every file the findings are in
 */
export function suppressFindings(findings: readonly Finding[], suppressions: readonly Suppression[]): {kept: Finding[]; suppressed: SuppressedFinding[]} {
  if (suppressions.length === 0) return {kept: [...findings], suppressed: []}
  const kept: Finding[] = []
  const suppressed: SuppressedFinding[] = []
  for (const finding of findings) {
    const line = finding.position.start.line
    const covers = (span: SuppressionSpan) => line >= span.from && line <= span.to && (span.ruleIds.length === 0 || span.ruleIds.includes(finding.ruleId))
    const by = suppressions.find((s) => s.file === finding.file && s.spans.some(covers))
    if (by === undefined) {
      kept.push(finding)
      continue
    }
    by.uses++
    if (!by.usedRules.includes(finding.ruleId)) by.usedRules.push(finding.ruleId)
    suppressed.push({finding, suppression: by})
  }
  return {kept, suppressed}
}
