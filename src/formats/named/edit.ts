/**
 * Edits of `named.conf` files that know the format: a new statement goes into the right
 * block (`options`, each `view`) in the block's own indent, an `options` block is made
 * when there is none, an address match list or a value is replaced in place.
 *
 * Every helper returns text edits over the original file; none changes a tree. New text
 * copies the file's style: the indent of the block's statements (tabs in Debian's files),
 * the spacing inside one-line lists (`{ any; }` or `{any;}`), and the line end.
 */
import type {TextEdit} from '../../core/rule.js'
import {dominantLineEnding} from '../../core/text.js'
import {blockOf, statementsOf, termsOf, type NamedConfig, type NamedDocument, type NamedEntry} from './semantics.js'
import type {NamedBlock, NamedStatement} from './types.js'

/** The style of a file: what new statements copy. */
export interface NamedStyle {
  /** One level of indent (a tab in Debian's files). */
  indent: string
  /** The line end. */
  eol: '\n' | '\r\n'
  /** Spaces inside one-line braces: `{ any; }` (`' '`) or `{any;}` (`''`). */
  padding: string
}

const styles = new WeakMap<NamedDocument, NamedStyle>()

/**
 * The style most of a document uses: the indent of statements one level deep, the
 * padding of one-line lists, the line end. Computed once per document.
 *
 * @param doc the document
 * @param fallback a document to copy when `doc` shows no style (an empty file)
 */
export function documentStyle(doc: NamedDocument, fallback?: NamedDocument): NamedStyle {
  let style = styles.get(doc)
  if (style === undefined) styles.set(doc, (style = computeStyle(doc)))
  if (fallback !== undefined && fallback !== doc && !doc.text.includes('\n')) return {...documentStyle(fallback)}
  return style
}

