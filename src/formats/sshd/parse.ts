/**
 * Parses `sshd_config` text into a lossless tree. The only module that imports the
 * generated parser.
 */
import {assertConfigText} from '../../core/document.js'
import {DEFAULT_LIMITS, type ParseOptions} from '../../core/format.js'
import {fromPeggyError, isPeggyError} from '../../core/peggy.js'
import {LineIndex} from '../../core/text.js'
import {parse as generatedParse} from './_generated/parser.js'
import type {SshdRoot} from './types.js'

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
  try {
    return generatedParse(text, {lineIndex: new LineIndex(text), grammarSource: path})
  } catch (error) {
    if (isPeggyError(error)) throw fromPeggyError(error, path, text)
    throw error
  }
}
