/**
 * Edits of `sshd_config` files that know the format: where a new global directive goes,
 * how a value is replaced without touching the rest of its line, and how new text copies
 * the file's own style (separator, indent, line end).
 *
 * Every helper returns text edits over the original file; none changes a tree.
 */
import type {TextEdit} from '../../core/rule.js'
import {dominantLineEnding} from '../../core/text.js'
import {keywordName, type SshdConfig, type SshdDocument} from './semantics.js'
import type {SshdDirective, SshdLine, SshdRootContent} from './types.js'

/**
 * Writes a value as an argument sshd reads back as the same value: bare when it can be,
 * in double quotes (with `"` and `\` escaped) when it holds white space, quotes or a
 * leading `#`.
 *
 * @param value the value
 */
export function formatArgument(value: string): string {
  if (value !== '' && /^[^\s"'\\]+$/.test(value) && !value.startsWith('#')) return value
  return `"${value.replace(/["\\]/g, '\\$&')}"`
}

/** The style of a file: what new lines copy. */
export interface SshdStyle {
  /** Between keyword and first argument (` `, `=`, ` = `, a tab). */
  separator: string
  /** Between arguments. */
  spacing: string
  /** The line end. */
  eol: '\n' | '\r\n'
}

/**
 * The style most directives of a document use, or that of `fallback` when it has none.
 *
 * @param doc the document
 * @param fallback a document to copy when `doc` has no directive (a new drop-in copies the main file)
 */
export function documentStyle(doc: SshdDocument, fallback?: SshdDocument): SshdStyle {
  // Trees are never changed (fixes are text edits), so a document's own style is computed once.
  if (fallback === undefined) {
    let style = styles.get(doc)
    if (style === undefined) styles.set(doc, (style = computeStyle(doc)))
    return style
  }
  return computeStyle(doc, fallback)
}

const styles = new WeakMap<SshdDocument, SshdStyle>()

function computeStyle(doc: SshdDocument, fallback?: SshdDocument): SshdStyle {
  const separators = new Map<string, number>()
  const spacings = new Map<string, number>()
  let directives = 0
  const count = (map: Map<string, number>, key: string): void => void map.set(key, (map.get(key) ?? 0) + 1)
  const visit = (line: SshdLine): void => {
    if (line.type !== 'directive' || line.arguments.length === 0) return
    directives++
    count(separators, line.separator)
    for (const argument of line.arguments.slice(1)) count(spacings, argument.before)
  }
  for (const child of doc.tree.children) {
    if (child.type === 'match') {
      visit(child.head)
      for (const line of child.children) visit(line)
    } else {
      visit(child)
    }
  }
  if (directives === 0 && fallback !== undefined && fallback !== doc) return documentStyle(fallback)
  const most = (map: Map<string, number>, otherwise: string): string => [...map].sort((a, b) => b[1] - a[1])[0]?.[0] ?? otherwise
  const eolSource = doc.text.includes('\n') || fallback === undefined ? doc.text : fallback.text
  return {separator: most(separators, ' '), spacing: most(spacings, ' '), eol: dominantLineEnding(eolSource)}
}

/**
 * One directive line (without its line end) in a style.
 *
 * @param keyword the keyword, spelled as the man page does
 * @param values the argument values
 * @param style the file's style
 * @param indent what goes before the keyword
 */
export function renderDirective(keyword: string, values: readonly string[], style: SshdStyle, indent = ''): string {
  return `${indent}${keyword}${style.separator}${values.map(formatArgument).join(style.spacing)}`
}

/**
 * Replaces the arguments of a directive, keeping its keyword, separator and any trailing
 * comment as they are.
 *
 * @param doc the document that holds the directive
 * @param directive the directive
 * @param values the new argument values
 */
export function setArguments(doc: SshdDocument, directive: SshdDirective, values: readonly string[]): TextEdit {
  const style = documentStyle(doc)
  const args = directive.arguments
  const spacing = args[1]?.before ?? style.spacing
  const text = values.map(formatArgument).join(spacing)
  if (args.length === 0) {
    // `Keyword` alone, or `Keyword # comment`: put the value right after the keyword.
    const at = directive.keyword.position!.end.offset!
    const separator = directive.separator === '' ? style.separator : ''
    const offset = at + directive.separator.length
    return {file: doc.path, start: offset, end: offset, text: `${separator}${text}${directive.trailing.startsWith('#') ? ' ' : ''}`}
  }
  return {file: doc.path, start: args[0]!.position!.start.offset!, end: args[args.length - 1]!.position!.end.offset!, text}
}

/**
 * Renames a directive's keyword, keeping everything else on the line.
 *
 * @param doc the document
 * @param directive the directive
 * @param keyword the new keyword
 */
export function renameKeyword(doc: SshdDocument, directive: SshdDirective, keyword: string): TextEdit {
  const position = directive.keyword.position!
  return {file: doc.path, start: position.start.offset!, end: position.end.offset!, text: keyword}
}

/**
 * Removes a whole line, its line end included. On a last line without a line end, the
 * line end before it goes instead, so the file keeps ending the way it did.
 *
 * @param doc the document
 * @param line the line
 */
export function removeLine(doc: SshdDocument, line: SshdLine): TextEdit {
  const {start, end} = lineBounds(line)
  if (line.eol === '' && start > 0) {
    const before = doc.text.endsWith('\r\n', start) ? 2 : doc.text[start - 1] === '\n' ? 1 : 0
    return {file: doc.path, start: start - before, end, text: ''}
  }
  return {file: doc.path, start, end, text: ''}
}

/**
 * The offset where a line starts (its indent included) and where its line end ends. A
 * directive's position already runs to the end of its trailing text; a comment's and a
 * blank line's run to their line end.
 */
function lineBounds(line: SshdLine): {start: number; end: number} {
  const position = line.position!
  const start = position.start.offset! - ('indent' in line ? line.indent.length : 0)
  return {start, end: position.end.offset! + line.eol.length}
}

/**
 * Inserts a line after another one, in the document's style.
 *
 * @param doc the document
 * @param after the line to insert after
 * @param text the new line, without its line end
 * @param eol the line end to use
 */
function insertAfter(doc: SshdDocument, after: SshdLine, text: string, eol: string): TextEdit {
  const {end} = lineBounds(after)
  // A last line without a line end gets one, and the new line then ends as the file did.
  if (after.eol === '') return {file: doc.path, start: end, end, text: `${eol}${text}`}
  return {file: doc.path, start: end, end, text: `${text}${eol}`}
}

/**
 * Where a new global directive of `keyword` goes in a document, and with which indent:
 *
 * 1. right after a commented-out example of the same keyword in the global part
 *    (`#PermitRootLogin prohibit-password`), as an administrator would write it;
 * 2. otherwise after the last global directive;
 * 3. otherwise before the comments that introduce the first `Match` block, or at the end.
 *
 * Nothing goes after a `Match` line: sshd would read it as part of that block.
 */
function globalInsertionPoint(doc: SshdDocument, keyword: string): {after?: SshdLine; before?: SshdRootContent; indent: string} {
  const globals: SshdLine[] = []
  for (const child of doc.tree.children) {
    if (child.type === 'match') break
    globals.push(child)
  }
  const example = new RegExp(`^#\\s*${keyword}(?:[\\s=]|$)`, 'i')
  for (const line of globals) {
    // Examples after a commented-out `#Match` belong to that example block, not to the global part.
    if (line.type === 'comment' && /^#\s*Match(?:[\s=]|$)/i.test(line.value)) break
    if (line.type === 'comment' && example.test(line.value)) return {after: line, indent: line.indent.replace('=', '')}
  }
  const lastDirective = [...globals].reverse().find((line) => line.type === 'directive')
  if (lastDirective?.type === 'directive') return {after: lastDirective, indent: lastDirective.indent.replace('=', '')}
  const firstMatch = doc.tree.children.find((child) => child.type === 'match')
  if (firstMatch !== undefined) {
    // Keep the comment block right above the Match line with its Match.
    let index = doc.tree.children.indexOf(firstMatch)
    while (index > 0 && doc.tree.children[index - 1]!.type === 'comment') index--
    return {before: doc.tree.children[index]!, indent: ''}
  }
  const last = globals[globals.length - 1]
  return last === undefined ? {indent: ''} : {after: last, indent: ''}
}

/**
 * Adds a global directive where sshd will read it as global and where an administrator
 * would put it: in the configured drop-in when there is one, otherwise in the main file
 * (see {@link globalInsertionPoint}). Only for a keyword that has no global value yet:
 * sshd uses the first one, so an existing one must be changed instead.
 *
 * @param config the configuration
 * @param keyword the keyword, spelled as the man page does
 * @param values the argument values
 */
export function insertGlobalDirective(config: SshdConfig, keyword: string, values: readonly string[]): TextEdit {
  const doc = config.dropIn ?? config.main
  const style = documentStyle(doc, config.main)
  const point = globalInsertionPoint(doc, keyword)
  const line = renderDirective(keyword, values, style, point.indent)
  if (point.after !== undefined) return insertAfter(doc, point.after, line, style.eol)
  if (point.before !== undefined) {
    const {start} = lineBounds(point.before.type === 'match' ? point.before.head : point.before)
    return {file: doc.path, start, end: start, text: `${line}${style.eol}`}
  }
  // An empty file (a new drop-in), or one with only a byte order mark.
  const start = doc.tree.bom ? 1 : 0
  return {file: doc.path, start, end: start, text: `${line}${style.eol}`}
}

/**
 * Describes a directive as written, for messages: `PermitRootLogin yes`.
 *
 * @param directive the directive
 */
export function describeDirective(directive: SshdDirective): string {
  return [keywordName(directive), ...directive.arguments.map((a) => a.value)].join(' ')
}