function computeStyle(doc: NamedDocument): NamedStyle {
  const indents = new Map<string, number>()
  const paddings = new Map<string, number>()
  const count = (map: Map<string, number>, key: string): void => void map.set(key, (map.get(key) ?? 0) + 1)
  const visitBlock = (block: NamedBlock, depth: number): void => {
    const text = blockText(doc, block)
    if (!text.includes('\n')) {
      count(paddings, /^\{[ \t]/.test(text) ? ' ' : '')
    }
    for (const statement of statementsOf(block)) {
      if (depth === 1) {
        const indent = indentBefore(doc, statement)
        if (indent !== undefined && indent !== '') count(indents, indent)
      }
      for (const term of termsOf(statement)) if (term.type === 'block') visitBlock(term, depth + 1)
    }
  }
  for (const statement of statementsOf(doc.tree)) for (const term of termsOf(statement)) if (term.type === 'block') visitBlock(term, 1)
  const most = (map: Map<string, number>, otherwise: string): string => [...map].sort((a, b) => b[1] - a[1])[0]?.[0] ?? otherwise
  return {indent: most(indents, '\t'), padding: most(paddings, ' '), eol: dominantLineEnding(doc.text)}
}

function blockText(doc: NamedDocument, block: NamedBlock): string {
  return doc.text.slice(block.position!.start.offset!, block.position!.end.offset!)
}

/**
 * The white space between the start of a statement's line and the statement, or
 * undefined when something else stands before it on its line.
 */
function indentBefore(doc: NamedDocument, statement: NamedStatement): string | undefined {
  const start = statement.position!.start.offset!
  const lineStart = doc.text.lastIndexOf('\n', start - 1) + 1
  const before = doc.text.slice(lineStart, start)
  return /^[ \t]*$/.test(before) ? before : undefined
}

/**
 * Renders an address match list: `{ localhost; localnets; }`.
 *
 * @param elements the elements, as named reads them (`localhost`, `!10.0.0.1`, `"trusted"`)
 * @param style the file's style
 */
export function renderList(elements: readonly string[], style: Pick<NamedStyle, 'padding'>): string {
  if (elements.length === 0) return '{}'
  return `{${style.padding}${elements.map((e) => `${e};`).join(' ')}${style.padding}}`
}

/**
 * Writes a value as named reads it back: bare when it is a plain word, otherwise in double
 * quotes with `"` escaped.
 *
 * @param value the value
 */
export function formatValue(value: string): string {
  return /^[A-Za-z0-9._-]+$/.test(value) ? value : `"${value.replace(/"/g, '\\"')}"`
}

/**
 * Adds a statement at the end of a block that holds statements (`options { ... }`, a
 * view), in the indent of the block's other statements:
 *
 * - when the block's `}` stands on its own line, the new statement goes on a new line
 *   right above it;
 * - in a one-line block (`options { recursion no; };`) it goes right before the `}`.
 *
 * @param doc the document that holds the block
 * @param owner the statement whose block it is
 * @param statement the new statement, without its `;` (`allow-recursion { localhost; }`), or several
 */
export function insertIntoBlock(doc: NamedDocument, owner: NamedStatement, statement: string | readonly string[]): TextEdit {
  const statements = typeof statement === 'string' ? [statement] : statement
  const block = blockOf(owner)!
  const style = documentStyle(doc)
  const close = block.position!.end.offset! - 1
  const lineStart = doc.text.lastIndexOf('\n', close - 1) + 1
  const beforeClose = doc.text.slice(lineStart, close)
  if (/^[ \t]*$/.test(beforeClose) && lineStart > block.position!.start.offset!) {
    const siblings = statementsOf(block)
      .map((s) => indentBefore(doc, s))
      .filter((i): i is string => i !== undefined)
    const indent = siblings[siblings.length - 1] ?? `${beforeClose}${style.indent}`
    return {file: doc.path, start: lineStart, end: lineStart, text: statements.map((s) => `${indent}${s};${style.eol}`).join('')}
  }
  const spaced = /[ \t]$/.test(doc.text.slice(block.position!.start.offset!, close))
  const joined = statements.map((s) => `${s};`).join(' ')
  return {file: doc.path, start: close, end: close, text: spaced ? `${joined} ` : ` ${joined}${style.padding}`}
}

/**
 * Adds an option to the `options` block, or makes one when the configuration has none.
 *
 * A new block goes at the end of the main file. Its edit takes the file's last character
 * (and gives it back), so that two fixes that both make the block overlap: the engine
 * applies one and finds the other again in the next pass, where the block exists. For an
 * empty main file there is no such character, and no edit is offered (undefined).
 *
 * @param config the configuration
 * @param statement the new statement, without its `;`, or several
 */
export function insertOption(config: NamedConfig, statement: string | readonly string[]): TextEdit | undefined {
  const statements = typeof statement === 'string' ? [statement] : statement
  const options = config.root.entries.find((entry) => entry.keyword === 'options' && blockOf(entry.statement) !== undefined)
  if (options !== undefined) return insertIntoBlock(options.document, options.statement, statements)
  const doc = config.main
  const text = doc.text
  if (text.length === 0 || (doc.tree.bom && text.length === 1)) return undefined
  const style = documentStyle(doc)
  const last = text.length - (text.endsWith('\r\n') ? 2 : 1)
  const tail = text.slice(last)
  const block = `options {${style.eol}${statements.map((s) => `${style.indent}${s};${style.eol}`).join('')}};`
  const newText = /\n$/.test(tail) ? `${tail}${block}${style.eol}` : `${tail}${style.eol}${block}`
  return {file: doc.path, start: last, end: text.length, text: newText}
}

/**
 * Replaces the address match list of a statement (`allow-query { any; }`), keeping the
 * statement's keyword, its other terms and its trivia. A list written over several lines
 * is written over several lines again, in its own indent.
 *
 * @param entry the statement
 * @param elements the new elements
 */
export function replaceList(entry: NamedEntry, elements: readonly string[]): TextEdit {
  const doc = entry.document
  const block = blockOf(entry.statement)!
  const start = block.position!.start.offset!
  const end = block.position!.end.offset!
  const style = documentStyle(doc)
  const old = doc.text.slice(start, end)
  if (old.includes('\n') && elements.length > 0) {
    const items = statementsOf(block).map((s) => indentBefore(doc, s)).filter((i): i is string => i !== undefined)
    const closeIndent = /([ \t]*)\}$/.exec(old.slice(old.lastIndexOf('\n') + 1))?.[1] ?? ''
    const indent = items[0] ?? `${closeIndent}${style.indent}`
    const eol = old.includes('\r\n') ? '\r\n' : '\n'
    return {file: doc.path, start, end, text: `{${eol}${elements.map((e) => `${indent}${e};${eol}`).join('')}${closeIndent}}`}
  }
  const padding = old === '{}' ? style.padding : /^\{[ \t]/.test(old) ? ' ' : ''
  return {file: doc.path, start, end, text: renderList(elements, {padding})}
}

/**
 * Replaces the value of a one-value option (`recursion yes;`, `version "9.18";`), keeping
 * the rest of the statement.
 *
 * @param entry the statement
 * @param value the new value, as it must be written (`no`, `"none"`)
 */
export function replaceValue(entry: NamedEntry, value: string): TextEdit {
  const terms = termsOf(entry.statement)
  const target = terms[1]
  if (target === undefined || target.type === 'block') {
    // `recursion;` alone: add the value after the keyword.
    const at = terms[0]!.position!.end.offset!
    return {file: entry.document.path, start: at, end: at, text: ` ${value}`}
  }
  return {file: entry.document.path, start: target.position!.start.offset!, end: target.position!.end.offset!, text: value}
}
