/**
 * Parses ntp.conf text into a lossless tree. The only module that imports the generated
 * parser (grammars/ntp.peggy).
 *
 * The grammar is the definition. Most lines of a real file are blank, a comment, or a
 * command of plain words (ASCII letters, digits and punctuation, separated by spaces or
 * tabs), and building those through Peggy costs a rule call and a regular expression test
 * per character; so such lines are split with one regular expression each and built into
 * the very nodes the grammar builds, by {@link buildCommand}, which follows the grammar's
 * rules for plain words. Every other line (quotes, special characters, `\r`, `\v`, `\f`,
 * characters above U+007F, a byte order mark) is read by the grammar's `Line` rule.
 * test/properties/ntp-fast-path.test.ts checks that both agree.
 *
 * ntpd rejects no file: a line its grammar cannot read is logged (`CONFIG: syntax error`)
 * and skipped, and the rest applies. So the grammar has a tree for every line, and the
 * only input refused here is what is no text file at all (NUL bytes, binary data) or is
 * over the size limit: a {@link ConfigSyntaxError} with the file, line, column and a code
 * frame.
 */
import {assertConfigText} from '../../core/document.js'
import {DEFAULT_LIMITS, type ParseOptions} from '../../core/format.js'
import {fromPeggyError, isPeggyError} from '../../core/peggy.js'
import {LineIndex, lineBounds, type LineBounds} from '../../core/text.js'
import {parse as generatedParse} from './_generated/parser.js'
import {keywords, vocabulary, type OptionValue} from './keywords.js'
import {familyOf, isQuoted, spells, SPECIAL_CHARACTERS, wordValue, type ScanMode} from './lexer.js'
import type {NtpCommand, NtpLine, NtpOption, NtpRoot, NtpWord} from './types.js'

/** The typed command a keyword starts, for the grammar's dispatch. */
export type CommandKind = 'restrict' | 'association' | 'system' | 'include' | 'file' | 'driftfile' | 'filegen' | 'tinker'

const commandKinds = new Map<string, CommandKind>([
  ['restrict', 'restrict'],
  ['unrestrict', 'restrict'],
  ...[...vocabulary.associationKeywords].map((name) => [name, 'association'] as const),
  ['enable', 'system'],
  ['disable', 'system'],
  ['includefile', 'include'],
  ...[...vocabulary.fileKeywords].map((name) => [name, name === 'driftfile' ? 'driftfile' : 'file'] as const),
  ['filegen', 'filegen'],
  ['tinker', 'tinker'],
])

/** A word as the grammar's actions hand it over: its raw text and the trivia before it. */
type WordIn = {value: string; before: string}

/** What the grammar's actions ask about words (see grammars/ntp.peggy). */
export const lexicon = {
  commandKind: (word: WordIn): CommandKind | undefined => (isQuoted(word.value, word.before) ? undefined : commandKinds.get(wordValue(word.value))),
  vocabulary,
  spells: (word: WordIn, keyword: string): boolean => spells(word.value, keyword, word.before),
  spellsOneOf: (word: WordIn, names: readonly string[]): boolean => !isQuoted(word.value, word.before) && names.includes(wordValue(word.value)),
  inSet: (word: WordIn, set: ReadonlySet<string>): boolean => !isQuoted(word.value, word.before) && set.has(wordValue(word.value)),
  familyOf: (word: WordIn, mode: ScanMode): 4 | 6 | undefined => familyOf(word.value, mode, word.before),
  isSpecial: (word: WordIn): boolean => word.value.length === 1 && SPECIAL_CHARACTERS.includes(word.value),
  optionValue: (word: WordIn): OptionValue | undefined => (isQuoted(word.value, word.before) ? undefined : vocabulary.associationOptions.get(wordValue(word.value))),
  followedBy: (word: WordIn) => (isQuoted(word.value, word.before) ? 'token' : (keywords.get(wordValue(word.value))?.followedBy ?? 'token')),
}

/**
 * Parses an ntp.conf file.
 *
 * @param text the file's text
 * @param options the file's name (for errors) and the size limit
 */
