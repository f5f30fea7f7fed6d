/**
 * Position checks every format's property tests share: the line and column of an offset,
 * counted here without the library's LineIndex; whether a unist position covers the text it
 * should; and a parse that either succeeds or fails with a ConfigSyntaxError that points
 * inside the text.
 */
import type {Position} from 'unist'
import {expect} from 'vitest'
import {ConfigSyntaxError} from '../../src/core/errors.js'

/** The 1-based line and column of an offset. */
export function pointOf(text: string, offset: number): {line: number; column: number} {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return {line, column: offset - (before.lastIndexOf('\n') + 1) + 1}
}

/** What is wrong, collected so that a property makes one assertion (expect() is slow). */
export type Problems = string[]

/**
 * Checks that a position covers `expected` and that its lines and columns agree with its
 * offsets.
 *
 * @param problems where to add what is wrong
 * @param text the whole text
 * @param position the node's position
 * @param expected the text it should cover
 * @param what the node, for the message
 */
export function checkPosition(problems: Problems, text: string, position: Position | undefined, expected: string, what: string): void {
  if (position === undefined) {
    problems.push(`${what}: no position`)
    return
  }
  const {start, end} = position
  if (typeof start.offset !== 'number' || typeof end.offset !== 'number') {
    problems.push(`${what}: no offsets`)
    return
  }
  const actual = text.slice(start.offset, end.offset)
  if (actual !== expected) problems.push(`${what}: covers ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`)
  for (const [name, point] of [['start', start], ['end', end]] as const) {
    const computed = pointOf(text, point.offset!)
    if (point.line !== computed.line || point.column !== computed.column) {
      problems.push(`${what}: ${name} is ${point.line}:${point.column}, offset ${point.offset} is ${computed.line}:${computed.column}`)
    }
  }
}

/**
 * Parses a text that may be refused: the tree, or undefined after checking that the error
 * is a ConfigSyntaxError whose point lies inside the text, its line and column those of its
 * offset.
 *
 * @param text the text
 * @param parse the format's parser
 */
export function parseOrSyntaxError<Tree>(text: string, parse: (text: string) => Tree): Tree | undefined {
  try {
    return parse(text)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigSyntaxError)
    const {point} = error as ConfigSyntaxError
    expect(point.offset).toBeGreaterThanOrEqual(0)
    expect(point.offset).toBeLessThanOrEqual(text.length)
    expect({line: point.line, column: point.column}).toEqual(pointOf(text, point.offset!))
    return undefined
  }
}
