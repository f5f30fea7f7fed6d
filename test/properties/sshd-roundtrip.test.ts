/**
 * Properties of the sshd parser and printer: lossless round trips over generated files and
 * over noise, positions that point at the right bytes, and trees that survive JSON.
 */
import {describe, expect} from 'vitest'
import {fc, test} from '@fast-check/vitest'
import {parse} from '../../src/formats/sshd/parse.js'
import {print} from '../../src/formats/sshd/print.js'
import {argumentValues} from '../../src/formats/sshd/semantics.js'
import {configNoise, documentShape, hardeningDocument, renderDocument} from '../arbitraries/sshd.js'
import {checkPositions, shapeValues, summarizeShape, summarizeTree, treeDirectives} from '../support/sshd-tree.js'
import {parseOrSyntaxError} from '../support/positions.js'

describe('sshd round trip over generated files', () => {
  test.prop([documentShape])('print(parse(x)) === x', (shape) => {
    const text = renderDocument(shape)
    expect(print(parse(text))).toBe(text)
  })

  test.prop([documentShape])('the tree holds the lines that were generated', (shape) => {
    const tree = parse(renderDocument(shape))
    expect(tree.bom).toBe(shape.bom)
    expect(summarizeTree(tree)).toEqual(summarizeShape(shape))
  })

  test.prop([documentShape])('argument values are what sshd reads (argv_split)', (shape) => {
    expect(treeDirectives(parse(renderDocument(shape))).map(argumentValues)).toEqual(shapeValues(shape))
  })

  test.prop([documentShape])('every position covers its own text', (shape) => {
    const text = renderDocument(shape)
    checkPositions(text, parse(text))
  })

  test.prop([fc.oneof(documentShape.map(renderDocument), hardeningDocument)])('the tree survives JSON', (text) => {
    const tree = parse(text)
    const copy = JSON.parse(JSON.stringify(tree)) as typeof tree
    expect(copy).toStrictEqual(tree)
    expect(print(copy)).toBe(text)
  })
})

describe('sshd parser over noise', () => {
  test.prop([configNoise])('round-trips or throws a ConfigSyntaxError inside the text', (text) => {
    const tree = parseOrSyntaxError(text, parse)
    if (tree === undefined) return
    expect(print(tree)).toBe(text)
    checkPositions(text, tree)
    const copy = JSON.parse(JSON.stringify(tree)) as typeof tree
    expect(print(copy)).toBe(text)
  })
})
