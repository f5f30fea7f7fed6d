/**
 * Edits of httpd configuration files that know the format: values replaced without
 * touching the rest of a line, a word taken out of a list, a directive added inside the
 * right section with that section's indent, in the file's own line ends.
 *
 * Every helper returns text edits over the original file; none changes a tree.
 */
import type {TextEdit} from '../../core/rule.js'
import {dominantLineEnding} from '../../core/text.js'
import type {ApacheConfig, ApacheDocument} from './semantics.js'
import type {ApacheContent, ApacheDirective, ApacheSection} from './types.js'

/**
 * Writes a value as a word httpd reads back as the same value: bare when it can be, in
 * double quotes (with `"` and `\` escaped) when it holds white space or starts with a quote.
 *
 * @param value the value
 */
export function formatWord(value: string): string {
  if (value !== '' && /^[^\s"'\\]+$/.test(value)) return value
  return `"${value.replace(/["\\]/g, '\\$&')}"`
}

/** Where a line node starts (its indent included) and where its line end ends. */
function lineBounds(node: ApacheContent | ApacheDirective): {start: number; end: number} {
  if (node.type === 'section') {
    const close = node.close
    return {start: node.open.position!.start.offset! - node.open.indent.length, end: close.position!.end.offset! + close.eol.length}
  }
  const position = node.position!
  const start = position.start.offset! - ('indent' in node ? node.indent.length : 0)
  const trailing = node.type === 'directive' ? node.trailing.length : 0
  return {start, end: position.end.offset! + trailing + node.eol.length}
}

/**
 * The line end most lines of a document use (a new, empty one copies the main file).
 *
 * @param doc the document
 * @param fallback the document to copy when `doc` has no line end
 */
export function documentEol(doc: ApacheDocument, fallback?: ApacheDocument): '\n' | '\r\n' {
  return dominantLineEnding(doc.text.includes('\n') || fallback === undefined ? doc.text : fallback.text)
}

/**
 * The indent one level deeper than another, as the document writes it: the step between a
 * section's opening tag and its first line, found anywhere in the document, or a tab (as
 * Debian's files do).
 *
 * @param doc the document
 */
export function indentStep(doc: ApacheDocument): string {
  const find = (children: readonly ApacheContent[]): string | undefined => {
    for (const child of children) {
      if (child.type !== 'section') continue
      const inner = child.children.find((c) => c.type === 'directive' || c.type === 'section')
      if (inner !== undefined) {
        const innerIndent = inner.type === 'section' ? inner.open.indent : inner.indent
        if (innerIndent.startsWith(child.open.indent) && innerIndent.length > child.open.indent.length) return innerIndent.slice(child.open.indent.length)
      }
      const deeper = find(child.children)
      if (deeper !== undefined) return deeper
    }
    return undefined
  }
  return find(doc.tree.children) ?? '\t'
}

/**
 * Replaces the arguments of a directive, keeping its name, spacing and line end.
 *
 * @param doc the document that holds it
 * @param directive the directive
 * @param values the new values
 */
export function setArguments(doc: ApacheDocument, directive: ApacheDirective, values: readonly string[]): TextEdit {
  const args = directive.arguments
  const text = values.map(formatWord).join(' ')
  if (args.length === 0) {
    const at = directive.name.position!.end.offset!
    return {file: doc.path, start: at, end: at, text: ` ${text}`}
  }
  return {file: doc.path, start: args[0]!.position!.start.offset!, end: args[args.length - 1]!.position!.end.offset!, text}
}

/**
 * Takes one word out of a directive's arguments, with the white space before it (or, for
 * the first word, after it).
 *
 * @param doc the document
 * @param directive the directive
 * @param index which argument
 */
export function removeArgument(doc: ApacheDocument, directive: ApacheDirective, index: number): TextEdit {
  const word = directive.arguments[index]!
  const start = word.position!.start.offset!
  const end = word.position!.end.offset!
  if (index === 0 && directive.arguments.length > 1) {
    const next = directive.arguments[1]!
    return {file: doc.path, start, end: next.position!.start.offset!, text: ''}
  }
  return {file: doc.path, start: start - word.before.length, end, text: ''}
}

/**
 * Replaces one word of a directive's arguments.
 *
 * @param doc the document
 * @param directive the directive
 * @param index which argument
 * @param value the new value
 */
export function replaceArgument(doc: ApacheDocument, directive: ApacheDirective, index: number, value: string): TextEdit {
  const word = directive.arguments[index]!
  return {file: doc.path, start: word.position!.start.offset!, end: word.position!.end.offset!, text: formatWord(value)}
}

/**
 * Removes a whole line (a directive, a comment), its line end included; on a last line
 * without one, the line end before it goes instead.
 *
 * @param doc the document
 * @param node the line
 */
export function removeLine(doc: ApacheDocument, node: ApacheDirective): TextEdit {
  const {start, end} = lineBounds(node)
  if (node.eol === '' && start > 0) {
    const before = doc.text.endsWith('\r\n', start) ? 2 : doc.text[start - 1] === '\n' ? 1 : 0
    return {file: doc.path, start: start - before, end, text: ''}
  }
  return {file: doc.path, start, end, text: ''}
}

/**
 * Adds a directive as the last line of a section, with the indent of the section's body.
 *
 * @param doc the document that holds the section
 * @param section the section
 * @param name the directive's name
 * @param values its values
 * @param fallback the document whose line ends to copy when `doc` has none (the main file)
 */
export function insertIntoSection(doc: ApacheDocument, section: ApacheSection, name: string, values: readonly string[], fallback?: ApacheDocument): TextEdit {
  const last = [...section.children].reverse().find((child) => child.type === 'directive' || child.type === 'section')
  const indent = last === undefined ? section.open.indent + indentStep(doc) : last.type === 'section' ? last.open.indent : last.indent
  const eol = section.open.eol === '' ? documentEol(doc, fallback) : section.open.eol
  const start = section.close.position!.start.offset! - section.close.indent.length
  return {file: doc.path, start, end: start, text: `${indent}${[name, ...values.map(formatWord)].join(' ')}${eol}`}
}

/**
 * What must go before new lines written at an offset so that httpd reads them as lines of
 * their own: nothing after a line end; a line end after text that has none; and an empty
 * line after a backslash-newline, which would otherwise join the new line to the one
 * before (httpd's continuation).
 *
 * @param doc the document
 * @param offset where the new lines go
 * @param eol the line end to write
 */
export function lineBreakBefore(doc: ApacheDocument, offset: number, eol: string): string {
  const before = doc.text.slice(0, offset)
  if (/\\\r?\n$/.test(before)) return eol
  return before === '' || before.endsWith('\n') ? '' : eol
}

/**
 * Appends whole lines at the end of the main file, after everything it includes, so that
 * httpd reads them last (the last value wins server-wide).
 *
 * @param config the configuration
 * @param lines the lines, without line ends
 */
export function appendServerLines(config: ApacheConfig, lines: readonly string[]): TextEdit {
  const doc = config.main
  const eol = documentEol(doc)
  const end = doc.text.length
  const lead = lineBreakBefore(doc, end, eol)
  // A file that ended without a line end keeps ending so.
  const text = lead === '' || doc.text.endsWith('\n') ? `${lines.join(eol)}${eol}` : lines.join(eol)
  return {file: doc.path, start: end, end, text: `${lead}${text}`}
}

/**
 * Adds lines after a node, each with the node's indent, in the document's line ends.
 *
 * @param doc the document
 * @param node the line or section to add after
 * @param lines the new lines, without indent and line end
 * @param fallback the document whose line ends to copy when `doc` has none (the main file)
 */
export function insertLinesAfter(doc: ApacheDocument, node: ApacheContent, lines: readonly string[], fallback?: ApacheDocument): TextEdit {
  const {end} = lineBounds(node)
  const indent = node.type === 'section' ? node.open.indent : node.type === 'blank' ? '' : node.indent
  const eol = documentEol(doc, fallback)
  const text = lines.map((line) => (line === '' ? '' : `${indent}${line}`)).join(eol)
  const lead = lineBreakBefore(doc, end, eol)
  // After a last line without a line end, the new lines end as the file did.
  const endsWithoutEol = end === doc.text.length && !doc.text.endsWith('\n')
  return {file: doc.path, start: end, end, text: endsWithoutEol ? `${lead}${text}` : `${lead}${text}${eol}`}
}

/**
 * Adds a server-wide directive at the end of the main file, after everything it includes,
 * so that it is the last one httpd reads (the last one wins for server-wide directives).
 *
 * @param config the configuration
 * @param name the directive
 * @param values its values
 */
export function appendServerDirective(config: ApacheConfig, name: string, values: readonly string[]): TextEdit {
  return appendServerLines(config, [[name, ...values.map(formatWord)].join(' ')])
}

/**
 * Describes a directive for messages: `ServerTokens OS`.
 *
 * @param directive the directive
 */
export function describeDirective(directive: ApacheDirective): string {
  return [directive.name.value, ...directive.arguments.map((word) => word.value)].join(' ')
}
