/**
 * Turns the errors of Peggy-generated parsers into {@link ConfigSyntaxError}s.
 */
import {ConfigSyntaxError} from './errors.js'

/** The parts of a Peggy `SyntaxError` the library reads. */
export interface PeggyError {
  message: string
  expected: Array<{type: string; description?: string; text?: string}> | null
  location: {start: {line: number; column: number; offset: number}}
}

/**
 * Whether a thrown value is a Peggy syntax error.
 *
 * @param error what was thrown
 */
export function isPeggyError(error: unknown): error is PeggyError {
  return error instanceof Error && error.name === 'SyntaxError' && 'location' in error && 'expected' in error
}

/**
 * Rewraps a Peggy syntax error with the file, a code frame and the list of what was expected.
 *
 * @param error the Peggy error
 * @param path the file
 * @param text the whole text that was parsed
 */
export function fromPeggyError(error: PeggyError, path: string, text: string): ConfigSyntaxError {
  const expected = (error.expected ?? []).map((e) => e.description ?? e.text ?? e.type)
  const {line, column, offset} = error.location.start
  return new ConfigSyntaxError(error.message.replace(/\.$/, ''), path, {line, column, offset}, text, [...new Set(expected)], {cause: error})
}
