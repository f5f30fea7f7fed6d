/**
 * `parse` and `print` for any format, by id.
 */
import {OptionError} from './core/options.js'
import type {ParseOptions} from './core/format.js'
import {formatById, formats} from './formats/index.js'

/**
 * Parses a file of a format into its lossless tree.
 *
 * @param text the file's text
 * @param format the format's id (`sshd`)
 * @param options the file's name (for errors) and the size limit
 */
export function parse(text: string, format: string, options?: ParseOptions): unknown {
  return requireFormat(format).parse(text, options)
}

/**
 * Prints a tree of a format back to text.
 *
 * @param tree the tree
 * @param format the format's id
 */
export function print(tree: unknown, format: string): string {
  return requireFormat(format).print(tree)
}

function requireFormat(id: string) {
  const format = formatById(id)
  if (format === undefined) throw new OptionError('format', id, formats.map((f) => `\`${f.id}\``).join(' | '))
  return format
}
