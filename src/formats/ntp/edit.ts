/**
 * Edits of ntp.conf files that know the format: where a new line goes (next to the lines
 * of its kind, as an administrator would put it), how words are added to a line without
 * touching the rest of it, and how new text copies the file's own style (the space
 * between words, the indent of its neighbours, the line end).
 *
 * Every helper returns text edits over the original file; none changes a tree.
 */
import type {TextEdit} from '../../core/rule.js'
import {dominantLineEnding} from '../../core/text.js'
import {spells, wordValue} from './lexer.js'
import {readCommand, type NtpConfig, type NtpDocument, type NtpEntry} from './semantics.js'
import type {NtpCommand, NtpLine, NtpWord} from './types.js'

/** The style of a file: what new text copies. */
export interface NtpStyle {
  /** Between words (` `, a tab, two spaces). */
  spacing: string
  /** The line end. */
  eol: '\n' | '\r\n'
}

const styles = new WeakMap<NtpDocument, NtpStyle>()

/**
 * The style most lines of a document use, or that of `fallback` when it has no command.
 *
 * @param doc the document
 * @param fallback a document to copy when `doc` has no command
 */
export function documentStyle(doc: NtpDocument, fallback?: NtpDocument): NtpStyle {
  let style = styles.get(doc)
  if (style === undefined) {
    const counts = new Map<string, number>()
    for (const line of doc.tree.children) {
      if (line.type === 'blank' || line.type === 'comment') continue
      // The space after the keyword says how the author separates words.
      const first = firstArgument(line)
      if (first !== undefined && /^[ \t]+$/.test(first.before)) counts.set(first.before, (counts.get(first.before) ?? 0) + 1)
    }
    if (counts.size === 0 && fallback !== undefined && fallback !== doc) return documentStyle(fallback)
    const spacing = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ' '
    style = {spacing, eol: dominantLineEnding(doc.text.includes('\n') || fallback === undefined ? doc.text : fallback.text)}
    styles.set(doc, style)
  }
  return style
}

function firstArgument(line: NtpCommand): NtpWord | undefined {
  switch (line.type) {
    case 'restrict':
      return line.family ?? line.address
    case 'association':
      return line.family ?? line.address
    case 'system':
      return line.flags[0] ?? line.rest[0]
    case 'include':
      return line.path
    case 'file':
      return line.path
    case 'filegen':
      return line.stat
    case 'tinker':
      return line.options[0]?.name
    case 'directive':
      return line.arguments[0]
  }
}

/**
 * The offset where a line starts (its indent included) and where its line end ends.
 *
 * @param line the line
 */
export function lineBounds(line: NtpLine): {start: number; end: number} {
  const position = line.position!
  const start = position.start.offset! - ('indent' in line ? line.indent.length : 0)
  return {start, end: position.end.offset! + line.eol.length}
}

/**
 * Inserts a line after another one. After a last line without a line end, the line end
 * goes first and the new line then ends as the file did.
 *
 * @param doc the document
 * @param after the line to insert after
 * @param text the new line, without its line end
 */
export function insertLineAfter(doc: NtpDocument, after: NtpLine, text: string): TextEdit {
  const {end} = lineBounds(after)
  const eol = documentStyle(doc).eol
  if (after.eol === '') return {file: doc.path, start: end, end, text: `${eol}${text}`}
  return {file: doc.path, start: end, end, text: `${text}${eol}`}
}

/**
 * Inserts a line before another one.
 *
 * @param doc the document
 * @param before the line to insert before
 * @param text the new line, without its line end
 */
export function insertLineBefore(doc: NtpDocument, before: NtpLine, text: string): TextEdit {
  const {start} = lineBounds(before)
  return {file: doc.path, start, end: start, text: `${text}${documentStyle(doc).eol}`}
}

/**
 * Adds a line at the end of a document (after its byte order mark, when it has nothing else).
 *
 * @param doc the document
 * @param text the new line, without its line end
 * @param fallback a document whose style to copy when `doc` has none
 */