export function parse(text: string, options: ParseOptions = {}): NtpRoot {
  const path = options.path ?? '<input>'
  assertConfigText(text, path, options.maxSize ?? DEFAULT_LIMITS.maxFileSize)
  const index = new LineIndex(text)
  try {
    if (text.charCodeAt(0) === 0xfeff) return generatedParse(text, {lineIndex: index, lexicon, grammarSource: path})
    return parseLines(text, index, path)
  } catch (error) {
    if (isPeggyError(error)) throw fromPeggyError(error, path, text)
    throw error
  }
}

/** A line the fast path can read: no quote, special character, `\r`, `\v`, `\f` or character above U+007F. */
const PLAIN_LINE = /^[^"{}(),;|=\r\v\f\x80-\uffff]*$/
const BLANK = /^[ \t]*$/
const COMMENT = /^([ \t]*)(#.*)$/
/** A word (up to white space or `#`) with the white space before it. */
const WORD = /([ \t]*)([^ \t#]+)/y

function parseLines(text: string, index: LineIndex, path: string): NtpRoot {
  const pos = (start: number, end: number) => ({start: index.point(start), end: index.point(end)})
  const children: NtpLine[] = []
  let start = 0
  let lineNumber = 0
  const bounds: LineBounds = {end: 0, eol: '', next: 0}
  while (start < text.length) {
    const {end, eol, next} = lineBounds(text, start, bounds)
    const content = text.slice(start, end)
    let node: NtpLine | undefined
    let m: RegExpExecArray | null
    if (PLAIN_LINE.test(content)) {
      if (BLANK.test(content)) {
        node = {type: 'blank', value: content, eol, position: pos(start, end)}
      } else if ((m = COMMENT.exec(content)) !== null) {
        const at = start + m[1]!.length
        node = {type: 'comment', indent: m[1]!, value: m[2]!, eol, position: pos(at, at + m[2]!.length)}
      } else {
        const words: NtpWord[] = []
        WORD.lastIndex = 0
        let at = 0
        while ((m = WORD.exec(content)) !== null) {
          const wordStart = start + m.index + m[1]!.length
          words.push({type: 'word', value: m[2]!, before: m[1]!, position: pos(wordStart, wordStart + m[2]!.length)})
          at = WORD.lastIndex
        }
        const indent = words[0]!.before
        words[0]!.before = ''
        const command = buildCommand(words[0]!, words.slice(1), pos)
        command.indent = indent
        command.trailing = content.slice(at)
        command.eol = eol
        command.position = pos(command.position!.start.offset!, end)
        node = command
      }
    }
    if (node === undefined) {
      const base = start
      const line = lineNumber
      try {
        node = generatedParse(text.slice(start, next), {startRule: 'Line', lexicon, grammarSource: path, lineIndex: {point: (offset: number) => index.point(base + offset)}})
      } catch (error) {
        if (isPeggyError(error)) {
          error.location.start.offset += base
          error.location.start.line += line
        }
        throw error
      }
    }
    children.push(node)
    start = next
    lineNumber++
  }
  return {type: 'root', bom: false, children, position: pos(0, text.length)}
}

type Pos = (start: number, end: number) => NonNullable<NtpWord['position']>

/** A command without the fields every command line has. */
type CommandBody = {[K in NtpCommand['type']]: Omit<Extract<NtpCommand, {type: K}>, 'indent' | 'keyword' | 'trailing' | 'eol' | 'position' | 'data'>}[NtpCommand['type']]

/**
 * Builds a command from plain words (no quote, no special character), as the grammar's
 * `Command` rule does: the same node types, the same roles, the same positions. The
 * command's indent, trailing text and line end are left empty for the caller.
 *
 * @param keyword the first word
 * @param words the words after it
 * @param pos makes a position from two offsets
 */
export function buildCommand(keyword: NtpWord, words: NtpWord[], pos: Pos): NtpCommand {
  let i = 0
  const value = (word: NtpWord | undefined) => word?.value
  const option = (name: NtpWord, optionValue: NtpWord | undefined): NtpOption => ({
    type: 'option',
    name,
    value: optionValue,
    position: pos(name.position!.start.offset!, (optionValue ?? name).position!.end.offset!),
  })
  const finish = (node: CommandBody, last: NtpWord | NtpOption | NtpCommand | undefined): NtpCommand => {
    const end = last?.position?.end.offset ?? keyword.position!.end.offset!
    const command = node as NtpCommand
    command.indent = ''
    command.keyword = keyword
    command.trailing = ''
    command.eol = ''
    command.position = pos(keyword.position!.start.offset!, end)
    return command
  }
  const rest = (): NtpWord[] => words.slice(i)
  const lastOf = (): NtpWord | undefined => words[words.length - 1]
  switch (lexicon.commandKind(keyword)) {
    case 'restrict': {
      const [first, second, third, fourth] = words
      let family: NtpWord | undefined
      let address: NtpWord | undefined
      let maskKeyword: NtpWord | undefined
      let mask: NtpWord | undefined
      const isFamily = (word: NtpWord | undefined) => word !== undefined && familyOf(word.value, 'token', word.before) !== undefined
      if (isFamily(first) && value(second) === 'default') {
        ;[family, address, i] = [first, second, 2]
      } else if (value(first) === 'default' || value(first) === 'source') {
        ;[address, i] = [first, 1]
      } else if (isFamily(first) && second !== undefined) {
        ;[family, address, i] = [first, second, 2]
      } else if (first !== undefined) {
        ;[address, i] = [first, 1]
        if (value(second) === 'mask' && third !== undefined) [maskKeyword, mask, i] = [second, third, 3]
      }
      void fourth
      const flags: NtpWord[] = []
      while (i < words.length && vocabulary.restrictFlags.has(words[i]!.value)) flags.push(words[i++]!)
      return finish({type: 'restrict', family, address, maskKeyword, mask, flags, rest: rest()}, lastOf())
    }
    case 'association': {
      let family: NtpWord | undefined
      if (words[0] !== undefined && familyOf(words[0].value, 'string', words[0].before) !== undefined) family = words[i++]
      const address = words[i] === undefined ? undefined : words[i++]
      const options: NtpOption[] = []
      while (i < words.length) {
        const kind = vocabulary.associationOptions.get(words[i]!.value)
        if (kind === 'none') {
          options.push(option(words[i]!, undefined))
          i += 1
        } else if (kind !== undefined && i + 1 < words.length) {
          options.push(option(words[i]!, words[i + 1]))
          i += 2
        } else {
          break
        }
      }
      return finish({type: 'association', family, address, options, rest: rest()}, lastOf())
    }
    case 'system': {
      const flags: NtpWord[] = []
      while (i < words.length && vocabulary.systemFlags.has(words[i]!.value)) flags.push(words[i++]!)
      return finish({type: 'system', flags, rest: rest()}, lastOf())
    }
    case 'include': {
      const path = words[0]
      let command: NtpCommand | undefined
      if (words[1] !== undefined) {
        const nestedKeyword = words[1]
        const before = nestedKeyword.before
        command = buildCommand({...nestedKeyword, before: ''}, words.slice(2), pos)
        command.indent = before
      }
      return finish({type: 'include', path, command, rest: []}, command ?? path)
    }
    case 'file':
    case 'driftfile': {
      const path = words[i] === undefined ? undefined : words[i++]
      const threshold = lexicon.commandKind(keyword) === 'driftfile' && path !== undefined && words[i] !== undefined ? words[i++] : undefined
      return finish({type: 'file', path, value: threshold, rest: rest()}, lastOf())
    }
    case 'filegen': {
      const stat = words[0] !== undefined && vocabulary.filegenStats.has(words[0].value) ? words[i++] : undefined
      const options: NtpOption[] = []
      while (i < words.length) {
        const name = words[i]!.value
        if ((name === 'file' || name === 'type') && i + 1 < words.length) {
          options.push(option(words[i]!, words[i + 1]))
          i += 2
        } else if (vocabulary.filegenFlags.has(name)) {
          options.push(option(words[i++]!, undefined))
        } else {
          break
        }
      }
      return finish({type: 'filegen', stat, options, rest: rest()}, lastOf())
    }
    case 'tinker': {
      const options: NtpOption[] = []
      while (i + 1 < words.length && vocabulary.tinkerOptions.has(words[i]!.value)) {
        options.push(option(words[i]!, words[i + 1]))
        i += 2
      }
      return finish({type: 'tinker', options, rest: rest()}, lastOf())
    }
    default:
      return finish({type: 'directive', arguments: words}, lastOf())
  }
}

/**
 * Parses one line on its own (with its line end, if any): what a test or an edit helper
 * uses to read the line it is about to write.
 *
 * @param line the line
 */
export function parseLine(line: string): NtpLine {
  return generatedParse(line, {startRule: 'Line', lineIndex: new LineIndex(line), lexicon})
}
