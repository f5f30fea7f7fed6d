/**
 * Edits of iptables-save files that know the format: where a line starts and ends, where a
 * new rule goes so that it runs where it must, how a policy or an address is changed without
 * touching the rest of its line, and how new lines copy the file's own style (counters
 * before each command when `iptables-save -c` wrote the file, line ends).
 *
 * Every helper returns text edits over the original file; none changes a tree.
 */
import type {TextEdit} from '../../core/rule.js'
import {dominantLineEnding} from '../../core/text.js'
import {lookupOption, unquoteWord} from './option-table.js'
import type {IptablesDocument} from './semantics.js'
import type {IptablesChain, IptablesHeader, IptablesLine, IptablesRule, IptablesTable, IptablesWord} from './types.js'

/** Any line node. */
export type AnyLine = IptablesLine | IptablesHeader

/** The style of a file: what new lines copy. */
export interface IptablesStyle {
  /** The line end. */
  eol: '\n' | '\r\n'
  /** Whether commands start with `[packets:bytes] ` (files saved with `iptables-save -c`). */
  counters: boolean
}

/**
 * The style most lines of a document use.
 *
 * @param doc the document
 */
export function documentStyle(doc: IptablesDocument): IptablesStyle {
  let withCounters = 0
  let without = 0
  for (const child of doc.tree.children) {
    if (child.type !== 'table') continue
    for (const line of child.children) {
      if (line.type !== 'rule') continue
      if (line.counters !== undefined) withCounters++
      else without++
    }
  }
  return {eol: dominantLineEnding(doc.text), counters: withCounters > without}
}

/**
 * Writes a value as a word iptables-restore reads back as the same value: bare when it
 * can be, in double quotes otherwise (with `"` and `\` escaped), as iptables-save quotes
 * comments.
 *
 * @param value the value
 */
