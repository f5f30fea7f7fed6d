/**
 * The fast path of the named parser (one sticky regular expression, src/formats/named/parse.ts)
 * builds the very tree the grammar builds, and refuses what the grammar refuses.
 */
import {describe, expect} from 'vitest'
import {fc, test} from '@fast-check/vitest'
import {parse, parseWithGrammar} from '../../src/formats/named/parse.js'
import {namedDocument, namedNoise} from '../arbitraries/named.js'

function outcome(read: () => unknown): unknown {
  try {
    return {tree: read()}
  } catch (error) {
    return {error: (error as Error).message}
  }
}

describe('named parser fast path', () => {
  test.prop([fc.oneof(namedDocument.map((d) => d.text), namedNoise)])('gives the tree of the grammar, or its error', (text) => {
    expect(outcome(() => parse(text))).toEqual(outcome(() => parseWithGrammar(text)))
  })

  test.prop([namedDocument])('keeps the grammar\'s key order (JSON is the same)', ({text}) => {
    expect(JSON.stringify(parse(text))).toBe(JSON.stringify(parseWithGrammar(text)))
  })
})