export function appendLine(doc: NtpDocument, text: string, fallback?: NtpDocument): TextEdit {
  const last = doc.tree.children[doc.tree.children.length - 1]
  if (last !== undefined) return insertLineAfter(doc, last, text)
  const start = doc.tree.bom ? 1 : 0
  return {file: doc.path, start, end: start, text: `${text}${documentStyle(doc, fallback).eol}`}
}

/**
 * Adds words after a word of a line (new flags after the last one), each after the
 * spacing the line uses.
 *
 * @param doc the document
 * @param line the line
 * @param after the word to add them after
 * @param words the words
 */
export function insertWordsAfter(doc: NtpDocument, line: NtpCommand, after: NtpWord, words: readonly string[]): TextEdit {
  const spacing = lineSpacing(doc, line)
  // The edit rewrites the word it follows rather than inserting at its end: a new line
  // added after a last line without a line end is an insertion at that same offset, and
  // must come after the words, which edits sorted by their start guarantee.
  const {start, end} = {start: after.position!.start.offset!, end: after.position!.end.offset!}
  return {file: doc.path, start, end, text: after.value + words.map((word) => `${spacing}${word}`).join('')}
}

/** The white space a line puts between its words (the space before its last word, or the file's). */
function lineSpacing(doc: NtpDocument, line: NtpCommand): string {
  const argument = firstArgument(line)
  return argument !== undefined && /^[ \t]+$/.test(argument.before) ? argument.before : documentStyle(doc).spacing
}

/**
 * Replaces a word, keeping the trivia before it.
 *
 * @param doc the document
 * @param word the word
 * @param text its new text
 */
export function replaceWord(doc: NtpDocument, word: NtpWord, text: string): TextEdit {
  const position = word.position!
  return {file: doc.path, start: position.start.offset!, end: position.end.offset!, text}
}

/**
 * Removes a word and the white space before it.
 *
 * @param doc the document
 * @param word the word
 */
export function removeWord(doc: NtpDocument, word: NtpWord): TextEdit {
  const position = word.position!
  return {file: doc.path, start: position.start.offset! - word.before.length, end: position.end.offset!, text: ''}
}

/**
 * Removes a whole line, its line end included. On a last line without a line end, the
 * line end before it goes instead, so that the file keeps ending the way it did.
 *
 * @param doc the document
 * @param line the line
 */
export function removeLine(doc: NtpDocument, line: NtpLine): TextEdit {
  const {start, end} = lineBounds(line)
  if (line.eol === '' && start > 0) {
    const before = doc.text.endsWith('\r\n', start) ? 2 : doc.text[start - 1] === '\n' ? 1 : 0
    return {file: doc.path, start: start - before, end, text: ''}
  }
  return {file: doc.path, start, end, text: ''}
}

/**
 * A new line in a document's style: words joined by its spacing, after an indent.
 *
 * @param doc the document
 * @param words the words
 * @param indent what goes before the first word
 */
export function renderLine(doc: NtpDocument, words: readonly string[], indent = ''): string {
  return `${indent}${words.join(documentStyle(doc).spacing)}`
}

/**
 * The restrict lines the daemon applies, in reading order.
 *
 * @param config the configuration
 */
export function restrictLines(config: NtpConfig): NtpEntry[] {
  return config.entries.filter((entry) => entry.command === entry.line && entry.command.type === 'restrict' && readCommand(entry.command, config.daemon).applies)
}

/**
 * The comment lines right above a line (no blank line between), which belong with it.
 *
 * @param doc the document
 * @param line the line
 */
function commentBlockAbove(doc: NtpDocument, line: NtpLine): NtpLine {
  const children = doc.tree.children
  let index = children.indexOf(line)
  while (index > 0 && children[index - 1]!.type === 'comment') index--
  return children[index]!
}

/**
 * A commented-out example of a command (`#restrict default ...`, `# disable monitor`) in a
 * document, after which an administrator would write the real line.
 *
 * @param doc the document
 * @param pattern what the comment holds after the `#`
 */