export function formatWord(value: string): string {
  if (value !== '' && /^[^\s"\\]+$/.test(value)) return value
  return `"${value.replace(/["\\]/g, '\\$&')}"`
}

/**
 * A command line in a file's style, without its line end: `-A INPUT -i lo -j ACCEPT`, or
 * `[0:0] -A INPUT -i lo -j ACCEPT` in a file saved with counters.
 *
 * @param words the words, already formatted (see {@link formatWord})
 * @param style the file's style
 */
export function renderRule(words: readonly string[], style: IptablesStyle): string {
  return `${style.counters ? '[0:0] ' : ''}${words.join(' ')}`
}

/** The first word of a command line (its `!` when negated), or undefined for counters alone. */
function firstWord(line: IptablesRule): IptablesWord | undefined {
  const first = line.children[0]
  return first === undefined ? undefined : (first.not ?? first.name)
}

/**
 * Where a line starts (its indent included) and where its line end ends.
 *
 * @param line any line node
 */
export function lineBounds(line: AnyLine): {start: number; end: number} {
  const position = line.position!
  let start = position.start.offset!
  let end = position.end.offset!
  switch (line.type) {
    case 'rule': {
      const first = firstWord(line)
      if (line.counters === undefined && first !== undefined) start -= first.before.length
      end += line.trailing.length + line.eol.length
      break
    }
    case 'header':
    case 'chain':
    case 'commit':
      start -= line.indent.length
      end += line.trailing.length + line.eol.length
      break
    case 'comment':
      start -= line.indent.length
      end += line.eol.length
      break
    default:
      end += line.eol.length
  }
  return {start, end}
}

/**
 * Inserts whole lines right after a line.
 *
 * @param doc the document
 * @param after the line
 * @param lines the new lines, without line ends
 * @param style the file's style
 */
export function insertLinesAfter(doc: IptablesDocument, after: AnyLine, lines: readonly string[], style: IptablesStyle): TextEdit {
  const {end} = lineBounds(after)
  const text = lines.map((line) => `${line}${style.eol}`).join('')
  // A last line without a line end gets one; the new lines then end as the file did.
  if (after.eol === '') return {file: doc.path, start: end, end, text: `${style.eol}${text.slice(0, -style.eol.length)}`}
  return {file: doc.path, start: end, end, text}
}

/**
 * Inserts whole lines right before a line.
 *
 * @param doc the document
 * @param before the line
 * @param lines the new lines, without line ends
 * @param style the file's style
 */
export function insertLinesBefore(doc: IptablesDocument, before: AnyLine, lines: readonly string[], style: IptablesStyle): TextEdit {
  const {start} = lineBounds(before)
  return {file: doc.path, start, end: start, text: lines.map((line) => `${line}${style.eol}`).join('')}
}

/**
 * Inserts lines at the end of a file (after a last line that may have no line end).
 *
 * @param doc the document
 * @param lines the new lines, without line ends
 * @param style the file's style
 */
export function appendLines(doc: IptablesDocument, lines: readonly string[], style: IptablesStyle): TextEdit {
  const at = doc.text.length
  const needsEol = at > 0 && !doc.text.endsWith('\n')
  return {file: doc.path, start: at, end: at, text: `${needsEol ? style.eol : ''}${lines.map((line) => `${line}${style.eol}`).join('')}`}
}

/**
 * Replaces a word with new text, keeping the blanks before it.
 *
 * @param doc the document
 * @param word the word
 * @param text the new raw text
 */
export function replaceWord(doc: IptablesDocument, word: IptablesWord, text: string): TextEdit {
  const {start, end} = word.position!
  return {file: doc.path, start: start.offset!, end: end.offset!, text}
}

/**
 * Inserts text right after a word (`-A INPUT` + ` -s 10.0.0.0/8`).
 *
 * @param doc the document
 * @param word the word
 * @param text the text, with its own leading blank
 */
export function insertAfterWord(doc: IptablesDocument, word: IptablesWord, text: string): TextEdit {
  const end = word.position!.end.offset!
  return {file: doc.path, start: end, end, text}
}

/**
 * Removes a whole line, its line end included. On a last line without a line end, the line
 * end before it goes instead, so the file keeps ending the way it did.
 *
 * @param doc the document
 * @param line the line
 */
export function removeLine(doc: IptablesDocument, line: AnyLine): TextEdit {
  const {start, end} = lineBounds(line)
  if (line.eol === '' && start > 0) {
    const before = doc.text.endsWith('\r\n', start) ? 2 : doc.text[start - 1] === '\n' ? 1 : 0
    return {file: doc.path, start: start - before, end, text: ''}
  }
  return {file: doc.path, start, end, text: ''}
}

/**
 * Sets the policy a `:CHAIN POLICY [counters]` line or a `-P CHAIN POLICY` command gives,
 * keeping its counters and everything else on the line.
 *
 * @param doc the document
 * @param line the line that sets the policy
 * @param policy `ACCEPT` or `DROP`
 */
export function setPolicy(doc: IptablesDocument, line: IptablesChain | IptablesRule, policy: string): TextEdit {
  if (line.type === 'chain') return replaceWord(doc, line.policy!, policy)
  const command = line.children.find((child) => child.type === 'command')!
  return replaceWord(doc, command.arguments[1]!, policy)
}

/** Commands that change which rules a chain holds. */
const CHANGES_RULES = new Set(['-A', '-I', '-R', '-D', '-F', '-X', '-E', '-N'])

/**
 * Where a new command that must run after every other command of a chain goes in a table
 * block: after the last line whose command changes the rules of that chain (`-A`, `-I`,
 * `-D`, `-F`, ...), else after the chain declarations, else right after the header.
 *
 * @param table the block
 * @param chain the chain
 */
export function endOfChain(table: IptablesTable, chain: string): AnyLine {
  let last: AnyLine | undefined
  let lastDeclaration: AnyLine | undefined
  for (const line of table.children) {
    if (line.type === 'chain') lastDeclaration = line
    if (line.type !== 'rule') continue
    const command = line.children.find((child) => child.type === 'command')
    if (command === undefined || command.arguments[0] === undefined || command.arguments[0].value !== chain) continue
    // Only commands that change the chain's rules count: `-P` or `-Z` may stand anywhere.
    if (CHANGES_RULES.has(lookupOption(unquoteWord(command.name.value))?.info.canonical ?? '')) last = line
  }
  return last ?? lastDeclaration ?? table.header
}
