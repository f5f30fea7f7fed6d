/**
 * Properties of the Apache parser and printer: lossless round trips over generated nested
 * files and over noise, trees that hold what was generated (nesting, raw tokens, and the
 * values httpd reads through `wordValue`), positions that point at the right bytes, and trees
 * that survive JSON.
 *
 * Two oracles: the generated shapes (test/arbitraries/apache.ts) carry the values httpd reads,
 * and a model of httpd's reading written from its C code (test/support/httpd-model.ts)
 * checks both those shapes and what the parser makes of noise.
 */
import {describe, expect} from 'vitest'
import {fc, test} from '@fast-check/vitest'
import {parse} from '../../src/formats/apache/parse.js'
import {print} from '../../src/formats/apache/print.js'
import {configNoise, documentShape, hardeningDocument, lineNoise, renderDocument, sectionDepth} from '../arbitraries/apache.js'
import {positionProblems, shapeMeaning, summarizeDocument, summarizeTree, treeDepth, treeMeaning} from '../support/apache-tree.js'
import {readLikeHttpd} from '../support/httpd-model.js'
import {parseOrSyntaxError} from '../support/positions.js'

describe('apache round trip over generated nested files', () => {
  test.prop([documentShape])('print(parse(x)) === x', (shape) => {
    const text = renderDocument(shape)
    expect(print(parse(text))).toBe(text)
  })

  test.prop([documentShape])('the tree holds the lines and sections that were generated', (shape) => {
    const tree = parse(renderDocument(shape))
    expect({bom: tree.bom, children: summarizeTree(tree.children)}).toEqual(summarizeDocument(shape))
    expect(treeDepth(tree.children)).toBe(sectionDepth(shape.children))
  })

  test.prop([documentShape])('names and words mean what httpd reads (wordValue)', (shape) => {
    expect(treeMeaning(parse(renderDocument(shape)).children)).toEqual(shapeMeaning(shape.children))
  })

  test.prop([documentShape])('a model of httpd (test/support/httpd-model.ts) reads the meaning that was generated', (shape) => {
    expect(readLikeHttpd(renderDocument(shape))).toEqual({ok: true, meaning: shapeMeaning(shape.children), known: []})
  })

  test.prop([documentShape])('every position covers its own text', (shape) => {
    const text = renderDocument(shape)
    expect(positionProblems(text, parse(text))).toEqual([])
  })

  test.prop([fc.oneof(documentShape.map(renderDocument), hardeningDocument)])('the tree survives JSON', (text) => {
    const tree = parse(text)
    const copy = JSON.parse(JSON.stringify(tree)) as typeof tree
    expect(copy).toStrictEqual(tree)
    expect(print(copy)).toBe(text)
  })

  test.prop([hardeningDocument])('hardening documents round-trip with exact positions', (text) => {
    expect(positionProblems(text, parse(text))).toEqual([])
  })
})

/** Parses noise: the tree must print back with exact positions, or the error point must be inside the text. */
function checkNoise(text: string): void {
  const tree = parseOrSyntaxError(text, parse)
  if (tree === undefined) return
  expect(positionProblems(text, tree)).toEqual([])
  const copy = JSON.parse(JSON.stringify(tree)) as typeof tree
  expect(print(copy)).toBe(text)
}

/**
 * Parses noise and compares with the model of httpd: where the text holds none of the known
 * divergences (test/regressions/apache.test.ts), the parser refuses what httpd refuses, and
 * what it reads means what httpd reads. A line whose first word is empty (`""`) is skipped
 * by httpd; the tree keeps it as a directive without a name, which nothing reads.
 */
function checkAgainstHttpd(text: string): void {
  const reading = readLikeHttpd(text)
  if (reading.known.length > 0) return
  let tree
  try {
    tree = parse(text)
  } catch (error) {
    expect(reading, `httpd reads ${JSON.stringify(text)}, the parser refuses it: ${(error as Error).message}`).toMatchObject({ok: false})
    return
  }
  expect(reading, `httpd refuses ${JSON.stringify(text)}, the parser reads it`).toMatchObject({ok: true})
  const meaning = treeMeaning(tree.children).filter((entry) => !(Array.isArray(entry) && entry[0] === ''))
  if (reading.ok) expect(meaning).toEqual(reading.meaning)
}

describe('apache parser over noise', () => {
  test.prop([configNoise])('character noise round-trips or throws a ConfigSyntaxError inside the text', checkNoise)
  test.prop([lineNoise])('line noise (tags, quotes, continuations) round-trips or throws a ConfigSyntaxError inside the text', checkNoise)
  test.prop([fc.oneof(configNoise, lineNoise)])('the parser reads noise as httpd does (a model of it), known divergences aside', checkAgainstHttpd)
})