function commentedExample(doc: NtpDocument, pattern: RegExp): NtpLine | undefined {
  return doc.tree.children.find((line) => line.type === 'comment' && pattern.test(line.value.replace(/^#+\s*/, '')))
}

/** Where a new line goes, and with which indent. */
export interface Placement {
  doc: NtpDocument
  edit(text: string): TextEdit
  /** The indent of the line it goes beside. */
  indent: string
}

function after(doc: NtpDocument, line: NtpLine): Placement {
  return {doc, indent: 'indent' in line ? line.indent.replace(/[^ \t]/g, '') : '', edit: (text) => insertLineAfter(doc, line, text)}
}

function before(doc: NtpDocument, line: NtpLine, indentOf: NtpLine): Placement {
  return {doc, indent: 'indent' in indentOf ? indentOf.indent.replace(/[^ \t]/g, '') : '', edit: (text) => insertLineBefore(doc, line, text)}
}

function atEnd(doc: NtpDocument): Placement {
  return {doc, indent: '', edit: (text) => appendLine(doc, text)}
}

/**
 * Where a new `restrict default` line goes: after a commented-out example of it in the
 * main file; otherwise before the first restrict line of the file that holds restrict
 * lines (above the comments that introduce it), since an administrator writes the default
 * first and the exceptions after it; otherwise at the end of the main file.
 *
 * @param config the configuration
 */
export function placeDefaultRestrict(config: NtpConfig): Placement {
  const example = commentedExample(config.main, /^restrict\s+(?:-[46]\s+)?default\b/)
  if (example !== undefined) return after(config.main, example)
  const first = restrictLines(config).find((entry) => !entry.dropIn) ?? restrictLines(config)[0]
  if (first !== undefined) return before(first.document, commentBlockAbove(first.document, first.line), first.line)
  return atEnd(config.main)
}

/**
 * Where a new line goes among the restrict lines: after the last of `anchors`; otherwise
 * after a commented-out example of it in the main file; otherwise after the last of
 * `secondary`; otherwise after the last restrict line of the main file (or of any file);
 * otherwise at the end of the main file.
 *
 * @param config the configuration
 * @param anchors lines to go right after, most wanted last
 * @param example a commented-out example to go after
 * @param secondary lines to go after when there is neither anchor nor example
 */
export function placeAfterRestricts(config: NtpConfig, anchors: readonly NtpEntry[], example?: RegExp, secondary: readonly NtpEntry[] = []): Placement {
  const anchor = anchors[anchors.length - 1]
  if (anchor !== undefined) return after(anchor.document, anchor.line)
  if (example !== undefined) {
    const found = commentedExample(config.main, example)
    if (found !== undefined) return after(config.main, found)
  }
  const second = secondary[secondary.length - 1]
  if (second !== undefined) return after(second.document, second.line)
  const lines = restrictLines(config)
  const last = [...lines].reverse().find((entry) => entry.document === config.main) ?? lines[lines.length - 1]
  if (last !== undefined) return after(last.document, last.line)
  return atEnd(config.main)
}

/**
 * The last word of a restrict line that the daemon reads (its last flag before any
 * problem, or its address or mask): where new flags go, so that they are read too.
 *
 * @param line the restrict line
 * @param config the configuration
 */
export function lastReadWord(line: Extract<NtpCommand, {type: 'restrict'}>, config: NtpConfig): NtpWord {
  const reading = readCommand(line, config.daemon)
  const flags = reading.kind === 'restrict' ? reading.flagWords : []
  return flags[flags.length - 1] ?? line.mask ?? line.address ?? line.family ?? line.keyword
}

/**
 * Whether a word of a line spells a keyword (unquoted), for callers that look for one.
 *
 * @param word the word
 * @param keyword the keyword
 */
export function isWord(word: NtpWord | undefined, keyword: string): boolean {
  return word !== undefined && spells(word.value, keyword, word.before)
}

/**
 * The text of a word as ntpd reads it.
 *
 * @param word the word
 */
export function textOf(word: NtpWord): string {
  return wordValue(word.value)
}
