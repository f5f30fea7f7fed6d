/**
 * Parses `named.conf` text into a lossless tree. The only module that imports the
 * generated parser (grammars/named.peggy, which is the definition).
 *
 * Building the tree through Peggy costs a rule call and a test per character class and
 * a choice per token; the syntax is simple enough that one sticky regular expression can
 * walk a well-formed file token by token and build the very nodes the grammar builds. So
 * {@link parse} does that, and hands the whole file to the grammar as soon as anything is
 * unusual (a byte order mark, anything the tokenizer cannot read, an unbalanced brace, a
 * missing `;`, a C comment glued to a word, blocks nested too deep): the grammar then
 * builds the tree or throws its precise error. test/properties/named-fast-path.test.ts
 * checks that both give the same tree, or both refuse.
 */
import {assertConfigText} from '../../core/document.js'
import {DEFAULT_LIMITS, type ParseOptions} from '../../core/format.js'
import {fromPeggyError, isPeggyError} from '../../core/peggy.js'
import {LineIndex} from '../../core/text.js'
import {parse as generatedParse} from './_generated/parser.js'
import type {NamedBlock, NamedBlockContent, NamedRoot, NamedStatement} from './types.js'

/**
 * How deep blocks may nest by default. Real files nest 3 or 4 deep (`view { zone {
 * allow-transfer { ... }; }; }`); the parser recurses once per level, so a hostile file
 * of thousands of `{` must not reach the end of the JavaScript stack.
 */
export const DEFAULT_MAX_DEPTH = 64

/** Options of {@link parse}. */
export interface NamedParseOptions extends ParseOptions {
  /** How deep blocks may nest (default {@link DEFAULT_MAX_DEPTH}). */
  maxDepth?: number | undefined
}

/**
 * Parses a `named.conf` file, or a file it includes.
 *
 * Statements named does not know are kept (rules report them); so is a byte order mark.
 * Input named refuses that has no sensible tree (a missing `;`, an unbalanced brace, an
 * unterminated string or comment, binary data) throws a {@link ConfigSyntaxError} with the
 * file, line, column and a code frame.
 *
 * @param text the file's text
 * @param options the file's name (for errors), the size limit and the nesting limit
 */
export function parse(text: string, options: NamedParseOptions = {}): NamedRoot {
  const path = options.path ?? '<input>'
  assertConfigText(text, path, options.maxSize ?? DEFAULT_LIMITS.maxFileSize)
  const lineIndex = new LineIndex(text)
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH
  return (text.charCodeAt(0) === 0xfeff ? undefined : parseTokens(text, lineIndex, maxDepth)) ?? parseGrammar(text, lineIndex, maxDepth, path)
}

/**
 * Parses with the generated parser alone (the definition; {@link parse} gives the same tree).
 *
 * @param text the file's text
 * @param options the file's name (for errors), the size limit and the nesting limit
 */
export function parseWithGrammar(text: string, options: NamedParseOptions = {}): NamedRoot {
  const path = options.path ?? '<input>'
  assertConfigText(text, path, options.maxSize ?? DEFAULT_LIMITS.maxFileSize)
  return parseGrammar(text, new LineIndex(text), options.maxDepth ?? DEFAULT_MAX_DEPTH, path)
}

function parseGrammar(text: string, lineIndex: LineIndex, maxDepth: number, path: string): NamedRoot {
  try {
    return generatedParse(text, {lineIndex, maxDepth, grammarSource: path})
  } catch (error) {
    if (isPeggyError(error)) throw fromPeggyError(error, path, text)
    throw error
  }
}

// White space | comment (a line comment stops before a CR that ends its line) | string | special | word.
const TOKEN = /([ \t\r\n]+)|(\/\*[\s\S]*?\*\/|(?:\/\/|#)(?:[^\r\n]|\r(?!\n))*)|("(?:[^"\\]|\\[\s\S])*")|([{};!])|((?:[^ \t\r\n{};"!/#]+|\/(?![/*]))+)/y

interface Frame {
  /** Where finished statements and the trivia between them go. */
  container: NamedBlockContent[]
  /** The statement being read, if any. */
  statement: NamedStatement | undefined
  /** The block this frame reads (undefined for the root). */
  block: NamedBlock | undefined
}

/**
 * Builds the tree of a well-formed file with one sticky regular expression, or returns
 * undefined as soon as anything is unusual (the grammar then reads the file).
 */
function parseTokens(text: string, lines: LineIndex, maxDepth: number): NamedRoot | undefined {
  const pos = (start: number, end: number) => ({start: lines.point(start), end: lines.point(end)})
  const root: NamedRoot = {type: 'root', bom: false, children: [], position: undefined}
  const stack: Frame[] = [{container: root.children, statement: undefined, block: undefined}]
  let frame = stack[0]!
  const statementAt = (start: number): NamedStatement => {
    frame.statement ??= {type: 'statement', children: [], position: pos(start, start)}
    return frame.statement
  }
  TOKEN.lastIndex = 0
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex
    const m = TOKEN.exec(text)
    if (m === null) return undefined
    const end = TOKEN.lastIndex
    if (m[1] !== undefined || m[2] !== undefined) {
      const node = m[1] !== undefined ? {type: 'whitespace' as const, value: m[1], position: pos(start, end)} : {type: 'comment' as const, value: m[2]!, position: pos(start, end)}
      if (frame.statement !== undefined) frame.statement.children.push(node)
      else frame.container.push(node)
    } else if (m[3] !== undefined) {
      statementAt(start).children.push({type: 'string', value: m[3], position: pos(start, end)})
    } else if (m[5] !== undefined) {
      // named re-reads the closing `/` of a C comment glued to a word: the grammar refuses it.
      if (text.startsWith('/*', end)) return undefined
      statementAt(start).children.push({type: 'word', value: m[5], position: pos(start, end)})
    } else {
      const special = m[4]!
      if (special === '!') {
        statementAt(start).children.push({type: 'negation', value: '!', position: pos(start, end)})
      } else if (special === '{') {
        if (stack.length > maxDepth) return undefined
        const block: NamedBlock = {type: 'block', children: [], position: pos(start, start)}
        statementAt(start).children.push(block)
        frame = {container: block.children, statement: undefined, block}
        stack.push(frame)
      } else if (special === '}') {
        if (frame.block === undefined || frame.statement !== undefined) return undefined
        frame.block.position = {start: frame.block.position!.start, end: lines.point(end)}
        stack.pop()
        frame = stack[stack.length - 1]!
      } else {
        const statement = frame.statement
        if (statement === undefined) return undefined
        statement.position = {start: statement.position!.start, end: lines.point(end)}
        frame.container.push(statement)
        frame.statement = undefined
      }
    }
  }
  if (stack.length > 1 || frame.statement !== undefined) return undefined
  root.position = pos(0, text.length)
  return root
}
