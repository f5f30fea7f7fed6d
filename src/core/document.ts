/**
 * Reading a configuration file through a host: size limit, lossless decoding, and the
 * checks every parser makes before it starts (binary data, NUL bytes).
 */
import {ConfigSyntaxError, HardenConfigError} from './errors.js'
import type {Limits} from './format.js'
import type {FileHost} from './host.js'
import {decodeBytes, findBinaryCharacter, LineIndex, type TextEncoding} from './text.js'

/** A file's text as read. */
export interface ReadText {
  /** The system path it was read by. */
  path: string
  /** The real file behind any links. */
  realPath: string
  text: string
  encoding: TextEncoding
}

/**
 * Reads a file as text.
 *
 * @param host where to read
 * @param systemPath the file
 * @param limits the size limit
 * @returns its text, or `undefined` when it does not exist
 */
export function readText(host: FileHost, systemPath: string, limits: Pick<Limits, 'maxFileSize'>): ReadText | undefined {
  const stat = host.stat(systemPath)
  if (stat === undefined) return undefined
  if (stat.kind === 'directory') throw new HardenConfigError(`${systemPath} is a directory, not a file`, 'EISDIR', systemPath)
  // A device or a FIFO is no configuration file: /dev/null reads as empty, a FIFO blocks for ever.
  if (stat.kind !== 'file') throw new HardenConfigError(`${systemPath} is not a regular file`, 'EINVAL', systemPath)
  if (stat.size > limits.maxFileSize) {
    throw new HardenConfigError(
      `${systemPath} is ${stat.size} bytes, over the limit of ${limits.maxFileSize} bytes (a configuration file is a few KiB; raise the limit with --max-file-size)`,
      'EFBIG',
      systemPath,
    )
  }
  const bytes = host.readFile(systemPath)
  if (bytes === undefined) return undefined
  const {text, encoding} = decodeBytes(bytes)
  return {path: systemPath, realPath: host.realPath(systemPath), text, encoding}
}

/**
 * Rejects text that is not a configuration file: binary data or NUL bytes (which every
 * daemon here reads as the end of a line, so the file would not mean what it shows), and
 * text over the size limit.
 *
 * @param text the text
 * @param path the file, for the error
 * @param maxSize the largest accepted length
 */
export function assertConfigText(text: string, path: string, maxSize: number): void {
  if (text.length > maxSize) {
    throw new HardenConfigError(`${path} is over the limit of ${maxSize} characters`, 'EFBIG', path)
  }
  const at = findBinaryCharacter(text)
  if (at !== -1) {
    const code = text.charCodeAt(at)
    const what = code === 0 ? 'NUL byte' : `control character 0x${code.toString(16).padStart(2, '0')}`
    throw new ConfigSyntaxError(`Unexpected ${what}: this looks like binary data, not a configuration file`, path, new LineIndex(text).point(at), text, ['text'])
  }
}
