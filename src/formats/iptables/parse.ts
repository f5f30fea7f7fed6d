/**
 * Parses `iptables-save` / `ip6tables-save` text into a lossless tree. The only module that
 * imports the generated parser.
 *
 * The grammar (grammars/iptables.peggy) is the definition. Nearly every line of a real file
 * is a comment, a `*table`, a `:chain`, `COMMIT` or a command whose quotes (iptables-save
 * quotes every comment) are closed pairs without escapes, and building those through Peggy
 * costs a rule call per character; so such lines are read here with one regular expression
 * or a sticky word pattern each, into the very nodes the grammar builds, and every other
 * line (an escaped or unclosed quote, a `\r`) is read by the grammar's `AnyLine` rule, one
 * line at a time. test/properties/iptables-roundtrip.test.ts checks that both agree.
 *
 * Nothing iptables-restore refuses is an error here (a CRLF line end, a line of blanks, an
 * indented comment, a command outside a table, a missing `COMMIT`): the tree holds it and
 * the rules report it. Only text that is no configuration file at all (a NUL byte, binary
 * data, over the size limit) throws a {@link ConfigSyntaxError}.
 */
import {assertConfigText} from '../../core/document.js'
import {DEFAULT_LIMITS, type ParseOptions} from '../../core/format.js'
import {fromPeggyError, isPeggyError, type PeggyError} from '../../core/peggy.js'
import {LineIndex, lineBounds, type LineBounds} from '../../core/text.js'
import {parse as generatedParse} from './_generated/parser.js'
import {groupWords} from './option-table.js'
import type {IptablesCommit, IptablesHeader, IptablesLine, IptablesRoot, IptablesRootContent, IptablesTable, IptablesWord} from './types.js'

// Lines with a carriage return go to the grammar, and so do lines whose quotes are not all
// simple closed pairs (an escape, an odd count): those need its care.
const SPECIAL = /\r/
const ESCAPED_QUOTES = /\\/
const BLANK = /^[ \t]*$/
const COMMENT = /^([ \t]*)(#.*)$/
const COMMIT = /^([ \t]*)COMMIT([ \t]*)$/
const COUNTERS = /^\[[^\]]*\]/

type Pos = (start: number, end: number) => {start: ReturnType<LineIndex['point']>; end: ReturnType<LineIndex['point']>}

/**
 * Parses an iptables-save file.
 *
 * @param text the file's text
 * @param options the file's name (for errors) and the size limit
 * @throws {ConfigSyntaxError} on binary data or NUL bytes, which are no rule set
 */
export function parse(text: string, options: ParseOptions = {}): IptablesRoot {
  const path = options.path ?? '<input>'
  assertConfigText(text, path, options.maxSize ?? DEFAULT_LIMITS.maxFileSize)
  const index = new LineIndex(text)
  try {
    return parseLines(text, index, path)
  } catch (error) {
    if (isPeggyError(error)) throw fromPeggyError(error, path, text)
    throw error
  }
}

/**
 * Parses with the grammar alone, without the fast path: for tests that keep both in
 * agreement, and as the reference reading.
 *
 * @param text the file's text
 */
export function parseWithGrammar(text: string): IptablesRoot {
  return generatedParse(text, {lineIndex: new LineIndex(text), groupWords})
}

/**
 * Splits a piece of a line into words with positions: at blanks (header and chain lines,
 * where quotes are ordinary characters), or as a command's words (`quoted`: a closed quote
 * ends its word).
 */
function splitWords(content: string, base: number, pos: Pos, quoted = false): {words: IptablesWord[]; trailing: string} {
  // A loop over the characters rather than a regular expression: a match array per word
  // is garbage that a 20,000-rule file turns into most of the parse time.
  const words: IptablesWord[] = []
  const length = content.length
  let at = 0
  for (;;) {
    let start = at
    while (start < length && (content.charCodeAt(start) === 32 || content.charCodeAt(start) === 9)) start++
    if (start === length) break
    let end = start
    for (;;) {
      if (end === length) break
      const c = content.charCodeAt(end)
      if (c === 32 || c === 9) break
      if (c === 34 && quoted) {
        // The closing quote ends the word (its pair is there: the caller checked).
        const close = content.indexOf('"', end + 1)
        end = close === -1 ? length : close + 1
        break
      }
      end++
    }
    const value = content.slice(start, end)
    words.push({type: 'word', value, before: content.slice(at, start), position: pos(base + start, base + end)})
    at = end
  }
  return {words, trailing: content.slice(at)}
}

/**
 * Reads one plain line (no `\r`, quotes in closed pairs) into the node the grammar would
 * build, or answers undefined when the grammar must read it.
 */
