/**
 * Errors the library throws. Every one names the file it is about and, where it can, the
 * line and column, so that a user can go straight to the problem.
 */
import type {Point} from 'unist'

/** Base class of every error harden-config throws on purpose. */
export class HardenConfigError extends Error {
  /** A stable machine-readable code, such as `ENOENT` or `SYNTAX`. */
  readonly code: string
  /** The file the error is about, as the user named it. */
  readonly file: string | undefined

  /**
   * @param message what went wrong, in one sentence
   * @param code stable code
   * @param file the file it is about
   * @param options standard error options (`cause`)
   */
  constructor(message: string, code: string, file?: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'HardenConfigError'
    this.code = code
    this.file = file
  }
}

/** The input cannot be parsed: the daemon itself would refuse it, or it is not text. */
export class ConfigSyntaxError extends HardenConfigError {
  /** Where the problem is (1-based line and column). */
  readonly point: Point
  /** What was expected there, as short phrases. */
  readonly expected: string[]
  /** The offending line with a caret under the column. */
  readonly frame: string

  /**
   * @param reason what is wrong
   * @param file the file
   * @param point where
   * @param text the whole text, to draw the code frame from
   * @param expected what would have been accepted
   * @param options standard error options (`cause`)
   */
  constructor(reason: string, file: string, point: Point, text: string, expected: string[] = [], options?: ErrorOptions) {
    super(`${file}:${point.line}:${point.column}: ${reason}`, 'SYNTAX', file, options)
    this.name = 'ConfigSyntaxError'
    this.point = point
    this.expected = expected
    this.frame = codeFrame(text, point)
  }
}

/**
 * Draws the line that holds `point` with a caret under its column, as compilers do.
 *
 * @param text the whole text
 * @param point where to point
 */
export function codeFrame(text: string, point: Point): string {
  const lines = text.split(/\r?\n/)
  const line = lines[point.line - 1] ?? ''
  const gutter = String(point.line)
  const shown = line.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
  // The caret must land under the same character after control characters were spelled out.
  const before = line.slice(0, point.column - 1).replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '    ')
  const pad = ' '.repeat(gutter.length)
  return `${pad} |\n${gutter} | ${shown}\n${pad} | ${before.replace(/[^\t]/g, ' ')}^`
}
