/**
 * Parses `named.conf` text into a lossless tree. The only module that imports the
 * generated parser (grammars/named.peggy, which is the definition).
 */
import {assertConfigText} from '../../core/document.js'
import {DEFAULT_LIMITS, type ParseOptions} from '../../core/format.js'
import {fromPeggyError, isPeggyError} from '../../core/peggy.js'
import {LineIndex} from '../../core/text.js'
import {parse as generatedParse} from './_generated/parser.js'
import type {NamedRoot} from './types.js'

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
  try {
    return generatedParse(text, {lineIndex: new LineIndex(text), maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH, grammarSource: path})
  } catch (error) {
    if (isPeggyError(error)) throw fromPeggyError(error, path, text)
    throw error
  }
}
