/**
 * The line fast path of src/formats/sshd/parse.ts builds the very tree the grammar builds
 * for the whole file, or throws where the grammar throws, at the same place.
 */
import {describe, expect} from 'vitest'
import {fc, test} from '@fast-check/vitest'
import {findBinaryCharacter, LineIndex} from '../../src/core/text.js'
import {parse as grammarParse} from '../../src/formats/sshd/_generated/parser.js'
import {parse} from '../../src/formats/sshd/parse.js'
import {configNoise, documentShape, hardeningDocument, renderDocument} from '../arbitraries/sshd.js'

function viaGrammar(text: string): unknown {
  try {
    return grammarParse(text, {lineIndex: new LineIndex(text)})
  } catch (error) {
    return {error: (error as {location: {start: unknown}}).location.start}
  }
}
function viaParse(text: string): unknown {
  try {
    return parse(text)
  } catch (error) {
    const {line, column, offset} = (error as {point: {line: number; column: number; offset: number}}).point
    return {error: {line, column, offset}}
  }
}
// Lines built from the characters the fast path decides on.
const tricky = fc
  .array(fc.constantFrom(' ', '\t', '=', '#', '"', "'", '\\', '\r', '\f', '\n', '\r\n', 'Match', 'match', '"Match"', 'Port', 'a', '22', 'x y', '\u2028', '\uFEFF'), {maxLength: 24})
  .map((parts) => parts.join(''))

describe('the line fast path agrees with the grammar', () => {
  test.prop([fc.oneof(documentShape.map(renderDocument), hardeningDocument, configNoise, tricky)])('same tree or same error', (text) => {
    fc.pre(findBinaryCharacter(text) === -1)
    expect(viaParse(text)).toStrictEqual(viaGrammar(text))
  })
})
