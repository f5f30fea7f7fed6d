/**
 * The line fast path of src/formats/ntp/parse.ts builds the very tree the grammar builds
 * for the whole file.
 */
import {describe, expect} from 'vitest'
import {fc, test} from '@fast-check/vitest'
import {LineIndex} from '../../src/core/text.js'
import {parse as grammarParse} from '../../src/formats/ntp/_generated/parser.js'
import {lexicon, parse} from '../../src/formats/ntp/parse.js'
import {configNoise, documentShape, hardeningScenario, renderDocument} from '../arbitraries/ntp.js'

// Lines built from the words and characters the fast path decides on.
const tricky = fc
  .array(fc.constantFrom(' ', '\t', '#', '"', '\r', '\n', '\r\n', ',', '=', 'restrict', 'default', 'source', 'mask', '-4', '-6', '-4x', 'kod', 'noquery', 'unrestrict', 'server', 'pool', 'minpoll', 'iburst', '4', 'includefile', 'x.conf', 'driftfile', '1e-7', 'filegen', 'loopstats', 'file', 'type', 'day', 'enable', 'disable', 'monitor', 'tinker', 'panic', '0', '10.0.0.0', 'end', '\u00e9'), {maxLength: 24})
  .map((parts) => parts.join(''))

describe('the line fast path agrees with the grammar', () => {
  test.prop([fc.oneof(documentShape.map(renderDocument), hardeningScenario.map((s) => Object.values(s.files).join('')), configNoise, tricky)])('same tree', (text) => {
    expect(parse(text)).toStrictEqual(grammarParse(text, {lineIndex: new LineIndex(text), lexicon}))
  })
})