function fastLine(content: string, start: number, eol: string, pos: Pos): IptablesHeader | IptablesLine | undefined {
  if (BLANK.test(content)) return {type: 'blank', value: content, eol, position: pos(start, start + content.length)}
  let m = COMMENT.exec(content)
  if (m !== null) {
    const at = start + m[1]!.length
    return {type: 'comment', indent: m[1]!, value: m[2]!, eol, position: pos(at, at + m[2]!.length)}
  }
  m = COMMIT.exec(content)
  if (m !== null) {
    const at = start + m[1]!.length
    return {type: 'commit', indent: m[1]!, trailing: m[2]!, eol, position: pos(at, at + 6)}
  }
  // Only spaces and tabs indent (String#trimStart would take a U+FEFF too).
  const indentLength = /^[ \t]*/.exec(content)![0].length
  const first = content[indentLength]
  if (first === '*' || first === ':') {
    const indent = content.slice(0, indentLength)
    const base = start + indentLength + 1
    const {words, trailing} = splitWords(content.slice(indentLength + 1), base, pos)
    const end = start + content.length - trailing.length
    if (first === '*') {
      const header: IptablesHeader = {type: 'header', indent, rest: words.slice(1), trailing, eol, position: pos(start + indentLength, end)}
      if (words.length > 0) header.name = words[0]!
      return header
    }
    const chain: IptablesLine = {type: 'chain', indent, rest: words.slice(3), trailing, eol, position: pos(start + indentLength, end)}
    if (words.length > 0) chain.name = words[0]!
    if (words.length > 1) chain.policy = words[1]!
    if (words.length > 2) chain.counters = words[2]!
    return chain
  }
  // A command, after optional counters in the first column.
  let counterText: string | undefined
  if (content.startsWith('[')) {
    const c = COUNTERS.exec(content)
    // A `[` without `]`: the grammar makes it an invalid line.
    if (c === null) return {type: 'invalid', value: content, eol, position: pos(start, start + content.length)}
    counterText = c[0]
  }
  const skip = counterText?.length ?? 0
  const {words, trailing} = splitWords(content.slice(skip), start + skip, pos, true)
  // A quote the word pattern could not pair (one inside the counters made the count even):
  // the grammar reads the line.
  if (!/^[ \t]*$/.test(trailing)) return undefined
  const firstStart = counterText !== undefined ? start : words[0]!.position!.start.offset!
  const lastEnd = words.length > 0 ? words[words.length - 1]!.position!.end.offset! : start + skip
  const rule: IptablesLine = {type: 'rule', children: groupWords(words), trailing, eol, position: pos(firstStart, lastEnd)}
  if (counterText !== undefined) rule.counters = {type: 'counters', value: counterText, position: pos(start, start + skip)}
  return rule
}

function parseLines(text: string, index: LineIndex, path: string): IptablesRoot {
  const pos: Pos = (start, end) => ({start: index.point(start), end: index.point(end)})
  let bom = false
  let start = 0
  if (text.charCodeAt(0) === 0xfeff) {
    bom = true
    start = 1
  }
  const children: IptablesRootContent[] = []
  let table: IptablesTable | undefined
  const close = (commit: IptablesCommit | undefined): void => {
    if (table === undefined) return
    const last = commit ?? table.children[table.children.length - 1] ?? table.header
    table.position = pos(table.header.position!.start.offset!, last.position!.end.offset!)
    if (commit !== undefined) table.commit = commit
    table = undefined
  }
  let lineNumber = 0
  const bounds: LineBounds = {end: 0, eol: '', next: 0}
  while (start < text.length) {
    const {end, eol, next} = lineBounds(text, start, bounds)
    const content = text.slice(start, end)
    let node: IptablesHeader | IptablesLine | undefined
    if (!SPECIAL.test(content) && (!content.includes('"') || (!ESCAPED_QUOTES.test(content) && evenQuotes(content)))) {
      node = fastLine(content, start, eol, pos)
    }
    if (node === undefined) {
      const base = start
      const line = lineNumber
      try {
        node = generatedParse(text.slice(start, next), {startRule: 'AnyLine', lineIndex: {point: (offset: number) => index.point(base + offset)}, groupWords, grammarSource: path})
      } catch (error) {
        if (isPeggyError(error)) shiftLocation(error, base, line)
        throw error
      }
    }
    if (node.type === 'header') {
      close(undefined)
      table = {type: 'table', header: node, children: []}
      children.push(table)
    } else if (node.type === 'commit' && table !== undefined) {
      close(node)
    } else if (table !== undefined) {
      table.children.push(node)
    } else {
      children.push(node)
    }
    start = next
    lineNumber++
  }
  close(undefined)
  return {type: 'root', bom, children, position: pos(0, text.length)}
}

/** Whether a line holds an even number of `"`: every quote it opens, it closes. */
function evenQuotes(content: string): boolean {
  let count = 0
  for (let at = content.indexOf('"'); at !== -1; at = content.indexOf('"', at + 1)) count++
  return count % 2 === 0
}

/** Makes the location of an error in a line parsed alone a location in the whole text. */
function shiftLocation(error: PeggyError, base: number, line: number): void {
  error.location.start.offset += base
  error.location.start.line += line
}
