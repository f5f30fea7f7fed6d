/**
 * Parses Apache httpd configuration text into a lossless tree. The only module that
 * imports the generated parser.
 */
import {assertConfigText} from '../../core/document.js'
import {DEFAULT_LIMITS, type ParseOptions} from '../../core/format.js'
import {fromPeggyError, isPeggyError} from '../../core/peggy.js'
import {LineIndex} from '../../core/text.js'
import {parse as generatedParse} from './_generated/parser.js'
import type {ApacheContent, ApacheRoot} from './types.js'

/** How deep sections may nest before the input is taken for hostile (httpd has no limit). */
export const MAX_SECTION_DEPTH = 64

/**
 * Parses an httpd configuration file.
 *
 * Input httpd rejects and that has no sensible tree throws a {@link ConfigSyntaxError} with
 * the file, line, column and a code frame: a section that is not closed, a closing tag that
 * does not match its opening one (the message names both), an opening tag without `>`.
 *
 * @param text the file's text
 * @param options the file's name (for errors) and the size limit
 */
export function parse(text: string, options: ParseOptions = {}): ApacheRoot {
  const path = options.path ?? '<input>'
  assertConfigText(text, path, options.maxSize ?? DEFAULT_LIMITS.maxFileSize)
  let tree: ApacheRoot
  try {
    tree = generatedParse(text, {lineIndex: new LineIndex(text), grammarSource: path})
  } catch (error) {
    if (isPeggyError(error)) throw fromPeggyError(error, path, text)
    throw error
  }
  checkDepth(tree.children, 1, path, text)
  return tree
}

function checkDepth(children: readonly ApacheContent[], depth: number, path: string, text: string): void {
  for (const child of children) {
    if (child.type !== 'section') continue
    if (depth > MAX_SECTION_DEPTH) {
      throw fromPeggyError(
        {message: `Unexpected section nested more than ${MAX_SECTION_DEPTH} deep`, expected: null, location: {start: child.position!.start as {line: number; column: number; offset: number}}},
        path,
        text,
      )
    }
    checkDepth(child.children, depth + 1, path, text)
  }
}
