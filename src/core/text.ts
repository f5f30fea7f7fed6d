/**
 * Text utilities shared by every format: offsets to unist points, line ends, and the
 * lossless decoding of a file's bytes.
 */
import type {Point} from 'unist'

/**
 * Maps offsets in a text to 1-based line and column numbers (unist points).
 *
 * Columns count UTF-16 code units, as JavaScript strings and LSP positions do.
 */
export class LineIndex {
  /** Offset at which each line starts; `lineStarts[0]` is 0. */
  readonly lineStarts: number[]
  private last = 0

  /**
   * @param text the whole document
   */
  constructor(readonly text: string) {
    const starts = [0]
    let at = text.indexOf('\n')
    while (at !== -1) {
      starts.push(at + 1)
      at = text.indexOf('\n', at + 1)
    }
    this.lineStarts = starts
  }

  /**
   * The 0-based index of the line that holds `offset`.
   *
   * @param offset 0-based offset into the text
   */
  lineOf(offset: number): number {
    const starts = this.lineStarts
    // Offsets are usually asked for in order: try the line of the last answer first.
    let line = this.last
    if (starts[line]! <= offset && (line + 1 >= starts.length || starts[line + 1]! > offset)) return line
    if (line + 1 < starts.length && starts[line + 1]! <= offset && (line + 2 >= starts.length || starts[line + 2]! > offset)) {
      this.last = line + 1
      return line + 1
    }
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (starts[mid]! <= offset) low = mid
      else high = mid - 1
    }
    line = low
    this.last = line
    return line
  }

  /**
   * The unist point of an offset.
   *
   * @param offset 0-based offset into the text
   */
  point(offset: number): Point {
    const line = this.lineOf(offset)
    return {line: line + 1, column: offset - this.lineStarts[line]! + 1, offset}
  }

  /**
   * The offset of a 1-based line and column.
   *
   * @param line 1-based line
   * @param column 1-based column
   */
  offset(line: number, column: number): number {
    const start = this.lineStarts[Math.min(Math.max(line - 1, 0), this.lineStarts.length - 1)]!
    return Math.min(start + column - 1, this.text.length)
  }

  /** Number of lines (a final line without text after the last line end counts). */
  get lineCount(): number {
    return this.lineStarts.length
  }
}

/** A line end as it appears in a file. */
export type LineEnding = '\n' | '\r\n'

/** Where a line ends: the end of its text, its line ending (none on a last line without one), and where the next line starts. */
export interface LineBounds {
  end: number
  eol: LineEnding | ''
  next: number
}

/**
 * Where the line that starts at `start` ends. The parsers' line loops call it once a line
 * with the same `out`, so that reading a line allocates nothing for its bounds.
 *
 * @param text the whole text
 * @param start where the line starts
 * @param out where to write the bounds (returned)
 */
export function lineBounds(text: string, start: number, out: LineBounds): LineBounds {
  const newline = text.indexOf('\n', start)
  if (newline === -1) {
    out.end = text.length
    out.eol = ''
    out.next = text.length
  } else {
    const crlf = newline > start && text.charCodeAt(newline - 1) === 13
    out.end = crlf ? newline - 1 : newline
    out.eol = crlf ? '\r\n' : '\n'
    out.next = newline + 1
  }
  return out
}

/**
 * The line ending most lines of a text use (LF when there is none, or on a tie).
 *
 * @param text the document
 */
export function dominantLineEnding(text: string): LineEnding {
  let lf = 0
  let crlf = 0
  let at = text.indexOf('\n')
  while (at !== -1) {
    if (at > 0 && text.charCodeAt(at - 1) === 13) crlf++
    else lf++
    at = text.indexOf('\n', at + 1)
  }
  return crlf > lf ? '\r\n' : '\n'
}

/** How a file's bytes were turned into text, so that they can be turned back unchanged. */
export type TextEncoding = 'utf8' | 'latin1'

/** A file's bytes as text. */
export interface DecodedText {
  /** The text. */
  text: string
  /** `latin1` when the bytes are not valid UTF-8: every byte is then kept as one character. */
  encoding: TextEncoding
}

const utf8 = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true})

/**
 * Decodes a file's bytes without losing any: valid UTF-8 is read as UTF-8, anything else
 * as Latin-1 (one character per byte), so that `encodeText(decodeBytes(b)) === b`.
 *
 * @param bytes the file's content
 */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  try {
    return {text: utf8.decode(bytes), encoding: 'utf8'}
  } catch {
    return {text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), encoding: 'latin1'}
  }
}

/**
 * Encodes text back into the bytes it came from.
 *
 * @param text the text
 * @param encoding the encoding it was decoded with
 */
export function encodeText(text: string, encoding: TextEncoding): Buffer {
  return Buffer.from(text, encoding)
}

/**
 * The first character that marks the text as binary data rather than a configuration
 * file: NUL, or a C0 control character other than tab, line feed, vertical tab, form feed,
 * carriage return and escape; or DEL.
 *
 * @param text the document
 * @returns its offset, or -1
 */
export function findBinaryCharacter(text: string): number {
  // eslint-disable-next-line no-control-regex
  const match = /[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]/.exec(text)
  return match ? match.index : -1
}
