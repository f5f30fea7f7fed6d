/**
 * Properties of the ntp parser and printer: lossless round trips over generated files and
 * over noise, the words the parser finds are the ones generated, positions point at the
 * right bytes, and trees survive JSON.
 */
import {describe, expect} from 'vitest'
import {test} from '@fast-check/vitest'
import {parse} from '../../src/formats/ntp/parse.js'
import {print} from '../../src/formats/ntp/print.js'
import {commandWords} from '../../src/formats/ntp/semantics.js'
import type {NtpCommand, NtpLine, NtpRoot} from '../../src/formats/ntp/types.js'
import {configNoise, documentShape, hardeningScenario, renderDocument, type DocumentShape} from '../arbitraries/ntp.js'

/** The lines of a tree as comparable summaries: a command's words with the trivia before each. */
function summarizeTree(tree: NtpRoot): unknown[] {
  return tree.children.map((line) => {
    if (line.type === 'blank') return ['blank', line.value, line.eol]
    if (line.type === 'comment') return ['comment', line.indent, line.value, line.eol]
    return ['command', line.indent, wordsOf(line), line.trailing, line.eol]
  })
}

/** A command's words as `[before, raw]`; a nested command's keyword has its indent before it. */
function wordsOf(command: NtpCommand): Array<[string, string]> {
  const nested = command.type === 'include' ? command.command : undefined
  return commandWords(command).map((word) => [nested !== undefined && word === nested.keyword ? nested.indent : word.before, word.value])
}

function summarizeShape(shape: DocumentShape): unknown[] {
  return shape.lines.map((line) => {
    if (line.type === 'blank') return ['blank', line.value, line.eol]
    if (line.type === 'comment') return ['comment', line.indent, line.value, line.eol]
    return ['command', line.indent, line.words.map((w) => [w.before, w.raw]), line.trailing, line.eol]
  })
}

/** Every position covers the text it stands for; collects what is wrong. */
function positionProblems(text: string, tree: NtpRoot): string[] {
  const problems: string[] = []
  const covers = (what: string, position: NtpLine['position'], expected: string) => {
    const start = position?.start.offset
    const end = position?.end.offset
    if (start === undefined || end === undefined) return void problems.push(`${what}: no position`)
    if (text.slice(start, end) !== expected) problems.push(`${what}: covers ${JSON.stringify(text.slice(start, end))}, expected ${JSON.stringify(expected)}`)
    const before = text.slice(0, start)
    const line = before.split('\n').length
    const column = start - (before.lastIndexOf('\n') + 1) + 1
    if (position!.start.line !== line || position!.start.column !== column) problems.push(`${what}: starts at ${position!.start.line}:${position!.start.column}, offset says ${line}:${column}`)
  }
  for (const line of tree.children) {
    if (line.type === 'blank') covers('blank', line.position, line.value)
    else if (line.type === 'comment') covers('comment', line.position, line.value)
    else {
      const printed = print(line)
      covers(`command ${line.keyword.value}`, line.position, printed.slice(line.indent.length, printed.length - line.eol.length))
      for (const word of commandWords(line)) covers(`word ${word.value}`, word.position, word.value)
    }
  }
  return problems
}

describe('ntp round trip', () => {
  test.prop([documentShape])('print(parse(x)) === x over generated files', (shape) => {
    const text = renderDocument(shape)
    expect(print(parse(text))).toBe(text)
  })

  test.prop([documentShape])('the tree holds the lines and words that were generated', (shape) => {
    const tree = parse(renderDocument(shape))
    expect(tree.bom).toBe(shape.bom)
    expect(summarizeTree(tree)).toEqual(summarizeShape(shape))
  })

  test.prop([documentShape])('every position covers its own text', (shape) => {
    const text = renderDocument(shape)
    expect(positionProblems(text, parse(text))).toEqual([])
  })

  test.prop([configNoise])('print(parse(x)) === x over noise', (text) => {
    const tree = parse(text)
    expect(print(tree)).toBe(text)
    expect(positionProblems(text, tree)).toEqual([])
  })

  test.prop([hardeningScenario])('trees survive JSON and print the same', (scenario) => {
    for (const text of Object.values(scenario.files)) {
      const tree = parse(text)
      expect(print(JSON.parse(JSON.stringify(tree)) as NtpRoot)).toBe(text)
    }
  })
})
