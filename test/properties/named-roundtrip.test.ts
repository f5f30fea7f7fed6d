/**
 * Properties of the named parser and printer: lossless round trips over generated
 * documents (nested blocks, every comment style, strings with escapes, CRLF, a BOM) and over
 * noise, trees that hold the statements that were generated, positions that cover their
 * own text, and trees that survive JSON.
 */
import {describe, expect} from 'vitest'
import {fc, test} from '@fast-check/vitest'
import {parse} from '../../src/formats/named/parse.js'
import {print} from '../../src/formats/named/print.js'
import {statementsOf, termsOf} from '../../src/formats/named/semantics.js'
import type {NamedNode, NamedStatement} from '../../src/formats/named/types.js'
import {namedDocument, namedNoise, type StatementShape, type TermShape} from '../arbitraries/named.js'
import {parseOrSyntaxError} from '../support/positions.js'

/** The shape the parser found: the kinds of terms of every statement, nested. */
function shapeOf(statement: NamedStatement): StatementShape {
  return {
    terms: termsOf(statement).map((term): TermShape => (term.type === 'block' ? {kind: 'block', statements: statementsOf(term).map(shapeOf)} : {kind: term.type})),
  }
}

/** Every node with a position covers exactly the text it prints. */
function checkPositions(text: string, node: NamedNode): void {
  if (node.position !== undefined && node.type !== 'root') {
    const {start, end} = node.position
    expect(text.slice(start.offset!, end.offset!), node.type).toBe(print(node))
    const before = text.slice(0, start.offset!)
    expect(start.line, 'line').toBe(before.split('\n').length)
    expect(start.column, 'column').toBe(start.offset! - (before.lastIndexOf('\n') + 1) + 1)
  }
  if ('children' in node) for (const child of node.children) checkPositions(text, child)
}

describe('named round trip over generated documents', () => {
  test.prop([namedDocument])('print(parse(x)) === x', ({text}) => {
    expect(print(parse(text))).toBe(text)
  })

  test.prop([namedDocument])('the tree holds the statements that were generated', ({text, bom, statements}) => {
    const tree = parse(text)
    expect(tree.bom).toBe(bom)
    expect(statementsOf(tree).map(shapeOf)).toEqual(statements)
  })

  test.prop([namedDocument])('every position covers its own text', ({text}) => {
    checkPositions(text, parse(text))
  })

  test.prop([namedDocument])('the tree survives JSON', ({text}) => {
    const tree = parse(text)
    const copy = JSON.parse(JSON.stringify(tree)) as typeof tree
    expect(copy).toStrictEqual(tree)
    expect(print(copy)).toBe(text)
  })
})

describe('named parser over noise', () => {
  test.prop([fc.oneof(namedNoise, namedDocument.map((d) => d.text))])('round-trips or throws a ConfigSyntaxError inside the text', (text) => {
    const tree = parseOrSyntaxError(text, parse)
    if (tree === undefined) return
    expect(print(tree)).toBe(text)
    checkPositions(text, tree)
  })
})
