/**
 * Reading a configuration file through a host: size limit, lossless decoding, and the
 * checks every parser makes before it starts (binary data, NUL bytes).
 */
import {ConfigSyntaxError, HardenConfigError} from './errors.js'
import type {Limits} from './format.js'
import type {FileHost} from './host.js'
import type {Document} from './rule.js'
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

/** What a format's `load` gives {@link documentReader}. */
export interface DocumentReaderOptions<Tree> {
  /** The format's id: parsed trees are kept per format and text. */
  format: string
  parse(text: string, options: {path: string; maxSize: number}): Tree
  host: FileHost
  limits: Limits
  /** Trees already parsed, by text, kept across the fix passes (`LoadOptions.cache`). */
  cache: Map<string, unknown>
  /**
   * When two names are the same file: the same system path (`path`, the default), or the
   * same real file behind links (`realPath`: Apache's Debian layout links every enabled
   * file to its `*-available` twin).
   */
  sameFile?: 'path' | 'realPath' | undefined
}

/**
 * Reads the files of one configuration, as a format's `load` does: each file once, parsed
 * once per text across fix passes, and no more than `limits.maxFiles` of them.
 *
 * @param options the format, its parser, and where and how to read
 * @returns the documents read so far, in reading order (a format may add the ones it will
 *   create), and `read`, which returns a file's document, or `undefined` when it does not
 *   exist
 */
export function documentReader<Tree>(options: DocumentReaderOptions<Tree>): {documents: Array<Document<Tree>>; read(systemPath: string): Document<Tree> | undefined} {
  const {format, parse, host, limits, cache} = options
  const documents: Array<Document<Tree>> = []
  const read = (systemPath: string): Document<Tree> | undefined => {
    const found = options.sameFile === 'realPath' ? documents.find((doc) => doc.realPath === host.realPath(systemPath)) : documents.find((doc) => doc.path === systemPath)
    if (found) return found
    const text = readText(host, systemPath, limits)
    if (text === undefined) return undefined
    if (documents.length >= limits.maxFiles) throw new HardenConfigError(`The configuration reads more than ${limits.maxFiles} files`, 'ELIMIT', systemPath)
    const key = `${format}\0${text.text}`
    let tree = cache.get(key) as Tree | undefined
    if (tree === undefined) {
      tree = parse(text.text, {path: systemPath, maxSize: limits.maxFileSize})
      cache.set(key, tree)
    }
    const doc: Document<Tree> = {...text, tree, exists: true}
    documents.push(doc)
    return doc
  }
  return {documents, read}
}
