/**
 * Parses `sshd_config` text into a lossless tree. The only module that imports the
 * generated parser.
 *
 * The grammar (grammars/sshd.peggy) is the definition. Most lines of a real file are
 * blank, a comment, or `Keyword plain arguments`, and building those through Peggy costs a
 * rule call, a regular expression test and an array push per character; so such lines are
 * read with one regular expression each, into the very nodes the grammar builds, and every
 * other line (quotes with backslashes, single quotes, `\r` or `\f` inside a line, `=` in
 * the indent, a quoted or unusual keyword, a BOM) is read by the grammar's `AnyLine` rule,
 * one line at a time. test/properties/sshd-fast-path.test.ts checks that both agree.
 */
import {assertConfigText} from '../../core/document.js'
import {DEFAULT_LIMITS, type ParseOptions} from '../../core/format.js'
import {fromPeggyError, isPeggyError, type PeggyError} from '../../core/peggy.js'
import {LineIndex, lineBounds, type LineBounds} from '../../core/text.js'
import {parse as generatedParse} from './_generated/parser.js'
import type {SshdArgument, SshdDirective, SshdLine, SshdMatch, SshdRoot} from './types.js'

// One argument of plain characters and `"..."` parts without backslashes (ArgumentPart).
const WORD = String.raw`(?:[^ \t\n"'\\]|"[^"\\\n]*")+`
// indent, keyword (ends at white space, `=` or the line end), separator (taken whole, as
// the grammar's ordered choice does), arguments (each ending at white space or the line
// end), trailing white space and comment.
const DIRECTIVE = new RegExp(
  String.raw`^([ \t]*)([A-Za-z][A-Za-z0-9]*)(?=[ \t=]|$)(?=([ \t]*=[ \t]*|[ \t]+|))\3(?:((?!#)${WORD}(?:[ \t]+(?!#)${WORD})*)(?=[ \t]|$))?([ \t]*(?:#.*)?)$`,
)
const ARGUMENT = new RegExp(String.raw`([ \t]*)(${WORD})`, 'y')
const COMMENT = /^([ \t]*)(#.*)$/
const BLANK = /^[ \t]*$/
// Lines with these go to the grammar.
const SPECIAL = /[\r\f]/

/**
 * Parses an `sshd_config` file.
 *
 * Lines sshd reads in a way the tree can still hold (an unknown keyword, a keyword without
 * arguments) are kept, and rules report them. Input sshd rejects outright and that has no
 * sensible tree (an unterminated quote, a NUL byte, binary data) throws a
 * {@link ConfigSyntaxError} with the file, line, column and a code frame.
 *
 * @param text the file's text
 * @param options the file's name (for errors) and the size limit
 */
export function parse(text: string, options: ParseOptions = {}): SshdRoot {
  const path = options.path ?? '<input>'
  assertConfigText(text, path, options.maxSize ?? DEFAULT_LIMITS.maxFileSize)
  const index = new LineIndex(text)
  try {
    if (text.charCodeAt(0) === 0xfeff) return generatedParse(text, {lineIndex: index, grammarSource: path})
    return parseLines(text, index, path)
  } catch (error) {
    if (isPeggyError(error)) throw fromPeggyError(error, path, text)
    throw error
  }
}

function parseLines(text: string, index: LineIndex, path: string): SshdRoot {
  const pos = (start: number, end: number) => ({start: index.point(start), end: index.point(end)})
  const global: SshdLine[] = []
  const blocks: SshdMatch[] = []
  let into = global
  let start = 0
  let lineNumber = 0
  const bounds: LineBounds = {end: 0, eol: '', next: 0}
  while (start < text.length) {
    const {end, eol, next} = lineBounds(text, start, bounds)
    const content = text.slice(start, end)
    let node: SshdLine | undefined
    let isMatch = false
    let m: RegExpExecArray | null
    if (!SPECIAL.test(content)) {
      if (BLANK.test(content)) {
        node = {type: 'blank', value: content, eol, position: pos(start, end)}
      } else if ((m = COMMENT.exec(content)) !== null) {
        const at = start + m[1]!.length
        node = {type: 'comment', indent: m[1]!, value: m[2]!, eol, position: pos(at, at + m[2]!.length)}
      } else if ((m = DIRECTIVE.exec(content)) !== null) {
        const indent = m[1]!
        const keyword = m[2]!
        const separator = m[3]!
        const argumentText = m[4]
        const trailing = m[5]!
        const at = start + indent.length
        const args: SshdArgument[] = []
        if (argumentText !== undefined) {
          const base = at + keyword.length + separator.length
          ARGUMENT.lastIndex = 0
          let a: RegExpExecArray | null
          while (ARGUMENT.lastIndex < argumentText.length && (a = ARGUMENT.exec(argumentText)) !== null) {
            const s = base + a.index + a[1]!.length
            args.push({type: 'argument', before: a[1]!, value: a[2]!, position: pos(s, s + a[2]!.length)})
          }
        }
        const directive: SshdDirective = {
          type: 'directive',
          indent,
          keyword: {type: 'keyword', value: keyword, position: pos(at, at + keyword.length)},
          separator,
          arguments: args,
          trailing,
          eol,
          position: pos(at, end),
        }
        node = directive
        isMatch = keyword.length === 5 && keyword.toLowerCase() === 'match'
      }
    }
    if (node === undefined) {
      const base = start
      const line = lineNumber
      try {
        const result = generatedParse(text.slice(start, next), {startRule: 'AnyLine', lineIndex: {point: (offset: number) => index.point(base + offset)}, grammarSource: path})
        node = result.line
        isMatch = result.match
      } catch (error) {
        if (isPeggyError(error)) shiftLocation(error, base, line)
        throw error
      }
    }
    if (isMatch) {
      const block: SshdMatch = {type: 'match', head: node as SshdDirective, children: [], position: undefined}
      blocks.push(block)
      into = block.children
    } else {
      into.push(node)
    }
    start = next
    lineNumber++
  }
  for (const block of blocks) {
    const last = block.children.length > 0 ? block.children[block.children.length - 1]! : block.head
    block.position = pos(block.head.position!.start.offset!, last.position!.end.offset!)
  }
  return {type: 'root', bom: false, children: [...global, ...blocks], position: pos(0, text.length)}
}

/** Makes the location of an error in a line parsed alone a location in the whole text. */
function shiftLocation(error: PeggyError, base: number, line: number): void {
  error.location.start.offset += base
  error.location.start.line += line
}
